"""``groupcheck report PATH... --output FILE``: the 督导意见书 an inspector signs.

Runs the same check as ``validate`` over every path (so cross-group rules see the whole run),
then writes the report of the chosen groups, in Chinese by default, as HTML, PDF or Word
(docx). Everything that can be wrong with the command line (a format or suffix it cannot
write, a date, ``--detail``, an output folder that is not there) is said before any work, in
the report's language, with exit 2.

Exit codes (issue 16 changed them: a written report is a success): 0 when the report is
written, whatever it finds; with ``--fail-on-findings``, 1 when a problem stands in what the
report shows (as ``validate``); 2 for a usage error, including a PDF printer that cannot run on
this machine (the message names what to install), or a rule that raised (GC000).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from collections import Counter
from typing import Annotated, NoReturn

import typer

from groupcheck.cli.common import (
    CONFIG,
    FALLBACK_RULES,
    RULES,
    VERBOSE,
    check_outputs,
    report_crashes,
    require_extra,
    usage_error,
    write_stdout,
)
from groupcheck.cli.root import app
from groupcheck.errors import USAGE_ERROR
from groupcheck.escaping import terminal, workflow_safe
from groupcheck.messages import Lang, text
from groupcheck.output import write_atomic

REPORT_FORMATS = ("html", "pdf", "docx")
SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}
DETAILS = ("summary", "full")
DOCX_MODULE = "groupcheck.reporters.docx"


@app.command()
def report(
    paths: Annotated[list[str], typer.Argument(help="Folders (searched recursively) and files.")],
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="The file to write (atomically); '-' for stdout."),
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="html, pdf or docx (default: from --output's suffix, .html/.htm, .pdf, .docx; "
            "any other suffix is a usage error; so is a suffix naming another format).",
        ),
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option("--group", "-g", help="Report only this group id (repeatable)."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="检查基准日: judge as of YYYY-MM-DD (default: today)."),
    ] = None,
    rules: Annotated[str | None, RULES] = None,
    fallback_rules: Annotated[str | None, FALLBACK_RULES] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="zh or en (default: zh, for reports).")
    ] = None,
    authority: Annotated[
        str | None,
        typer.Option("--authority", help="督导单位, the inspecting body (default: a blank line)."),
    ] = None,
    number: Annotated[
        str | None,
        typer.Option("--number", help="The report's number, e.g. 泰山督〔2026〕3号."),
    ] = None,
    inspector: Annotated[
        list[str] | None,
        typer.Option(
            "--inspector",
            help="督导组: an inspector's name (repeatable; the first named is the 组长), "
            "printed in the particulars and above the signature lines.",
        ),
    ] = None,
    inspection_dates: Annotated[
        str | None,
        typer.Option(
            "--inspection-dates", help="When the inspection took place, as written (free text)."
        ),
    ] = None,
    rectify_by: Annotated[
        str | None,
        typer.Option("--rectify-by", help="整改期限: rectify by YYYY-MM-DD (default: blank)."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="The title (default: 集团化办学督导意见书).")
    ] = None,
    detail: Annotated[
        str,
        typer.Option(
            "--detail",
            help="summary: the annex shows each failing group's failed rules with their "
            "evidence and a passing group's key figures; full: every rule and table.",
        ),
    ] = "summary",
    fail_on_findings: Annotated[
        bool,
        typer.Option(
            "--fail-on-findings",
            help="Exit 1 when a problem stands in the groups reported (default: exit 0 once "
            "the report is written).",
        ),
    ] = False,
    config_file: Annotated[str | None, CONFIG] = None,
    verbose: Annotated[bool, VERBOSE] = False,
) -> None:
    """Write the 督导意见书 (inspection report: HTML, PDF or Word; Chinese by default) of the
    groups under PATHS."""
    said: Lang = "en" if lang == "en" else "zh"  # the language of the usage errors
    if lang is not None and lang not in ("en", "zh"):
        _usage(said, "ui.report.bad_lang", value=lang)
    chosen_format = _format_of(format, output, said)
    if detail not in DETAILS:
        _usage(said, "ui.report.bad_detail", details=", ".join(DETAILS), value=detail)
    day = _date("--as-of", as_of, said) if as_of is not None else None
    deadline = _date("--rectify-by", rectify_by, said) if rectify_by is not None else None
    for path in paths:
        if not os.path.lexists(path):
            _usage(said, "ui.report.path_not_found", path=path)
    _check_folder(output, said)
    require_extra("report", "groupcheck report", said)
    import groupcheck
    from groupcheck import config
    from groupcheck.reporters import inspection

    flags = config.Flags(
        paths=tuple(paths),
        as_of=day,
        rules=rules,
        fallback_rules=fallback_rules,
        lang=said if lang is not None else None,
        config=config_file,
        verbose=verbose,
    )
    # One process: the printed pages read whole charters, which a parallel run trims.
    settings = config.resolve(flags, lang="zh")
    check_outputs(settings, [("--output", output)], config_file)
    result = groupcheck.run(settings)
    report_crashes(result, settings)
    known = [g.id for g in result.report.groups]
    unknown = [g for g in group or [] if g not in known]
    if unknown:
        _usage(
            settings.lang,
            "ui.report.unknown_group",
            groups=", ".join(unknown),
            paths=" ".join(paths),
            known=", ".join(known) or "–",
        )
    options = inspection.InspectionOptions(
        authority=authority,
        number=number,
        inspectors=tuple(inspector or ()),
        inspection_dates=inspection_dates,
        rectify_by=deadline,
        title=title,
        detail="full" if detail == "full" else "summary",
        groups=tuple(group or ()),
    )
    model = inspection.build(result, options, settings.lang)
    data: str | bytes
    pages: int | None = None
    if chosen_format == "pdf":
        from groupcheck.progress import PrintBar
        from groupcheck.reporters import html, pdf

        with PrintBar(settings.lang) as bar:  # on a terminal only
            printed = pdf.print_html(
                html.render_model(model),
                lambda missing: typer.echo(
                    "groupcheck: warning: "
                    + text(
                        "ui.pdf_missing_glyphs",
                        settings.lang,
                        characters=pdf.describe_characters(missing[:12]),
                    ),
                    err=True,
                ),
                on_progress=bar.update,
            )
        data, pages = printed.data, printed.pages
    elif chosen_format == "docx":
        # --format docx: the Word reporter (groupcheck.reporters.docx) renders the same model.
        import importlib

        docx = importlib.import_module(DOCX_MODULE)
        data = docx.render_bytes(model)
    else:
        from groupcheck.reporters import html

        data = html.render_model(model)
    _write(data, output)
    # The report's own counts (总体情况): a group whose file could not be read is 无法核查.
    states = Counter(row.verdict.state for row in model.overview.groups)
    unverifiable = states["unverifiable"]
    typer.echo(
        text(
            "ui.report.written",
            settings.lang,
            output=terminal(output) if output != "-" else text("ui.report.written_stdout", said),
            pages=text("ui.report.written_pages", settings.lang, pages=pages) if pages else "",
            groups=len(model.overview.groups),
            failed=states["fail"],
            unverifiable=text(
                "ui.report.written_unverifiable", settings.lang, unverifiable=unverifiable
            )
            if unverifiable
            else "",
        ),
        err=True,
    )
    if result.report.crashed():
        raise typer.Exit(USAGE_ERROR)
    if fail_on_findings:
        chosen = [g for g in result.report.groups if g.id in (group or ())]
        stands = any(g.status == "fail" for g in chosen) if group else result.report.failed()
        raise typer.Exit(1 if stands else 0)
    raise typer.Exit(0)


def _usage(lang: Lang, key: str, **args: object) -> NoReturn:
    usage_error(text(key, lang, **args))


def _format_of(format: str | None, output: str, lang: Lang) -> str:
    """The format asked for, or the output's suffix says; anything else is a usage error
    (``--output audit.docx`` once wrote HTML into a .docx)."""
    if format is not None:
        if format not in REPORT_FORMATS:
            _usage(lang, "ui.report.bad_format", formats=", ".join(REPORT_FORMATS), value=format)
        chosen = format
        named = SUFFIXES.get(os.path.splitext(output)[1].lower()) if output != "-" else None
        if named is not None and named != chosen:  # -o x.pdf --format docx wrote Word as .pdf
            _usage(lang, "ui.report.format_suffix", output=output, format=chosen, named=named)
    elif output == "-":
        chosen = "html"
    else:
        suffix = os.path.splitext(output)[1].lower()
        if suffix not in SUFFIXES:
            _usage(lang, "ui.report.bad_suffix", output=output, suffixes=", ".join(SUFFIXES))
        chosen = SUFFIXES[suffix]
    if chosen == "docx" and importlib.util.find_spec(DOCX_MODULE) is None:
        _usage(lang, "ui.report.docx_unavailable")
    return chosen


def _date(option: str, value: str, lang: Lang) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _usage(lang, "ui.report.bad_date", option=option, value=value)


def _check_folder(output: str, lang: Lang) -> None:
    """The output's folder exists and can be written, checked before the run (a missing
    folder was once found only after a whole PDF had been rendered)."""
    if output == "-":
        return
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        _usage(lang, "ui.report.no_folder", output=output, folder=folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        _usage(lang, "ui.report.not_writable", output=output, folder=folder)


def _write(data: str | bytes, output: str) -> None:
    if output == "-":
        if isinstance(data, str):
            data = workflow_safe(data).encode("utf-8", "backslashreplace")
        write_stdout(data)
        return
    write_atomic(output, data)

"""``groupcheck report PATH... --format html|pdf --output FILE``: the audit printout.

Runs the same check as ``validate`` over every path (so cross-group rules see the whole run),
then writes the report of the chosen groups in Chinese by default. Exit codes as ``validate``:
0 when no error-severity finding stands in what the report shows (with ``--group``, those
groups), 1 when one does (the report is written in both cases), 2 for a usage error,
including a PDF printer that cannot run on this machine (the message names what to install).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from groupcheck.cli import app
from groupcheck.cli.common import (
    CONFIG,
    VERBOSE,
    parse_as_of,
    parse_lang,
    report_crashes,
    require_extra,
    silence_stdout,
    usage_error,
)
from groupcheck.errors import USAGE_ERROR
from groupcheck.output import write_atomic

REPORT_FORMATS = ("html", "pdf")


@app.command()
def report(
    paths: Annotated[list[str], typer.Argument(help="Folders (searched recursively) and files.")],
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="The file to write (atomically); '-' for stdout."),
    ],
    format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="html or pdf (default: from --output's suffix)."),
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option("--group", "-g", help="Report only this group id (repeatable)."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Judge as of YYYY-MM-DD (default: today).")
    ] = None,
    rules: Annotated[
        str | None, typer.Option("--rules", help="A policy pack (YAML) to apply.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="zh or en (default: zh, for reports).")
    ] = None,
    inspector: Annotated[
        str | None,
        typer.Option("--inspector", help="The inspector's name, printed above the signature."),
    ] = None,
    config_file: Annotated[str | None, CONFIG] = None,
    verbose: Annotated[bool, VERBOSE] = False,
) -> None:
    """Write an audit report (HTML or PDF, Chinese by default) of the groups under PATHS."""
    require_extra("report", "groupcheck report", parse_lang(lang or "zh"))
    import groupcheck
    from groupcheck import config
    from groupcheck.messages import text
    from groupcheck.reporters import html

    chosen_format = format or ("pdf" if output.lower().endswith(".pdf") else "html")
    if chosen_format not in REPORT_FORMATS:
        usage_error(f"--format must be one of {', '.join(REPORT_FORMATS)}, not {format!r}")
    flags = config.Flags(
        paths=tuple(paths),
        as_of=parse_as_of(as_of) if as_of is not None else None,
        rules=rules,
        lang=parse_lang(lang) if lang is not None else None,
        config=config_file,
        verbose=verbose,
    )
    # One process: the printed pages read whole charters, which a parallel run trims.
    settings = config.resolve(flags, lang="zh")
    result = groupcheck.run(settings)
    report_crashes(result, settings)
    known = [g.id for g in result.report.groups]
    unknown = [g for g in group or [] if g not in known]
    if unknown:
        usage_error(
            f"--group {', '.join(unknown)}: no such group under {' '.join(paths)} "
            f"(found: {', '.join(known) or 'none'})"
        )
    chosen = group or None
    data: str | bytes
    if chosen_format == "pdf":
        from groupcheck.reporters import pdf

        data = pdf.render_bytes(
            result,
            lambda missing: typer.echo(
                "groupcheck: warning: "
                + text(
                    "ui.pdf_missing_glyphs",
                    settings.lang,
                    characters=pdf.describe_characters(missing[:12]),
                ),
                err=True,
            ),
            lang=settings.lang,
            inspector=inspector,
            groups=chosen,
        )
    else:
        data = html.render(result, lang=settings.lang, inspector=inspector, groups=chosen)
    _write(data, output)
    if result.report.crashed():
        raise typer.Exit(USAGE_ERROR)
    if group:
        failed = any(g.status == "fail" for g in result.report.groups if g.id in group)
    else:
        failed = result.report.failed()
    raise typer.Exit(1 if failed else 0)


def _write(data: str | bytes, output: str) -> None:
    if output == "-":
        payload = data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # ``groupcheck report ... -o - | head``: the reader left
            silence_stdout()
            usage_error("standard output was closed before the report was all written")
        except OSError as exc:
            silence_stdout()
            usage_error(f"cannot write to standard output: {exc.strerror or exc}")
        return
    write_atomic(output, data)

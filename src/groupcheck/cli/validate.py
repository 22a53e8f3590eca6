"""``groupcheck validate [PATH...]``: load, check, report in one or several formats.

The command line is parsed into ``Settings`` first (``config.resolve``: flags over the config
file over the defaults), then the run happens, then each ``--format F --output FILE`` pair is
rendered. Exit codes: 0 nothing at or above ``--fail-on`` stands, 1 something does, 2 a usage
error (a bad flag, config file, pack, baseline or path).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from typing import TYPE_CHECKING, Annotated

import typer

from groupcheck.cli import app
from groupcheck.cli.common import (
    VERBOSE,
    check_jobs,
    emit,
    parse_as_of,
    report_crashes,
    stdout_is_terminal,
    usage_error,
)
from groupcheck.discovery import group_folder_of
from groupcheck.settings import Settings

if TYPE_CHECKING:  # the engine and pydantic load when the command runs, not at start-up
    from groupcheck.engine import RunResult

Paths = Annotated[
    list[str] | None,
    typer.Argument(help="Folders (searched recursively) and files (default: the config's, or .)."),
]


@app.command()
def validate(
    paths: Paths = None,
    format: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help="table, json, sarif, junit, github, gitlab, markdown or parsable; repeat it, "
            "each with its --output, to write several in one run.",
        ),
    ] = None,
    output: Annotated[
        list[str] | None,
        typer.Option(
            "--output", "-o", help="Where the format before it goes, atomically ('-': stdout)."
        ),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Judge as of YYYY-MM-DD (default: today).")
    ] = None,
    rules: Annotated[
        str | None, typer.Option("--rules", help="A policy pack (YAML) to apply.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="en or zh (default: from the locale).")
    ] = None,
    no_waivers: Annotated[
        bool, typer.Option("--no-waivers", help="Ignore every waiver (inspector mode).")
    ] = False,
    config_file: Annotated[
        str | None,
        typer.Option(
            "--config",
            help="A config file (default: groupcheck.toml or pyproject.toml [tool.groupcheck], "
            "found from here upward).",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only these rule ids or prefixes (GC2, GC201); repeatable."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Not these rule ids or prefixes; repeatable."),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help="error (default), warning or never: what makes exit 1."),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when findings stand.")
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="A count of findings per rule on stdout.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the summary line (and the exit code).")
    ] = False,
    show_settings: Annotated[
        bool,
        typer.Option("--show-settings", help="Print the merged settings and their sources; exit."),
    ] = False,
    show_files: Annotated[
        bool,
        typer.Option("--show-files", help="Print the groups and files a run would read; exit."),
    ] = False,
    baseline_file: Annotated[
        str | None,
        typer.Option("--baseline", help="Findings recorded in this file are known, not failing."),
    ] = None,
    write_baseline: Annotated[
        str | None,
        typer.Option("--write-baseline", help="Record today's findings in this file; exit 0."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Processes to check with (default: the CPU count)."),
    ] = None,
    no_progress: Annotated[
        bool, typer.Option("--no-progress", help="No progress bar on stderr.")
    ] = False,
    verbose: Annotated[bool, VERBOSE] = False,
) -> None:
    """Check every group under PATHS and report; exit 1 when a finding at --fail-on stands."""
    import groupcheck
    from groupcheck import config, parallel, progress

    check_jobs(jobs)
    flags = config.Flags(
        paths=tuple(paths or ()),
        formats=tuple(format or ()),
        outputs=tuple(output or ()),
        as_of=parse_as_of(as_of) if as_of is not None else None,
        rules=rules,
        lang=lang,
        no_waivers=no_waivers,
        select=tuple(select or ()),
        ignore=tuple(ignore or ()),
        fail_on=fail_on,
        exit_zero=exit_zero,
        baseline=baseline_file,
        statistics=statistics,
        quiet=quiet,
        config=config_file,
        jobs=jobs or parallel.default_jobs(),
        verbose=verbose,
    )
    settings = config.resolve(flags)
    if show_settings:
        emit(config.show(settings), None)
        raise typer.Exit(0)
    if show_files:
        emit(_files(settings), None)
        raise typer.Exit(0)
    if not settings.quiet:
        _note_files_not_read(settings)
    bar = progress.Bar() if not no_progress and progress.wanted() else None
    with bar if bar is not None else contextlib.nullcontext():
        result = groupcheck.run(settings, bar)
    report_crashes(result, settings)
    if write_baseline is not None:
        _write_baseline(result, write_baseline, settings)
    _report(result, settings)
    if write_baseline is not None and not result.report.crashed():
        raise typer.Exit(0)
    raise typer.Exit(settings.exit_code(result.report))


def _report(result: RunResult, settings: Settings) -> None:
    """Every ``--format``/``--output`` pair, then what goes to the terminal and the summary."""
    from groupcheck import reporters
    from groupcheck.messages import text

    stdout: str | None = None
    stdout_format: str | None = None
    for wanted in settings.outputs:
        to_terminal = wanted.file is None and stdout_is_terminal()
        width = shutil.get_terminal_size((120, 24)).columns if to_terminal else 120
        rendered = reporters.render(
            wanted.format, result, lang=settings.lang, color=to_terminal, width=width
        )
        if wanted.file is None:
            stdout, stdout_format = rendered, wanted.format
        else:
            emit(rendered, wanted.file)
    formats = {o.format for o in settings.outputs}
    annotate = (
        settings.github_annotations
        and not settings.quiet
        and "github" not in formats
        and stdout_format not in reporters.MACHINE_FORMATS
    )
    if settings.quiet:
        summary = result.report.summary
        stdout = (
            text(
                "ui.summary",
                settings.lang,
                groups=summary.groups,
                files=summary.files,
                errors=summary.errors,
                warnings=summary.warnings,
                waived=summary.waived,
            )
            + "\n"
        )
    elif settings.statistics:
        from groupcheck.reporters import parsable

        stdout = (
            parsable.statistics_json(result)
            if stdout_format == "json"
            else parsable.statistics(result, lang=settings.lang)
        )
    if annotate:
        stdout = (stdout or "") + reporters.render("github", result, lang=settings.lang)
    if stdout is not None:
        emit(stdout, None)
    if "github" in formats or annotate:
        _append_step_summary(result, settings)


def _append_step_summary(result: RunResult, settings: Settings) -> None:
    """Append the Markdown report to ``$GITHUB_STEP_SUMMARY`` (other steps write there too)."""
    from groupcheck.output import OutputError, write_atomic
    from groupcheck.reporters import github

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, encoding="utf-8", errors="replace") as stream:
            before = stream.read()
    except FileNotFoundError:
        before = ""
    except OSError as exc:
        usage_error(f"GITHUB_STEP_SUMMARY: cannot read {target}: {exc.strerror or exc}")
    separator = "\n" if before and not before.endswith("\n") else ""
    try:
        write_atomic(target, before + separator + github.summary(result, lang=settings.lang))
    except OutputError as exc:
        usage_error(f"GITHUB_STEP_SUMMARY: {exc}")


def _write_baseline(result: RunResult, path: str, settings: Settings) -> None:
    from groupcheck import baseline
    from groupcheck.messages import text

    emit(baseline.render(result), path)
    count = sum(1 for f in result.report.findings if not f.waived)
    typer.echo(text("ui.ci.wrote_baseline", settings.lang, count=count, file=path), err=True)


def _files(settings: Settings) -> str:
    """``--show-files``: each group folder with the files it reads, then orphans and others."""
    from groupcheck.discovery import discover
    from groupcheck.messages import text

    found = discover(settings.paths)
    lines: list[str] = []
    for group in found.groups:
        lines.append(text("ui.ci.files_group", settings.lang, folder=group.folder))
        lines += [f"  {file}" for file in (group.charter, *group.logs)]
    if found.orphan_logs:
        lines.append(text("ui.ci.files_orphans", settings.lang))
        lines += [f"  {file}" for file in found.orphan_logs]
    if found.ignored:
        lines.append(text("ui.ci.files_ignored", settings.lang))
        lines += [f"  {file}" for file in found.ignored]
    lines.append(
        text("ui.ci.files_total", settings.lang, groups=len(found.groups), files=len(found.files))
    )
    return "\n".join(lines) + "\n"


def _note_files_not_read(settings: Settings) -> None:
    """A file named on the command line that is neither a charter nor a rotation log is not
    read: say so on stderr, so a typo (``charter.yml``) does not pass as a clean run."""
    from groupcheck.messages import text

    for path in settings.paths:
        if os.path.isfile(path) and group_folder_of(path) is None:
            typer.echo(f"groupcheck: {path}: {text('ui.not_read', settings.lang)}", err=True)

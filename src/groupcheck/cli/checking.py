"""What ``groupcheck validate`` does once its command line is parsed; no typer here.

``cli.validate`` declares the command's parameters for typer and hands them over; ``cli.fast``
parses the usual command lines of this hot command itself, by the same declaration, and hands
them over without loading typer (docs/performance.md, Start-up). An exit raises ``SystemExit``
with its code, which typer lets through as it does its own ``Exit``: the code is the same.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from typing import TYPE_CHECKING

from groupcheck.cli import terminal_columns
from groupcheck.cli.common import (
    check_jobs,
    check_outputs,
    echo,
    emit,
    interrupted,
    parse_as_of,
    report_crashes,
    stdout_is_terminal,
    usage_error,
    use_color,
)
from groupcheck.discovery import display_path, group_folder_of
from groupcheck.escaping import terminal
from groupcheck.settings import Settings

if TYPE_CHECKING:  # the engine and pydantic load when the command runs, not at start-up
    from groupcheck.engine import RunResult


def validate(
    paths: list[str] | None = None,
    format: list[str] | None = None,
    output: list[str] | None = None,
    as_of: str | None = None,
    rules: str | None = None,
    fallback_rules: str | None = None,
    lang: str | None = None,
    no_waivers: bool = False,
    config_file: str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    extend_select: list[str] | None = None,
    extend_ignore: list[str] | None = None,
    fail_on: str | None = None,
    exit_zero: bool = False,
    statistics: bool = False,
    quiet: bool = False,
    summary_only: bool = False,
    show_settings: bool = False,
    show_files: bool = False,
    baseline_file: str | None = None,
    write_baseline: str | None = None,
    prune_baseline: str | None = None,
    jobs: int | None = None,
    cache_dir: str | None = None,
    no_cache: bool = False,
    fail_on_empty: bool | None = None,
    stdin_filename: str | None = None,
    changed: bool = False,
    junit_failures_only: bool = False,
    color: str | None = None,
    no_progress: bool = False,
    verbose: bool = False,
) -> None:
    """``groupcheck validate`` with its parameters parsed (``cli.validate`` says what each is)."""
    import groupcheck
    from groupcheck import config, parallel, progress

    check_jobs(jobs)
    colored = use_color(color)
    scope: frozenset[str] | None = None
    if changed:
        if stdin_filename is not None:
            usage_error("--stdin-filename names where '-' lives: not with --changed")
        scope, paths = _changed_scope(paths, write_baseline, prune_baseline), None
    elif paths and "-" in paths:
        paths, jobs = [_read_stdin(paths, stdin_filename)], 1
    elif stdin_filename is not None:
        usage_error("--stdin-filename names where the input of PATH '-' lives; no '-' given")
    flags = config.Flags(
        paths=tuple(paths or ()),
        formats=tuple(format or ()),
        outputs=tuple(output or ()),
        as_of=parse_as_of(as_of) if as_of is not None else None,
        rules=rules,
        fallback_rules=fallback_rules,
        lang=lang,
        no_waivers=no_waivers,
        select=tuple(select or ()),
        ignore=tuple(ignore or ()),
        extend_select=tuple(extend_select or ()),
        extend_ignore=tuple(extend_ignore or ()),
        fail_on=fail_on,
        exit_zero=exit_zero,
        baseline=baseline_file,
        statistics=statistics,
        quiet=quiet or summary_only,
        config=config_file,
        jobs=jobs or parallel.default_jobs(),
        verbose=verbose,
        cached=True,
        cache_dir=cache_dir,
        no_cache=no_cache,
    )
    settings = _baseline_settings(config.resolve(flags), write_baseline, prune_baseline)
    if scope is not None:
        settings = dataclasses.replace(settings, report_only=scope)
    if show_settings:
        emit(config.show(settings), None)
        raise SystemExit(0)
    if show_files:
        emit(_files(settings), None)
        raise SystemExit(0)
    targets = [("--output", wanted.file) for wanted in settings.outputs]
    check_outputs(settings, [*targets, ("--write-baseline", write_baseline)], config_file)
    if not settings.quiet:
        _note_files_not_read(settings)
    bar = progress.Bar() if not no_progress and progress.wanted() else None
    try:
        with bar if bar is not None else contextlib.nullcontext():
            result = groupcheck.run(settings, bar)
    except KeyboardInterrupt:
        interrupted()
    report_crashes(result, settings)
    if write_baseline is not None:
        _write_baseline(result, write_baseline, settings)
    elif settings.baseline is not None and not result.report.crashed():
        _check_baseline(result, settings, prune=prune_baseline is not None, scope=scope)
    _report(
        result,
        settings,
        summary_only=summary_only,
        color=colored,
        failures_only=junit_failures_only,
    )
    # Under --changed the paths hold every group; the report shows only those changed.
    empty = _paths_without_groups(settings, result) if scope is None else []
    if scope is not None:
        _say_changed_outside(settings, scope)
    if write_baseline is not None and not result.report.crashed():
        raise SystemExit(0)
    code = settings.exit_code(result.report)
    if fail_on_empty is None:
        fail_on_empty = os.environ.get("CI", "").lower() == "true"
    if empty and fail_on_empty and not settings.exit_zero and code == 0:
        code = 1
    raise SystemExit(code)


def _paths_without_groups(settings: Settings, result: RunResult) -> list[str]:
    """The paths of the run under which no group was found, each said on stderr: a misspelt
    path or a charter saved under another name must not pass as "nothing to check"."""
    from groupcheck import yamlsource
    from groupcheck.messages import text

    folders = [os.path.abspath(os.path.dirname(g.file) or ".") for g in result.report.groups]
    empty: list[str] = []
    for path in settings.paths:
        top = os.path.abspath(path)
        if os.path.isfile(top) or yamlsource.has_overlay(top):  # or not saved yet
            folder = group_folder_of(path)  # a log's is the one above rotations/
            if folder is None:
                continue  # a file that is no charter or log: said once, by _note_files_not_read
            top = folder
        inside = top.rstrip(os.sep) + os.sep
        if not any(folder == top or folder.startswith(inside) for folder in folders):
            empty.append(path)
            echo(text("ui.no_group_under", settings.lang, path=terminal(path)))
    return empty


def _say_changed_outside(settings: Settings, scope: frozenset[str]) -> None:
    """Say which changed files' groups lie outside the run's paths (``--changed``): they
    were not checked, and the report says nothing of them."""
    from groupcheck.messages import text

    tops = []
    for path in settings.paths:
        top = os.path.abspath(path)
        tops.append(os.path.dirname(top) if os.path.isfile(top) else top)
    for folder in sorted(scope):
        if not any(folder == top or folder.startswith(top.rstrip(os.sep) + os.sep) for top in tops):
            shown = terminal(display_path(folder))
            echo(text("ui.changed_outside", settings.lang, folder=shown))


def _changed_scope(
    paths: list[str] | None, write_baseline: str | None, prune_baseline: str | None
) -> frozenset[str] | None:
    """``--changed``: the folders of the groups the changed files (``paths``) belong to, or
    None when one of them belongs to no group (a config, baseline or pack file: every group's
    verdict may change)."""
    if not paths:
        usage_error("--changed reports on the groups of the files named: give them as PATHS")
    if "-" in paths:
        usage_error("--changed names files that changed on disk, not '-' (stdin)")
    folders: set[str] = set()
    for path in paths:
        folder = group_folder_of(path)
        if folder is None:
            return None
        folders.add(folder)
    if write_baseline is not None or prune_baseline is not None:
        usage_error(
            "--write-baseline and --prune-baseline need every group's findings: not with "
            "--changed naming charters or logs only"
        )
    return frozenset(folders)


def _read_stdin(paths: list[str], stdin_filename: str | None) -> str:
    """``validate -``: the charter or log on stdin, checked as the file ``--stdin-filename``
    (with the rest of its group as saved); that file's path, to check instead of ``-``."""
    from groupcheck import yamlsource

    if len(paths) > 1:
        usage_error("PATH '-' (stdin) is checked alone, not with other paths")
    if stdin_filename is None:
        usage_error(
            "PATH '-' needs --stdin-filename FILE: where the charter or log lives tells its "
            "group and whether it is a charter or a log"
        )
    folder = group_folder_of(stdin_filename)
    if folder is None:
        usage_error(
            f"--stdin-filename {stdin_filename}: not a charter (charter.yaml) or rotation log "
            "(rotations.yaml, rotations/*.yaml) path"
        )
    if not os.path.isdir(folder):  # the file itself may be unsaved yet; its group's folder not
        shown = terminal(display_path(folder))
        usage_error(f"--stdin-filename {stdin_filename}: its group's folder {shown} does not exist")
    yamlsource.overlay(stdin_filename, sys.stdin.buffer.read())
    return stdin_filename


def _report(
    result: RunResult,
    settings: Settings,
    *,
    summary_only: bool = False,
    color: bool = False,
    failures_only: bool = False,
) -> None:
    """Every ``--format``/``--output`` pair, then what goes to the terminal and the summary."""
    from groupcheck import reporters
    from groupcheck.output import printable

    stdout: str | None = None
    stdout_format: str | None = None
    for wanted in settings.outputs:
        if wanted.file is None and (settings.quiet or settings.statistics):
            stdout_format = wanted.format  # replaced below by the summary or the statistics:
            continue  # not rendered (nor its reporter and Rich loaded) to be thrown away
        to_terminal = wanted.file is None and stdout_is_terminal()
        width = terminal_columns(120) if to_terminal else 120
        rendered = reporters.render(
            wanted.format,
            result,
            lang=settings.lang,
            color=color and wanted.file is None,
            width=width,
            failures_only=failures_only,
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
    if settings.quiet and not summary_only:
        if stdout_format == "table":  # ruff's -q: the findings that stand, nothing else
            from groupcheck.reporters import parsable

            findings = result.report.findings
            stdout = "".join(
                parsable.line(f, settings.lang) + "\n"
                for f in findings
                if not f.waived and not f.known
            )
    elif settings.quiet:
        from groupcheck.reporters.concise import summary_line

        stdout = summary_line(result, settings.lang) + "\n"
    elif settings.statistics:
        from groupcheck.reporters import parsable

        stdout = (
            parsable.statistics_json(result)
            if stdout_format == "json"
            else parsable.statistics(result, lang=settings.lang)
        )
    commands = stdout_format == "github" and not settings.quiet and not settings.statistics
    if stdout is not None:
        emit(stdout, None, commands=commands)
    if annotate:  # on stderr, which the runner reads too: stdout holds only the format asked
        sys.stderr.write(printable(reporters.render("github", result, lang=settings.lang)))
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
    room = github.SUMMARY_LIMIT - len((before + separator).encode("utf-8", "surrogateescape"))
    files = [o.file for o in settings.outputs if o.file not in (None, "-")]
    summary = github.summary(
        result, lang=settings.lang, limit=max(room, 0), full_report=files[0] if files else None
    )
    try:
        write_atomic(target, before + separator + summary)
    except OutputError as exc:
        usage_error(f"GITHUB_STEP_SUMMARY: {exc}")


def _baseline_settings(
    settings: Settings, write_baseline: str | None, prune_baseline: str | None
) -> Settings:
    """The baseline the run reads: none when writing one (the old file may not exist yet, and
    what it held does not matter), the file to prune when pruning."""
    import dataclasses

    from groupcheck.messages import text

    if write_baseline is not None and prune_baseline is not None:
        usage_error(text("ui.ci.baseline_flags", settings.lang))
    if write_baseline is not None:
        return dataclasses.replace(settings, baseline=None)
    if prune_baseline is not None:
        sources = {**settings.sources, "baseline": "--prune-baseline"}
        return dataclasses.replace(settings, baseline=prune_baseline, sources=sources)
    return settings


def _check_baseline(
    result: RunResult, settings: Settings, *, prune: bool, scope: frozenset[str] | None = None
) -> None:
    """Say how many baseline entries no longer match a finding; with ``prune``, remove them
    (rewriting the file atomically, adding nothing). ``scope``: the folders of the groups
    reported on (``--changed``): only entries of those count."""
    from groupcheck import baseline
    from groupcheck.messages import text

    path = settings.baseline
    assert path is not None
    entries = baseline.read_entries(path)
    stale = baseline.unmatched(entries, result, settings.paths if scope is None else sorted(scope))
    if prune:
        if stale:
            emit(baseline.pruned(entries, stale), path)
        message = text("ui.ci.pruned_baseline", settings.lang, count=len(stale), file=path)
    elif stale:
        message = text("ui.ci.baseline_stale", settings.lang, count=len(stale), file=path)
    else:
        return
    echo(f"groupcheck: {message}")


def _write_baseline(result: RunResult, path: str, settings: Settings) -> None:
    from groupcheck import baseline
    from groupcheck.messages import text

    emit(baseline.render(result), path)
    count = sum(1 for f in result.report.findings if not f.waived)
    shown = terminal(path)
    echo(text("ui.ci.wrote_baseline", settings.lang, count=count, file=shown))


def _files(settings: Settings) -> str:
    """``--show-files``: each group folder with the files it reads, then orphans and others."""
    from groupcheck.discovery import discover
    from groupcheck.messages import text

    found = discover(settings.paths)
    lines: list[str] = []
    for group in found.groups:
        folder = terminal(group.folder)
        lines.append(text("ui.ci.files_group", settings.lang, folder=folder))
        lines += [f"  {terminal(file)}" for file in (group.charter, *group.logs)]
    if found.orphan_logs:
        lines.append(text("ui.ci.files_orphans", settings.lang))
        lines += [f"  {terminal(file)}" for file in found.orphan_logs]
    if found.ignored:
        lines.append(text("ui.ci.files_ignored", settings.lang))
        lines += [f"  {terminal(file)}" for file in found.ignored]
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
            shown = terminal(path)
            echo(f"groupcheck: {shown}: {text('ui.not_read', settings.lang)}")

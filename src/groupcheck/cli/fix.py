"""``groupcheck fix [PATH...]``: mend in place what has a safe fix, then re-check.

A thin shell over ``groupcheck.fixes``: plan, then either print the unified diff (``--diff``,
nothing written, exit 1 when anything would change) or write each fixed file atomically, print
one line per fixed file with what was fixed, and re-check the same paths, printing what still
stands (exit codes as ``validate``: 0, 1 when an error stands, 2 for a usage error or a file
that could not be written).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from groupcheck.cli.common import USAGE_ERROR, emit, parse_as_of, usage_error
from groupcheck.cli.root import app
from groupcheck.discovery import PathNotFound
from groupcheck.messages import Lang, text

if TYPE_CHECKING:
    from groupcheck.fixes import FileFix, Fix
    from groupcheck.settings import Settings


@app.command()
def fix(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Folders (searched recursively) and files (default: the config's, or .)."
        ),
    ] = None,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff", help="Print a unified diff, write nothing; exit 1 if any would change."
        ),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option("--unsafe-fixes", help="Also make the fixes that change what a file says."),
    ] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="en or zh (default: from the locale).")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Re-check as of YYYY-MM-DD (default: today).")
    ] = None,
    rules: Annotated[
        str | None, typer.Option("--rules", help="The policy pack to re-check with.")
    ] = None,
    config_file: Annotated[
        str | None, typer.Option("--config", help="A config file (as validate's --config).")
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when findings stand after fixing.")
    ] = False,
) -> None:
    """Fix what has a safe fix in the charters and logs under PATHS, then re-check them."""
    import groupcheck
    from groupcheck import config, fixes
    from groupcheck.policy import PackError

    flags = config.Flags(
        paths=tuple(paths or ()),
        as_of=parse_as_of(as_of) if as_of is not None else None,
        rules=rules,
        lang=lang,
        exit_zero=exit_zero,
        config=config_file,
    )
    try:
        settings = config.resolve(flags)
    except config.ConfigError as problem:
        usage_error(str(problem))
    try:  # a pack that cannot be used fails before any file is written
        groupcheck.load_pack(settings.rules_file)
    except PackError as problem:
        usage_error(f"policy pack {problem}")
    try:
        run = fixes.plan(settings.paths, unsafe=unsafe_fixes)
    except PathNotFound as missing:
        usage_error(f"path not found: {missing}")
    lang_ = settings.lang
    for item in run.files:
        if item.refusal is not None:
            _note(item.shown, f"ui.fix.refused.{item.refusal.key}", lang_, **item.refusal.args)
    if diff:
        emit("".join(fixes.diff(item) for item in run.changed), None)
        _note_unsafe(run.files, lang_)
        raise typer.Exit(1 if run.changed else 0)
    failed = False
    lines: list[str] = []
    for written in fixes.write(run):
        shown = written.file.shown
        if written.outcome is fixes.Outcome.WRITTEN:
            lines.append(
                text("ui.fix.fixed", lang_, file=shown, what=describe(written.file.applied, lang_))
            )
        elif written.outcome is fixes.Outcome.UNWRITABLE:
            failed = True
            _note(shown, "ui.fix.refused.unwritable", lang_, reason=written.reason)
        else:
            _note(shown, f"ui.fix.refused.{written.outcome.value}", lang_)
    if not lines:
        lines.append(text("ui.fix.nothing", lang_))
    emit("\n".join(lines) + "\n", None)
    _note_unsafe(run.files, lang_)
    code = _recheck(settings)
    raise typer.Exit(USAGE_ERROR if failed else code)


def describe(applied: Sequence[Fix], lang: Lang) -> str:
    """What was fixed in one file, grouped: ``full-width colon '：' → ':' (lines 3, 9)``."""
    from groupcheck.fixes import SYNTAX

    groups: dict[tuple[str, str, str], list[int]] = {}
    for one in applied:
        key = (
            (one.kind.value, "", "")
            if one.kind in SYNTAX
            else (one.kind.value, one.before, one.after)
        )
        lines = groups.setdefault(key, [])
        if one.line is not None:
            lines.append(one.line)
    parts: list[str] = []
    for (kind, before, after), lines in groups.items():
        plural = "ui.fix.lines_many" if len(set(lines)) > 1 else "ui.fix.lines"
        where = text(plural, lang, lines=_lines(lines)) if lines else ""
        parts.append(text(f"ui.fix.kind.{kind}", lang, before=before, after=after) + where)
    return ("；" if lang == "zh" else "; ").join(parts)


def _lines(lines: list[int]) -> str:
    unique = sorted(set(lines))
    shown = ", ".join(str(n) for n in unique[:8])
    return shown + (", …" if len(unique) > 8 else "")


def _note(file: str, key: str, lang: Lang, **args: object) -> None:
    typer.echo(f"groupcheck: {file}: {text(key, lang, **args)}", err=True)


def _note_unsafe(items: Sequence[FileFix], lang: Lang) -> None:
    for item in items:
        if item.available:
            what = describe(item.available, lang)
            _note(item.shown, "ui.fix.unsafe_available", lang, count=len(item.available), what=what)


def _recheck(settings: Settings) -> int:
    """Check the same paths again and print every finding that stands; the exit code."""
    import groupcheck
    from groupcheck.policy import PackError
    from groupcheck.reporters import parsable

    try:
        result = groupcheck.run(settings)
    except PackError as problem:
        usage_error(f"policy pack {problem}")
    except PathNotFound as missing:
        usage_error(f"path not found: {missing}")
    standing = [f for f in result.report.findings if not f.waived and not f.known]
    lang = settings.lang
    out = [text("ui.fix.recheck", lang)]
    out += [parsable.line(finding, lang) for finding in standing]
    if not standing:
        out.append(text("ui.fix.clean", lang))
    out.append(text("ui.summary", lang, **result.report.summary.model_dump()))
    emit("\n".join(out) + "\n", None)
    return settings.exit_code(result.report)

"""``groupcheck validate PATH...``: load, check, report."""

from __future__ import annotations

import shutil
from typing import Annotated

import typer

from groupcheck.cli import app
from groupcheck.cli.common import emit, parse_as_of, parse_lang, stdout_is_terminal, usage_error
from groupcheck.discovery import PathNotFound
from groupcheck.policy import PackError
from groupcheck.settings import Settings

FORMAT_NAMES = ("table", "json")


@app.command()
def validate(
    paths: Annotated[list[str], typer.Argument(help="Folders (searched recursively) and files.")],
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write here, atomically.")
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
) -> None:
    """Check every group under PATHS and report; exit 1 when an error stands."""
    import groupcheck
    from groupcheck import reporters

    if format not in FORMAT_NAMES:
        usage_error(f"--format must be one of {', '.join(FORMAT_NAMES)}, not {format!r}")
    settings = Settings(
        paths=tuple(paths),
        as_of=parse_as_of(as_of),
        lang=parse_lang(lang),
        rules_file=rules,
        use_waivers=not no_waivers,
    )
    try:
        result = groupcheck.run(settings)
    except PackError as problem:
        usage_error(f"policy pack {problem}")
    except PathNotFound as missing:
        usage_error(f"path not found: {missing}")
    to_terminal = output is None and stdout_is_terminal()
    width = shutil.get_terminal_size((120, 24)).columns if to_terminal else 120
    rendered = reporters.render(format, result, lang=settings.lang, color=to_terminal, width=width)
    emit(rendered, output)
    raise typer.Exit(1 if result.report.failed() else 0)

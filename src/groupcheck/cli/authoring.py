"""Commands for writing charters: ``schema``, ``init``, ``import rotations``, ``export``.

The people who write charters are clerks and teachers; these commands meet them in their
editor (the JSON Schema) and in Excel (import of rotation registers, export of findings and
per-year figures). Each parses its flags, calls the library, and writes with ``write_atomic``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from groupcheck.cli import app
from groupcheck.cli.common import emit, parse_lang, usage_error

import_app = typer.Typer(
    name="import",
    help="Turn spreadsheets into groupcheck files (import rotations REGISTER.xlsx).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(import_app, name="import")


@app.command()
def schema(
    kind: Annotated[
        str | None, typer.Argument(help="charter or rotations (default: charter).")
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write here, atomically.")
    ] = None,
) -> None:
    """Print the JSON Schema of charter.yaml or rotations.yaml (for editors)."""
    from groupcheck import schema as schemas

    chosen = kind or "charter"
    if chosen not in schemas.KINDS:
        usage_error(f"schema kind must be charter or rotations, not {chosen!r}")
    emit(schemas.render("charter" if chosen == "charter" else "rotations"), output)


@app.command()
def init(
    group_id: Annotated[str, typer.Argument(help="The new group's id, e.g. mingde-group.")],
    dir: Annotated[
        str, typer.Option("--dir", help="Folder the group folder is created in.")
    ] = "charters",
    model: Annotated[
        str, typer.Option("--model", help="tight, alliance, hybrid or trusteeship.")
    ] = "tight",
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language of the comments: en or zh (default: locale)."),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="The group's name.")] = None,
    jurisdiction: Annotated[
        str | None, typer.Option("--jurisdiction", help="Province, city and district.")
    ] = None,
    core_id: Annotated[str | None, typer.Option("--core-id", help="The core school's id.")] = None,
    core_name: Annotated[
        str | None, typer.Option("--core-name", help="The core school's name.")
    ] = None,
    established: Annotated[
        str | None,
        typer.Option("--established", help="Day the group was set up, YYYY-MM-DD (default today)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing charter and log.")
    ] = False,
) -> None:
    """Create DIR/GROUP_ID/ with a commented charter.yaml and rotations.yaml."""
    from groupcheck.scaffold import InitError, InitRequest, create_group

    day = dt.date.today()
    if established is not None:
        try:
            day = dt.date.fromisoformat(established)
        except ValueError:
            usage_error(f"--established must be a date written YYYY-MM-DD, not {established!r}")
    request = InitRequest(
        group_id=group_id,
        folder=dir,
        model=model,
        lang=parse_lang(lang),
        name=name,
        jurisdiction=jurisdiction,
        core_id=core_id,
        core_name=core_name,
        established=day,
        force=force,
    )
    try:
        result = create_group(request)
    except InitError as problem:
        usage_error(str(problem))
    for path in result.written:
        typer.echo(f"wrote {path}", err=True)
    typer.echo(result.group_folder)


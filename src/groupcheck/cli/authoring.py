"""Commands for writing charters: ``schema``, ``init``, ``import rotations``, ``export``.

The people who write charters are clerks and teachers; these commands meet them in their
editor (the JSON Schema) and in Excel (import of rotation registers, export of findings and
per-year figures). Each parses its flags, calls the library, and writes with ``write_atomic``.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated

import typer

from groupcheck.cli import app
from groupcheck.cli.common import (
    CONFIG,
    VERBOSE,
    emit,
    parse_as_of,
    parse_lang,
    report_crashes,
    require_extra,
    usage_error,
)

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
    member: Annotated[
        list[str] | None,
        typer.Option("--member", help="A member school as ID=名称 (repeatable)."),
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
    members: list[tuple[str, str]] = []
    for given in member or []:
        member_id, sign, member_name = given.partition("=")
        if not sign:
            usage_error(
                f"--member must be written ID=NAME (qingyun-primary=青云小学), not {given!r}"
            )
        members.append((member_id.strip(), member_name.strip()))
    request = InitRequest(
        group_id=group_id,
        folder=dir,
        model=model,
        lang=parse_lang(lang),
        name=name,
        jurisdiction=jurisdiction,
        core_id=core_id,
        core_name=core_name,
        members=tuple(members),
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


@import_app.command("rotations")
def import_rotations(
    register: Annotated[str, typer.Argument(help="The rotation register, an .xlsx workbook.")],
    group: Annotated[str, typer.Option("--group", "-g", help="The group's id (its charter's id).")],
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", help="Sheet to read (default: the first with register headers)."),
    ] = None,
    charters: Annotated[
        str, typer.Option("--charters", help="Where to look for the group's charter.")
    ] = ".",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Log to write (default: GROUP_FOLDER/rotations.yaml); '-' stdout.",
        ),
    ] = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Write the good rows even when some are bad.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing rotation log.")
    ] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="en or zh (default: from the locale).")
    ] = None,
    config_file: Annotated[
        str | None,
        typer.Option("--config", help="A config file, as validate reads it (for its lang)."),
    ] = None,
) -> None:
    """Turn a rotation register (交流轮岗名册, .xlsx) into the group's rotations.yaml.

    Exit 0 when written, 1 when bad rows stopped it (nothing written), 2 on a usage error.
    """
    chosen_lang = parse_lang(lang)
    require_extra("excel", "groupcheck import rotations", chosen_lang)
    import groupcheck
    from groupcheck import config
    from groupcheck.importers import register as excel
    from groupcheck.messages import text

    settings = config.resolve(
        config.Flags(
            paths=(charters,),
            lang=parse_lang(lang) if lang is not None else None,
            config=config_file,
        )
    )
    chosen_lang = settings.lang
    loaded = groupcheck.load(settings.paths, chosen_lang)
    found = [g for g in loaded.groups if g.id == group]
    broken = [u for u in loaded.unloaded if u.id == group]
    if len(found) + len(broken) > 1:
        files = [g.charter_file for g in found] + [u.charter_file for u in broken]
        usage_error(text("import.many_groups", chosen_lang, group=group, files=files))
    if broken:
        usage_error(
            text("import.charter_broken", chosen_lang, group=group, file=broken[0].charter_file)
        )
    if not found:
        usage_error(text("import.no_group", chosen_lang, group=group, path=charters))
    target_group = found[0]
    target = output or os.path.join(target_group.folder, "rotations.yaml")
    # /dev/null is no log; the empty log ``init`` wrote (no exchanges yet) is there to be filled
    if target != "-" and os.path.isfile(target) and not force and _holds_exchanges(target):
        suggestion = os.path.join(
            os.path.dirname(target) or ".", "rotations", f"{_stem(register)}.yaml"
        )
        usage_error(text("import.exists", chosen_lang, file=target, suggestion=suggestion))
    imported = excel.read_register(register, target_group.charter, sheet=sheet, lang=chosen_lang)
    for bad in imported.bad:
        typer.echo(bad.line(chosen_lang), err=True)
    if imported.other_groups:
        typer.echo(text("import.other_groups", chosen_lang, count=imported.other_groups), err=True)
    if imported.bad and not skip_bad:
        typer.echo(text("import.bad_rows", chosen_lang, count=len(imported.bad)), err=True)
        raise typer.Exit(1)
    if imported.bad:
        typer.echo(text("import.skipped", chosen_lang, count=len(imported.bad)), err=True)
    schema_path = None
    if target != "-":
        from groupcheck.scaffold import find_schema

        found_schema = find_schema(os.path.dirname(os.path.abspath(target)), "rotations")
        if found_schema is not None:
            schema_path = os.path.relpath(
                found_schema, os.path.dirname(os.path.abspath(target))
            ).replace(os.sep, "/")
    log = excel.rotation_log_yaml(
        group,
        imported.exchanges,
        source=f"{os.path.basename(register)} ({imported.sheet})",
        schema_path=schema_path,
    )
    if target != "-":
        parent = os.path.dirname(target)
        if parent and not os.path.isdir(parent):
            try:
                os.makedirs(parent, exist_ok=True)
            except OSError as exc:
                usage_error(f"cannot create {parent}: {exc.strerror or exc}")
    emit(log, target)
    if target != "-":
        typer.echo(
            text(
                "import.written",
                chosen_lang,
                count=len(imported.exchanges),
                group=group,
                file=target,
            ),
            err=True,
        )


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0] or "register"


EXPORT_FORMATS = ("xlsx", "csv")


@app.command()
def export(
    paths: Annotated[list[str], typer.Argument(help="Folders (searched recursively) and files.")],
    format: Annotated[str, typer.Option("--format", "-f", help="xlsx or csv.")] = "xlsx",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="The file to write (csv: the findings; see docs)."),
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
    config_file: Annotated[str | None, CONFIG] = None,
    verbose: Annotated[bool, VERBOSE] = False,
) -> None:
    """Write findings, a per-group per-year matrix, the exchanges and the groups as xlsx or csv.

    Exit codes as validate: 0 no error stands, 1 one does (the file is written either way),
    2 a usage error, or a rule that raised (GC000).
    """
    import groupcheck
    from groupcheck import config
    from groupcheck.errors import USAGE_ERROR
    from groupcheck.messages import text
    from groupcheck.output import write_atomic
    from groupcheck.reporters import spreadsheet

    if format not in EXPORT_FORMATS:
        usage_error(f"--format must be one of {', '.join(EXPORT_FORMATS)}, not {format!r}")
    if format == "xlsx":
        require_extra("excel", "groupcheck export --format xlsx", parse_lang(lang))
    if output is None or output == "-":
        usage_error("--output FILE is required (a spreadsheet is not written to the terminal)")
    flags = config.Flags(
        paths=tuple(paths),
        as_of=parse_as_of(as_of) if as_of is not None else None,
        rules=rules,
        lang=parse_lang(lang) if lang is not None else None,
        no_waivers=no_waivers,
        config=config_file,
        verbose=verbose,
    )
    settings = config.resolve(flags)
    result = groupcheck.run(settings)
    report_crashes(result, settings)
    sheets = spreadsheet.tables(result, settings.lang)
    written: list[str] = []
    if format == "xlsx":
        write_atomic(output, spreadsheet.xlsx_bytes(sheets))
        written.append(output)
    else:
        places = spreadsheet.csv_paths(output)
        for table in sheets:
            write_atomic(places[table.name], spreadsheet.csv_text(table))
            written.append(places[table.name])
    for path in written:
        typer.echo(text("ui.export.wrote", settings.lang, file=path), err=True)
    if result.report.crashed():
        raise typer.Exit(USAGE_ERROR)
    raise typer.Exit(1 if result.report.failed() else 0)


def _holds_exchanges(path: str) -> bool:
    """Whether the log at ``path`` holds exchanges, or cannot be read to tell (then: keep it)."""
    from groupcheck import yamlsource

    try:
        data = yamlsource.load(path).data
    except yamlsource.SourceProblem:
        return True
    return not (isinstance(data, dict) and not data.get("exchanges"))

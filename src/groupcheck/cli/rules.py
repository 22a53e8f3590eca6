"""``groupcheck rules`` (the catalog of a pack) and ``groupcheck explain ID`` (one rule).

The commands parse their flags and print what ``groupcheck.ruledocs`` renders from the rule
registry and the selected policy pack (``docs/rules.md`` too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from groupcheck.cli import terminal_columns
from groupcheck.cli.common import emit, parse_lang, stdout_is_terminal, usage_error
from groupcheck.cli.root import app
from groupcheck.ruledocs import (
    catalog_table,
    docs_markdown,
    explain_text,
    find_rule,
    format_params,
    registry,
    source_of,
)

if TYPE_CHECKING:
    from groupcheck.policy import Pack

__all__ = [
    "catalog_table",
    "docs_markdown",
    "explain_command",
    "explain_text",
    "find_rule",
    "format_params",
    "registry",
    "rules_command",
    "source_of",
]


RULES_FORMATS = ("table", "markdown")


def _pack(rules: str | None) -> Pack:
    from groupcheck.policy import load_pack
    from groupcheck.settings import BY_JURISDICTION

    if rules == BY_JURISDICTION:
        usage_error(
            f"--rules {BY_JURISDICTION} picks a pack per group; name one pack here "
            f"(`groupcheck validate PATH --rules {BY_JURISDICTION} --show-settings` shows "
            "which pack each jurisdiction gets)"
        )
    return load_pack(rules)  # a PackError is a usage error (``cli.root.Commands``)


@app.command("rules")
def rules_command(
    rules: Annotated[
        str | None, typer.Option("--rules", help="A policy pack (file or bundled name).")
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="table or markdown (docs/rules.md).")
    ] = "table",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write here, atomically.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="en or zh (default: from the locale).")
    ] = None,
) -> None:
    """List the rule catalog: id, name, severity, parameters and source, for the pack."""
    if format not in RULES_FORMATS:
        usage_error(f"--format must be one of {', '.join(RULES_FORMATS)}, not {format!r}")
    language = parse_lang(lang)
    pack = _pack(rules)
    if format == "markdown":
        emit(docs_markdown(pack), output)
        return
    to_terminal = output is None and stdout_is_terminal()
    width = terminal_columns(160) if to_terminal else 160
    emit(catalog_table(pack, language, color=to_terminal, width=width), output)


@app.command("explain")
def explain_command(
    rule_id: Annotated[str, typer.Argument(help="A rule id (GC201) or name.")],
    rules: Annotated[
        str | None, typer.Option("--rules", help="A policy pack (file or bundled name).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="en or zh (default: from the locale).")
    ] = None,
) -> None:
    """Explain one rule: what it checks, the policy text, how it counts, an example."""
    language = parse_lang(lang)
    spec = find_rule(rule_id)
    if spec is None:
        usage_error(f"no rule {rule_id!r}; `groupcheck rules` lists them")
    emit(explain_text(spec, _pack(rules), language), None)

"""``groupcheck validate [PATH...]``: load, check, report in one or several formats.

This module declares the command's parameters: typer reads them, and ``cli.fast`` parses the
usual command lines by the same declaration (``cli.validate_flags`` is made from it) without
loading typer. ``cli.checking`` does the work: the command line is parsed into ``Settings``
(``config.resolve``: flags over the config file over the defaults), then the run happens, then
each ``--format F --output FILE`` pair is rendered. Exit codes: 0 nothing at or above
``--fail-on`` stands, 1 something does, 2 a usage error (a bad flag, config file, pack,
baseline or path).
"""

from __future__ import annotations

from typing import Annotated

import typer

from groupcheck.cli import checking
from groupcheck.cli.common import FALLBACK_RULES, RULES, VERBOSE
from groupcheck.cli.root import app

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
            help="table, json, sarif, junit, github, gitlab, markdown, parsable or concise; "
            "repeat it, "
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
    rules: Annotated[str | None, RULES] = None,
    fallback_rules: Annotated[str | None, FALLBACK_RULES] = None,
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
        typer.Option(
            "--select",
            help="Only these rule ids or prefixes (GC2, GC201, ALL); repeatable.",
            metavar="IDS",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Not these rule ids or prefixes; repeatable.", metavar="IDS"),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option(
            "--extend-select",
            help="Add these to the selected rules (the config's select, say); repeatable.",
            metavar="IDS",
        ),
    ] = None,
    extend_ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--extend-ignore", help="Add these to the ignored rules; repeatable.", metavar="IDS"
        ),
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
        bool,
        typer.Option(
            "--quiet", "-q", help="Only the findings that stand, one a line (as ruff's -q)."
        ),
    ] = False,
    summary_only: Annotated[
        bool, typer.Option("--summary-only", help="Only the summary line (and the exit code).")
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
        typer.Option(
            "--write-baseline",
            help="Record today's findings in this file (the old one is not read); exit 0.",
        ),
    ] = None,
    prune_baseline: Annotated[
        str | None,
        typer.Option(
            "--prune-baseline",
            help="Check against this baseline and remove its entries that no longer match "
            "(adds nothing).",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Processes to check with (default: the CPU count)."),
    ] = None,
    cache_dir: Annotated[
        str | None,
        typer.Option(
            "--cache-dir",
            metavar="DIR",
            help="Keep each group's results here between runs (default: the user cache "
            "folder, ~/.cache/groupcheck); never inside the checked paths.",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Check every group afresh; read and write no cache."),
    ] = False,
    fail_on_empty: Annotated[
        bool | None,
        typer.Option(
            "--fail-on-empty/--no-fail-on-empty",
            help="Exit 1 when a path holds no group (default: on when CI=true).",
        ),
    ] = None,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            "--stdin-filename",
            metavar="FILE",
            help="With PATH '-': where the charter or log read from stdin lives (its group, "
            "and whether it is a charter or a log, come from there).",
        ),
    ] = None,
    changed: Annotated[
        bool,
        typer.Option(
            "--changed",
            help="PATHS are files that changed (as pre-commit passes them): check the run the "
            "config names (or .), the cache sparing the rest, and report only their groups; a "
            "changed file that is no charter or log (a config, baseline or pack) reports every "
            "group.",
        ),
    ] = False,
    junit_failures_only: Annotated[
        bool,
        typer.Option(
            "--junit-failures-only", help="JUnit lists only failing cases, not every pass."
        ),
    ] = False,
    color: Annotated[
        str | None,
        typer.Option(
            "--color",
            metavar="auto|always|never",
            help="Colours on stdout (default auto: a terminal, FORCE_COLOR, not NO_COLOR).",
        ),
    ] = None,
    no_progress: Annotated[
        bool, typer.Option("--no-progress", help="No progress bar on stderr.")
    ] = False,
    verbose: Annotated[bool, VERBOSE] = False,
) -> None:
    """Check every group under PATHS and report; exit 1 when a finding at --fail-on stands."""
    checking.validate(**locals())

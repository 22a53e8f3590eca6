"""The flags of ``groupcheck validate``, as ``cli.fast`` reads them: made from the typer
declaration in ``cli.validate`` by ``python -m groupcheck.cli.fast``; do not edit (a test
compares this file with the declaration)."""

from __future__ import annotations

from typing import Any

ARGUMENT = "paths"

OPTIONS: dict[str, tuple[str, str]] = {
    "--format": ("format", "multiple"),
    "-f": ("format", "multiple"),
    "--output": ("output", "multiple"),
    "-o": ("output", "multiple"),
    "--as-of": ("as_of", "str"),
    "--rules": ("rules", "str"),
    "--fallback-rules": ("fallback_rules", "str"),
    "--lang": ("lang", "str"),
    "--no-waivers": ("no_waivers", "true"),
    "--config": ("config_file", "str"),
    "--select": ("select", "multiple"),
    "--ignore": ("ignore", "multiple"),
    "--extend-select": ("extend_select", "multiple"),
    "--extend-ignore": ("extend_ignore", "multiple"),
    "--fail-on": ("fail_on", "str"),
    "--exit-zero": ("exit_zero", "true"),
    "--statistics": ("statistics", "true"),
    "--quiet": ("quiet", "true"),
    "-q": ("quiet", "true"),
    "--summary-only": ("summary_only", "true"),
    "--show-settings": ("show_settings", "true"),
    "--show-files": ("show_files", "true"),
    "--baseline": ("baseline_file", "str"),
    "--write-baseline": ("write_baseline", "str"),
    "--prune-baseline": ("prune_baseline", "str"),
    "--jobs": ("jobs", "int"),
    "-j": ("jobs", "int"),
    "--fail-on-empty": ("fail_on_empty", "true"),
    "--no-fail-on-empty": ("fail_on_empty", "false"),
    "--stdin-filename": ("stdin_filename", "str"),
    "--junit-failures-only": ("junit_failures_only", "true"),
    "--color": ("color", "str"),
    "--no-progress": ("no_progress", "true"),
    "--verbose": ("verbose", "true"),
}

DEFAULTS: dict[str, Any] = {
    "paths": None,
    "format": None,
    "output": None,
    "as_of": None,
    "rules": None,
    "fallback_rules": None,
    "lang": None,
    "no_waivers": False,
    "config_file": None,
    "select": None,
    "ignore": None,
    "extend_select": None,
    "extend_ignore": None,
    "fail_on": None,
    "exit_zero": False,
    "statistics": False,
    "quiet": False,
    "summary_only": False,
    "show_settings": False,
    "show_files": False,
    "baseline_file": None,
    "write_baseline": None,
    "prune_baseline": None,
    "jobs": None,
    "fail_on_empty": None,
    "stdin_filename": None,
    "junit_failures_only": False,
    "color": None,
    "no_progress": False,
    "verbose": False,
}

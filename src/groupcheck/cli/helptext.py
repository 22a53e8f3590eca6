"""What ``--help`` shows beyond each option's text: real metavars, the exit codes and two
examples per command (ruff's and git's help carry both)."""

from __future__ import annotations

from typing import Any

METAVARS: dict[str, str] = {
    "paths": "PATH",
    "format": "FORMAT",
    "output": "FILE",
    "as_of": "YYYY-MM-DD",
    "rules": "PACK",
    "lang": "en|zh",
    "config_file": "FILE",
    "config": "FILE",
    "fail_on": "error|warning|never",
    "baseline_file": "FILE",
    "write_baseline": "FILE",
    "prune_baseline": "FILE",
    "jobs": "N",
    "rule_id": "RULE",
    "kind": "charter|rotations",
    "group_id": "GROUP_ID",
    "register": "FILE",
    "authority": "TEXT",
    "number": "TEXT",
    "inspector": "NAME",
    "inspection_dates": "TEXT",
    "rectify_by": "YYYY-MM-DD",
    "title": "TEXT",
    "detail": "summary|full",
}
"""Parameter name → what ``--help`` calls its value (else the name in capitals)."""

EXIT_CHECK = (
    "Exit codes: 0 nothing at or above --fail-on stands; 1 something does; 2 a usage error "
    "(a bad flag, config, pack, baseline or path) or a rule that crashed (GC000)."
)
EXIT_PLAIN = "Exit codes: 0 done; 2 a usage error (a bad flag, name or path)."

EXAMPLES: dict[str, tuple[str, tuple[str, str]]] = {
    "validate": (
        EXIT_CHECK,
        (
            "groupcheck validate charters --format sarif --output groupcheck.sarif",
            "groupcheck validate - --stdin-filename charters/x/group/charter.yaml -q",
        ),
    ),
    "report": (
        "Exit codes: 0 when the report is written, whatever it found (changed in issue 16; "
        "--fail-on-findings restores 1 when a problem stands in the groups reported); 2 a usage "
        "error (a bad flag, format, suffix, date, path or output folder, said before any work "
        "in the report's language), a PDF printer that cannot run here, or a rule that crashed "
        "(GC000).",
        (
            "groupcheck report charters --output audit.pdf --authority 泰山区人民政府教育督导室 "
            "--inspector 林督学 --inspector 王督学 --rectify-by 2027-03-31",
            "groupcheck report charters/x/group --lang en --detail full --output audit.html",
        ),
    ),
    "export": (
        EXIT_CHECK,
        (
            "groupcheck export charters --output findings.xlsx",
            "groupcheck export charters --format csv --output findings.csv",
        ),
    ),
    "fix": (
        "Exit codes: 0 nothing stands after fixing (with --diff: nothing would change); 1 "
        "something does; 2 a usage error (a bad flag, config, pack or path).",
        ("groupcheck fix charters --diff", "groupcheck fix charters/x/group --unsafe-fixes"),
    ),
    "rules": (
        EXIT_PLAIN,
        ("groupcheck rules", "groupcheck rules --rules national-2014 --format markdown"),
    ),
    "explain": (EXIT_PLAIN, ("groupcheck explain GC201", "groupcheck explain GC301 --lang zh")),
    "schema": (
        EXIT_PLAIN,
        (
            "groupcheck schema charter > schemas/charter.schema.json",
            "groupcheck schema rotations",
        ),
    ),
    "init": (
        EXIT_PLAIN,
        ("groupcheck init my-group", "groupcheck init my-group --dir charters/district"),
    ),
    "import": (
        EXIT_PLAIN,
        (
            "groupcheck import rotations register.xlsx --group my-group",
            "groupcheck import rotations register.csv --group my-group --skip-bad",
        ),
    ),
    "rotations": (
        EXIT_PLAIN,
        (
            "groupcheck import rotations register.xlsx --group my-group",
            "groupcheck import rotations register.csv --group my-group --skip-bad",
        ),
    ),
}


def _no_type(ctx: Any) -> None:
    return None


def dress(command: Any, name: str) -> None:
    """Give ``command`` (a click command) metavars and, unless it has one, its epilog; a
    group's subcommands too. Done once per command object."""
    if getattr(command, "_groupcheck_dressed", False):
        return
    command._groupcheck_dressed = True
    for param in command.params:
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            continue
        if param.metavar is None and param.name:
            param.metavar = METAVARS.get(param.name, param.name.upper())
        if getattr(param, "param_type_name", "") == "argument":
            param.display_type_rich = _no_type  # the metavar says it: not "PATH <list[str]>"
    if command.epilog is None and name in EXAMPLES:
        codes, examples = EXAMPLES[name]
        # click rewraps paragraphs; "\b" keeps the example lines as written.
        command.epilog = "\b\nExamples:\n" + "".join(f"  {e}\n" for e in examples) + "\n" + codes
    for sub_name, sub in getattr(command, "commands", {}).items():
        dress(sub, sub_name)

"""Start-up's import budget (issue 20): a command loads only what it needs.

Each case runs the real entry point (``groupcheck.cli.main``) in a fresh interpreter, as the
``groupcheck`` script does, and lists the modules loaded by the time it exits. Checking one
group loads no reporter but the chosen one, nor Jinja2, WeasyPrint, openpyxl, the Excel or
report vocabulary, multiprocessing, typer (``cli.fast`` parses the usual ``validate`` lines),
Rich's console (the table without colour is written without it; Rich's cell widths only) or
``importlib.metadata`` (pydantic's plugin scan, which the command turns off); ``--version``
loads neither typer, pydantic nor the engine. The times themselves are measured by
``benchmarks/startup.py`` (docs/performance.md), not here: the test machine is shared.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
GROUP = ROOT / "charters/henan-shangqiu-liangyuan/shangqiu-qianjin-primary-group"
COMMANDS = ("validate", "fix", "report", "export", "schema", "init", "import", "rules", "explain")

DRIVER = """
import json, sys
out, *argv = sys.argv[1:]
sys.argv = ["groupcheck", *argv]
code = 0
try:
    from groupcheck.cli import main
    main()
except SystemExit as stop:
    code = stop.code
with open(out, "w", encoding="utf-8") as stream:
    json.dump(sorted(sys.modules), stream)
raise SystemExit(code)
"""

REPORTERS = {
    f"groupcheck.reporters.{name}"
    for name in (
        "charts",
        "ci",
        "github",
        "gitlab",
        "html",
        "inspection",
        "json_report",
        "junit",
        "markdown",
        "parsable",
        "pdf",
        "report_text",
        "sarif",
        "spreadsheet",
        "table",
    )
}
NEVER_FOR_ONE_GROUP = {
    "jinja2",
    "weasyprint",
    "openpyxl",
    "lxml",
    "multiprocessing",
    "concurrent.futures",
    "typer._adapters",  # a pydantic TypeAdapter per option (cli.coercion avoids it)
    "typer",  # the usual validate command lines are parsed by cli.fast
    "click",
    "groupcheck.cli.root",  # typer's app and every other command
    "rich.console",  # the table without colour is written by reporters.table.plain
    "rich.table",
    "rich.text",
    "importlib.metadata",  # pydantic's plugin loader (cli.noplugins stands in for it)
    "email",
    "zipfile",
    "groupcheck.excel",
    "groupcheck.importers",
    "groupcheck.scaffold",
    "groupcheck.schema",
    "difflib",  # "did you mean" suggestions: for bad input only
}
ENGINE = {"pydantic", "pydantic_core", "yaml", "groupcheck.engine", "groupcheck.models"}


def loaded(tmp_path: Path, *argv: str) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """The modules loaded by ``groupcheck ARGV`` (stdout a pipe, as in a hook), and the run."""
    out = tmp_path / "modules.json"
    run = subprocess.run(
        [sys.executable, "-c", DRIVER, str(out), *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert out.exists(), run.stderr
    modules: list[str] = json.loads(out.read_text(encoding="utf-8"))
    return set(modules), run


def present(modules: set[str], names: set[str]) -> set[str]:
    """Which of ``names`` (packages or modules) ``modules`` holds, submodules included."""
    return {name for name in names for m in modules if m == name or m.startswith(name + ".")}


@pytest.mark.parametrize(
    ("argv", "reporters"),
    [
        ((), {"table"}),
        (("--format", "json"), {"json_report"}),
        (("--format", "sarif"), {"sarif", "ci"}),  # ci: what the CI formats share
        (("--quiet",), {"parsable"}),  # the findings, one a line
        (("--summary-only",), {"parsable"}),
        (("--statistics",), {"parsable"}),
    ],
    ids=["table", "json", "sarif", "quiet", "summary-only", "statistics"],
)
def test_checking_one_group_loads_only_its_reporter(
    tmp_path: Path, argv: tuple[str, ...], reporters: set[str]
) -> None:
    modules, run = loaded(tmp_path, "validate", str(GROUP), "--no-progress", *argv)
    assert run.returncode in (0, 1), run.stderr  # checked (its verdict is not the point here)
    if argv != ("--quiet",):  # -q prints the standing findings only: maybe none
        assert run.stdout, "the command printed nothing"
    assert present(modules, NEVER_FOR_ONE_GROUP) == set()
    assert present(modules, REPORTERS) == {f"groupcheck.reporters.{name}" for name in reporters}
    assert ("rich" in present(modules, {"rich"})) == ("table" in reporters)  # where it draws


def test_version_loads_neither_typer_pydantic_nor_the_engine(tmp_path: Path) -> None:
    from groupcheck import __version__

    for flag in ("--version", "-V"):
        modules, run = loaded(tmp_path, flag)
        assert (run.returncode, run.stdout, run.stderr) == (0, f"groupcheck {__version__}\n", "")
        banned = {*ENGINE, "typer", "rich", "groupcheck.messages", "typing", "datetime"}
        assert present(modules, banned) == set()


def test_version_among_other_arguments_is_typer_s_as_before(tmp_path: Path) -> None:
    from groupcheck import __version__

    _, run = loaded(tmp_path, "--version", "validate", "no-such-folder")
    assert (run.returncode, run.stdout) == (0, f"groupcheck {__version__}\n")


@pytest.mark.parametrize("argv", [("--help",), ("-h",), ("validate", "--help"), ()])
def test_help_is_complete_without_pydantic_or_the_engine(
    tmp_path: Path, argv: tuple[str, ...]
) -> None:
    modules, run = loaded(tmp_path, *argv)
    assert run.returncode == (2 if argv == () else 0), run.stderr
    text = run.stdout + run.stderr
    assert "Usage: groupcheck" in text
    if argv and argv[0] == "validate":
        for flag in ("--format", "--output", "--jobs", "--quiet", "--baseline", "--verbose"):
            assert flag in text
    else:
        for command in COMMANDS:
            assert f"  {command} " in text
    assert present(modules, {*ENGINE, "rich"}) == set()
    if argv in (("--help",), ("-h",)):  # the stored text (cli.root_help): no typer, no typing
        assert present(modules, {"typer", "click", "groupcheck.cli.root", "typing"}) == set()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--jobs", "abc"), "Invalid value for '--jobs' / '-j': Input should be a valid integer"),
        (("--jobs", "1.5"), "Invalid value for '--jobs' / '-j': Input should be a valid integer"),
        (("--jobs", "0"), "--jobs must be 1 or more, not 0"),
        (("--format",), "Option '--format' requires an argument"),
    ],
)
def test_bad_parameters_read_as_before(tmp_path: Path, argv: tuple[str, ...], message: str) -> None:
    _, run = loaded(tmp_path, "validate", str(GROUP), *argv)
    assert run.returncode == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr


PLAIN_VALUES: list[tuple[Any, Any]] = [
    (str, "charters"),
    (str, ""),
    (str, " 两 spaces "),
    (int, "2"),
    (int, "007"),
    (int, "+3"),
    (int, " 4"),
    (int, "٣"),  # an Arabic-Indic digit: not plain, typer decides
    (list[str], ("a", "b")),
    (list[str], ()),
    (bool, True),
    (bool, False),
]


@pytest.mark.parametrize(("annotation", "value"), PLAIN_VALUES)
def test_plain_coercion_returns_what_typer_s_own_returns(annotation: Any, value: Any) -> None:
    """``cli.coercion`` is a shortcut, never a different answer (value or error)."""
    typer_coercion = pytest.importorskip("typer._coercion")
    from typer import BadParameter
    from typer.models import OptionInfo

    from groupcheck.cli import coercion

    info = OptionInfo()
    descriptor = typer_coercion.resolve_type_descriptor(annotation, info)

    class Param:  # what the coercers read of a parameter
        type_descriptor = descriptor
        multiple = annotation == list[str]
        nargs = 1
        name = "value"

    def outcome(runtime: Any) -> Any:
        try:
            return ("value", runtime.coerce(value, param=Param(), ctx=None))
        except BadParameter as problem:
            return ("error", problem.message)

    ours = coercion._Plain(parameter_info=info, annotation=annotation)
    assert outcome(ours) == outcome(typer_coercion.build_runtime_param(descriptor))

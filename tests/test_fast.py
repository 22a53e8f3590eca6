"""``groupcheck validate`` parsed without typer (issue 20): the same values, or typer's turn.

``cli.fast`` reads the usual command lines of ``validate`` itself and leaves every other to
typer. Checked here: its flag table is the one typer builds from the declaration in
``cli.validate``; for every flag, in every spelling, the values it hands ``cli.checking``
are those typer hands it; what it declines (help, bad or unknown flags, missing values …)
it declines before doing anything; and whole runs, good and bad, give the same exit code,
stdout and stderr through the fast path (``groupcheck.cli.main``) and through typer
(``groupcheck.cli.root.main``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from groupcheck.cli import checking, fast, validate_flags
from groupcheck.cli.root import app

ROOT = Path(__file__).resolve().parent.parent
GROUP = "charters/henan-shangqiu-liangyuan/shangqiu-qianjin-primary-group"


def test_the_flag_table_is_made_from_typer_s_declaration() -> None:
    """``python -m groupcheck.cli.fast`` rewrites the table when the declaration changes."""
    spec = fast.declared()
    assert spec == (validate_flags.ARGUMENT, validate_flags.OPTIONS, validate_flags.DEFAULTS)
    assert Path(validate_flags.__file__).read_text(encoding="utf-8") == fast.render(spec)


def test_the_table_names_every_parameter_of_the_command() -> None:
    code = checking.validate.__code__
    assert set(validate_flags.DEFAULTS) == set(code.co_varnames[: code.co_argcount])


def typer_values(args: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any] | None:
    """What typer hands ``checking.validate`` for ``validate ARGS`` (None: it did not call)."""
    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(checking, "validate", lambda **values: seen.append(values))
    result = CliRunner().invoke(app, ["validate", *args])
    assert len(seen) <= 1
    return seen[0] if seen else (None if result.exit_code else {})


def spellings() -> list[list[str]]:
    """Every flag of the table in each spelling the fast parser reads."""
    lines: list[list[str]] = [[], [GROUP], [GROUP, "charters"], ["-"], [""], ["a b", "集团"]]
    for flag, (_param, kind) in validate_flags.OPTIONS.items():
        if kind in ("true", "false"):
            lines += [[flag], [GROUP, flag], [flag, GROUP]]
        elif kind == "int":
            lines += [[flag, "3"], [flag, "007"], [flag, "0"], [GROUP, flag, "12", "x"]]
        else:
            lines += [
                [flag, "v"],
                [flag, "-"],
                [flag, ""],
                [flag, "集 团"],
                [GROUP, flag, "w", "x"],
            ]
            if flag.startswith("--"):
                lines += [[f"{flag}=v"], [f"{flag}="], [f"{flag}=a=b"], [f"{flag}=-x"]]
            if kind == "multiple":
                lines += [[flag, "a", flag, "b"], [flag, "a", "p", flag, "b", "q"]]
    lines.append(
        [
            GROUP,
            "-f",
            "json",
            "-o",
            "out.json",
            "--format",
            "table",
            "-q",
            "-j",
            "2",
            "--select",
            "GC1",
            "--no-fail-on-empty",
            "--lang",
            "zh",
            "charters",
        ]
    )
    return lines


@pytest.mark.parametrize("args", spellings(), ids=lambda args: " ".join(args) or "(none)")
def test_the_fast_parser_hands_over_what_typer_does(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = fast.parse(args)
    assert ours is not None, "the fast parser declined a plain command line"
    assert ours == typer_values(args, monkeypatch)


DECLINED = [
    ["--help"],
    ["-h"],
    [GROUP, "--help"],
    ["--"],
    ["--", "-x"],
    ["-qj2"],
    ["-fjson"],
    ["-f=json"],
    ["-j2"],
    ["--quiet=1"],
    ["--no-fail-on-empty=yes"],
    ["--jobs", "abc"],
    ["--jobs", "1.5"],
    ["--jobs", "+3"],
    ["--jobs", " 4"],
    ["--jobs", "٣"],
    ["--jobs", "-1"],
    ["--jobs"],
    ["--format"],
    [GROUP, "--output"],
    ["--format", "--quiet"],
    ["--as-of", "-x"],
    ["--as-of", "2026-01-01", "--as-of", "2026-01-02"],
    ["-q", "--quiet"],
    ["--fail-on-empty", "--no-fail-on-empty"],
    ["--nope"],
    ["--formats", "json"],
    ["--form", "json"],
    ["-x"],
    ["-1"],
    ["--version"],
]


@pytest.mark.parametrize("args", DECLINED, ids=lambda args: " ".join(args))
def test_what_the_fast_parser_declines_is_typer_s(args: list[str]) -> None:
    assert fast.parse(args) is None


def run(entry: str, args: list[str], tmp_path: Path, stdin: bytes = b"") -> tuple[Any, ...]:
    """Exit code, stdout and stderr of ``groupcheck validate ARGS`` by ``entry``."""
    driver = (
        "import sys; sys.argv = ['groupcheck', *sys.argv[1:]]\n"
        f"from {entry.rsplit('.', 1)[0]} import {entry.rsplit('.', 1)[1]} as main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", driver, "validate", *args],
        input=stdin,
        capture_output=True,
        cwd=tmp_path,
        check=False,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
    )
    return done.returncode, done.stdout, done.stderr


WHOLE_RUNS = [
    [str(ROOT / GROUP), "--no-progress"],
    [str(ROOT / GROUP), "--format", "json", "--as-of", "2026-11-25"],
    [str(ROOT / GROUP), "-f", "sarif", "-o", "-", "--as-of", "2026-11-25"],
    [str(ROOT / GROUP), "-q", "--exit-zero"],
    [str(ROOT / GROUP), "--statistics", "--lang", "zh"],
    [str(ROOT / GROUP), "--summary-only", "--fail-on", "never"],
    [str(ROOT / GROUP), "--show-settings"],
    [str(ROOT / GROUP), "--show-files"],
    [str(ROOT / GROUP), "--select", "GC1", "--ignore", "GC107", "--verbose"],
    [str(ROOT / GROUP), "--jobs", "0"],
    [str(ROOT / GROUP), "--as-of", "yesterday"],
    [str(ROOT / GROUP), "--lang", "fr"],
    [str(ROOT / GROUP), "--color", "sometimes"],
    [str(ROOT / GROUP), "--fail-on", "sometimes"],
    [str(ROOT / GROUP), "--rules", "no-such-pack"],
    [str(ROOT / GROUP), "--baseline", "no-such-baseline.json"],
    [str(ROOT / GROUP), "--stdin-filename", "x/charter.yaml"],
    [str(ROOT / GROUP), "--write-baseline", "b.json", "--prune-baseline", "b.json"],
    [str(ROOT / GROUP), "--output", "out.txt"],
    ["no-such-folder"],
    ["-", "--stdin-filename", f"{ROOT / GROUP}/charter.yaml", "--format", "concise"],
    ["-"],
    # what the fast parser declines: typer's own messages either way
    [str(ROOT / GROUP), "--jobs", "abc"],
    [str(ROOT / GROUP), "--format"],
    [str(ROOT / GROUP), "--nope"],
    [str(ROOT / GROUP), "--quiet=1"],
    ["--help"],
]


@pytest.mark.parametrize("args", WHOLE_RUNS, ids=lambda args: " ".join(args[-3:]))
def test_a_run_by_the_fast_path_is_typer_s_run(args: list[str], tmp_path: Path) -> None:
    stdin = (ROOT / GROUP / "charter.yaml").read_bytes() if "-" in args else b""
    fast_run = run("groupcheck.cli.main", args, tmp_path, stdin)
    typer_run = run("groupcheck.cli.root.main", args, tmp_path, stdin)
    assert fast_run == typer_run
    assert b"Traceback" not in fast_run[2]


def test_the_fast_path_loads_no_typer(tmp_path: Path) -> None:
    driver = (
        "import sys; sys.argv = ['groupcheck', 'validate', *sys.argv[1:]]\n"
        "from groupcheck.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", driver, str(ROOT / GROUP), "-q", "--jobs", "0"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.stdout.splitlines()[-1] == "[]"
    assert "--jobs must be 1 or more, not 0" in done.stderr


def test_a_stale_table_turns_the_fast_path_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """A parameter added to the command but not to the table: typer parses, as before."""
    monkeypatch.setattr(validate_flags, "DEFAULTS", {**validate_flags.DEFAULTS, "new": None})
    assert fast.parse([GROUP]) is not None
    assert fast.main([GROUP]) is False


# ``groupcheck --help`` and ``-h``: the root help, stored as typer draws it (cli.root_help).


def test_the_stored_root_help_is_what_typer_draws_for_a_pipe() -> None:
    """``python -m groupcheck.cli.fast`` rewrites ``cli.root_help`` when the commands change."""
    from groupcheck.cli import root_help

    drawn = fast.drawn_root_help()
    assert drawn == root_help.TEXT
    assert Path(root_help.__file__).read_text(encoding="utf-8") == fast.render_root_help(drawn)
    assert root_help.COLUMNS == fast.ROOT_HELP_COLUMNS


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_the_stored_root_help_is_typer_s_under_cli_runner(flag: str) -> None:
    from groupcheck.cli import root_help

    # CliRunner draws 80 wide (typer's testing width); a pipe or a terminal of 80 columns or
    # more gets click's default, 80 - 2: the width the text was stored at.
    result = CliRunner().invoke(app, [flag], terminal_width=root_help.COLUMNS - 2)
    assert (result.exit_code, result.output) == (0, root_help.TEXT)
    assert CliRunner().invoke(app, [flag]).output != root_help.TEXT  # the width matters


def run_root(
    entry: str, argv: list[str], env: dict[str, str], stdout: Any = None
) -> tuple[Any, ...]:
    """Exit code, stdout and stderr of ``groupcheck ARGV`` by ``entry``; whether typer loaded."""
    driver = (
        "import sys; sys.argv = ['groupcheck', *sys.argv[1:]]\n"
        f"from {entry.rsplit('.', 1)[0]} import {entry.rsplit('.', 1)[1]} as main\n"
        "try:\n    main()\n"
        "finally:\n    sys.__stderr__.write(f'[typer: {\"typer\" in sys.modules}]')\n"
    )
    base = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-c", driver, *argv],
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE,
        env={**base, **env},
        check=False,
    )
    marks = (b"[typer: True]", b"[typer: False]")
    stderr = done.stderr.replace(marks[0], b"").replace(marks[1], b"")
    return done.returncode, done.stdout, stderr, marks[0] in done.stderr


HELP_ENVIRONMENTS = [
    {},
    {"COLUMNS": "80"},
    {"COLUMNS": "81"},
    {"COLUMNS": "200"},
    {"COLUMNS": " 120 "},
    {"COLUMNS": "79"},
    {"COLUMNS": "60"},
    {"COLUMNS": "1"},
    {"COLUMNS": "0"},
    {"COLUMNS": "-5"},
    {"COLUMNS": "wide"},
    {"LINES": "10"},
    {"NO_COLOR": "1"},
    {"FORCE_COLOR": "1", "TERM": "xterm-256color"},
    {"TERMINAL_WIDTH": "40"},
    {"TYPER_USE_RICH": "1"},
    {"TYPER_USE_RICH": "0"},
    {"PYTHONIOENCODING": "latin-1"},
    {"PYTHONIOENCODING": "utf-8"},
    {"_GROUPCHECK_COMPLETE": "bash_source"},
]


@pytest.mark.parametrize("flag", ["--help", "-h"])
@pytest.mark.parametrize("env", HELP_ENVIRONMENTS, ids=lambda env: repr(env))
def test_root_help_by_the_entry_point_is_typer_s_byte_for_byte(
    flag: str, env: dict[str, str]
) -> None:
    """Served or left to typer, the bytes are typer's; served only where provably the same."""
    from groupcheck.cli import root_help

    ours = run_root("groupcheck.cli.main", [flag], env)
    typer_s = run_root("groupcheck.cli.root.main", [flag], env)
    if b"Traceback" in typer_s[2]:  # typer's own failure (latin-1 cannot say 集团化办学): the
        # same exception, raised from one frame further down the entry point
        assert ours[2].splitlines()[-1] == typer_s[2].splitlines()[-1]
        assert ours[:2] == typer_s[:2]
    else:
        assert ours[:3] == typer_s[:3]
    columns = env.get("COLUMNS", "").strip()
    wide = not columns.lstrip("-").isdigit() or int(columns) <= 0 or int(columns) >= 80
    served = wide and env.get("PYTHONIOENCODING") != "latin-1" and "_GROUPCHECK_COMPLETE" not in env
    assert ours[3] is not served  # typer loaded exactly where the stored text may differ
    if served:
        assert ours[:3] == (0, root_help.TEXT.encode("utf-8"), b"")


def run_on_terminal(entry: str, columns: int) -> tuple[Any, ...]:
    """``groupcheck --help`` by ``entry`` with stdout a terminal ``columns`` wide."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    try:
        code, _, stderr, typer_loaded = run_root(entry, ["--help"], {}, stdout=follower)
    finally:
        os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other end is closed and drained
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    return code, out, stderr, typer_loaded


@pytest.mark.parametrize(("columns", "served"), [(120, True), (80, True), (79, False), (60, False)])
def test_root_help_on_a_terminal_is_typer_s(columns: int, served: bool) -> None:
    """On a terminal click's plain formatter draws no colour, ``min(columns, 80) - 2`` wide."""
    from groupcheck.cli import root_help

    ours = run_on_terminal("groupcheck.cli.main", columns)
    typer_s = run_on_terminal("groupcheck.cli.root.main", columns)
    assert ours[:3] == typer_s[:3]
    assert ours[3] is not served
    if served:
        assert ours[1] == root_help.TEXT.replace("\n", "\r\n").encode("utf-8")


def test_root_help_to_a_closed_pipe_is_typer_s() -> None:
    """The reader gone before the help is written: typer's quiet exit 1, nothing on stderr."""
    import os

    def closed(entry: str) -> tuple[Any, ...]:
        reader, writer = os.pipe()
        os.close(reader)
        try:
            return run_root(entry, ["--help"], {}, stdout=writer)
        finally:
            os.close(writer)

    ours, typer_s = closed("groupcheck.cli.main"), closed("groupcheck.cli.root.main")
    assert ours[:3] == typer_s[:3]
    assert ours[0] == 1


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"COLUMNS": "90"},
        {"COLUMNS": "7"},
        {"COLUMNS": "0"},
        {"COLUMNS": "-1"},
        {"COLUMNS": "x"},
    ],
    ids=repr,
)
def test_the_columns_are_shutil_s(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    import groupcheck.cli

    monkeypatch.delenv("COLUMNS", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert groupcheck.cli.terminal_columns() == shutil.get_terminal_size().columns
    assert groupcheck.cli.terminal_columns(120) == shutil.get_terminal_size((120, 24)).columns


# ``groupcheck validate`` ends without Python's teardown (``cli._exit_without_teardown``).

_EXIT_DRIVER = (
    "import atexit, os, sys; from pathlib import Path\n"
    "handler, exited = Path(sys.argv[1]) / 'handler', Path(sys.argv[1]) / 'exited'\n"
    "atexit.register(handler.write_text, 'ran')\n"
    "exit_now = os._exit\n"
    "def spied(status):\n"
    "    exited.write_text(str(status))\n"
    "    exit_now(status)\n"
    "os._exit = spied\n"
    "if sys.argv[2] == 'profiled':\n"
    "    sys.setprofile(lambda *args: None)\n"
    "if sys.argv[2] == 'threaded':\n"
    "    import threading, time\n"
    "    threading.Thread(target=time.sleep, args=(3,)).start()\n"
    "sys.argv = ['groupcheck', *sys.argv[3:]]\n"
    "from groupcheck.cli import entry\n"
    "entry()\n"
)


@pytest.mark.parametrize(
    ("argv", "profiled", "at_once"),
    [
        (["validate", "charters", "-f", "json", "--no-cache", "--no-progress"], False, True),
        (["validate", "charters", "--no-such-flag"], False, True),  # typer's usage error, 2
        (["validate", "charters", "-f", "json", "--no-cache", "--no-progress"], True, False),
        (["validate", "charters", "-f", "json", "--no-cache", "--no-progress"], None, False),
        (["--version"], False, False),
        (["rules", "--format", "json"], False, False),
    ],
    ids=[
        "validate",
        "validate, a usage error",
        "under a profiler",
        "a thread still running",
        "--version",
        "another",
    ],
)
def test_a_validate_process_ends_at_once_with_its_output_whole(
    tmp_path: Path, argv: list[str], profiled: bool | None, at_once: bool
) -> None:
    """Its exit handlers run, its output and exit status are ``main``'s; only Python's
    teardown is skipped, and not under a profiler (which writes its results at the end)."""
    mode = "threaded" if profiled is None else "profiled" if profiled else "plain"
    command = [sys.executable, "-c", _EXIT_DRIVER, str(tmp_path), mode, *argv]
    done = subprocess.run(command, capture_output=True, cwd=ROOT, check=False)
    by_main = subprocess.run(
        [sys.executable, "-c", _DRIVER_OF_MAIN, *argv], capture_output=True, cwd=ROOT, check=False
    )
    assert (tmp_path / "handler").read_text() == "ran"
    exited = tmp_path / "exited"
    assert exited.exists() is at_once
    if at_once:
        assert exited.read_text() == str(done.returncode)
    assert (done.returncode, done.stdout, done.stderr) == (
        by_main.returncode,
        by_main.stdout,
        by_main.stderr,
    )
    assert done.stdout or done.stderr


_DRIVER_OF_MAIN = (
    "import sys; sys.argv = ['groupcheck', *sys.argv[1:]]\n"
    "from groupcheck.cli import main\n"
    "main()\n"
)


def test_python_m_groupcheck_is_the_command(tmp_path: Path) -> None:
    argv = ["validate", str(ROOT / GROUP), "-f", "json", "--no-cache", "--no-progress"]
    done = subprocess.run(
        [sys.executable, "-m", "groupcheck", *argv], capture_output=True, cwd=tmp_path, check=False
    )
    by_main = subprocess.run(
        [sys.executable, "-c", _DRIVER_OF_MAIN, *argv], capture_output=True, cwd=tmp_path
    )
    assert done.returncode == by_main.returncode
    assert done.stdout == by_main.stdout and done.stdout.endswith(b"}\n")

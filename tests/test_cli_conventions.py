"""ruff's command-line conventions (issue 17 item 6): stdin, completion, colours, help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groupcheck.cli import app
from test_ci_config import validate
from test_ci_formats import make_charters

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = sorted((ROOT / "charters").glob("*/*/charter.yaml"))
ESC = "\x1b["


@pytest.fixture
def charters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_charters(tmp_path / "groups")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def groupcheck(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    full = {**os.environ, "GITHUB_ACTIONS": "", "NO_COLOR": "", "FORCE_COLOR": "", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "groupcheck", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full,
        cwd=ROOT,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


# ---------------------------------------------------------------------------------------------
# validate -


def test_stdin_is_checked_as_the_file_it_names() -> None:
    charter = BUNDLED[0].relative_to(ROOT).as_posix()
    saved = BUNDLED[0].read_text(encoding="utf-8")
    code, clean, err = groupcheck(
        "validate", "-", "--stdin-filename", charter, "-f", "parsable", stdin=saved
    )
    on_disk, saved_out, _ = groupcheck("validate", charter, "-f", "parsable")
    assert (code, clean) == (on_disk, saved_out), err  # the buffer as saved: the same verdict
    assert " GC00" not in clean  # read and loaded as the charter it is
    broken = saved.replace("\nmodel: ", "\nmodel: bogus # ", 1)
    code, out, _ = groupcheck("validate", "-", "--stdin-filename", charter, "-q", stdin=broken)
    assert code == 1
    assert out.startswith(f"{charter}:") and " GC002 model: 'bogus'" in out
    assert BUNDLED[0].read_text(encoding="utf-8") == saved  # the file on disk is untouched


def test_stdin_log_finds_its_group() -> None:
    log = sorted(BUNDLED[0].parent.glob("rotations/*.yaml"))[0]
    shown = log.relative_to(ROOT).as_posix()
    text = log.read_text(encoding="utf-8").replace("role: cadre", "role: cadet")
    code, out, _ = groupcheck("validate", "-", "--stdin-filename", shown, "-q", stdin=text)
    assert code == 1
    assert f"{shown}:" in out and "'cadet' is not one of 'cadre' or 'teacher'" in out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("-",), "PATH '-' needs --stdin-filename FILE"),
        (("-", "charters"), "PATH '-' (stdin) is checked alone"),
        (("-", "--stdin-filename", "notes.txt"), "not a charter (charter.yaml) or rotation log"),
        (("charters", "--stdin-filename", "a/charter.yaml"), "no '-' given"),
    ],
)
def test_stdin_misuse_is_a_usage_error(args: tuple[str, ...], says: str) -> None:
    code, _, err = groupcheck("validate", *args, stdin="id: x\n")
    assert code == 2
    assert says in err


# ---------------------------------------------------------------------------------------------
# completion


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell: str) -> None:
    code, out, err = groupcheck("completion", shell)
    assert code == 0, err
    assert "_GROUPCHECK_COMPLETE" in out and "groupcheck" in out


def test_completion_completes_commands_and_options() -> None:
    env = {
        "_GROUPCHECK_COMPLETE": "complete_bash",
        "COMP_WORDS": "groupcheck val",
        "COMP_CWORD": "1",
    }
    code, out, _ = groupcheck(env=env)
    assert code == 0 and out.split() == ["validate"]
    env = {**env, "COMP_WORDS": "groupcheck validate --stdin", "COMP_CWORD": "2"}
    _, out, _ = groupcheck(env=env)
    assert out.split() == ["--stdin-filename"]


def test_completion_of_an_unknown_shell() -> None:
    code, _, err = groupcheck("completion", "tcsh")
    assert code == 2 and "bash, zsh, fish" in err


# ---------------------------------------------------------------------------------------------
# colours


def test_color_flag_and_variables(charters: Path) -> None:
    _, out, _ = validate("groups")
    assert ESC not in out  # not a terminal
    _, out, _ = validate("groups", "--color", "always")
    assert ESC in out
    _, out, _ = validate("groups", env={"FORCE_COLOR": "1"})
    assert ESC in out
    _, out, _ = validate("groups", "--color", "never", env={"FORCE_COLOR": "1"})
    assert ESC not in out
    _, out, _ = validate("groups", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert ESC not in out
    _, out, _ = validate("groups", "-f", "json", "--color", "always")
    assert ESC not in out  # only the table has colours
    code, _, err = validate("groups", "--color", "sometimes")
    assert code == 2 and "--color must be one of auto, always, never" in err


# ---------------------------------------------------------------------------------------------
# help


COMMANDS = [["validate"], ["fix"], ["report"], ["export"], ["rules"], ["explain"], ["schema"],
            ["init"], ["import", "rotations"], ["completion"]]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_has_metavars_exit_codes_and_examples(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    out = result.stdout
    assert "<list[str]>" not in out and "<str>" not in out and "<int>" not in out
    assert "Exit codes: 0 " in out
    examples = out.split("Examples:")[1].split("Exit codes")[0]
    assert sum(1 for line in examples.splitlines() if line.strip().startswith("groupcheck ")) == 2


def test_validate_help_names_its_values() -> None:
    out = CliRunner().invoke(app, ["validate", "--help"], env={"COLUMNS": "200"}).stdout
    for shown in ("[PATH]...", "--as-of YYYY-MM-DD", "--output FILE", "--jobs N",
                  "--fail-on error|warning|never", "--color auto|always|never"):  # fmt: skip
        assert shown in out

"""ruff's command-line conventions (issue 17 item 6): stdin, completion, colours, help."""

from __future__ import annotations

import json
import os
import shutil
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


def _copy_of_group(tmp_path: Path) -> Path:
    group = tmp_path / "group"
    shutil.copytree(BUNDLED[0].parent, group)
    return group


def test_a_log_not_saved_yet_is_checked_with_its_group(tmp_path: Path) -> None:
    """An editor's buffer of a new file (next year's log): its group found by its place, the
    file counted, its findings located in it; nothing written, no "no group found"."""
    group = _copy_of_group(tmp_path)
    logs = sorted(group.glob("rotations/*.yaml"))
    before = sorted(p.name for p in group.rglob("*"))
    new = group / "rotations" / "2099-2100.yaml"
    text = logs[-1].read_text(encoding="utf-8").replace("role: cadre", "role: cadet")
    code, out, err = groupcheck("validate", "-", "--stdin-filename", str(new), "-q", stdin=text)
    assert code == 1, err
    assert f"{new}:" in out and "'cadet' is not one of 'cadre' or 'teacher'" in out
    assert "no group found" not in err, err
    _, summary, _ = groupcheck(
        "validate", "-", "--stdin-filename", str(new), "--summary-only", stdin=text
    )
    assert summary.startswith(f"1 group, {len(logs) + 2} files:"), summary
    assert sorted(p.name for p in group.rglob("*")) == before  # nothing saved for it


@pytest.mark.parametrize("name", ["rotations.yaml", "rotations/2099-2100.yaml", "charter.yaml"])
def test_a_file_not_saved_yet_in_a_folder_without_it(tmp_path: Path, name: str) -> None:
    group = _copy_of_group(tmp_path)
    text = (group / "charter.yaml").read_text(encoding="utf-8")
    if name == "charter.yaml":
        shutil.rmtree(group / "rotations")
        (group / "charter.yaml").unlink()
    else:
        text = sorted(group.glob("rotations/*.yaml"))[0].read_text(encoding="utf-8")
        shutil.rmtree(group / "rotations")
    target = group / name
    code, out, err = groupcheck(
        "validate", "-", "--stdin-filename", str(target), "-f", "json", stdin=text
    )
    assert code in (0, 1), err
    report = json.loads(out)
    assert report["summary"]["groups"] == 1 and report["summary"]["files"] == 2 - (
        name == "charter.yaml"
    )
    assert not target.exists() and "no group found" not in err


def test_a_file_not_saved_yet_needs_its_group_s_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-group" / "charter.yaml"
    code, out, err = groupcheck("validate", "-", "--stdin-filename", str(missing), stdin="id: x\n")
    assert code == 2 and out == ""
    assert "its group's folder" in err and "does not exist" in err


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


def test_a_log_named_on_the_command_line_is_no_empty_path() -> None:
    log = sorted(BUNDLED[0].parent.glob("rotations/*.yaml"))[0].relative_to(ROOT).as_posix()
    code, out, err = groupcheck("validate", log, "--summary-only")
    assert code in (0, 1) and out.startswith("1 group,"), (out, err)
    assert "no group found" not in err, err


def test_an_unsaved_hidden_log_is_no_log_as_a_saved_one_is_not(tmp_path: Path) -> None:
    group = _copy_of_group(tmp_path)
    logs = sorted(group.glob("rotations/*.yaml"))
    hidden = group / "rotations" / ".2099-2100.yaml"
    text = logs[0].read_text(encoding="utf-8")
    _, summary, err = groupcheck(
        "validate", "-", "--stdin-filename", str(hidden), "--summary-only", stdin=text
    )
    _, saved, _ = groupcheck("validate", str(group), "--summary-only")
    assert summary == saved and summary.startswith(f"1 group, {len(logs) + 1} files:"), err

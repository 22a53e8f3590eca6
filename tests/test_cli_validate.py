"""`groupcheck validate` through the real command: exit codes, JSON contract, table, output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from test_loading import GOOD_CHARTER, GOOD_LOG, write_group

ROOT = Path(__file__).resolve().parent.parent
JSON_TOP = {"tool", "as_of", "summary", "findings", "groups"}
JSON_SUMMARY = {"groups", "files", "errors", "warnings", "waived", "known"}  # known: issue 17
JSON_FINDING = [
    "rule",
    "name",
    "severity",
    "group",
    "file",
    "line",
    "column",
    "year",
    "message",
    "waived",
    "baseline",  # issue 17: in the --baseline file (false without one)
]
JSON_GROUP = {"id", "name", "file", "status", "rules", "pack"}


def groupcheck(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "LANG": "C.UTF-8"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "groupcheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
        timeout=300,
    )


@pytest.fixture
def broken_beside_good(tmp_path: Path) -> Path:
    write_group(tmp_path, "good", {"charter.yaml": GOOD_CHARTER, "rotations.yaml": GOOD_LOG})
    write_group(tmp_path, "broken", {"charter.yaml": "id: broken\nname: [\n"})
    return tmp_path


def test_json_has_exactly_the_documented_shape(broken_beside_good: Path) -> None:
    run = groupcheck(
        "validate", ".", "--format", "json", "--as-of", "2026-11-25", cwd=broken_beside_good
    )
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    assert set(report) == JSON_TOP
    assert report["tool"]["name"] == "groupcheck"
    assert report["as_of"] == "2026-11-25"
    assert set(report["summary"]) == JSON_SUMMARY
    assert report["summary"]["groups"] == 2
    for finding in report["findings"]:
        assert list(finding) == JSON_FINDING
    for group in report["groups"]:
        assert set(group) == JSON_GROUP
        assert group["status"] in ("pass", "fail")
        assert set(group["rules"].values()) <= {"pass", "fail", "waived", "skip"}
    broken = [f for f in report["findings"] if f["rule"] == "GC001"]
    assert broken[0]["file"] == "broken/charter.yaml"
    assert broken[0]["line"] == 2  # the unclosed "[" (not the empty line after the file's end)
    assert broken[0]["group"] == "broken"
    assert report["summary"]["errors"] >= 1


def test_json_is_byte_identical_between_runs(broken_beside_good: Path) -> None:
    first = groupcheck(
        "validate", ".", "-f", "json", "--as-of", "2026-11-25", cwd=broken_beside_good
    )
    second = groupcheck(
        "validate", ".", "-f", "json", "--as-of", "2026-11-25", cwd=broken_beside_good
    )
    assert first.stdout == second.stdout


def test_table_is_plain_in_a_pipe_and_lists_failures_by_file(broken_beside_good: Path) -> None:
    run = groupcheck(
        "validate", ".", "--as-of", "2026-11-25", "--lang", "en", cwd=broken_beside_good
    )
    assert run.returncode == 1
    assert "\x1b[" not in run.stdout
    assert "broken/charter.yaml:2:8  GC001  not valid YAML" in run.stdout
    assert "good-group" in run.stdout
    assert run.stdout.rstrip().splitlines()[-1].startswith("2 groups")


def test_chinese_messages(broken_beside_good: Path) -> None:
    run = groupcheck(
        "validate", ".", "--as-of", "2026-11-25", "--lang", "zh", cwd=broken_beside_good
    )
    assert "文件格式有误" in run.stdout
    assert "个集团" in run.stdout


def test_exit_zero_when_no_error_stands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "false")  # under CI=true an empty path fails (--fail-on-empty)
    write_group(tmp_path, "g", {"charter.yaml": "id: g\n"})
    run = groupcheck("validate", str(tmp_path), "-f", "json")
    assert run.returncode == 1
    lonely = tmp_path / "empty-folder"
    lonely.mkdir()
    run = groupcheck("validate", str(lonely), "-f", "json")
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout)["summary"]["groups"] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "does-not-exist"],
        ["validate", ".", "--format", "yaml"],
        ["validate", ".", "--as-of", "2026-13-01"],
        ["validate", ".", "--lang", "fr"],
        ["validate", ".", "--no-such-flag"],
    ],
)
def test_usage_errors_exit_2_without_traceback(tmp_path: Path, args: list[str]) -> None:
    run = groupcheck(*args, cwd=tmp_path)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr


def test_output_file_is_written_and_stdout_stays_empty(broken_beside_good: Path) -> None:
    target = broken_beside_good / "out" / "report.json"
    target.parent.mkdir()
    run = groupcheck(
        "validate",
        ".",
        "-f",
        "json",
        "-o",
        str(target),
        "--as-of",
        "2026-11-25",
        cwd=broken_beside_good,
    )
    assert run.returncode == 1
    assert run.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["groups"] == 2
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]  # no temporary left


def test_unwritable_output_is_a_usage_error(broken_beside_good: Path) -> None:
    run = groupcheck("validate", ".", "-o", "/nonexistent-dir/report.txt", cwd=broken_beside_good)
    assert run.returncode == 2
    assert "cannot write" in run.stderr
    assert "Traceback" not in run.stderr


def test_version() -> None:
    run = groupcheck("--version")
    assert run.returncode == 0
    assert run.stdout.startswith("groupcheck ")


def test_library_api_is_what_the_cli_uses(broken_beside_good: Path) -> None:
    import datetime as dt

    import groupcheck as api

    cwd = os.getcwd()
    os.chdir(broken_beside_good)
    try:
        result = api.run(api.Settings(paths=(".",), as_of=dt.date(2026, 11, 25), lang="en"))
    finally:
        os.chdir(cwd)
    from groupcheck import reporters

    cli = groupcheck("validate", ".", "-f", "json", "--as-of", "2026-11-25", cwd=broken_beside_good)
    assert reporters.render("json", result) == cli.stdout


def test_a_named_file_that_is_not_a_charter_or_log_is_reported_not_read(tmp_path: Path) -> None:
    write_group(tmp_path, "g", {"charter.yml": GOOD_CHARTER})  # .yml: a typo, not a charter
    done = groupcheck("validate", "g/charter.yml", "--as-of", "2026-11-25", cwd=tmp_path)
    assert done.returncode == 0
    assert "g/charter.yml: not a charter.yaml or rotation log, so not read" in done.stderr
    zh = groupcheck("validate", "g/charter.yml", "--lang", "zh", cwd=tmp_path)
    assert "不是 charter.yaml 或轮岗记录，未读取" in zh.stderr
    quiet = groupcheck("validate", "g/charter.yml", "-q", cwd=tmp_path)
    assert quiet.stderr == ""

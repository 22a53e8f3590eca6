"""The JSON report's bytes: pydantic's fast serializer writes exactly what ``json.dumps`` would,
and a path that is not valid UTF-8 still gives a report, not a traceback."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import groupcheck
from groupcheck.reporters import render
from test_ci_formats import make_charters

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 25)


def _stdlib_json(result: groupcheck.RunResult) -> str:
    return json.dumps(result.report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("which", ["bundled", "every-kind", "cases"])
def test_json_is_what_the_standard_library_writes(which: str, tmp_path: Path) -> None:
    if which == "bundled":
        paths = [str(ROOT / "charters")]
    elif which == "every-kind":
        paths = [str(make_charters(tmp_path))]
    else:
        paths = [str(ROOT / "tests" / "cases")]
    for lang in ("en", "zh"):
        result = groupcheck.run(groupcheck.Settings(paths=tuple(paths), as_of=AS_OF, lang=lang))
        text = render("json", result, lang=lang)
        assert text == _stdlib_json(result)
        assert json.loads(text)["findings"], "the comparison must cover findings"


def _undecodable_group(tmp_path: Path) -> Path:
    """A good group beside one whose folder name is GBK bytes (a zip made on Windows)."""
    source = ROOT / "charters" / "hunan-chenzhou" / "chenzhou-no1-middle-group"
    shutil.copytree(source, tmp_path / "groups" / "good")
    folder = os.path.join(os.fsencode(tmp_path / "groups"), "泰山区集团".encode("gbk"))
    os.mkdir(folder)  # Linux file systems take any bytes but / and NUL
    charter = (source / "charter.yaml").read_bytes()
    charter = charter.replace(b"id: chenzhou-no1-middle-group", b"id: taishan-gbk")
    with open(os.path.join(folder, b"charter.yaml"), "wb") as handle:
        handle.write(charter)
    return tmp_path / "groups"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "groupcheck", *args, "--as-of", AS_OF.isoformat()],
        capture_output=True,
        cwd=cwd,
    )


def test_an_undecodable_folder_name_gives_a_report(tmp_path: Path) -> None:
    _undecodable_group(tmp_path)
    done = _cli("validate", "groups", "--format", "json", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert b"Traceback" not in done.stderr
    report = json.loads(done.stdout.decode("utf-8"))  # valid UTF-8: the bytes are escaped
    assert report["summary"]["groups"] == 2
    files = {g["file"] for g in report["groups"]}
    expected = os.fsdecode(b"groups/" + "泰山区集团".encode("gbk") + b"/charter.yaml")
    assert expected in files  # the escape reads back as the very name on disk


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "groups", "-f", "sarif", "-o", "out.sarif"],
        ["validate", "groups", "-f", "junit", "-o", "out.xml"],
        ["validate", "groups", "-f", "gitlab", "-o", "out.json"],
        ["validate", "groups", "-f", "github"],
        ["validate", "groups", "-f", "markdown"],
        ["validate", "groups", "-f", "parsable"],
        ["validate", "groups", "--write-baseline", "baseline.json"],
        ["validate", "groups"],
        ["report", "groups", "--output", "out.html"],
        ["export", "groups", "--format", "xlsx", "--output", "out.xlsx"],
        ["export", "groups", "--format", "csv", "--output", "out.csv"],
    ],
)
def test_an_undecodable_folder_name_in_every_output(tmp_path: Path, command: list[str]) -> None:
    """Issue 7: never a traceback, and the good group beside it is still reported."""
    _undecodable_group(tmp_path)
    done = _cli(*command, cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert b"Traceback" not in done.stderr
    written = [p for p in tmp_path.iterdir() if p.is_file()]
    text = b"".join(p.read_bytes() for p in written if p.suffix != ".xlsx") + done.stdout
    if not any(p.suffix == ".xlsx" for p in written):
        assert b"chenzhou-no1-middle-group" in text or b"good" in text
        text.decode("utf-8")  # every output is valid UTF-8


def test_an_undecodable_folder_name_in_a_pdf(tmp_path: Path) -> None:
    _undecodable_group(tmp_path)  # tools/test.py installs the CJK font the PDF needs
    done = _cli("report", "groups", "--output", "out.pdf", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")

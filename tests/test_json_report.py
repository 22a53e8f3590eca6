"""The JSON report's bytes: pydantic's fast serializer writes exactly what ``json.dumps`` would,
and a path that is not valid UTF-8 still gives a report, not a traceback."""

from __future__ import annotations

import datetime as dt
import json
import os
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


def test_an_undecodable_folder_name_gives_a_report(tmp_path: Path) -> None:
    source = ROOT / "charters" / "henan-shangqiu-liangyuan" / "shangqiu-qianjin-primary-group"
    folder = os.path.join(os.fsencode(tmp_path), b"g\xff")
    try:
        os.mkdir(folder)
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses a name that is not UTF-8")
    for name in ("charter.yaml", "rotations.yaml"):
        if (source / name).exists():
            Path(os.fsdecode(os.path.join(folder, name.encode()))).write_bytes(
                (source / name).read_bytes()
            )
    command = [sys.executable, "-m", "groupcheck", "validate", str(tmp_path)]
    done = subprocess.run(
        [*command, "--format", "json", "--as-of", AS_OF.isoformat()], capture_output=True
    )
    assert done.returncode in (0, 1), done.stderr
    assert b"Traceback" not in done.stderr
    report = json.loads(done.stdout.decode("utf-8", "surrogateescape"))
    assert report["summary"]["groups"] == 1
    assert b"g\xff/charter.yaml" in done.stdout

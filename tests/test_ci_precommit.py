"""The pre-commit hook, for real: ``pre-commit run`` with this project in the config.

A temporary git repository holds charters, a groupcheck.toml and a ``.pre-commit-config.yaml``
naming a clone of this project at its commit (``conftest.PreCommit``); the real pre-commit
(from the dev extra) installs the project into its own environment and runs the ``groupcheck``
hook of ``.pre-commit-hooks.yaml``. It must fail on a bad charter and pass on a good one.

The hook tested is the committed one (what a charter repository gets from ``rev:``), not
whatever is half-edited in the working tree. The charters' config selects the rules that do
not depend on the date, so the test gives the same answer on any day it runs.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PreCommit

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "cases" / "all" / "passing-group" / "g"
CONFIG = '[tool.groupcheck]\nselect = ["GC0", "GC101", "GC102", "GC104", "GC105"]\n'


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.slow
def test_pre_commit_hook_fails_on_a_bad_charter_and_passes_on_a_good_one(
    tmp_path: Path, pre_commit: PreCommit
) -> None:
    charters = tmp_path / "charters"
    charters.mkdir()
    _git("init", "--quiet", ".", cwd=charters)
    (charters / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(GOOD, charters / "groups" / "good")
    shutil.copytree(GOOD, charters / "groups" / "bad")
    bad = charters / "groups" / "bad" / "charter.yaml"
    text = bad.read_text(encoding="utf-8").replace("id: g\n", "id: bad\n", 1)
    bad.write_text(text.replace("\nmembers:\n", "\nmembers: [\n", 1), encoding="utf-8")
    _git("add", "-A", cwd=charters)

    failing = pre_commit.run("groupcheck", charters)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "groupcheck" in failing.stdout and "Failed" in failing.stdout
    assert "GC001" in failing.stdout  # the hook's output names the rule and file
    assert "groups/bad/charter.yaml" in failing.stdout

    shutil.rmtree(charters / "groups" / "bad")
    _git("add", "-A", cwd=charters)
    passing = pre_commit.run("groupcheck", charters)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout

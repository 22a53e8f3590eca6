"""Shared fixtures: the repository root, a helper that drops root's privileges, and what is
built once per test run for every worker (``built_once``: the pre-commit hook's environment,
the wheel in tests/test_packaging.py)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def packs_in_use_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per call of ``Report.packs_in_use`` while the test runs: it reads every
    group, so a reporter asks it once, not once per group (docs/performance.md, "Per-group
    CPU")."""
    from groupcheck.report import Report

    asked: list[int] = []
    real = Report.packs_in_use

    def counted(self: Report) -> list[str]:
        asked.append(1)
        return real(self)

    monkeypatch.setattr(Report, "packs_in_use", counted)
    return asked


@pytest.fixture(autouse=True)
def _own_user_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test's ``validate`` runs with an empty user cache folder of its own (issue 17, 2):
    a test that patches a rule or the loader must not meet another test's entries, nor the
    developer's ~/.cache be filled by the suite."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


@pytest.fixture
def unprivileged() -> Callable[[list[str]], list[str]]:
    """Wrap a command so that file permissions hold for it, as for an ordinary user.

    Root reads through ``chmod 000``. As root the command runs in a new user namespace
    (``unshare --user``): it keeps root's uid on the files, so the clone is readable wherever it
    lives (a mode-700 home folder included), but loses the capabilities that override file modes.
    Dropping to ``nobody`` instead would fail on a clone only its owner can read.
    """
    if os.geteuid() != 0:
        return lambda command: command
    unshare = shutil.which("unshare")
    assert unshare, "unshare (util-linux) is needed to drop root's privileges for this test"
    probe = subprocess.run([unshare, "--user", "true"], capture_output=True, text=True)
    assert probe.returncode == 0, f"unshare --user does not work here: {probe.stderr.strip()}"
    return lambda command: [unshare, "--user", *command]


def built_once(
    tmp_path_factory: pytest.TempPathFactory,
    worker_id: str,
    name: str,
    build: Callable[[Path], None],
) -> Path:
    """The folder ``name``, filled by ``build`` once per test run, for every worker.

    pytest-xdist's workers share the parent of their temporary folders: the first to take the
    lock builds there while the others wait for it, then all read what it built.
    """
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        base = shared / name
        if not (base / ".built").exists():
            shutil.rmtree(base, ignore_errors=True)
            base.mkdir()
            build(base)
            (base / ".built").touch()
    return base


@dataclass(frozen=True)
class PreCommit:
    """The real pre-commit (from the dev extra), with this project as a charter repository's
    ``.pre-commit-config.yaml`` names it: ``repo:`` a clone of the committed project (the hook
    tested is the committed one, not whatever is half-edited in the working tree), ``rev:`` its
    commit. One ``PRE_COMMIT_HOME`` serves the whole test run: pre-commit installs the hook
    environment there the first time, under its store's lock, and every hook of the ``repo:``
    shares it, as in a charter repository. (``pre-commit try-repo`` would install it afresh
    into a temporary store at every call.)"""

    project: Path
    rev: str
    home: Path

    def run(self, hook: str, charters: Path) -> subprocess.CompletedProcess[str]:
        """``pre-commit run --all-files`` of the hook ``hook`` in the git repository
        ``charters``."""
        (charters / ".pre-commit-config.yaml").write_text(
            f"repos:\n  - repo: {self.project}\n    rev: {self.rev}\n"
            f"    hooks:\n      - id: {hook}\n",
            encoding="utf-8",
        )
        env = {**os.environ, "PRE_COMMIT_HOME": str(self.home), "LANG": "C.UTF-8"}
        env.pop("GITHUB_ACTIONS", None)
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
            cwd=charters,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=1200,
        )


@pytest.fixture(scope="session")
def pre_commit(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> PreCommit:
    """The project cloned once per test run, for every worker, and pre-commit's one cache."""

    def clone(base: Path) -> None:
        subprocess.run(
            ["git", "clone", "--quiet", str(ROOT), str(base / "project")],
            check=True,
            capture_output=True,
        )

    base = built_once(tmp_path_factory, worker_id, "pre-commit", clone)
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"],
        cwd=base / "project",
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return PreCommit(project=base / "project", rev=rev, home=base / "home")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Real groups (Taishan's four), a broken one and one not yet established, aged (``age``):
    the cache's tests (tests/test_cache.py, tests/test_changed.py) run over it."""
    top = tmp_path / "tree"
    shutil.copytree(ROOT / "charters" / "shandong-taian-taishan", top / "taishan")
    future = ROOT / "tests" / "cases" / "GC006" / "established-day-after-as-of" / "g"
    shutil.copytree(future, top / "future")
    broken = top / "broken"
    broken.mkdir()
    (broken / "charter.yaml").write_text("id: broken\nname: [unclosed\n", encoding="utf-8")
    age(top)
    return top


def age(top: Path, seconds: int = 60) -> None:
    """Date every file and folder of ``top`` a minute back: one written just now is read again
    by the next run (``cache.RACY_NS``, ``discovery.RACY_NS``), so a fresh tree would never be
    read from the cache's index."""
    for path in top.rglob("*"):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    """A synthetic repository of 16 groups (``benchmarks/generate.py``), dated a minute back
    (``age``) so that a warm run may take its files from the cache's index."""
    top = tmp_path / "generated"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(top), "--groups", "16"],
        check=True,
        capture_output=True,
    )
    age(top)
    return top

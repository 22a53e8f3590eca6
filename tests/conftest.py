"""Shared fixtures: the repository root and a helper that runs the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    return ROOT


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

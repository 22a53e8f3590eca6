"""A progress bar on stderr for long runs: groups found, then checked.

Shown only when stderr is a terminal (never on a pipe, in a file or a CI log) and only once a
run has lasted about a second, so a short run prints nothing but its report. It is transient:
it clears itself when the run ends, and stdout, where the report goes, is never touched.
"""

from __future__ import annotations

import os
import sys
import time
from typing import IO, Any

SHOW_AFTER = 1.0
"""Seconds a run must last before the bar appears (``GROUPCHECK_PROGRESS_AFTER`` overrides)."""


def show_after() -> float:
    try:
        return float(os.environ.get("GROUPCHECK_PROGRESS_AFTER", SHOW_AFTER))
    except ValueError:
        return SHOW_AFTER


def wanted(stream: IO[str] | None = None) -> bool:
    """Whether a bar belongs on ``stream`` (stderr by default): a terminal, not a dumb one."""
    target = stream if stream is not None else sys.stderr
    try:
        interactive = target.isatty()
    except (AttributeError, ValueError):
        return False
    return interactive and os.environ.get("TERM") != "dumb"


class Bar:
    """``parallel.Progress`` drawn with Rich (imported only when a bar is drawn)."""

    def __init__(self, stream: IO[str] | None = None, after: float | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._started = time.monotonic()
        self._show_after = show_after() if after is None else after
        self._groups = 0
        self._files = 0
        self._done = 0
        self._bar: Any = None
        self._task: Any = None

    def found(self, groups: int, files: int) -> None:
        self._groups, self._files = groups, files
        self._maybe_show()

    def checked(self, groups: int) -> None:
        self._done += groups
        self._maybe_show()
        if self._bar is not None:
            self._bar.update(self._task, completed=self._done)

    def finishing(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=self._groups, description="reporting")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _maybe_show(self) -> None:
        if self._bar is not None or time.monotonic() - self._started < self._show_after:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        console = Console(file=self._stream, stderr=True)
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("groups · {task.fields[files]} files"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._bar.add_task(
            "checking", total=self._groups, completed=self._done, files=f"{self._files:,}"
        )
        self._bar.start()

"""Progress bars on stderr for long runs: files found, then files parsed and groups checked
(``Bar``); the pages of a PDF report as the printer lays them out (``PrintBar``).

Shown only when stderr is a terminal (never on a pipe, in a file or a CI log) and only once a
run has lasted about a second, so a short run prints nothing but its report. It is transient:
it clears itself when the run ends, and stdout, where the report goes, is never touched.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import IO, Any

from groupcheck.messages import Lang, text

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
        self._parsed = 0
        self._total_known = False
        self._bar: Any = None
        self._task: Any = None
        # A parallel run's walk reports from the pool's feeder thread while the main thread
        # reports checked chunks.
        self._lock = threading.RLock()

    def finding(self, groups: int, files: int) -> None:
        """Discovery is under way: so many groups and files found so far."""
        with self._lock:
            self._groups, self._files = groups, files
            self._maybe_show(finding=True)
            self._update(files=f"{files:,}+")

    def found(self, groups: int, files: int) -> None:
        with self._lock:
            self._groups, self._files = groups, files
            self._maybe_show()
            self._update(
                total=groups, completed=self._done, files=f"{files:,}", description="checking"
            )
            self._total_known = True

    def checked(self, groups: int, files: int) -> None:
        with self._lock:
            self._done += groups
            self._parsed += files
            self._maybe_show(finding=not self._total_known)
            self._update(completed=self._done, parsed=f"{self._parsed:,}", description="checking")

    def finishing(self) -> None:
        with self._lock:
            self._update(completed=self._groups, parsed=f"{self._files:,}", description="reporting")

    def close(self) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.stop()
                self._bar = None

    def _update(self, **fields: Any) -> None:
        """Change the drawn task, once drawing has started."""
        if self._bar is not None:
            self._bar.update(self._task, **fields)

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _maybe_show(self, finding: bool = False) -> None:
        """Start drawing once the run has lasted long enough (``finding``: the total is not
        known yet, the walk goes on)."""
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
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TextColumn("groups · {task.fields[parsed]}/{task.fields[files]} files read"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._bar.add_task(
            "finding" if finding and not self._done else "checking",
            total=None if finding else self._groups,
            completed=self._done,
            files=f"{self._files:,}" + ("+" if finding else ""),
            parsed=f"{self._parsed:,}",
        )
        self._bar.start()


class PrintBar:
    """The PDF printer's progress: a spinner, the page being laid out, the time so far.

    WeasyPrint does not know the number of pages before it has laid them all out, so there is
    no total: the count, and the stage (laying out, then writing the file). Drawn as ``Bar``
    is: on a terminal only, after ``show_after`` seconds, cleared when printing ends.
    """

    def __init__(
        self, lang: str = "en", stream: IO[str] | None = None, after: float | None = None
    ) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._lang: Lang = "zh" if lang == "zh" else "en"
        self._wanted = wanted(self._stream)
        self._started = time.monotonic()
        self._show_after = show_after() if after is None else after
        self._bar: Any = None
        self._task: Any = None

    def update(self, stage: str, page: int) -> None:
        """The printer's news: ``stage`` is ``layout`` or ``pdf``; ``page`` the page reached."""
        if not self._wanted:
            return
        if self._bar is None:
            if time.monotonic() - self._started < self._show_after:
                return
            self._start()
        self._bar.update(
            self._task,
            description=text(f"ui.progress.{'pdf' if stage == 'pdf' else 'layout'}", self._lang),
            page=text("ui.progress.page", self._lang, page=page),
            refresh=True,
        )

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.fields[page]}"),
            TimeElapsedColumn(),
            console=Console(file=self._stream, stderr=True),
            transient=True,
        )
        self._task = self._bar.add_task(text("ui.progress.layout", self._lang), total=None, page="")
        self._bar.start()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> PrintBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""GC204 across groups (issue 14, item 8): one staff number in two groups' logs at once.

The case folders pin the findings; here, that a parallel run (whose parent holds no exchanges,
only the staff-numbered postings the workers send) finds the same as one process.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from groupcheck import parallel, reporters
from groupcheck.settings import Settings

CASE = Path(__file__).parent / "cases" / "GC204" / "fail-staff-no-in-two-groups"


def test_parallel_run_finds_the_cross_group_overlap() -> None:
    settings = Settings(paths=(str(CASE),), as_of=dt.date(2026, 11, 25), lang="en")
    two = parallel.run(settings, 2, serial_below=0)
    one = parallel.run(settings, 1)
    assert reporters.render("json", two, lang="en") == reporters.render("json", one, lang="en")
    across = [f for f in two.report.findings if f.key == "overlap_other_group"]
    assert sorted((f.group, f.args["other_group"]) for f in across) == [("a", "b"), ("b", "a")]
    assert all(f.line is not None for f in across)


def test_a_worker_that_cannot_start_ends_the_run_instead_of_hanging(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pool whose initializer raises forks a new worker for ever; the failure is kept and
    raised by the first chunk, so the run ends (with an internal-error finding), not hangs."""

    def broken(*_args: object) -> None:
        raise RuntimeError("worker set-up failed")

    monkeypatch.setattr(parallel, "_set_up_worker", broken)
    settings = Settings(paths=(str(CASE),), as_of=dt.date(2026, 11, 25), lang="en")
    with pytest.raises(RuntimeError, match="worker set-up failed"):
        parallel.run(settings, 2, serial_below=0)

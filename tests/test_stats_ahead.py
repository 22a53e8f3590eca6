"""The files' stats checked in a forked process while the walk goes on (issue 17, item 3: the
pre-commit hook at most 1 s for a commit touching one group of 10,000): ``cache._StatsAhead``
answers for each group row of the index what checking it here would, a child that fails
leaves every row to be checked here, and a run with it gives the outputs a run without the
cache gives, through every kind of change to a group's files.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import age
from groupcheck import cache as cache_module
from groupcheck import parallel
from groupcheck.cache import _packed_stamps, _row_holds, _StatsAhead
from test_incremental_passes import _edit, _run


def _rows(tmp_path: Path) -> dict[str, Any]:
    """Group rows as the index keeps them: some holding, some not, some not rows at all."""
    files = []
    for number in range(6):
        path = tmp_path / f"f{number}.yaml"
        path.write_text(f"n: {number}\n", encoding="utf-8")
        files.append(str(path))
    rows: dict[str, Any] = {}
    for number in range(0, 6, 2):
        names = files[number : number + 2]
        rows[f"g{number}"] = ("\0".join(names), _packed_stamps(names), "0" * 64)
    rows["changed"] = rows.pop("g2")
    Path(files[3]).write_text("n: 33\n", encoding="utf-8")  # another size: another stat
    rows["gone"] = (str(tmp_path / "gone.yaml"), _packed_stamps(files[:1]), "0" * 64)
    rows["no stats"] = (files[0], None, "0" * 64)
    rows["not a row"] = ["a list"]
    rows["short"] = (files[0],)
    for number in range(8):  # enough rows for the child's share to leave some here
        rows[f"more{number}"] = (files[0], _packed_stamps(files[:1]), "0" * 64)
    return rows


def _gone(pid: int) -> None:
    """The child ``pid`` was waited for: no zombie left behind."""
    assert pid > 0
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_the_child_answers_for_its_rows_as_checking_them_here_would(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    ahead = _StatsAhead(rows)
    pid = ahead._pid
    answers = {folder: ahead.holds(folder) for folder in rows}
    share = cache_module._ahead_share(len(rows))
    assert 0 < share < len(rows)
    for position, (folder, row) in enumerate(rows.items()):
        expected = _row_holds(row) if position < share else None
        assert answers[folder] is expected, folder
    assert answers["g0"] is True and answers["changed"] is False and answers["gone"] is False
    assert ahead._pid == 0 and ahead._read == -1  # waited for, pipe closed
    _gone(pid)


def test_a_child_that_answers_nothing_leaves_every_row_to_be_checked_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(row: Any) -> bool:
        raise RuntimeError("the child fails")

    monkeypatch.setattr(cache_module, "_row_holds", broken)
    rows = _rows(tmp_path)
    ahead = _StatsAhead(rows)
    assert {ahead.holds(folder) for folder in rows} == {None}


def test_a_child_closed_before_it_answers_is_waited_for(tmp_path: Path) -> None:
    ahead = _StatsAhead(_rows(tmp_path))
    pid = ahead._pid
    ahead.close()
    ahead.close()  # a second time: nothing left to do
    assert ahead._pid == 0
    _gone(pid)


def test_nothing_is_forked_with_other_threads_running_or_few_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = _rows(tmp_path)
    monkeypatch.setattr(cache_module, "AHEAD_FROM", len(rows) + 1)
    assert _StatsAhead.start(rows) is None
    monkeypatch.setattr(cache_module, "AHEAD_FROM", 1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert _StatsAhead.start(rows) is None
    finally:
        stop.set()
        thread.join()
    started = _StatsAhead.start(rows)
    assert started is not None
    started.close()


def _same_size_and_time(path: Path) -> None:
    """Rewritten with as many bytes, its modification time put back: only its change time
    tells."""
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("2", "3", 1)
    assert len(edited.encode()) == len(text.encode()) and edited != text
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_runs_with_the_stats_checked_ahead_give_the_uncached_outputs(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "AHEAD_FROM", 1)
    answered: list[bool | None] = []
    holds = _StatsAhead.holds

    def spied(self: _StatsAhead, folder: str) -> bool | None:
        answer = holds(self, folder)
        answered.append(answer)
        return answer

    monkeypatch.setattr(_StatsAhead, "holds", spied)
    cache = tmp_path / "cache"
    groups = sorted(c.parent for c in generated.rglob("charter.yaml"))
    _run(generated, cache)
    logs = max((sorted((g / "rotations").glob("*.yaml")) for g in groups[1:]), key=len)
    assert len(logs) >= 2
    edits = [
        ("a comment", lambda: _edit(groups[0] / "charter.yaml", "\nname: ", "\n# c\nname: ")),
        ("a rename", lambda: _edit(groups[2] / "charter.yaml", "\nname: ", "\nname: 新")),
        ("a log's bytes, size and time kept", lambda: _same_size_and_time(logs[0])),
        ("a log removed", lambda: logs[-1].unlink()),
        ("a group removed", lambda: (groups[3] / "charter.yaml").unlink()),
        ("nothing", lambda: None),
    ]
    for label, edit in edits:
        edit()
        age(generated)
        answered.clear()
        scope = groups[0]
        assert _run(generated, cache, scope) == _run(generated, None, scope), label
        assert _run(generated, cache) == _run(generated, None), label
        held = [answer for answer in answered if answer is True]
        assert held, f"{label}: no group's stats taken from the child's answers"
        if label != "nothing":
            assert False in answered or None in answered, label


def _slow(seconds: float) -> Any:
    def holds(row: Any) -> bool:
        time.sleep(seconds)
        return _row_holds(row)

    return holds


def test_ctrl_c_is_left_to_this_process_and_the_child_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGINT reaches the whole process group: the child, forked with it blocked, goes on."""
    monkeypatch.setattr(cache_module, "_row_holds", _slow(0.02))
    # Python's own handler in the child, whatever the test runner set (pytest-xdist's
    # workers ignore SIGINT)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        rows = _rows(tmp_path)
        ahead = _StatsAhead(rows)
    finally:
        signal.signal(signal.SIGINT, previous)
    os.kill(ahead._pid, signal.SIGINT)
    share = cache_module._ahead_share(len(rows))
    assert [ahead.holds(f) for f in list(rows)[:share]] == [
        _row_holds(r) for r in list(rows.values())[:share]
    ]
    assert ahead.status is not None and os.WIFEXITED(ahead.status)
    assert os.WEXITSTATUS(ahead.status) == 0


def test_a_run_ended_early_kills_the_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "_row_holds", _slow(0.5))  # 8 s for its rows
    ahead = _StatsAhead(_rows(tmp_path))
    ahead.close()
    assert ahead.status is not None and os.WIFSIGNALED(ahead.status)
    assert os.WTERMSIG(ahead.status) == signal.SIGKILL


def test_a_walk_that_fails_leaves_no_child_behind(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "AHEAD_FROM", 1)
    cache = tmp_path / "cache"
    _run(generated, cache)
    ended: list[tuple[int, _StatsAhead]] = []
    close = _StatsAhead.close

    def kept(self: _StatsAhead) -> None:
        pid = self._pid
        close(self)
        ended.append((pid, self))

    def failing(self: Any) -> Any:
        raise OSError("the disk went away")
        yield

    monkeypatch.setattr(_StatsAhead, "close", kept)
    monkeypatch.setattr(parallel.Walk, "__iter__", failing)
    with pytest.raises(OSError, match="the disk went away"):
        _run(generated, cache)
    assert len(ended) == 1 and ended[0][1].status is not None
    _gone(ended[0][0])

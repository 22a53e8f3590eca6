"""Lean events only where groupcheck owns the process (issue 13, item 4).

The ``groupcheck`` command and a parallel run's workers install the lean event classes once
(``yamlsource.install_lean_events``, after checking that the running PyYAML takes them); a
program that calls groupcheck keeps PyYAML as it is. So, in such a program: another thread's
``yaml.parse``, ``yaml.emit`` and ``yaml.load`` see nothing of a run, a Ctrl-C in the middle of
a parse leaves nothing behind, and a signal handler may parse while a parse is under way. A
PyYAML without libyaml works, and ``--show-settings`` says it is slower; every source of events
gives the same report, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner
from yaml import _yaml

import groupcheck
from groupcheck import parallel, yamlsource
from groupcheck.cli import app
from groupcheck.engine import Run

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 25)
CHARTER = next((ROOT / "charters").rglob("charter.yaml")).read_bytes()

DOCUMENT = b"a: [1, {b: c}]\nd: &x e\nf: *x\ng: 'h'\n"
EVENT_TYPES = [type(e) for e in yaml.parse(DOCUMENT, Loader=yaml.CSafeLoader)]
LOADED = yaml.load(DOCUMENT, Loader=yaml.CSafeLoader)
EMITTED = yaml.emit(yaml.parse(DOCUMENT, Loader=yaml.CSafeLoader), Dumper=yaml.CSafeDumper)


def pyyaml_is_stock() -> bool:
    """``yaml._yaml`` calls PyYAML's own event classes, and they work."""
    classes = all(getattr(_yaml, name) is cls for name, cls in yamlsource._STOCK_EVENTS.items())
    events = [type(e) for e in yaml.parse(DOCUMENT, Loader=yaml.CSafeLoader)]
    return classes and events == EVENT_TYPES


@pytest.fixture
def installed() -> Iterator[None]:
    """Lean events installed in this process for the test (the documented opt-in), stock again
    after it."""
    assert groupcheck.install_lean_events()
    try:
        yield
    finally:  # a test only: a process that installed them never goes back
        _yaml.__dict__.update(yamlsource._STOCK_EVENTS)


def test_a_library_run_leaves_pyyaml_alone_for_the_programs_other_threads() -> None:
    """The review's reproduction: with the per-parse swap, another thread's ``yaml.parse`` got
    tuples most of the time and ``yaml.emit`` raised (``yaml.load`` happened to survive)."""
    stop = threading.Event()
    rounds = [0]
    wrong: list[str] = []

    def use_pyyaml() -> None:
        while not stop.is_set():
            try:
                events = list(yaml.parse(DOCUMENT, Loader=yaml.CSafeLoader))
                if [type(e) for e in events] != EVENT_TYPES:
                    wrong.append(f"yaml.parse gave {events[:3]}")
                if yaml.emit(events, Dumper=yaml.CSafeDumper) != EMITTED:
                    wrong.append("yaml.emit wrote something else")
                if yaml.load(DOCUMENT, Loader=yaml.CSafeLoader) != LOADED:
                    wrong.append("yaml.load read something else")
            except Exception as exc:
                wrong.append(repr(exc))
            rounds[0] += 1

    settings = groupcheck.Settings(paths=(str(ROOT / "charters"),), as_of=AS_OF)
    alone = groupcheck.run(settings).report
    other = threading.Thread(target=use_pyyaml)
    other.start()
    try:
        assert groupcheck.run(settings).report == alone
        # Parsing alone, most of the time: where the swap was, nearly every round went wrong.
        started = rounds[0]
        while rounds[0] - started < 500:
            yamlsource.parse(CHARTER)
    finally:
        stop.set()
        other.join()
    assert wrong == []
    assert pyyaml_is_stock()


def _interrupt_soon(delay: float) -> threading.Timer:
    main = threading.main_thread().ident
    assert main is not None
    return threading.Timer(delay, signal.pthread_kill, (main, signal.SIGINT))


def parses_at_once() -> bool:
    """A parse in a new thread finishes within seconds (no lock left held by an interrupt)."""
    done = threading.Event()
    thread = threading.Thread(target=lambda: (yamlsource.parse(DOCUMENT), done.set()), daemon=True)
    thread.start()
    return done.wait(10)


def test_ctrl_c_in_the_middle_of_parsing_leaves_pyyaml_stock() -> None:
    """Real SIGINTs at 400 moments of small and larger parses. With the per-parse swap under a
    lock, about 1 in 60 left PyYAML swapped and 1 in 10 left the lock held while the
    traceback lived (the review's ``window5.py``)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        for attempt in range(400):
            document = CHARTER if attempt % 4 == 3 else DOCUMENT
            timer = _interrupt_soon((attempt % 10) / 5000)
            with pytest.raises(KeyboardInterrupt) as interrupted:  # anywhere in the loop
                timer.start()
                while True:
                    yamlsource.parse(document, with_positions=attempt % 2 == 1)
            timer.join()
            assert pyyaml_is_stock(), attempt
            assert parses_at_once(), attempt  # while the traceback lives
            del interrupted
    finally:
        signal.signal(signal.SIGINT, previous)


def test_a_signal_handler_may_parse_while_a_parse_is_under_way() -> None:
    """With a lock around each parse, this deadlocked: the handler waited for its own thread."""
    parsed: list[Any] = []

    def handler(signum: int, frame: Any) -> None:
        parsed.append(yamlsource.parse(b"k: [v]\n").data)

    previous = signal.signal(signal.SIGALRM, handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)
        deadline = time.monotonic() + 20
        while len(parsed) < 20 and time.monotonic() < deadline:
            assert yamlsource.parse(CHARTER).data is not None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert len(parsed) >= 20
    assert all(data == {"k": ["v"]} for data in parsed)


def test_installing_lean_events_is_once_for_the_process(installed: None) -> None:
    assert yamlsource.install_lean_events()  # again: nothing more to do
    for name, function in yamlsource._LEAN_EVENTS.items():
        assert getattr(_yaml, name) is function, name
    assert yamlsource.parser_in_use() == ("libyaml, lean events", f"PyYAML {yaml.__version__}")
    assert yamlsource.parse(DOCUMENT).data == LOADED


def _arguments_in_another_order(
    anchor: Any, tag: Any, implicit: Any, value: Any, *marks: Any
) -> tuple[Any, ...]:
    return (yamlsource._SCALAR, tag, value, implicit[0], anchor, marks[0])


def _made_by(cls: type) -> Callable[..., Any]:
    return lambda *args: cls(*args)


@pytest.mark.parametrize(
    "change",
    [
        # A PyYAML that calls the classes with another signature: wrong data, or a TypeError.
        {"ScalarEvent": _arguments_in_another_order},
        {"AliasEvent": lambda *args: (yamlsource._ALIAS,)},
        # A PyYAML that no longer looks the classes up where groupcheck puts its functions: the
        # parser still makes event objects.
        {name: _made_by(cls) for name, cls in yamlsource._STOCK_EVENTS.items()},
    ],
    ids=["arguments moved", "arguments dropped", "classes not looked up"],
)
def test_lean_events_this_pyyaml_cannot_take_are_not_installed(
    monkeypatch: pytest.MonkeyPatch, change: dict[str, Callable[..., Any]]
) -> None:
    for name, function in change.items():
        monkeypatch.setitem(yamlsource._LEAN_EVENTS, name, function)
    assert not yamlsource.install_lean_events()
    assert pyyaml_is_stock()
    parser, note = yamlsource.parser_in_use()
    assert parser == "libyaml, stock events" and "slower" in note
    assert yamlsource.parse(DOCUMENT).data == LOADED


def test_the_command_run_from_a_program_leaves_pyyaml_stock() -> None:
    """``app`` in a program (here, a test) is not ``main``: the process is not groupcheck's."""
    result = CliRunner().invoke(app, ["validate", str(ROOT / "charters"), "--show-settings"])
    assert result.exit_code == 0, result.output
    assert 'parser = "libyaml, stock events"' in result.output
    assert pyyaml_is_stock()


def test_a_parallel_runs_workers_install_lean_events_and_the_caller_stays_stock() -> None:
    run = Run(as_of=AS_OF, lang="en", pack=groupcheck.default_pack(), use_waivers=True)
    context = multiprocessing.get_context("fork")
    with context.Pool(1, parallel._init_worker, (run,)) as pool:
        assert pool.apply(yamlsource.parser_in_use)[0] == "libyaml, lean events"
    assert pyyaml_is_stock()


WITHOUT_LIBYAML = "import sys; sys.modules['yaml._yaml'] = None  # as a build without libyaml\n"
STOCK_EVENTS_ONLY = (
    "from groupcheck import yamlsource\n"
    "yamlsource.install_lean_events = lambda: False  # as a PyYAML that cannot take them\n"
)


def groupcheck_command(prelude: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """The ``groupcheck`` command (``main``) in a new process, after ``prelude``."""
    code = prelude + "from groupcheck.cli import main\nmain()\n"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True)


def test_the_command_says_how_it_parses() -> None:
    lean = groupcheck_command("", "validate", "charters", "--show-settings")
    assert b'parser = "libyaml, lean events"' in lean.stdout, lean.stderr
    slow = groupcheck_command(WITHOUT_LIBYAML, "validate", "charters", "--show-settings")
    line = next(li for li in slow.stdout.decode().splitlines() if li.startswith("parser ="))
    assert '"PyYAML without libyaml"' in line and "slower" in line, slow.stderr


def test_every_source_of_events_gives_the_same_report_byte_for_byte() -> None:
    """``charters/`` and the corpus of broken files (73 groups: two workers)."""
    args = ("validate", "charters", "tests/corpus", "--format", "json", "--jobs", "2")
    args += ("--as-of", AS_OF.isoformat())
    lean = groupcheck_command("", *args)
    assert lean.returncode == 1, lean.stderr
    assert b'"GC001"' in lean.stdout and b'"GC201"' in lean.stdout
    for prelude in (STOCK_EVENTS_ONLY, WITHOUT_LIBYAML):
        other = groupcheck_command(prelude, *args)
        assert (other.returncode, other.stderr) == (1, b"")
        assert other.stdout == lean.stdout, prelude

"""yamlsource's own builder reads YAML exactly as PyYAML's safe loader does (where that loader
is safe), and leaves PyYAML as it found it.

The builder reads events as tuples from one of three sources: libyaml with the lean event
classes installed (``yamlsource.install_lean_events``, what the ``groupcheck`` command and the
workers use), libyaml's stock event objects turned into tuples (a library call), and PyYAML's
Python parser (a PyYAML without libyaml). These tests compare its data with
``yaml.load(..., Loader=yaml.CSafeLoader)``, from each source, on hand-written documents that use
every kind of event, on every YAML file in the repository, and on Hypothesis-generated data
dumped in block and flow style. tests/test_lean_events.py has what installing them changes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
import yaml.events
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml import _yaml

from groupcheck import yamlsource
from test_parallel import _generator

ROOT = Path(__file__).resolve().parent.parent

DOCUMENTS = {
    "scalars of every resolved type": (
        "text: 张三\nint: 42\noctal: 0755\nhex: 0x1F\nfloat: 2.5e3\ninf: .inf\nyes: yes\n"
        "off: Off\nnull: ~\nempty:\ndate: 2024-09-01\nstamp: 2024-09-01 08:30:00\n"
        "quoted: '42'\ndouble: \"no\"\n"
    ),
    "block scalars": "literal: |\n  第一行\n  second\nfolded: >-\n  one\n  two\n",
    "flow collections": "a: {x: 1, y: [1, 2, {z: null}]}\nb: []\nc: {}\n",
    "nested block": "top:\n  - name: a\n    items:\n      - 1\n      - - 2\n        - 3\n",
    "anchors and aliases": (
        "base: &b {role: cadre, years: 3}\nlist: &l [1, 2]\nscalar: &s 七\n"
        "uses: [*b, *l, *s]\nagain: *b\n"
    ),
    "merge keys": (
        "base: &b {role: cadre, from: core}\nother: &o {to: member, role: teacher}\n"
        "one:\n  <<: *b\n  person: 李明\n"
        "many:\n  <<: [*b, *o]\n  role: head\n"
        "inline:\n  <<: {k: v}\n  k: mine\n"
    ),
    "explicit document markers": "%YAML 1.1\n---\na: 1\n...\n",
    "explicit standard tags": (
        "a: !!str 123\nb: !!int '7'\nc: !!float '1'\nd: !!bool 'true'\ne: !!null ''\n"
        "f: !!timestamp 2024-01-02\ng: !!seq [1]\nh: !!map {k: v}\ni: ! 12\n"
    ),
    "a scalar document": "just text\n",
    "a sequence document": "- 1\n- two\n- [3]\n",
    "an empty value document": "---\n",
    "keys of several types": "7: one\n2.5: two\ntrue: three\n2024-01-01: four\n~: five\n",
}


SOURCES = ("lean", "stock", "python")
"""Where the builder's events come from (see the module doc)."""


@contextlib.contextmanager
def events_from(source: str) -> Iterator[None]:
    """Parse with events from ``source`` inside the block; PyYAML stock again after it."""
    if source == "lean":
        assert yamlsource.install_lean_events()
        try:
            yield
        finally:  # a test only: a process that installed them never goes back
            _yaml.__dict__.update(yamlsource._STOCK_EVENTS)
    elif source == "python":
        saved = yamlsource._yaml
        yamlsource._yaml = None  # as when ``from yaml import _yaml`` fails
        try:
            yield
        finally:
            yamlsource._yaml = saved
    else:
        yield


def stock(data: bytes) -> Any:
    return yaml.load(data, Loader=yaml.CSafeLoader)


def same(a: Any, b: Any) -> bool:
    """Equal, with NaN equal to NaN and types compared too (1 is not True).

    Key order is not compared: a merge (``<<``) puts the merged keys after the mapping's own
    ones, where PyYAML puts them first; the mapping is the same.
    """
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@pytest.mark.parametrize("text", DOCUMENTS.values(), ids=DOCUMENTS.keys())
@pytest.mark.parametrize("with_positions", [False, True])
@pytest.mark.parametrize("source", SOURCES)
def test_the_builder_reads_what_the_safe_loader_reads(
    text: str, with_positions: bool, source: str
) -> None:
    data = text.encode()
    with events_from(source):
        parsed = yamlsource.parse(data, with_positions=with_positions)
    assert same(parsed.data, stock(data))
    assert parsed.problems == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("n: 1:30\n", "1:30"),  # YAML 1.1 base 60 (90 to PyYAML): means nothing to a clerk
        ("n: -1:30:00.5\n", "-1:30:00.5"),
        ("n: !!int 1:30\n", "1:30"),
        ("n: !!bool foo\n", "foo"),  # constructors that raise KeyError, IndexError, ...
        ('n: !!bool ""\n', ""),
        ('n: !!int ""\n', ""),
        ("n: !!timestamp hello\n", "hello"),
        ("n: !!float x\n", "x"),
        ("n: 0x" + "f" * 5000 + "\n", "0x" + "f" * 5000),  # past Python's digit limit
        ("n: " + "9" * 101 + "\n", "9" * 101),
        ("n: " + "1" * 100 + "\n", int("1" * 100)),  # at the bound: still a number
    ],
)
def test_values_that_are_no_number_or_no_value_of_their_tag_stay_text(
    text: str, value: object
) -> None:
    assert yamlsource.parse(text.encode()).data == {"n": value}


def test_a_long_sexagesimal_number_is_read_in_linear_time() -> None:
    data = ("teachers: 1" + ":59" * 300_000 + "\n").encode()
    started = time.perf_counter()
    parsed = yamlsource.parse(data)
    assert isinstance(parsed.data["teachers"], str)
    assert time.perf_counter() - started < 5  # PyYAML's base-60 build: minutes


@pytest.mark.parametrize(
    ("keys", "shown"),
    [("~", "~"), ("1.5", "1.5"), ("2022-01-01", "2022-01-01"), ("yes", "on"), (".nan", ".nan")],
)
def test_a_repeated_key_that_is_not_text_is_named_as_written(keys: str, shown: str) -> None:
    second = "on" if keys == "yes" else keys
    parsed = yamlsource.parse(f"a: 1\n{keys}: x\n{second}: y\n".encode())
    (problem,) = parsed.problems
    assert problem.details == {"key": shown}
    assert all(type(part) in (str, int) for part in problem.yaml_path)


def test_repeated_keys_past_the_bound_are_counted_not_listed() -> None:
    data = "".join("k: 1\n" for _ in range(5_000)).encode()
    problems = yamlsource.parse(data).problems
    assert len(problems) == yamlsource.MAX_KEY_PROBLEMS + 1
    assert problems[-1].key == "more_duplicates"
    assert problems[-1].details["count"] == 4_999 - yamlsource.MAX_KEY_PROBLEMS


def repository_yaml() -> list[Path]:
    found = [
        p
        for folder in ("charters", "tests/cases", "src/groupcheck/rules")
        for p in sorted((ROOT / folder).rglob("*.y*ml"))
    ]
    assert len(found) > 100
    return found


@pytest.mark.parametrize("source", ["lean", "stock"])  # the Python parser: below
def test_every_yaml_file_in_the_repository_reads_as_the_safe_loader_reads_it(source: str) -> None:
    compared = 0
    for path in repository_yaml():
        data = path.read_bytes()
        try:
            with events_from(source):
                parsed = yamlsource.parse(yamlsource.decode(data))
        except yamlsource.SourceProblem:
            continue  # a case of a broken file: tested where it is used
        if parsed.problems:
            continue  # duplicate keys: the safe loader keeps the last one silently
        assert same(parsed.data, stock(data)), path
        compared += 1
    assert compared > 100


def outcome(data: bytes) -> tuple[Any, ...]:
    """Everything a parse gives: data, problems and positions, or the problem that stopped it."""
    try:
        parsed = yamlsource.parse(yamlsource.decode(data), with_positions=True)
    except yamlsource.SourceProblem as problem:
        return (problem.rule, problem.key, problem.line, problem.column, problem.details)
    found = [(p.rule, p.key, p.line, p.column, p.details, p.yaml_path) for p in parsed.problems]
    return (repr(parsed.data), found, parsed.positions)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The benchmark's 80 groups: every kind of broken file it writes (tabs, keys out of line)."""
    target = tmp_path_factory.mktemp("bench") / "repo"
    _generator().generate(str(target), 80, seed=7)
    return sorted(target.rglob("*.yaml"))


@pytest.mark.parametrize("source", ["lean", "python"])
def test_every_source_of_events_gives_what_stock_events_give(
    source: str, generated: list[Path]
) -> None:
    """Broken files included: the same finding, at the same line, in the same words."""
    paths = [*repository_yaml(), *sorted((ROOT / "tests/corpus").rglob("*.y*ml")), *generated]
    for path in paths:
        data = path.read_bytes()
        expected = outcome(data)
        with events_from(source):
            assert outcome(data) == expected, path


@pytest.mark.parametrize(
    "text",
    [
        "name: 张三\n\tschool: s\n",  # a tab after a plain value: "violates indentation"
        "- a\n\t- b\n",
        "name: x\r\n\tschool: s\r\n",
        "name: '张三'\n\tschool: s\n",  # after a quoted value: "cannot start any token"
        "name: 张三 # note\n\tschool: s\n",
        "core_school:\n\tid: c\n",
        "id：g1\nname: x\n",  # a full-width colon
        "id: g1\n name: x\n",  # a key out of line
        "members:\n  - a\n  b: 1\n",
        "a: [1, 2\n",
        "a: {b: 1\n",
        "a: *\n",
        "a: [b, c]]\n",
        "a: b: c\n",
        "text: \u201cquoted\u201d: x\n",
        "a: 1\x07\n",
    ],
)
def test_without_libyaml_a_syntax_error_is_worded_and_placed_as_libyaml_does(text: str) -> None:
    data = text.encode()
    expected = outcome(data)
    assert len(expected) == 5  # a problem, not data
    with events_from("python"):
        assert outcome(data) == expected


def test_lean_events_are_the_tuples_stock_events_are_turned_into() -> None:
    for path in repository_yaml():
        data = path.read_bytes()
        with contextlib.suppress(yamlsource.SourceProblem):
            data = yamlsource.decode(data)
        adapted = events(data)
        with events_from("lean"):
            assert events(data) == adapted, path


def events(data: bytes) -> list[Any]:
    """The tuples ``_Builder`` reads, from libyaml, up to the end or the first error."""
    parser = _yaml.CParser(data)
    next_event = yamlsource._as_tuples(parser.get_event)
    found: list[Any] = []
    try:
        while not found or found[-1][0] != yamlsource._STREAM_END:
            event = next_event()
            # Marks are compared by where they point: each parse makes its own mark objects.
            found.append(tuple(_where(m) if hasattr(m, "column") else m for m in event))
    except yaml.YAMLError as exc:
        found.append(("error", str(exc)))
    finally:
        parser.dispose()
    return found


def _where(mark: Any) -> tuple[int, int, int]:
    return mark.line, mark.column, mark.index


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)),
)
data_trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.one_of(st.text(max_size=10), st.integers()), children, max_size=5),
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(tree=data_trees, flow=st.sampled_from([False, True, None]))
def test_generated_data_reads_back_as_the_safe_loader_reads_it(
    tree: Any, flow: bool | None
) -> None:
    data = yaml.safe_dump(tree, allow_unicode=True, default_flow_style=flow).encode()
    for source in SOURCES:
        with events_from(source):
            assert same(yamlsource.parse(data).data, stock(data)), source
            assert same(yamlsource.parse(data, with_positions=True).data, stock(data)), source


STOCK_CLASSES = {
    name: getattr(yaml.events, name)
    for name in (
        "ScalarEvent",
        "MappingStartEvent",
        "MappingEndEvent",
        "SequenceStartEvent",
        "SequenceEndEvent",
        "AliasEvent",
        "DocumentStartEvent",
        "DocumentEndEvent",
        "StreamStartEvent",
        "StreamEndEvent",
    )
}


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, {b: 2}]\n",  # parses
        "a: [1, 2\n",  # libyaml's syntax error
        "a: !!python/object:os.system x\n",  # refused by the builder
        "a: 1\n---\nb: 2\n",  # a second document
        "a: *nowhere\n",  # an unknown alias
    ],
)
def test_pyyaml_is_left_as_it_was_whatever_the_parse_ends_in(text: str) -> None:
    with contextlib.suppress(yamlsource.SourceProblem):
        yamlsource.parse(text.encode())
    for name, cls in STOCK_CLASSES.items():
        assert getattr(_yaml, name) is cls, name
    assert stock(b"x: &a [1]\ny: *a\n") == {"x": [1], "y": [1]}


def test_parses_in_several_threads_at_once_give_each_their_own_data() -> None:
    documents = [f"id: g{i}\nlist: [{i}, {i + 1}]\nmap: {{k: v{i}}}\n".encode() for i in range(200)]
    results: dict[int, Any] = {}

    def parse_all(offset: int) -> None:
        for i in range(offset, len(documents), 4):
            results[i] = yamlsource.parse(documents[i]).data

    threads = [threading.Thread(target=parse_all, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {i: stock(documents[i]) for i in range(len(documents))}


def test_prefetch_reads_ahead_only_what_it_may_and_never_fails(tmp_path: Path) -> None:
    regular = tmp_path / "charter.yaml"
    regular.write_bytes(b"id: g\n")
    fifo = tmp_path / "rotations.yaml"
    os.mkfifo(fifo)  # opened by nobody: prefetch must not wait for a writer
    folder = tmp_path / "rotations"
    folder.mkdir()
    before = regular.stat()
    yamlsource.prefetch([str(regular), str(fifo), str(folder), str(tmp_path / "missing.yaml")])
    after = regular.stat()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)
    assert yamlsource.load(str(regular)).data == {"id": "g"}


def test_a_positions_parse_builds_no_second_copy_of_the_data() -> None:
    """The findings' lines come from a parse for some positions while the first parse's data
    is alive (issue 19, item 5): it builds keys and indexes only, not the data again."""
    import tracemalloc

    text = "id: g\nitems:\n" + "".join(f"  - {{n: {i}, v: value {i}}}\n" for i in range(20_000))
    text += "".join(f"{i}: x\n" for i in range(200_000))
    data = text.encode()
    wanted = [("items", 19_999, "v"), (199_999,), (5,)]
    full = yamlsource.parse(data, with_positions=True)
    assert full.positions is not None
    tracemalloc.start()
    try:
        yamlsource.parse(data)
        whole = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        some = yamlsource.positions_of(data, wanted)
        skeleton = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert skeleton < whole / 10, (skeleton, whole)
    for path in wanted:
        assert some[path] == full.positions[path]
    assert some[("items", 19_999)] == full.positions[("items", 19_999)]  # ancestors too

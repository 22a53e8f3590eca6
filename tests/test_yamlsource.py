"""yamlsource's own builder reads YAML exactly as PyYAML's safe loader does (where that loader
is safe), and leaves PyYAML as it found it.

The builder takes libyaml's events as lean tuples (``yamlsource._lean_events`` swaps the event
classes ``yaml._yaml`` calls while groupcheck parses); these tests compare its data with
``yaml.load(..., Loader=yaml.CSafeLoader)`` on hand-written documents that use every kind of
event, on every YAML file in the repository, and on Hypothesis-generated data dumped in block
and flow style.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
import yaml.events
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml import _yaml

from groupcheck import yamlsource

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
def test_the_builder_reads_what_the_safe_loader_reads(text: str, with_positions: bool) -> None:
    data = text.encode()
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


def test_every_yaml_file_in_the_repository_reads_as_the_safe_loader_reads_it() -> None:
    compared = 0
    for path in repository_yaml():
        data = path.read_bytes()
        try:
            parsed = yamlsource.parse(yamlsource.decode(data))
        except yamlsource.SourceProblem:
            continue  # a case of a broken file: tested where it is used
        if parsed.problems:
            continue  # duplicate keys: the safe loader keeps the last one silently
        assert same(parsed.data, stock(data)), path
        compared += 1
    assert compared > 100


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
    assert same(yamlsource.parse(data).data, stock(data))
    assert same(yamlsource.parse(data, with_positions=True).data, stock(data))


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

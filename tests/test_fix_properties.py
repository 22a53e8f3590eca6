"""Hypothesis: any charter, its bytes mangled by the inverses of the safe fixes, fixes back to
the same parsed data, and a second fix changes nothing.

The charters are the round-trip property's (``test_properties.charters``: any Unicode text,
every optional field), dumped as block or flow YAML. The mangling does what clerks' editors do,
at the places the clerk's hand would: on the lines where a key or a list item starts (read
from groupcheck's own parse, so never inside a quoted text folded over lines) a colon becomes
full-width (``：``, ``： ``, ``：　``), the indentation becomes tabs (one a step) or ideographic
spaces, a dash is followed by a tab or an ideographic space; ISO dates become ``2022/9/1``,
``2022.9.1`` or ``2022年9月1日``; a flow list of words is separated by ``，``; a key loses a
letter where its "did you mean" is that key alone; and the file is saved as UTF-16 (with or
without a byte-order mark), UTF-8 with a byte-order mark, or, for charters written in common
Chinese characters, GBK.
"""

from __future__ import annotations

import datetime
import random
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from groupcheck import yamlsource
from groupcheck.fixes import plan_bytes
from groupcheck.fixes.values import key_candidate, levenshtein
from groupcheck.models import Charter
from groupcheck.schema_errors import _fields_at
from test_properties import EXAMPLES, SCALE, charters

RUNS = settings(
    max_examples=EXAMPLES["round_trip"] * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
_KEY_LINE = re.compile(r"^( *)((?:- )*)([a-z_]+):( |$)(.*)$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WORDS = re.compile(r"\[([a-z_-]+(?:, [a-z_-]+)+)\]")
_TEXT_KEYS = {"name", "jurisdiction", "chair", "title", "source", "by", "reason", "approved_by"}
_HANZI = "明德青云泰安第六中学教育集团山东省市区小学校长主任王李张三东西南北高级实验"


def dumped(data: dict[str, Any], flow: bool) -> str:
    return yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=None if flow else False
    )


def key_lines(text: str) -> set[int]:
    """Lines (1-based) where a mapping key or a list item starts, by groupcheck's own parse."""
    parsed = yamlsource.parse(text.encode("utf-8"), with_positions=True)
    return {line for path, (line, _) in (parsed.positions or {}).items() if path}


def mangle(text: str, rnd: random.Random) -> str:
    lines = text.split("\n")
    starts = key_lines(text)
    for number in sorted(starts):
        line = lines[number - 1]
        match = _KEY_LINE.match(line)
        if match is None:
            continue
        indent, dashes, key, space, value = match.groups()
        if rnd.random() < 0.4:
            if space and not value.startswith(("\u3000", " ")):
                colon = rnd.choice(["：", "： ", "：\u3000"])
            else:
                colon = "：" + space
            line = f"{indent}{dashes}{key}{colon}{value}"
        if _DATE.match(value) and rnd.random() < 0.7:
            y, m, d = (int(part) for part in _DATE.match(value).groups())  # type: ignore[union-attr]
            form = rnd.choice([f"{y}/{m}/{d}", f"{y}.{m}.{d}", f"{y}年{m}月{d}日"])
            line = line[: len(line) - len(value)] + form
        if dashes and rnd.random() < 0.3:
            line = line.replace("- ", rnd.choice(["-\t", "-\u3000"]), 1)
        if indent and rnd.random() < 0.4:
            lead = rnd.choice(["\t" * (len(indent) // 2), "\u3000" * len(indent)])
            if len(indent) % 2 == 0 or "\u3000" in lead:
                line = lead + line[len(indent) :]
        lines[number - 1] = line
    out = "\n".join(lines)
    if rnd.random() < 0.5:
        out = _WORDS.sub(lambda m: "[" + m.group(1).replace(", ", "，") + "]", out)
    return out


def misspelt(data: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    """A top-level key one letter short, where that typo has one 'did you mean': itself."""
    known = _fields_at(Charter, ())
    keys = list(data)
    key = rnd.choice(keys)
    cut = rnd.randrange(len(key))
    typo = key[:cut] + key[cut + 1 :]
    if (
        not typo
        or typo in known
        or key_candidate(typo, known) != key
        or levenshtein(typo, key) != 1
    ):
        return data
    return {typo if k == key else k: v for k, v in data.items()}


def encoded(text: str, rnd: random.Random) -> bytes:
    choice = rnd.choice(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gbk"])
    if choice == "gbk":
        try:
            text.encode("gb2312")
        except UnicodeEncodeError:
            choice = "utf-16"
    return text.encode(choice)


def chinese(data: Any, draw: st.DrawFn) -> Any:
    """``data`` with every text written in common Chinese characters (so GBK can hold it)."""
    if isinstance(data, dict):
        return {
            k: draw(st.text(alphabet=_HANZI, min_size=2, max_size=8))
            if k in _TEXT_KEYS and isinstance(v, str)
            else chinese(v, draw)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [chinese(item, draw) for item in data]
    return data


def check_fixes_back(data: dict[str, Any], flow: bool, rnd: random.Random) -> None:
    good = dumped(data, flow)
    expected = yamlsource.parse(good.encode("utf-8")).data
    broken_data = misspelt(data, rnd) if rnd.random() < 0.3 else data
    broken = encoded(mangle(dumped(broken_data, flow), rnd), rnd)
    planned = plan_bytes(broken, Charter)
    if planned.refusal is not None and planned.refusal.key == "ambiguous_encoding":
        assert not planned.changed  # a short GBK text that Big5 reads as well: no guess
        return
    assert planned.refusal is None, (planned.refusal, broken)
    assert yamlsource.parse(planned.fixed).data == expected, broken
    assert not plan_bytes(planned.fixed, Charter).changed  # idempotent


# Found by Hypothesis: ``name: :0`` mangled to ``name：:0`` (the value is the plain text ``:0``).
_COLON_VALUE = {
    "id": "0",
    "name": "0",
    "jurisdiction": "0",
    "model": "tight",
    "established": datetime.date(2000, 1, 1),
    "core_school": {"id": "0", "name": ":0"},
}


@RUNS
@given(data=charters, flow=st.booleans(), rnd=st.randoms(use_true_random=False))
@example(data=_COLON_VALUE, flow=False, rnd=random.Random(0))
@example(data=_COLON_VALUE, flow=True, rnd=random.Random(0))
def test_mangled_charters_fix_back_to_the_same_data(
    data: dict[str, Any], flow: bool, rnd: random.Random
) -> None:
    check_fixes_back(data, flow, rnd)


@RUNS
@given(data=charters, flow=st.booleans(), rnd=st.randoms(use_true_random=False), draw=st.data())
def test_mangled_chinese_charters_fix_back_from_gbk(
    data: dict[str, Any], flow: bool, rnd: random.Random, draw: st.DataObject
) -> None:
    text_data = chinese(data, draw.draw)
    assume(isinstance(text_data, dict))
    check_fixes_back(text_data, flow, rnd)


def test_a_fullwidth_colon_before_a_value_starting_with_a_colon_keeps_the_value() -> None:
    broken = "id：'0'\nname：: 泰安\ncore_school:\n  id：'0'\n  name：:0\n"
    planned = plan_bytes(broken.encode("utf-8"), Charter)
    assert planned.refusal is None
    assert planned.fixed.decode("utf-8") == (
        "id: '0'\nname: 泰安\ncore_school:\n  id: '0'\n  name: :0\n"
    )
    assert yamlsource.parse(planned.fixed).data == {
        "id": "0",
        "name": "泰安",
        "core_school": {"id": "0", "name": ":0"},
    }
    assert check_fixes_back(_COLON_VALUE, False, random.Random(0)) is None


def test_a_fullwidth_colon_before_colon_text_in_a_flow_mapping_is_left_alone() -> None:
    # ``{id: :0}`` does not parse (a flow plain scalar cannot start with ``:``), and dropping
    # the ``：`` would make ``id:0`` one key: the bytes stay; the other key is still mended.
    planned = plan_bytes("core_school: {id：:0, name：: x}\n".encode(), Charter)
    assert planned.fixed.decode("utf-8") == "core_school: {id：:0, name: x}\n"

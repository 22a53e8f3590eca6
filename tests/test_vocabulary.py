"""One vocabulary table per enum, and one amount grammar, read by every part of groupcheck.

Each enum accepts its own words and only those: a word of another enum (``role: 教师发展``) is a
GC002 error naming the enum it belongs to, with a "did you mean", in English and Chinese. The
editor schema lists exactly the words the loader accepts, and accepts exactly the amount
strings the loader accepts (a Hypothesis test compares the two on generated text).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import groupcheck
from groupcheck import schema, vocabulary
from groupcheck.messages import text
from groupcheck.models import AMOUNT_PATTERN, Charter, Evaluation, Exchange, Funding
from groupcheck.reporters.report_text import label

ROOT = Path(__file__).resolve().parent.parent

GROUP = """\
id: g
name: 集团
jurisdiction: 区
model: tight
established: 2022-07-30
core_school: {id: c, name: 核心校}
members:
  - {id: m, name: 成员校}
"""

LOG = """\
group: g
exchanges:
  - person: 李明
    role: {role}
    from: c
    to: m
    start: 2022-09-01
    end: 2024-08-31
"""


def write(root: Path, charter: str, log: str | None = None) -> str:
    folder = root / "g"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "charter.yaml").write_text(charter, encoding="utf-8")
    if log is not None:
        (folder / "rotations.yaml").write_text(log, encoding="utf-8")
    return str(folder)


# ---------------------------------------------------------------------------------------------
# The tables


@pytest.mark.parametrize("table", vocabulary.VOCABULARIES, ids=lambda v: v.enum.__name__)
def test_every_value_has_one_row_and_no_word_names_two_values(table: Any) -> None:
    assert [term.value for term in table] == list(table.enum)
    for term in table:
        assert term.zh and term.en
        for word in term.words:
            assert table.find(word) is term.value
            assert table.find(f"  {word} ") is term.value


def test_the_vocabulary_module_imports_nothing_of_groupcheck() -> None:
    """A leaf: models, schema, catalogs, reporters and the importer may all read it."""
    tree = ast.parse((ROOT / "src" / "groupcheck" / "vocabulary.py").read_text(encoding="utf-8"))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    assert not [name for name in imported if name.startswith("groupcheck")]


SEED_WORDS = [
    # 004: 从学校发展、教师发展、学生发展、社会认可及发展潜能等层面进行考核
    ("dimension", "学校发展", "school"),
    ("dimension", "教师发展", "teacher"),
    ("dimension", "学生发展", "student"),
    ("dimension", "社会认可", "recognition"),
    ("dimension", "发展潜能", "potential"),
    ("dimension", "发展潜力", "potential"),
    # 003 四(六): 用于集团开展教育改革、教学研究、师资培训、课程开发等活动
    ("use", "教育改革", "reform"),
    ("use", "教学研究", "research"),
    ("use", "教研", "research"),
    ("use", "师资培训", "teacher_training"),
    ("use", "教师培训", "teacher_training"),
    ("use", "业务培训", "teacher_training"),  # 000: business training
    ("use", "课程开发", "curriculum"),
    ("use", "课程建设", "curriculum"),
    ("use", "文化建设", "culture"),  # 004: 用于教师培训、文化建设等方面
]


@pytest.mark.parametrize(("kind", "word", "value"), SEED_WORDS)
def test_the_seeds_own_words_load_in_their_own_enum(kind: str, word: str, value: str) -> None:
    if kind == "dimension":
        evaluation = Evaluation.model_validate({"academic_year": "2023-2024", "dimensions": [word]})
        assert [d.value for d in evaluation.dimensions] == [value]
    else:
        funding = Funding.model_validate({"year": 2023, "amount_yuan": 200000, "uses": [word]})
        assert [u.value for u in funding.uses] == [value]


# Every Chinese word of every enum, written where another enum is expected.
def _field_for(table: Any) -> tuple[str, Any]:
    return {
        "GroupModel": ("model", lambda w: {"model": w}),
        "Level": ("level", lambda w: {"level": w}),
        "Relation": ("members[0].relation", lambda w: {"members": [{**_MEMBER, "relation": w}]}),
        "Scope": ("approval.scope", lambda w: {"approval": {"scope": w}}),
        "Use": ("funding[0].uses[0]", lambda w: {"funding": [{**_FUNDING, "uses": [w]}]}),
        "Channel": ("funding[0].channel", lambda w: {"funding": [{**_FUNDING, "channel": w}]}),
        "Dimension": (
            "evaluations[0].dimensions[0]",
            lambda w: {"evaluations": [{"academic_year": "2023-2024", "dimensions": [w]}]},
        ),
    }[table.enum.__name__]


_MEMBER = {"id": "m", "name": "成员校"}
_FUNDING = {"year": 2023, "amount_yuan": 200000}
_CHARTER: dict[str, Any] = {
    "id": "g",
    "name": "集团",
    "jurisdiction": "区",
    "model": "tight",
    "established": "2022-07-30",
    "core_school": {"id": "c", "name": "核心校"},
}
CROSSINGS = [
    (here, there, word)
    for here in vocabulary.VOCABULARIES
    for there in vocabulary.VOCABULARIES
    if here is not there
    for term in there
    for word in term.words[1:]
    if here.find(word) is None
]


@pytest.mark.parametrize(
    ("here", "there", "word"),
    CROSSINGS,
    ids=[f"{h.enum.__name__}-{w}" for h, _, w in CROSSINGS],
)
def test_a_word_of_another_enum_is_refused_by_name(here: Any, there: Any, word: str) -> None:
    if here.enum is vocabulary.Role:
        with pytest.raises(ValidationError) as raised:
            Exchange.model_validate(
                {"person": "李", "role": word, "from": "c", "to": "m", "start": "2022-09-01"}
            )
    else:
        with pytest.raises(ValidationError) as raised:
            Charter.model_validate({**_CHARTER, **_field_for(here)[1](word)})
    (error,) = [e for e in raised.value.errors() if e["type"] == "other_enum"]
    assert error["ctx"]["enum"] == here.enum.__name__
    assert error["ctx"]["other_enum"] == there.enum.__name__
    assert error["ctx"]["other_value"] == there.find(word).value


def test_the_flat_table_bugs_are_gone(tmp_path: Path) -> None:
    """``role: 教师发展`` loaded as teacher, ``dimensions: [教师]`` as a dimension: both refused,
    with the enum the word belongs to and what was probably meant, in both languages."""
    charter = GROUP + 'evaluations:\n  - academic_year: "2023-2024"\n    dimensions: [教师]\n'
    folder = write(tmp_path, charter, LOG.format(role="教师发展"))
    en = {f.line: f for f in groupcheck.load([folder], "en").findings}
    zh = {f.line: f for f in groupcheck.load([folder], "zh").findings}
    assert sorted(en) == [4, 11]  # log line 4 (role), charter line 11 (dimensions)
    for finding in (*en.values(), *zh.values()):
        assert finding.rule == "GC002"
    assert en[4].file is not None and en[4].file.endswith("rotations.yaml")
    assert en[4].message == (
        "exchanges[0].role: '教师发展' is an evaluation dimension (teacher), not a role; "
        "did you mean teacher (教师)?"
    )
    assert zh[4].message == (
        "exchanges[0].role：'教师发展' 是考核维度（teacher），不是身份；是否应为 teacher（教师）？"
    )
    assert en[11].message == (
        "evaluations[0].dimensions[0]: '教师' is a role (teacher), not an evaluation dimension; "
        "did you mean teacher (教师发展)?"
    )
    assert "是否应为 teacher（教师发展）" in zh[11].message


def test_with_no_close_word_every_value_is_offered(tmp_path: Path) -> None:
    charter = GROUP + "funding:\n  - {year: 2023, amount_yuan: 200000, uses: [社会认可]}\n"
    (finding,) = groupcheck.load([write(tmp_path, charter)], "en").findings
    assert (finding.rule, finding.line) == ("GC002", 10)
    assert "'社会认可' is an evaluation dimension (recognition), not a use of funds" in (
        finding.message
    )
    offered = finding.message.split("did you mean ")[1]
    for term in vocabulary.USE:
        assert f"{term.value} ({term.zh})" in offered


def test_an_unknown_word_is_still_the_plain_enum_error(tmp_path: Path) -> None:
    (finding,) = groupcheck.load([write(tmp_path, GROUP, LOG.format(role="校长"))]).findings
    assert finding.message == "exchanges[0].role: '校长' is not one of 'cadre' or 'teacher'"


# ---------------------------------------------------------------------------------------------
# Everyone reads the tables


def test_labels_in_messages_and_reports_come_from_the_tables() -> None:
    for table in vocabulary.VOCABULARIES:
        for term in table:
            for lang in ("en", "zh"):
                assert label(f"{table.key}.{term.value}", lang) == term.label(lang)
                assert text(f"ui.{table.key}.{term.value}", lang) == term.label(lang)


def test_unchanged_labels() -> None:
    """What reports showed before the tables: the tables say the same."""
    assert label("model.tight", "zh") == "紧密型" and label("model.tight", "en") == "tight"
    assert (
        label("level.mixed", "zh") == "混合学段" and label("level.nine-year", "en") == "nine-year"
    )
    assert label("relation.combination", "zh") == "联合型"
    assert text("ui.model.trusteeship", "zh") == "托管型"


def test_docs_format_lists_every_accepted_word() -> None:
    """docs/format.md's table of Chinese words is the tables' own (regenerate from
    ``vocabulary.markdown_table()``)."""
    assert vocabulary.markdown_table() in (ROOT / "docs" / "format.md").read_text(encoding="utf-8")


def test_the_register_importer_reads_the_role_table() -> None:
    assert vocabulary.ROLE.find("干部", fold_case=True) is vocabulary.Role.CADRE
    assert vocabulary.ROLE.find("Teacher", fold_case=True) is vocabulary.Role.TEACHER
    assert vocabulary.ROLE.find("教师发展", fold_case=True) is None


# ---------------------------------------------------------------------------------------------
# Amounts: the schema and the loader accept exactly the same strings


def _amount_schema() -> dict[str, Any]:
    committed = json.loads((ROOT / "schemas" / "charter.schema.json").read_text("utf-8"))
    prop: dict[str, Any] = committed["definitions"]["Funding"]["properties"]["amount_yuan"]
    assert prop == schema.build("charter")["definitions"]["Funding"]["properties"]["amount_yuan"]
    return prop


AMOUNT = jsonschema.Draft7Validator(_amount_schema())


def schema_accepts(value: str) -> bool:
    return AMOUNT.is_valid(value)


def loader_accepts(value: str) -> bool:
    try:
        Funding.model_validate({"year": 2023, "amount_yuan": value})
    except ValidationError:
        return False
    return True


def test_the_schema_carries_the_loaders_pattern() -> None:
    (text_choice,) = [c for c in _amount_schema()["anyOf"] if c["type"] == "string"]
    assert text_choice["pattern"] == AMOUNT_PATTERN
    re.compile(AMOUNT_PATTERN)
    # The same in an editor's ECMAScript: no class shorthand whose meaning differs by engine
    # (\d is any Unicode digit in Python, ASCII in JavaScript); a final line break is one of
    # the trailing spaces, so Python's $ (which also matches before it) changes nothing.
    assert not re.search(r"\\[dDsSwWbBZAz]", AMOUNT_PATTERN)
    assert AMOUNT_PATTERN.startswith("^") and AMOUNT_PATTERN.endswith("$")


@pytest.mark.parametrize(
    ("written", "accepted"),
    [
        ("200000", True),
        ("200,000元", True),
        ("200，000元", True),
        ("20万元", True),
        ("25万", True),
        ("20.5万", True),
        ("１２万", True),  # full-width: the loader read it, the old schema refused it
        (" 20 万 元 ", True),
        ("200000.00", True),
        ("1,000,000,000,000", True),
        ("1,2,3元", False),  # the old schema passed it, the loader refused it
        ("2,00000", False),
        ("12.5", False),
        ("20.00005万", False),
        ("1000000000001", False),
        ("二十万元", False),
        ("٣", False),
        ("①", False),
        ("200000\n", True),
        ("", False),
    ],
)
def test_known_amount_strings(written: str, accepted: bool) -> None:
    assert loader_accepts(written) is accepted
    assert schema_accepts(written) is accepted


AMOUNT_ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９,，.．万元 \u3000\t\n\xa0٣①²-+e_亿")
)
amount_text = st.one_of(
    st.text(AMOUNT_ALPHABET, max_size=20),
    st.from_regex(AMOUNT_PATTERN, fullmatch=True),
    st.builds(
        lambda digits, sep, tail: sep.join(digits) + tail,
        st.lists(st.from_regex(r"[0-9]{1,4}", fullmatch=True), min_size=1, max_size=5),
        st.sampled_from([",", "，", "", " "]),
        st.sampled_from(["", "元", "万", "万元", ".0", ".5万", ".00001万", " 元"]),
    ),
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(written=amount_text)
@example("1,2,3元")
@example("１２万")
@example("2,00000")
@example("12.5")
def test_schema_and_loader_accept_the_same_amount_strings(written: str) -> None:
    assert loader_accepts(written) == schema_accepts(written), written

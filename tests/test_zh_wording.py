"""The wording of findings (issue 16 item 3): a Chinese message is Chinese apart from data
(names, ids, paths), every enum value and charter key through the vocabulary tables, terms and
dates as 公文 write them; an English message has no Chinese apart from data.

The run covers every case folder under tests/cases/ and the bundled charters, in both
languages, so a new message key or a new case is checked without a line here."""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

import pytest

import groupcheck
from groupcheck import messages
from groupcheck.findings import Finding
from groupcheck.messages.en import MESSAGES as EN
from groupcheck.messages.zh import MESSAGES as ZH
from groupcheck.settings import Settings
from test_rules_cases import AS_OF, CASES, case_dirs, read_expected, run_case

ROOT = Path(__file__).resolve().parent.parent
ASCII_WORD = re.compile(r"[A-Za-z_]{4,}")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

DATA_ARGS = (
    # People, schools and groups as the charters name them.
    "person",
    "names",
    "school",
    "school_id",
    "groups",
    "group_id",
    "other_group",
    "others",
    "staff_no",
    "waiver_rule",
    # Files and the places in them.
    "file",
    "other_file",
    "meant",
    "log_group",
    "charter_group",
    # What a file-format finding quotes of the file: the field's path, the value written, the
    # values that may be written there (GC0xx tell the clerk what to type).
    "field",
    "value",
    "allowed",
    "suggestion",
    "other_value",
    "key",
    "tag",
    "alias",
)
ID_OR_PATH = re.compile(
    r"GC\d{3}"  # rule ids
    r"|\S*/\S*"  # paths
    r"|\S+\.ya?ml"  # file names
    r"|[a-z0-9]+(?:-[a-z0-9]+)+"  # ids (taian-no6-group)
)
FILE_FORMAT_WORDS = {"true", "false"}
"""YAML's own literals, quoted by GC002 as what to write."""


def findings(lang: messages.Lang) -> list[tuple[str, Finding]]:
    """The findings of every case folder, run as test_rules_cases runs it (its pack, as-of
    date, waivers), and of the bundled charters, in ``lang``."""
    found: list[tuple[str, Finding]] = []
    for case in case_dirs():
        result = run_case(case, read_expected(case), lang)
        found.extend((str(case.relative_to(CASES)), f) for f in result.report.findings)
    charters = groupcheck.run(
        Settings(paths=(str(ROOT / "charters"),), as_of=AS_OF, lang=lang)
    ).report.findings
    found.extend(("charters", finding) for finding in charters)
    return found


@pytest.fixture(scope="module")
def zh_findings() -> list[tuple[str, Finding]]:
    return findings("zh")


@pytest.fixture(scope="module")
def en_findings() -> list[tuple[str, Finding]]:
    return findings("en")


def without_data(finding: Finding) -> str:
    """The message with the data it quotes taken out: what the catalog itself says."""
    said = finding.message
    data: list[str] = [finding.group or "", finding.file or ""]
    for name in DATA_ARGS:
        value = finding.args.get(name)
        if isinstance(value, (list, tuple)):
            data.extend(str(item) for item in value)
        elif value is not None:
            data.append(str(value))
    for item in sorted((d for d in data if d), key=len, reverse=True):
        said = said.replace(repr(item), " ").replace(item, " ")
    return ID_OR_PATH.sub(" ", said)


def test_the_run_covers_the_rules_and_their_keys(zh_findings: list[tuple[str, Finding]]) -> None:
    keys = {f"{finding.rule}.{finding.key}" for _, finding in zh_findings}
    assert {"GC102.missing", "GC106.missing_dimensions", "GC202.too_short", "GC301.none"} <= keys
    assert len(keys) >= 40


def test_chinese_findings_have_no_english_words(zh_findings: list[tuple[str, Finding]]) -> None:
    leaks = {
        (name, finding.rule, finding.key, finding.message): words
        for name, finding in zh_findings
        if (words := set(ASCII_WORD.findall(without_data(finding))) - FILE_FORMAT_WORDS)
    }
    assert leaks == {}


def test_english_findings_have_no_chinese(en_findings: list[tuple[str, Finding]]) -> None:
    leaks = {
        (name, finding.rule, finding.key): finding.message
        for name, finding in en_findings
        if finding.rule[:3] != "GC0" and CJK.search(without_data(finding))
    }
    assert leaks == {}


def test_catalog_words_of_findings_are_chinese() -> None:
    """Every policy finding's own words (placeholders aside) are Chinese in zh.py, and
    Chinese-free in en.py: also for keys no case reaches."""
    for key, template in ZH.items():
        if not re.match(r"GC[1-5]\d\d\.", key):
            continue
        literal = "".join(text for text, _, _, _ in string.Formatter().parse(template))
        assert ASCII_WORD.findall(literal) == [], key
        assert not CJK.search(
            "".join(text for text, _, _, _ in string.Formatter().parse(EN[key]))
        ), key


@pytest.mark.parametrize(
    ("key", "args", "zh", "en"),
    [
        (
            "GC106.missing_dimensions",
            {"dimensions": ["potential"]},
            "督导评价未覆盖发展潜能层面",
            "the evaluation does not cover development potential",
        ),
        (
            "GC102.missing",
            {"document": "development_plan"},
            "缺少“五个一”制度文件：三年发展规划",
            'the three-year development plan is missing (one of the "five one" documents)',
        ),
        (
            "GC202.too_short",
            {
                "person": "陆志强",
                "start": "2023-09-01",
                "end": "2024-08-31",
                "years": 1,
                "days": 0,
                "min": 2,
                "max": 5,
            },
            "陆志强交流期限为2023年9月1日至2024年8月31日，计1年，短于规定的2年",
            "陆志强's exchange 2023-09-01 → 2024-08-31 lasts 1 year, shorter than 2 years",
        ),
        (
            "GC202.too_long",
            {
                "person": "李明",
                "start": "2022-09-01",
                "end": "2028-09-01",
                "years": 6,
                "days": 1,
                "min": 2,
                "max": 5,
            },
            "李明交流期限为2022年9月1日至2028年9月1日，计6年1天，长于规定的5年",
            "李明's exchange 2022-09-01 → 2028-09-01 lasts 6 years and 1 day, longer than 5 years",
        ),
        (
            "GC301.too_little_others",
            {
                "channels": ["finance"],
                "total": "150,000",
                "min": "200,000",
                "others": ["pooled 80,000"],
            },
            "专项经费（财政拨款）合计150,000元，低于规定的200,000元（未计入：成员校公用经费统筹80,000元）",
            "special funds from finance total 150,000 yuan, at least 200,000 yuan required "
            "(not counted: pooled members' funds 80,000 yuan)",
        ),
        (
            "GC302.use_not_allowed",
            {"use": "management", "allowed": ["teacher_training", "culture"]},
            "经费用途“管理”不在允许范围内（教师培训、文化建设）",
            "use management is not among the allowed uses (teacher training and culture building)",
        ),
        (
            "GC105.agreement_incomplete",
            {"clauses": ["trusteeship_fee_yuan"]},
            "跨区办学协议未明确托管费用",
            "the out-of-district agreement does not state the trusteeship fee",
        ),
        (
            "GC104.not_filed",
            {"fields": ["filed_with", "filed_on"]},
            "理事会未报教育局备案：缺少备案机关、备案日期",
            "the council is not filed with the education bureau: no filing office and filing date",
        ),
    ],
)
def test_messages_word_enums_keys_terms_and_dates(
    key: str, args: dict[str, Any], zh: str, en: str
) -> None:
    assert messages.text(key, "zh", **args) == zh
    assert messages.text(key, "en", **args) == en


def test_a_term_is_exact_years_when_it_has_no_days() -> None:
    assert messages.term(2, 0, "zh") == "2年"
    assert messages.term(1, 365, "zh") == "1年365天"
    assert messages.term(0, 30, "zh") == "30天"
    assert messages.term(1, 0, "en") == "1 year"
    assert messages.term(0, 1, "en") == "1 day"

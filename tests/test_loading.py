"""Loading: every kind of bad input gives the exact rule id and line, never a traceback.

Each case is a small group folder written from inline YAML, so the line each finding must point
at can be read off the case itself.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

import groupcheck
from groupcheck import parallel
from groupcheck.findings import Finding

AS_OF = dt.date(2026, 11, 25)

GOOD_CHARTER = """\
id: good-group
name: 好集团
jurisdiction: 山东省泰安市泰山区
model: tight
established: 2022-07-30
core_school:
  id: good-core
  name: 核心校
  teachers: 100
members:
  - id: good-member
    name: 成员校
    relation: integration
"""

GOOD_LOG = """\
group: good-group
exchanges:
  - person: 李明
    role: cadre
    from: good-core
    to: good-member
    start: 2022-09-01
    end: 2024-08-31
"""


def write_group(root: Path, folder: str, files: dict[str, str | bytes]) -> Path:
    group = root / folder
    for name, content in files.items():
        path = group / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return group


def load_findings(root: Path) -> list[Finding]:
    return groupcheck.load([str(root)]).findings


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


CASES: list[tuple[str, dict[str, str | bytes], str, str, int | None, str]] = [
    # (case id, files, rule, file, line, message fragment)
    (
        "syntax-error",
        {"charter.yaml": "id: g\nname: [unclosed\njurisdiction: x\n"},
        "GC001",
        "charter.yaml",
        3,
        "not valid YAML",
    ),
    ("empty-file", {"charter.yaml": ""}, "GC001", "charter.yaml", 1, "empty"),
    ("only-comments", {"charter.yaml": "# nothing\n"}, "GC001", "charter.yaml", 1, "empty"),
    (
        "binary",
        {"charter.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00"},
        "GC001",
        "charter.yaml",
        1,
        "binary",
    ),
    (
        "not-a-mapping",
        {"charter.yaml": "- id: g\n- name: x\n"},
        "GC001",
        "charter.yaml",
        1,
        "mapping",
    ),
    (
        "two-documents",
        {"charter.yaml": GOOD_CHARTER + "---\nid: other\n"},
        "GC001",
        "charter.yaml",
        14,
        "second YAML document",
    ),
    (
        "tab-indent",
        {"charter.yaml": "id: g\ncore_school:\n\tid: x\n"},
        "GC001",
        "charter.yaml",
        3,
        "tabs",
    ),
    (
        "missing-required",
        {"charter.yaml": GOOD_CHARTER.replace("jurisdiction: 山东省泰安市泰山区\n", "")},
        "GC002",
        "charter.yaml",
        1,
        "jurisdiction: required field is missing",
    ),
    (
        "unknown-field-suggests",
        {"charter.yaml": GOOD_CHARTER.replace("members:", "memebers:")},
        "GC002",
        "charter.yaml",
        10,
        "did you mean members?",
    ),
    (
        "wrong-type",
        {"charter.yaml": GOOD_CHARTER.replace("teachers: 100", "teachers: many")},
        "GC002",
        "charter.yaml",
        9,
        "core_school.teachers",
    ),
    (
        "bad-enum",
        {"charter.yaml": GOOD_CHARTER.replace("model: tight", "model: loose")},
        "GC002",
        "charter.yaml",
        4,
        "'loose' is not one of",
    ),
    (
        "bad-slug",
        {"charter.yaml": GOOD_CHARTER.replace("id: good-group", "id: Good Group")},
        "GC002",
        "charter.yaml",
        1,
        "not a valid id",
    ),
    (
        "chinese-date",
        {"charter.yaml": GOOD_CHARTER.replace("2022-07-30", "2022年7月30日")},
        "GC002",
        "charter.yaml",
        5,
        "2022-07-30",
    ),
    (
        "impossible-date",
        {"charter.yaml": GOOD_CHARTER.replace("2022-07-30", "2023-02-30")},
        "GC002",
        "charter.yaml",
        5,
        "YYYY-MM-DD",
    ),
    (
        "absurd-establishment-year",
        {"charter.yaml": GOOD_CHARTER.replace("2022-07-30", "1011-07-30")},
        "GC002",
        "charter.yaml",
        5,
        "1949-01-01",
    ),
    (
        "missing-exchange-field",
        {"charter.yaml": GOOD_CHARTER, "rotations.yaml": GOOD_LOG.replace("    role: cadre\n", "")},
        "GC002",
        "rotations.yaml",
        3,
        "exchanges[0].role: required field is missing",
    ),
    (
        "duplicate-key",
        {"charter.yaml": GOOD_CHARTER + "model: alliance\n"},
        "GC003",
        "charter.yaml",
        14,
        "'model' appears twice",
    ),
    (
        "gbk",
        {"charter.yaml": GOOD_CHARTER.encode("gbk")},
        "GC004",
        "charter.yaml",
        2,
        "GBK",
    ),
    (
        "utf16",
        {"charter.yaml": GOOD_CHARTER.encode("utf-16")},
        "GC004",
        "charter.yaml",
        1,
        "UTF-16",
    ),
    (
        "python-tag",
        {"charter.yaml": "id: g\nname: !!python/object/apply:os.system ['touch /tmp/pwned']\n"},
        "GC004",
        "charter.yaml",
        2,
        "!!python/object/apply:os.system",
    ),
    (
        "billion-laughs",
        {
            "charter.yaml": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
                for i in range(8)
            )
        },
        "GC004",
        "charter.yaml",
        None,
        "aliases expand",
    ),
    (
        "orphan-mismatch",
        {
            "charter.yaml": GOOD_CHARTER,
            "rotations.yaml": GOOD_LOG.replace("group: good-group", "group: other"),
        },
        "GC005",
        "rotations.yaml",
        1,
        "'other'",
    ),
]


@pytest.mark.parametrize(
    ("files", "rule", "file", "line", "fragment"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_bad_input_is_a_located_finding(
    tmp_path: Path,
    files: dict[str, str | bytes],
    rule: str,
    file: str,
    line: int | None,
    fragment: str,
) -> None:
    write_group(tmp_path, "g", files)
    findings = only(load_findings(tmp_path), rule)
    assert findings, f"expected a {rule} finding"
    finding = findings[0]
    assert finding.file is not None and finding.file.endswith(f"g/{file}")
    if line is not None:
        assert finding.line == line
    else:
        assert finding.line is not None and finding.line >= 1
    assert fragment in finding.message
    assert finding.severity == "error"


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    """Refused from the bound, not by expanding: the test has no timer, the bound is structural."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(
            f"l{i}: &l{i} [" + ", ".join([f"*{'a' if i == 1 else f'l{i - 1}'}"] * 10) + "]"
        )
    write_group(tmp_path, "g", {"charter.yaml": "\n".join(lines) + "\n"})
    findings = load_findings(tmp_path)
    assert [f.key for f in findings] == ["alias_bomb"]


def test_orphan_log_without_charter(tmp_path: Path) -> None:
    write_group(tmp_path, "lonely", {"rotations.yaml": GOOD_LOG})
    findings = load_findings(tmp_path)
    assert [(f.rule, f.line) for f in findings] == [("GC005", 1)]
    assert findings[0].file is not None and findings[0].file.endswith("lonely/rotations.yaml")


def test_utf8_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    body = GOOD_CHARTER.replace("\n", "\r\n").encode("utf-8")
    write_group(tmp_path, "g", {"charter.yaml": b"\xef\xbb\xbf" + body})
    loaded = groupcheck.load([str(tmp_path)])
    assert loaded.findings == []
    assert [g.id for g in loaded.groups] == ["good-group"]


def test_logs_are_merged_from_rotations_file_and_folder(tmp_path: Path) -> None:
    second = GOOD_LOG.replace("李明", "王芳")
    write_group(
        tmp_path,
        "g",
        {
            "charter.yaml": GOOD_CHARTER,
            "rotations.yaml": GOOD_LOG,
            "rotations/2023-2024.yaml": second,
        },
    )
    loaded = groupcheck.load([str(tmp_path)])
    assert loaded.findings == []
    (group,) = loaded.groups
    assert sorted(e.exchange.person for e in group.exchanges) == ["李明", "王芳"]
    assert {e.file.rsplit("/", 1)[-1] for e in group.exchanges} == {
        "rotations.yaml",
        "2023-2024.yaml",
    }


def test_a_bad_exchange_does_not_hide_the_good_ones(tmp_path: Path) -> None:
    log = GOOD_LOG + "  - person: 坏行\n    role: boss\n"
    write_group(tmp_path, "g", {"charter.yaml": GOOD_CHARTER, "rotations.yaml": log})
    loaded = groupcheck.load([str(tmp_path)])
    (group,) = loaded.groups
    assert [e.exchange.person for e in group.exchanges] == ["李明"]
    assert {f.rule for f in loaded.findings} == {"GC002"}
    assert all(f.line is not None and f.line >= 9 for f in loaded.findings)


def test_chinese_synonyms_are_read_as_english_values(tmp_path: Path) -> None:
    charter = GOOD_CHARTER.replace("model: tight", "model: 紧密型").replace(
        "relation: integration", "relation: 融合"
    )
    log = GOOD_LOG.replace("role: cadre", "role: 干部")
    write_group(tmp_path, "g", {"charter.yaml": charter, "rotations.yaml": log})
    loaded = groupcheck.load([str(tmp_path)])
    assert loaded.findings == []
    (group,) = loaded.groups
    assert group.charter.model == "tight"
    assert group.charter.members[0].relation == "integration"
    assert group.exchanges[0].exchange.role == "cadre"


@pytest.mark.parametrize(
    ("amount", "yuan"),
    [("200000", 200_000), ('"200,000元"', 200_000), ('"20万元"', 200_000), ('"25万"', 250_000)],
)
def test_amounts_in_yuan_or_wan(tmp_path: Path, amount: str, yuan: int) -> None:
    charter = GOOD_CHARTER + f"funding:\n  - year: 2023\n    amount_yuan: {amount}\n"
    write_group(tmp_path, "g", {"charter.yaml": charter})
    loaded = groupcheck.load([str(tmp_path)])
    assert loaded.findings == []
    assert loaded.groups[0].charter.funding[0].amount_yuan == yuan


def test_bad_amount_is_a_clear_schema_error(tmp_path: Path) -> None:
    charter = GOOD_CHARTER + "funding:\n  - year: 2023\n    amount_yuan: 二十万元\n"
    write_group(tmp_path, "g", {"charter.yaml": charter})
    (finding,) = load_findings(tmp_path)
    assert (finding.rule, finding.line) == ("GC002", 16)
    assert "20万元" in finding.message


@pytest.mark.parametrize(
    ("amount", "yuan"),
    [
        ('"200，000元"', 200_000),
        ('"２０万"', 200_000),
        ('"1,234,567"', 1_234_567),
        ("20.5万", 205_000),
    ],
)
def test_more_amount_spellings(tmp_path: Path, amount: str, yuan: int) -> None:
    charter = GOOD_CHARTER + f"funding:\n  - year: 2023\n    amount_yuan: {amount}\n"
    write_group(tmp_path, "g", {"charter.yaml": charter})
    loaded = groupcheck.load([str(tmp_path)])
    assert loaded.findings == []
    assert loaded.groups[0].charter.funding[0].amount_yuan == yuan


# (field as written, where it goes, the line of the error, English part, Chinese part)
NOT_A_NUMBER = [
    ("amount_yuan: yes", "funding", 16, "expected a whole number", "整数"),
    ("amount_yuan: true", "funding", 16, "the boolean true", "布尔值 true"),
    ('amount_yuan: "200,00元"', "funding", 16, '"200,000元"', "以元计的整数"),
    ('amount_yuan: "1,2,3"', "funding", 16, '"20万元"', "以元计的整数"),
    ("amount_yuan: 12.5", "funding", 16, "expected a whole number", "整数"),
    ("year: yes", "funding-year", 15, "expected a whole number", "整数"),
    ("teachers: true", "core", 9, "expected a whole number", "整数"),
    ("teachers: -3", "core", 9, "must be at least 0", "不能小于 0"),
    ("trusteeship_fee_yuan: yes", "agreement", 18, "expected a whole number", "整数"),
]


@pytest.mark.parametrize(("written", "where", "line", "english", "chinese"), NOT_A_NUMBER)
def test_a_yes_or_a_malformed_number_is_a_schema_error_in_both_languages(
    tmp_path: Path, written: str, where: str, line: int, english: str, chinese: str
) -> None:
    """YAML reads yes/no as booleans, which pydantic would take for 1 and 0."""
    if where == "funding":
        charter = GOOD_CHARTER + f"funding:\n  - year: 2023\n    {written}\n"
    elif where == "funding-year":
        charter = GOOD_CHARTER + f"funding:\n  - {written}\n    amount_yuan: 200000\n"
    elif where == "core":
        charter = GOOD_CHARTER.replace("  teachers: 100", f"  {written}")
    else:
        charter = GOOD_CHARTER + (
            "approval:\n  scope: out-of-district\n  agreement:\n"
            f"    staff_keep_relationship: true\n    {written}\n"
        )
    write_group(tmp_path, "g", {"charter.yaml": charter})
    for lang, part in (("en", english), ("zh", chinese)):
        (finding,) = groupcheck.load([str(tmp_path)], lang).findings
        assert (finding.rule, finding.line) == ("GC002", line), finding
        assert part in finding.message, finding.message
        assert "Input should" not in finding.message


@pytest.mark.parametrize(
    ("waiver", "english", "chinese"),
    [
        ("rule: G201\n    year: 2023-2024", "'G201' is not a rule id", "“G201”不是规则编号"),
        ("rule: GC201\n    year: 2023-2025", "two consecutive years", "相邻的两年"),
        ("rule: GC201\n    year: 23-24", "not an academic year", "不是学年"),
    ],
)
def test_waiver_form_errors_read_in_both_languages(
    tmp_path: Path, waiver: str, english: str, chinese: str
) -> None:
    charter = GOOD_CHARTER + f"waivers:\n  - {waiver}\n    reason: 测试\n"
    write_group(tmp_path, "g", {"charter.yaml": charter})
    for lang, part in (("en", english), ("zh", chinese)):
        messages = [f.message for f in groupcheck.load([str(tmp_path)], lang).findings]
        assert any(part in m for m in messages), messages
        assert not any("should match pattern" in m for m in messages), messages


def test_one_broken_group_beside_good_ones(tmp_path: Path) -> None:
    for index in range(3):
        write_group(
            tmp_path,
            f"good{index}",
            {
                "charter.yaml": GOOD_CHARTER.replace("good-", f"good{index}-"),
                "rotations.yaml": GOOD_LOG.replace("good-", f"good{index}-"),
            },
        )
    write_group(tmp_path, "broken", {"charter.yaml": "id: broken\nname: [\n"})
    result = groupcheck.check(groupcheck.load([str(tmp_path)]), as_of=AS_OF)
    groups = {g.id: g for g in result.report.groups}
    assert set(groups) == {"good0-group", "good1-group", "good2-group", "broken"}
    assert groups["broken"].status == "fail"
    assert groups["broken"].rules["GC001"] == "fail"
    load_findings_of_good = [
        f for f in result.report.findings if f.group != "broken" and f.rule.startswith("GC0")
    ]
    assert load_findings_of_good == []
    assert all(groups[f"good{i}-group"].rules["GC001"] == "pass" for i in range(3))


def test_hidden_folders_are_skipped(tmp_path: Path) -> None:
    write_group(tmp_path, ".git/g", {"charter.yaml": "not: [valid"})
    write_group(tmp_path, "g", {"charter.yaml": GOOD_CHARTER})
    loaded = groupcheck.load([str(tmp_path)])
    assert [g.id for g in loaded.groups] == ["good-group"]
    assert loaded.findings == []


@pytest.mark.parametrize("cwd", ["elsewhere", ".", "top", "top/g2", "top/g2/sub"])
@pytest.mark.parametrize("given", ["absolute", "relative"])
def test_the_walk_shows_each_folder_as_display_path_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cwd: str, given: str
) -> None:
    """From outside the checked folder, above it and below it: relative to the working
    folder when inside it, else absolute (the walk works it out without ``relpath``)."""
    from groupcheck.discovery import Walk, display_path

    for folder in ("top/g1", "top/g2", "top/g2/sub/g3", "elsewhere"):
        write_group(tmp_path, folder, {"charter.yaml": GOOD_CHARTER})
    monkeypatch.chdir(tmp_path / cwd)
    top = str(tmp_path / "top")
    path = top if given == "absolute" else os.path.relpath(top)
    shown = [source.folder for source in Walk([path])]
    expected = [display_path(str(tmp_path / f)) for f in ("top/g1", "top/g2", "top/g2/sub/g3")]
    assert sorted(shown) == sorted(expected)
    assert any(not os.path.isabs(f) for f in expected) == (cwd != "elsewhere")


def test_charter_path_given_directly_means_its_folder(tmp_path: Path) -> None:
    folder = write_group(tmp_path, "g", {"charter.yaml": GOOD_CHARTER, "rotations.yaml": GOOD_LOG})
    loaded = groupcheck.load([str(folder / "charter.yaml")])
    assert [g.id for g in loaded.groups] == ["good-group"]
    assert len(loaded.groups[0].exchanges) == 1


def test_a_folder_that_cannot_be_listed_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 7, nothing lost: a folder without read permission is GC001 (these tests may run
    as root, who can list anything, so listing it is made to fail)."""
    write_group(tmp_path, "open/good", {"charter.yaml": GOOD_CHARTER})
    locked = write_group(tmp_path, "locked/g", {"charter.yaml": GOOD_CHARTER}).parent
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.path.abspath(os.fspath(path)) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    settings = groupcheck.Settings(paths=(str(tmp_path),), as_of=AS_OF)
    for jobs in (1, 2):
        result = parallel.run(settings, jobs=jobs, serial_below=1)
        unreadable = [f for f in result.report.findings if f.rule == "GC001"]
        assert [(f.file, f.group) for f in unreadable] == [(str(locked), None)]
        assert "cannot be read" in unreadable[0].message
        assert [g.id for g in result.report.groups] == ["good-group"]
        assert result.report.failed()


def test_a_key_that_is_not_text_is_located_and_explained(tmp_path: Path) -> None:
    charter = GOOD_CHARTER.replace("members:\n", "~: 1\nmembers:\n").replace(
        "    relation: integration\n", "    relation: integration\n    2023: x\n"
    )
    write_group(tmp_path, "g", {"charter.yaml": charter})
    for lang, part in (("en", "a field name must be text"), ("zh", "字段名必须是文本")):
        findings = sorted(groupcheck.load([str(tmp_path)], lang).findings, key=lambda f: f.line)
        assert [(f.rule, f.line) for f in findings] == [("GC002", 10), ("GC002", 15)]
        assert all(part in f.message for f in findings)
        assert findings[0].message.startswith("~")
        assert findings[1].message.startswith("members[0].2023")


@pytest.mark.parametrize(
    ("text", "english", "chinese"),
    [
        ('id: a\nname: "abc\n', "found unexpected end of stream", "引号没有闭合"),
        ("id: a\n  name: x\n", "mapping values are not allowed", "此处不允许出现“键: 值”"),
        ("id: a\nname:x: y\n", "a space after the colon", "冒号后要有空格"),
    ],
)
def test_syntax_problems_are_explained_in_both_languages(
    tmp_path: Path, text: str, english: str, chinese: str
) -> None:
    write_group(tmp_path, "g", {"charter.yaml": text})
    for lang, part in (("en", english), ("zh", chinese)):
        messages = [f.message for f in groupcheck.load([str(tmp_path)], lang).findings]
        assert any(part in m for m in messages), messages
    zh = [f.message for f in groupcheck.load([str(tmp_path)], "zh").findings]
    assert not any("found unexpected" in m or "mapping values" in m for m in zh), zh

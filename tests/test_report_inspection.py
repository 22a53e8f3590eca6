"""The 督导意见书's view model (``reporters/inspection.py``), built in process: the interface the
HTML, PDF and docx reporters render (issue 16), and what it decides from the run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest

import groupcheck
from groupcheck.messages import Lang
from groupcheck.reporters import html as html_reporter
from groupcheck.reporters import inspection
from groupcheck.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ROOT / "tests" / "report_groups"
AS_OF = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def two() -> groupcheck.RunResult:
    return groupcheck.run(Settings(paths=(str(GROUPS),), as_of=AS_OF, lang="zh"))


@pytest.fixture(scope="module")
def bundled() -> groupcheck.RunResult:
    return groupcheck.run(Settings(paths=(str(ROOT / "charters"),), as_of=AS_OF, lang="zh"))


def test_the_models_fields_are_the_interface_the_renderers_read() -> None:
    """i16docx renders the same model: these names are a contract (add, never rename)."""

    def names(cls: type) -> set[str]:
        return {f.name for f in dataclasses.fields(cls)}

    assert {
        "lang", "lang_code", "detail", "title", "number", "header", "footer", "headings",
        "particulars", "basis", "method", "overview", "problems", "run_problems", "no_problems",
        "remedies", "remedies_note", "replies", "annex", "annex_note", "signature", "legend",
        "labels", "author",
    } <= names(inspection.InspectionReport)  # fmt: skip
    assert {
        "authority", "number", "inspectors", "inspection_dates", "rectify_by", "title",
        "detail", "groups",
    } == names(inspection.InspectionOptions)  # fmt: skip
    assert {"number", "rule", "title", "year", "text", "where", "basis"} <= names(
        inspection.Problem
    )
    assert {"problems", "waived", "unchecked", "unreadable", "notices", "note"} <= names(
        inspection.GroupProblems
    )
    assert {"key_figures", "rules", "rest", "evidence", "identity", "schools"} <= names(
        inspection.AnnexGroup
    )
    for cls in (inspection.InspectionReport, inspection.Problem, inspection.AnnexGroup):
        assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_without_options_every_formal_part_is_a_blank_line(two: groupcheck.RunResult) -> None:
    model = inspection.build(two)
    assert model.number.value == ""
    particulars = {e.label: e.value for e in model.particulars}
    assert particulars["督导单位"] == particulars["督导组"] == particulars["检查日期"] == ""
    assert [e.value for e in model.signature.entries] == ["", "", "", ""]
    assert model.signature.seals == ("督导单位（盖章）", "被督导单位（盖章）")
    [remedies] = model.remedies
    assert (
        remedies.deadline.startswith("请于　　　　年　　月　　日前")
        and "督导部门" in remedies.deadline
    )


def test_options_fill_the_form(two: groupcheck.RunResult) -> None:
    options = inspection.InspectionOptions(
        authority="泰山区人民政府教育督导室",
        number="泰山督〔2026〕3号",
        inspectors=("林督学", "王督学", "张督学"),
        rectify_by=dt.date(2027, 3, 31),
    )
    model = inspection.build(two, options, "zh")
    team = {e.label: e.value for e in model.particulars}["督导组"]
    assert team == "林督学（组长）、王督学、张督学"
    signs = [(e.label, e.value) for e in model.signature.entries]
    assert signs[:3] == [
        ("督导组组长（签字）", "林督学"),
        ("督导组成员（签字）", "王督学"),
        ("督导组成员（签字）", "张督学"),
    ]
    assert model.remedies[0].deadline == (
        "请于2027年3月31日前完成整改，并将整改情况书面报送泰山区人民政府教育督导室。"
    )
    assert model.author == "泰山区人民政府教育督导室"


def test_problems_are_numbered_through_and_each_has_its_remedy(
    bundled: groupcheck.RunResult,
) -> None:
    model = inspection.build(bundled, None, "zh")
    numbers = [p.number for g in model.problems for p in (*g.problems, *g.notices)]
    numbers += [p.number for p in model.run_problems]
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    for section, remedies in zip(
        [g for g in model.problems if g.problems], model.remedies, strict=True
    ):
        assert [r.number for r in remedies.items] == [p.number for p in section.problems]
        assert all(r.measure and not r.measure.startswith("按照检查依据") for r in remedies.items)
    assert [r.group_id for r in model.replies] == [g.group_id for g in model.remedies]


def test_a_warning_is_a_matter_for_attention_not_a_problem() -> None:
    case = ROOT / "tests" / "cases" / "waivers" / "unused" / "g"  # GC502: a waiver unused
    result = groupcheck.run(Settings(paths=(str(case),), as_of=AS_OF, lang="zh"))
    model = inspection.build(result, None, "zh")
    [section] = model.problems
    assert [p.rule for p in section.notices] == ["GC502"] and section.problems == ()
    assert section.verdict.text == "符合"
    assert model.remedies == () and model.replies == ()  # nothing to rectify, no reply due
    assert "需关注事项1项" in model.overview.paragraphs[1]


def test_summary_and_full_annex(two: groupcheck.RunResult) -> None:
    summary = inspection.build(two, inspection.InspectionOptions(), "zh")
    full = inspection.build(two, inspection.InspectionOptions(detail="full"), "zh")
    alpha, beta = summary.annex
    assert [r.rule for r in alpha.rules] == ["GC201", "GC301"]  # failed, waived
    assert [e.rule for e in alpha.evidence] == ["GC201"]
    assert beta.rules == () and beta.evidence == () and beta.rest.startswith("其余")
    assert alpha.identity == beta.identity == alpha.schools == ()
    full_alpha, full_beta = full.annex
    assert len(full_alpha.rules) > 15 and full_alpha.rest == ""
    assert {e.rule for e in full_beta.evidence} >= {"GC201", "GC203", "GC301"}
    assert full_alpha.identity and full_alpha.schools and full_alpha.waivers


def test_a_single_group_and_the_title_option(two: groupcheck.RunResult) -> None:
    one = inspection.build(two, inspection.InspectionOptions(groups=("test-beta-group",)))
    assert one.title == "济南示范教育集团督导意见书"
    assert one.problems == () and [a.group_id for a in one.annex] == ["test-beta-group"]
    titled = inspection.build(two, inspection.InspectionOptions(title="专项督导意见书"))
    assert titled.title == "专项督导意见书"
    with pytest.raises(inspection.UnknownGroup):
        inspection.build(two, inspection.InspectionOptions(groups=("nope",)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每学年不少于 2 名", "每学年不少于2名"),
        ("合计 150,000 元", "合计150,000元"),
        ("15% 以上", "15%以上"),
        ("Wang Li 2 名", "Wang Li 2名"),  # only between a numeral and a Chinese character
    ],
)
def test_gongwen_has_no_space_around_numerals(text: str, expected: str) -> None:
    assert inspection.gongwen(text, "zh") == expected
    assert inspection.gongwen(text, "en") == text


def test_english_model_is_worded_in_english(two: groupcheck.RunResult) -> None:
    model = inspection.build(two, None, "en")
    assert model.title == "Inspection report on education groups"
    assert model.headings.problems == "5. Problems found"
    assert model.footer == "Page {page} of {pages}"
    assert model.problems[0].verdict.text == "not compliant"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_seed_numbers_in_what_the_report_prints(
    bundled: groupcheck.RunResult, lang: Lang
) -> None:
    """ "（001，回译）", "(000)": the seeds' numbers are the project's filing, not the reader's."""
    model = inspection.build(bundled, inspection.InspectionOptions(detail="full"), lang)
    printed = repr(model)
    assert "五个一" in printed if lang == "zh" else "five one" in printed  # the clauses are there
    assert not re.search(r"（\s*(?:据\s*)?00\d|\((?:also )?00\d\b|[;；] 00\d \(", printed)


def stray_rotations(tmp_path: Path) -> Path:
    """One bundled group, and a rotations log in a folder with no charter (run-level GC005)."""
    group = ROOT / "charters" / "shandong-taian-taishan" / "taian-dongyue-middle-group"
    shutil.copytree(group, tmp_path / group.name)
    (tmp_path / "stray").mkdir()
    shutil.copy(group / "rotations.yaml", tmp_path / "stray" / "rotations.yaml")
    return tmp_path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_problem_of_no_group_has_its_remedy_under_its_own_heading(
    tmp_path: Path, lang: Lang
) -> None:
    result = groupcheck.run(Settings(paths=(str(stray_rotations(tmp_path)),), as_of=AS_OF))
    model = inspection.build(result, None, lang)
    assert [p.rule for p in model.run_problems] == ["GC005"]
    [remedy] = model.run_remedies
    [problem] = model.run_problems
    assert remedy.number == problem.number and remedy.problem == problem.title
    info = result.report.rule("GC005")
    assert info is not None and remedy.measure == inspection.gongwen(
        info.remediation_in(lang), lang
    )
    page = html.unescape(html_reporter.render_model(model))
    remedies = page[page.index('id="remedies"') : page.index('id="replies"')]
    assert model.headings.run_problems in remedies and remedy.measure in remedies


def test_english_counts_agree_in_number_and_verdicts_are_short(two: groupcheck.RunResult) -> None:
    """ "1 were waived by approval" read wrong; "does not meet the requirements" broke mid-word
    in the group list's verdict column."""
    model = inspection.build(two, None, "en")
    assert model.overview.paragraphs == (
        "2 groups were checked: 1 meets the requirements, 1 has problems, 0 could not be "
        "verified; 50% meet the requirements.",
        "1 problem was found and 0 matters call for attention; 1 was waived by approval.",
    )
    assert [g.verdict.text for g in model.overview.groups] == ["not compliant", "compliant"]
    assert all(len(g.verdict.text) <= len("not verifiable") for g in model.overview.groups)


def test_by_jurisdiction_each_problem_is_cited_and_remedied_by_its_groups_pack(
    tmp_path: Path,
) -> None:
    """Issue 15 item 3: a Taishan group's problem cites Taishan's document and its remedy
    carries Taishan's numbers (a three-year plan), not the default pack's (3 to 5 years)."""
    group = tmp_path / "taian-no6-group"
    shutil.copytree(ROOT / "charters/shandong-taian-taishan/taian-no6-group", group)
    charter = group / "charter.yaml"
    text = charter.read_text(encoding="utf-8")
    # a 2022–2026 plan: five years, which Taishan's three-year plan (GC103) does not allow
    charter.write_text(text.replace("end_year: 2024", "end_year: 2026"), encoding="utf-8")
    assert charter.read_text(encoding="utf-8") != text
    settings = Settings(
        paths=(str(tmp_path),), as_of=dt.date(2025, 6, 1), lang="zh", rules_file="by-jurisdiction"
    )
    model = inspection.build(groupcheck.run(settings), None, "zh")
    (section,) = [g for g in model.problems if g.problems]
    problems = {p.rule: p for p in section.problems}
    assert "GC103" in problems
    assert all(p.basis for p in section.problems), section.problems
    (remedies,) = model.remedies
    (measure,) = [r.measure for r in remedies.items if r.number == problems["GC103"].number]
    assert "3年" in measure and "5年" not in measure, measure


def _clauses(result: groupcheck.RunResult, group_id: str, lang: Lang) -> dict[str, str]:
    """Each rule's 政策条款 cell on ``group_id``'s annex page (every rule: detail full)."""
    model = inspection.build(result, inspection.InspectionOptions(detail="full"), lang)
    (group,) = [g for g in model.annex if g.group_id == group_id]
    return {row.rule: row.clause for row in group.rules}


def test_the_policy_quoted_is_the_document_the_groups_pack_cites() -> None:
    """A pack that rests a rule on a document of its own has its own words printed under
    政策条款, not the rule's documentation, which quotes the default pack's documents: under
    beijing-2016 GC206 quotes the 2016 Beijing opinion, not the 2014 national one; a Taishan
    group's plan rule quotes Taishan's "three-year plan" (back-translated for Chinese), not
    Shangqiu's 3-5 years; where the district cites the default's own document (Taishan's
    GC201), the documentation's back-translation stays."""
    charters = (str(ROOT / "charters"),)
    beijing = groupcheck.run(
        Settings(paths=charters, as_of=AS_OF, lang="zh", rules_file="beijing-2016")
    )
    default = groupcheck.run(Settings(paths=charters, as_of=AS_OF, lang="zh"))
    group_id = "taian-no6-group"
    beijing_rows = _clauses(beijing, group_id, "zh")
    default_rows = _clauses(default, group_id, "zh")
    assert beijing_rows["GC206"].startswith("城镇学校每学年教师交流轮岗的比例一般不低于")
    assert default_rows["GC201"] == beijing_rows["GC201"]  # beijing-2016 keeps the default's
    by_jurisdiction = groupcheck.run(
        Settings(paths=charters, as_of=AS_OF, lang="zh", rules_file="by-jurisdiction")
    )
    taishan_zh = _clauses(by_jurisdiction, group_id, "zh")
    assert taishan_zh["GC107"] == "一个三年发展规划"  # the seed note is the annex's to drop
    assert "3-5年" not in taishan_zh["GC103"]
    assert taishan_zh["GC201"] == default_rows["GC201"]
    taishan_en = _clauses(by_jurisdiction, group_id, "en")
    assert taishan_en["GC107"] == "a three -year development plan"


def test_the_default_pack_prints_each_rules_documented_policy_text() -> None:
    """Every source of the bundled default pack is the one the rules' documentation quotes:
    no rule of its report carries a quote of its own, and under a district pack only the
    rules resting on another document do."""
    report = groupcheck.run(Settings(paths=(str(GROUPS),), as_of=AS_OF)).report
    assert all(info.quote is None for info in report.pack.rules.values())
    taishan = groupcheck.run(
        Settings(paths=(str(GROUPS),), as_of=AS_OF, rules_file="taishan")
    ).report.pack
    quoted = {rule_id for rule_id, info in taishan.rules.items() if info.quote is not None}
    assert quoted == {"GC103", "GC107", "GC302", "GC401"}
    assert taishan.rules["GC103"].policy_in("zh").startswith("一个三年发展规划")
    assert report.pack.rules["GC103"].policy_in("zh") == report.pack.rules["GC103"].doc["policy_zh"]


def test_the_annex_asks_which_packs_are_in_use_once(
    bundled: groupcheck.RunResult, packs_in_use_calls: list[int]
) -> None:
    """``Report.packs_in_use`` reads every group: asked once per annex group, the printed
    report of G groups did G² steps (docs/performance.md, "Per-group CPU")."""
    assert len(bundled.report.groups) > 2
    asked = packs_in_use_calls
    model = inspection.build(bundled, inspection.InspectionOptions(detail="full"), "zh")
    assert len(model.annex) == len(bundled.report.groups)
    assert len(asked) == 1

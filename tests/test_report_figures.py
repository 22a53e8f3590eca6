"""The report is the run's one product (issue 13): the figures a rule measured, and which
findings are a group's, are decided once, and every output shows the same.

- GC206 under ``count: started``: its finding, the HTML evidence and the xlsx year matrix
  give the same teachers and share (the matrix used GC201's count mode before);
- two folders sharing an id (GC402): each folder's findings counted once, in every output;
- a yearly rule that only this test registers shows its figures in the HTML report, the xlsx
  year matrix and JUnit, with no reporter knowing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

import groupcheck
from groupcheck import engine, excel, messages, reporters
from groupcheck.engine import Params, RuleContext, RuleDoc, RuleSpec
from groupcheck.findings import Finding, Severity
from groupcheck.models import Group
from groupcheck.reporters import html, inspection
from groupcheck.settings import Settings

CASES = Path(__file__).parent / "cases"
AS_OF = dt.date(2026, 11, 25)
FULL = inspection.InspectionOptions(detail="full")


def _run(
    paths: list[Path], rules_file: str | None = None, lang: str = "en"
) -> groupcheck.RunResult:
    return groupcheck.run(
        Settings(
            paths=tuple(str(p) for p in paths),
            as_of=AS_OF,
            lang=lang,  # type: ignore[arg-type]
            rules_file=rules_file,
        )
    )


def _matrix(result: groupcheck.RunResult, lang: str = "en") -> list[dict[str, object]]:
    sheets = excel.tables(result, lang)  # type: ignore[arg-type]
    workbook = openpyxl.load_workbook(io.BytesIO(excel.xlsx_bytes(sheets)))
    matrix = next(t for t in sheets if t.name == "matrix")
    rows = list(workbook[matrix.title].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


# ---------------------------------------------------------------------------------------------
# GC206 with count: started


@pytest.fixture
def started(tmp_path: Path) -> tuple[Path, str]:
    shutil.copytree(CASES / "GC206" / "pass-exactly-10-and-20-percent" / "g", tmp_path / "g")
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        'pack: started\nversion: "1"\ndescription: GC206 counting starts.\n'
        "extends: national-2014.yaml\nrules:\n  GC206:\n    params:\n      count: started\n",
        encoding="utf-8",
    )
    return tmp_path / "g", str(pack)


def test_gc206_started_figures_are_the_same_in_the_finding_html_and_xlsx(
    started: tuple[Path, str],
) -> None:
    folder, pack = started
    result = _run([folder], pack)
    [group] = result.report.groups
    figures = {f.year: f for f in group.figures["GC206"]}
    failing = [f for f in result.report.findings if f.rule == "GC206" and f.key == "too_few"]
    assert failing, "teachers who started in 2022 count in no later year under count: started"
    for finding in failing:
        assert finding.year is not None
        figure = figures[finding.year]
        assert figure.verdict == "fail"
        assert finding.args["found"] == figure.found
        assert finding.args["share"] == figure.share
    assert figures["2022-2023"].found == 5 and figures["2023-2024"].found == 0
    # the xlsx year matrix
    matrix = {row["academic year"]: row for row in _matrix(result)}
    for year, figure in figures.items():
        row = matrix[year]
        assert row["teachers on exchange"] == figure.found, year
        share = row["teacher share"]
        assert figure.ratio is not None and share == pytest.approx(figure.ratio), year
    assert Fraction(str(matrix["2023-2024"]["teacher share"])) == 0
    # the HTML evidence (its view model: the rows the template prints)
    document = inspection.build(result, FULL, "en")
    [page] = document.annex
    [rotation] = [e for e in page.evidence if e.rule == "GC206"]
    for row in rotation.rows:
        assert row.cells[1] == figures[row.year].share, row.year
        assert row.verdict.state == (
            "progress" if not figures[row.year].judged else figures[row.year].verdict
        )


# ---------------------------------------------------------------------------------------------
# Two folders sharing an id


def test_two_folders_sharing_an_id_count_their_findings_once_everywhere() -> None:
    case = CASES / "GC402" / "fail-same-id"
    result = _run([case / "a", case / "b"])
    report = result.report
    groups = report.groups
    assert len(groups) == 2 and groups[0].id == groups[1].id
    owned = [i for g in groups for i in g.findings]
    of_groups = [i for i, f in enumerate(report.findings) if f.group is not None]
    assert sorted(owned) == of_groups  # every group finding attributed, and once
    for group in groups:
        assert all(
            f.file is None or f.file.startswith(group.folder + "/")
            for f in report.findings_of(group)
        )
    standing_errors = sum(
        1
        for f in report.findings
        if f.group is not None and not f.waived and f.severity is Severity.ERROR
    )
    assert sum(g.errors for g in groups) == standing_errors
    # the xlsx groups sheet, the Markdown table, JUnit's suites and the HTML pages agree
    sheet = next(t for t in excel.tables(result, "en") if t.name == "groups")
    assert [row[3] for row in sheet.rows] == [g.errors for g in groups]
    markdown = reporters.render("markdown", result, lang="en")
    for group in groups:
        row = next(line for line in markdown.splitlines() if f"({group.folder})" in line)
        assert f"| {group.errors} | {group.warnings} | {group.waived} |" in row
    junit = ET.fromstring(reporters.render("junit", result, lang="en"))
    suites = [s for s in junit.iter("testsuite") if s.get("name", "").startswith(groups[0].id)]
    listed = [len(s.findall("testcase/failure")) for s in suites]
    assert len(listed) == 2
    document = inspection.build(result, FULL, "en")
    for page, group in zip(document.annex, groups, strict=True):
        assert len(page.findings) == len(group.findings)


# ---------------------------------------------------------------------------------------------
# A yearly rule no reporter knows


@pytest.fixture
def toy_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A yearly rule registered by this test only: mentors on duty per academic year."""

    def mentors(group: Group, ctx: RuleContext, params: Params) -> Iterator[Finding]:
        for year, names in (("2023-2024", ("甲",)), ("2024-2025", ("乙", "丙", "丁"))):
            ctx.figure(year, found=len(names), needed=2, items=names)
            if len(names) < 2:
                yield ctx.finding(group, key="too_few", year=year, found=len(names))
        ctx.figure("2026-2027", found=0, needed=2, judged=False)

    monkeypatch.setitem(messages.EN, "GC998.too_few", "{found} mentor(s), 2 required")
    monkeypatch.setitem(messages.ZH, "GC998.too_few", "导师 {found} 名，至少 2 名")
    spec = RuleSpec(
        id="GC998",
        name="mentor-minimum",
        family="other",
        severity=Severity.ERROR,
        params=Params,
        doc=RuleDoc(summary="At least 2 mentors a year.", summary_zh="每学年导师不少于 2 名。"),
        check=mentors,
        yearly="academic",
    )
    engine.register(spec)
    try:
        yield spec.id
    finally:
        del engine.REGISTRY[spec.id]


def test_a_new_yearly_rule_shows_its_figures_in_html_xlsx_and_junit(toy_rule: str) -> None:
    result = _run([CASES / "all" / "passing-group"])
    [group] = result.report.groups
    verdicts = {f.year: f.verdict for f in group.figures[toy_rule]}
    assert verdicts == {"2023-2024": "fail", "2024-2025": "pass", "2026-2027": "skip"}
    # HTML: a table of the rule's figures, with the people behind them
    page = html.render(result, lang="en", options=FULL)
    assert "GC998" in page and "丙" in page and "2024-2025" in page
    annex = inspection.build(result, FULL, "en").annex
    [evidence] = [e for e in annex[0].evidence if e.rule == toy_rule]
    assert [r.year for r in evidence.rows] == ["2023-2024", "2024-2025", "2026-2027"]
    assert [r.verdict.state for r in evidence.rows] == ["fail", "pass", "progress"]
    # xlsx: the year matrix has the rule's columns
    rows = {row["academic year"]: row for row in _matrix(result)}
    found = next(k for k in rows["2024-2025"] if str(k).startswith("GC998") and "found" in str(k))
    assert rows["2023-2024"][found] == 1 and rows["2024-2025"][found] == 3
    verdict = next(k for k in rows["2024-2025"] if str(k).startswith("GC998") and "verdict" in k)
    assert rows["2023-2024"][verdict] == "fail" and rows["2024-2025"][verdict] == "pass"
    # JUnit: a case per year the rule judged
    junit = ET.fromstring(reporters.render("junit", result, lang="en"))
    cases = {c.get("name"): c for c in junit.iter("testcase")}
    assert cases["GC998 mentor-minimum 2023-2024"].find("failure") is not None
    assert cases["GC998 mentor-minimum 2024-2025"].find("failure") is None
    assert "GC998 mentor-minimum 2026-2027" not in cases  # shown, not judged


# ---------------------------------------------------------------------------------------------
# Which yearly rules measure


def test_measures_says_which_yearly_rules_record_figures() -> None:
    """A yearly rule declared ``measures=False`` (GC106) records no figure, so the printed
    report's records never run it again to measure; every other yearly rule records some."""
    result = _run([CASES, Path(__file__).parent.parent / "charters"])
    recorded = {rule for group in result.report.groups for rule in group.figures}
    recorded |= {rule for record in result.records.values() for rule in record.measured}
    yearly = {s.id: s for s in engine.registry().values() if s.yearly and s.scope == "group"}
    assert {r for r, s in yearly.items() if not s.measures} == {"GC106"}
    assert {r for r, s in yearly.items() if s.measures} <= recorded
    assert "GC106" not in recorded


def test_the_records_do_not_run_a_rule_that_measures_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = _run([CASES / "all" / "passing-group"])
    spec = engine.REGISTRY["GC106"]
    ran: list[str] = []

    def spy(group: Group, ctx: RuleContext, params: Params) -> Iterator[Finding]:
        ran.append(group.id)
        assert spec.check is not None
        yield from spec.check(group, ctx, params)  # type: ignore[arg-type, misc]

    monkeypatch.setitem(engine.REGISTRY, "GC106", dataclasses.replace(spec, check=spy))
    records = engine.group_records(result.report, result.groups, result.run, engine.registry())
    assert records and ran == []
    monkeypatch.setitem(
        engine.REGISTRY, "GC106", dataclasses.replace(spec, check=spy, measures=True)
    )
    engine.group_records(result.report, result.groups, result.run, engine.registry())
    assert ran  # the spy does see a rule it is asked to measure

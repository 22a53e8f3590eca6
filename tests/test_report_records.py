"""The printed report and the export read only the report and the groups' records (issue 13):
the four classic yearly rules' evidence tables and year-matrix columns show the figures the
rules recorded, and the identity, schools, waivers and exchanges come from
``report.GroupRecord``, built from the loaded charter when a reporter first asks.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest

import groupcheck
from groupcheck import engine, evidence, excel, reporters
from groupcheck.report import GroupRecord, Report
from groupcheck.reporters import inspection, numbers
from groupcheck.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
AS_OF = dt.date(2026, 11, 25)
FULL = inspection.InspectionOptions(detail="full")


def _run(*paths: Path, rules_file: str | None = None, as_of: dt.date = AS_OF) -> engine.RunResult:
    return groupcheck.run(
        Settings(paths=tuple(str(p) for p in paths), as_of=as_of, lang="en", rules_file=rules_file)
    )


@dataclass(frozen=True)
class _Printed:
    """A report and records as a reporter takes them, with no run behind them."""

    report: Report
    records: Mapping[str, GroupRecord]


def _tables(result: inspection.Printable) -> dict[str, inspection.EvidenceTable]:
    [page] = inspection.build(result, FULL, "en").annex
    return {table.rule: table for table in page.evidence}


def _matrix(result: inspection.Printable) -> list[tuple[object, ...]]:
    sheet = next(t for t in excel.tables(result, "en") if t.name == "matrix")
    return [row for row in sheet.rows if row[3] is not None or row[14] is not None]


def test_the_classic_tables_and_the_matrix_show_the_recorded_figures() -> None:
    """Change the figures in the report, and the printout and the workbook change with them:
    nothing recomputes them from the charter."""
    result = _run(CASES / "GC201" / "fail-one-cadre" / "g")
    [entry] = result.report.groups
    recorded = entry.figures["GC201"]
    assert recorded and all(f.items for f in recorded if f.found)
    doctored = {
        rule: tuple(
            f._replace(found=(f.found or 0) + 40, items=(*f.items, "虚构"), sources=("虚构来源",))
            for f in figures
        )
        for rule, figures in entry.figures.items()
    }
    report = result.report.model_copy(
        update={"groups": [entry.model_copy(update={"figures": doctored})]}
    )
    printed = _Printed(report, result.records)
    tables = _tables(printed)
    cadres = tables["GC201"]
    assert [row.year for row in cadres.rows] == [f.year for f in recorded]
    for row, figure in zip(cadres.rows, recorded, strict=True):
        assert "虚构" in row.cells[0]
        assert str((figure.found or 0) + 40) in row.cells[1]
    funds = doctored.get("GC301", ())
    assert [row.cells[1] for row in tables["GC301"].rows] == [f"{f.found:,}" for f in funds]
    assert all(row.cells[0] == "虚构来源" for row in tables["GC301"].rows)
    rows = {row[3]: row for row in _matrix(printed) if row[3] is not None}
    for figure in recorded:
        assert rows[figure.year][5] == (figure.found or 0) + 40
        assert "虚构" in str(rows[figure.year][6])


def test_a_rule_the_pack_turns_off_shows_what_it_measured_as_not_applied() -> None:
    """Chenzhou's pack turns GC201 off: the run records no GC201 figure, and the printed
    evidence shows the cadres measured for the printout, every year marked not applied."""
    folder = ROOT / "charters" / "hunan-chenzhou"
    result = _run(folder, rules_file="chenzhou")
    entry = result.report.groups[0]
    assert "GC201" not in entry.figures and not result.report.rules["GC201"].enabled
    record = result.records[entry.file]
    measured = record.measured["GC201"]
    assert measured and {f.verdict for f in measured} == {"skip"}
    document = inspection.build(result, FULL, "en")
    [cadres] = [t for t in document.annex[0].evidence if t.rule == "GC201"]
    assert [row.year for row in cadres.rows] == [f.year for f in measured]
    assert {row.verdict.state for row in cadres.rows} == {"skip"}


def test_a_first_year_without_a_headcount_is_measured_for_the_printout() -> None:
    """GC203 records no figure when the core school's headcount is missing (it reports that
    instead); the printout still lists the teachers sent in the first twelve months."""
    result = _run(CASES / "GC203" / "fail-no-headcount" / "g")
    [entry] = result.report.groups
    assert "GC203" not in entry.figures
    [figure] = result.records[entry.file].measured["GC203"]
    assert figure.base is None and figure.start is not None and figure.end is not None
    assert figure.verdict == "fail"  # the headcount finding's year
    teachers = _tables(result)["GC203"]
    [row] = teachers.rows
    assert row.cells[1] == str(figure.found) and row.verdict.state == "fail"


def test_records_are_built_only_when_a_reporter_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    """``validate``'s formats never read the records, so a run never builds them for them."""
    result = _run(ROOT / "charters")

    def refuse(*_args: object) -> object:
        raise AssertionError("a CI format built the groups' records")

    monkeypatch.setattr(engine, "group_records", refuse)
    for fmt in reporters.CI_FORMATS:
        reporters.render(fmt, result, lang="en", color=False, width=200)
    assert "records" not in vars(result)
    monkeypatch.undo()
    records = result.records
    assert set(records) == {g.charter_file for g in result.groups}
    assert result.records is records  # built once


def test_a_record_holds_what_the_printout_shows_of_the_charter() -> None:
    result = _run(ROOT / "charters" / "shandong-taian-taishan")
    for group in result.groups:
        record = result.records[group.charter_file]
        charter = group.charter
        assert (record.id, record.name, record.jurisdiction) == (
            charter.id,
            charter.name,
            charter.jurisdiction,
        )
        assert [s.id for s in record.schools] == [
            charter.core_school.id,
            *(m.id for m in charter.members),
            *(c.id for c in charter.collaborators),
        ]
        assert [(w.rule, w.year, w.reason) for w in record.waivers] == [
            (w.rule, w.year_label, w.reason) for w in charter.waivers
        ]
        assert [(e.person, e.start, e.file) for e in record.exchanges] == [
            (e.exchange.person, e.exchange.start, e.file) for e in group.exchanges
        ]


def test_funding_figures_survive_the_cache(tmp_path: Path) -> None:
    """The figures' sources and other channels come back from a warm cache as they went in."""
    shutil.copytree(CASES / "GC301" / "pooled-not-counted" / "g", tmp_path / "g")
    settings = Settings(
        paths=(str(tmp_path / "g"),), as_of=AS_OF, lang="en", cache_dir=str(tmp_path / "cache")
    )
    cold = groupcheck.run(settings)
    warm = groupcheck.run(settings)
    [figures] = [g.figures for g in cold.report.groups]
    assert any(f.others for f in figures["GC301"]) and any(f.sources for f in figures["GC301"])
    assert [g.figures for g in warm.report.groups] == [figures]


def test_reports_print_shares_as_the_rules_word_them() -> None:
    for whole in range(1, 120):
        for part in range(0, whole + 2):
            share = Fraction(part, whole)
            assert numbers.percent(share) == evidence.percent(share)
    assert numbers.percent(None) == "–" and numbers.share_of(3, 0) is None

"""Years and evidence: academic and calendar years, judged years, exact terms, shared figures."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import pytest

import groupcheck
from groupcheck import evidence, years

D = dt.date
CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize(
    ("start", "end", "n", "at_least", "at_most"),
    [
        (D(2022, 9, 1), D(2024, 8, 31), 2, True, True),  # exactly 2 years
        (D(2022, 9, 1), D(2024, 8, 30), 2, False, True),  # one day short
        (D(2022, 9, 1), D(2024, 9, 1), 2, True, False),  # one day long
        (D(2020, 2, 29), D(2021, 2, 28), 1, True, True),  # from a leap day
        (D(2023, 3, 1), D(2024, 2, 29), 1, True, True),  # across a leap day
    ],
)
def test_exact_terms(start: dt.date, end: dt.date, n: int, at_least: bool, at_most: bool) -> None:
    assert years.term_at_least(start, end, n) is at_least
    assert years.term_at_most(start, end, n) is at_most


def test_term_length_for_messages() -> None:
    assert years.term_length(D(2022, 9, 1), D(2024, 8, 31)) == (2, 0)
    assert years.term_length(D(2022, 9, 1), D(2023, 8, 30)) == (0, 364)


def test_academic_year_labels_and_bounds() -> None:
    year = years.academic_year_of(D(2024, 3, 15))
    assert year.label == "2023-2024"
    assert (year.start, year.end) == (D(2023, 9, 1), D(2024, 8, 31))
    assert years.academic_year_of(D(2024, 9, 1)).label == "2024-2025"
    assert years.academic_year_from_label("2023-2024") == year
    with pytest.raises(ValueError):
        years.academic_year_from_label("2023-2025")


def test_academic_year_start_from_the_pack() -> None:
    assert years.parse_month_day("08-15") == (8, 15)
    year = years.academic_year_of(D(2024, 8, 20), (8, 15))
    assert year.label == "2024-2025" and year.end == D(2025, 8, 14)
    for bad in ("02-29", "13-01", "9/1", "04-31"):
        with pytest.raises(ValueError):
            years.parse_month_day(bad)


def labels(found: list[years.AcademicYear]) -> list[str]:
    return [y.label for y in found]


def test_judged_academic_years() -> None:
    # Established before 1 September: the first year is judged.
    assert labels(years.judged_academic_years(D(2022, 7, 30), D(2026, 11, 25))) == [
        "2022-2023",
        "2023-2024",
        "2024-2025",
        "2025-2026",
    ]
    # Established on the first day: judged; a day later: that year is not.
    assert labels(years.judged_academic_years(D(2022, 9, 1), D(2023, 9, 1)))[0] == "2022-2023"
    assert labels(years.judged_academic_years(D(2022, 9, 2), D(2024, 9, 1))) == ["2023-2024"]
    # A year ends by as_of only once its last day is past; the year in progress never counts.
    assert labels(years.judged_academic_years(D(2022, 7, 30), D(2023, 8, 31))) == []
    assert labels(years.judged_academic_years(D(2022, 7, 30), D(2023, 9, 1))) == ["2022-2023"]
    assert years.year_in_progress(D(2026, 11, 25)).label == "2026-2027"


def test_judged_calendar_years() -> None:
    # Issue 14, 5: only a calendar year the group existed for entirely, and that has ended.
    assert years.judged_calendar_years(D(2022, 7, 30), D(2026, 11, 25)) == [2023, 2024, 2025]
    assert years.judged_calendar_years(D(2022, 1, 1), D(2026, 11, 25)) == [2022, 2023, 2024, 2025]
    assert years.judged_calendar_years(D(2022, 1, 2), D(2026, 11, 25)) == [2023, 2024, 2025]
    assert years.judged_calendar_years(D(2021, 12, 31), D(2023, 1, 1)) == [2022]
    assert years.judged_calendar_years(D(2022, 1, 1), D(2022, 12, 31)) == []
    assert years.judged_calendar_years(D(2022, 1, 1), D(2023, 1, 1)) == [2022]
    assert years.judged_calendar_years(D(2022, 7, 30), D(2023, 1, 1)) == []


def test_evidence_of_a_group() -> None:
    case = CASES / "GC201" / "fail-one-cadre"
    loaded = groupcheck.load([str(case / "g")])
    group = loaded.groups[0]
    found = evidence.for_pack(group, groupcheck.default_pack(), D(2026, 11, 25))
    assert [y.label for y in found.academic_years] == [
        "2022-2023",
        "2023-2024",
        "2024-2025",
        "2025-2026",
        "2026-2027",
    ]
    assert [y.judged for y in found.academic_years] == [True, True, True, True, False]
    first = found.first_judged_year
    assert first is not None and first.cadre_names == ("李明",)
    assert len(first.teachers_started) == 3
    assert first.started_share == Fraction(3, 20)
    assert evidence.percent(first.started_share) == "15%"
    assert first.backbone_share == Fraction(0)
    # GC203's first year is the group's first twelve months (issue 14, 6).
    window = found.first_year
    assert window is not None and (window.start, window.end) == (D(2022, 7, 30), D(2023, 7, 29))
    assert window.label == "2022-2023" and window.judged
    assert len(window.teachers) == 3 and window.share == Fraction(3, 20)
    assert found.year_in_progress is not None and found.year_in_progress.label == "2026-2027"
    funds = found.calendar_year(2023)
    assert funds is not None and funds.judged and funds.total_yuan == 200_000
    assert funds.meets_threshold and funds.entries[0].yaml_path == ("funding", 1)
    assert found.calendar_years[-1].year == 2026 and not found.calendar_years[-1].judged


def test_first_year_window() -> None:
    # The academic year holding most of the first twelve months names the first year.
    assert evidence.first_year_window(D(2022, 7, 30)) == (
        D(2022, 7, 30),
        D(2023, 7, 29),
        "2022-2023",
    )
    assert evidence.first_year_window(D(2022, 10, 1))[2] == "2022-2023"
    assert evidence.first_year_window(D(2022, 3, 2))[2] == "2021-2022"  # 183 days of 365
    assert evidence.first_year_window(D(2022, 3, 3))[2] == "2022-2023"  # 183 days of 365
    assert evidence.first_year_window(D(2020, 2, 29))[1] == D(2021, 2, 28)


def test_percent_rounding() -> None:
    assert evidence.percent(Fraction(3, 21)) == "14.3%"
    assert evidence.percent(Fraction(1, 10)) == "10%"
    assert evidence.percent(None) == "–"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(1, 1, 1), D(9999, 12, 31), (9998, 365)),  # 9999 years end past the calendar
        (D(1, 1, 1), D(1, 1, 1), (0, 1)),
        (D(9999, 12, 31), D(9999, 12, 31), (0, 1)),
        (D(2022, 9, 1), D(2024, 8, 30), (1, 365)),
    ],
)
def test_dates_at_the_ends_of_the_calendar_never_raise(
    start: dt.date, end: dt.date, expected: tuple[int, int]
) -> None:
    """A typo such as 9999-10-01 must give a finding, not a traceback."""
    assert years.term_length(start, end) == expected
    assert years.term_at_most(start, end, 5) is (expected[0] < 5 or expected == (5, 0))
    assert years.academic_year_of(D(9999, 12, 31)).end == dt.date.max
    assert years.academic_year_of(D(1, 1, 1)).start == dt.date.min
    assert list(years.academic_years_overlapping(D(9998, 1, 1), D(9999, 12, 31)))[-1].end == (
        dt.date.max
    )
    assert years.days_after(D(9999, 12, 20), 30) == dt.date.max


def test_a_typo_year_in_a_log_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    group = tmp_path / "g"
    group.mkdir()
    source = CASES / "all" / "passing-group" / "g" / "charter.yaml"
    (group / "charter.yaml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (group / "rotations.yaml").write_text(
        "group: g\nexchanges:\n  - person: 李明\n    role: cadre\n    from: core\n"
        "    to: g-m1\n    start: 9999-10-01\n    end: 9999-12-31\n"
        "  - person: 王芳\n    role: cadre\n    from: core\n"
        "    to: g-m1\n    start: 2023-09-01\n    end: 9999-12-31\n",
        encoding="utf-8",
    )
    for as_of in (D(2026, 11, 25), D(9999, 12, 31), D(1, 1, 1)):
        result = groupcheck.check(groupcheck.load([str(group)]), as_of=as_of)
        assert result.report.summary.groups == 1
    late = groupcheck.check(groupcheck.load([str(group)]), as_of=D(2026, 11, 25))
    assert [f.args["person"] for f in late.report.findings if f.rule == "GC202"] == ["王芳"]

"""Academic and calendar years, the years a group is judged on, and exact terms.

Every date rule goes through here, so that "which years count" is decided in one place:

* An **academic year** runs from the pack's ``academic_year_start`` (1 September by default)
  to the day before the next one, and is written ``"2023-2024"`` (the calendar years it starts
  and ends in).
* An academic year is **judged** only when the group existed for all of it (it starts on or
  after ``established``) and it has **ended by** ``as_of`` (its last day is before ``as_of``).
  The year in progress on ``as_of`` is reported, never failed.
* A **calendar year** (funding, 002: "每年…不少于20万元") is judged like an academic year: only
  when the group existed for all of it (established on or before 1 January) and it ended
  before ``as_of``. A group set up on 15 December is not failed for that year's funds.
* A **term** from day D to the day before D + N years is exactly N years (2022-09-01 →
  2024-08-31 is 2 years), so "2 to 5 years" (000) compares dates, never day counts.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass

MonthDay = tuple[int, int]
"""An academic year's first day as (month, day); ``(9, 1)`` is 1 September."""

DEFAULT_START: MonthDay = (9, 1)
ONE_DAY = dt.timedelta(days=1)


def parse_month_day(text: str) -> MonthDay:
    """``"09-01"`` → ``(9, 1)``. Raises ``ValueError`` for anything that is not a real MM-DD.

    29 February is refused: a year that starts on a day most years lack has no stable start.
    """
    parts = text.strip().split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValueError(f"{text!r} is not a month and day written MM-DD (such as 09-01)")
    month, day = int(parts[0]), int(parts[1])
    if (month, day) == (2, 29):
        raise ValueError("an academic year cannot start on 02-29")
    dt.date(2001, month, day)  # raises ValueError for 13-01 or 04-31
    return month, day


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved by whole ``years``; 29 February lands on 1 March in a common year.

    With that choice a term from 2020-02-29 to 2021-02-28 is exactly one year. Beyond the
    calendar (a typo such as 9999-10-01 plus a year) the answer is ``date.max``: later than any
    date a charter can hold, so comparisons stay right and nothing raises.
    """
    target = day.year + years
    if target > dt.MAXYEAR:
        return dt.date.max
    if target < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=target)
    except ValueError:  # 29 February in a common year
        return dt.date(target, 3, 1)


# term_end and academic_year_of are pure and asked the same questions over and over (a
# nation's exchanges start on a few hundred distinct days): they remember their answers.
@functools.lru_cache(maxsize=8192)
def term_end(start: dt.date, years: int) -> dt.date:
    """The last day of a term of exactly ``years`` years starting on ``start``."""
    after = add_years(start, years)
    return after if after == dt.date.max else after - ONE_DAY


def term_at_least(start: dt.date, end: dt.date, years: int) -> bool:
    """Whether the term ``start``–``end`` (both days included) lasts ``years`` years or more."""
    return end >= term_end(start, years)


def term_at_most(start: dt.date, end: dt.date, years: int) -> bool:
    """Whether the term ``start``–``end`` (both days included) lasts ``years`` years or fewer."""
    return end <= term_end(start, years)


def term_length(start: dt.date, end: dt.date) -> tuple[int, int]:
    """The term ``start``–``end`` as (whole years, remaining days), for messages.

    2022-09-01 → 2024-08-31 is (2, 0); 2022-09-01 → 2023-08-30 is (0, 364).
    """
    if end < start:
        return 0, 0
    years = end.year - start.year + 1
    while years > 0 and (add_years(start, years) == dt.date.max or term_end(start, years) > end):
        years -= 1
    if years == 0:
        return 0, (end - start).days + 1
    return years, (end - term_end(start, years)).days


@dataclass(frozen=True, order=True)
class AcademicYear:
    """One academic year: ``start`` and ``end`` are its first and last days (both included)."""

    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        """How reports and waivers write it: ``"2023-2024"``."""
        return f"{self.start.year}-{self.start.year + 1}"

    def __str__(self) -> str:
        return self.label

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """Whether the period ``first``–``last`` (both included) has a day in this year."""
        return first <= self.end and last >= self.start

    def following(self) -> AcademicYear:
        """The next academic year (the last representable one is its own successor)."""
        if self.end == dt.date.max:
            return AcademicYear(dt.date.max, dt.date.max)
        first = self.end + ONE_DAY
        return AcademicYear(first, term_end(first, 1))


def academic_year_starting(year: int, start: MonthDay = DEFAULT_START) -> AcademicYear:
    """The academic year whose first day falls in calendar year ``year``."""
    if year < dt.MINYEAR:  # the days before 1 September of year 1 (only a typo gets here)
        return AcademicYear(dt.date.min, dt.date(dt.MINYEAR, *start) - ONE_DAY)
    if year > dt.MAXYEAR:
        return AcademicYear(dt.date.max, dt.date.max)
    first = dt.date(year, *start)
    return AcademicYear(first, term_end(first, 1))


@functools.lru_cache(maxsize=8192)
def academic_year_of(day: dt.date, start: MonthDay = DEFAULT_START) -> AcademicYear:
    """The academic year ``day`` falls in."""
    year = day.year if (day.month, day.day) >= start else day.year - 1
    return academic_year_starting(year, start)


def academic_year_from_label(label: str, start: MonthDay = DEFAULT_START) -> AcademicYear:
    """``"2023-2024"`` → that academic year. Raises ``ValueError`` for a malformed label."""
    first, _, second = label.partition("-")
    if not (first.isdigit() and second.isdigit()) or int(second) != int(first) + 1:
        raise ValueError(f"{label!r} is not an academic year such as 2023-2024")
    return academic_year_starting(int(first), start)


def has_ended(year: AcademicYear, as_of: dt.date) -> bool:
    """A year has ended by ``as_of`` when its last day is before ``as_of``."""
    return year.end < as_of


def is_judged(year: AcademicYear, established: dt.date, as_of: dt.date) -> bool:
    """Whether a group established on ``established`` is judged on ``year`` as of ``as_of``."""
    return year.start >= established and has_ended(year, as_of)


def judged_academic_years(
    established: dt.date, as_of: dt.date, start: MonthDay = DEFAULT_START
) -> list[AcademicYear]:
    """The academic years a group is judged on, oldest first.

    The first is the first year starting on or after ``established`` (a group established on
    2022-07-30 is judged from 2022-2023; one established on 2022-10-01 from 2023-2024); the last
    is the last year that ended before ``as_of``.
    """
    year = academic_year_of(established, start)
    if year.start < established:
        year = year.following()
    judged: list[AcademicYear] = []
    while has_ended(year, as_of):
        judged.append(year)
        year = year.following()
    return judged


def year_in_progress(as_of: dt.date, start: MonthDay = DEFAULT_START) -> AcademicYear:
    """The academic year ``as_of`` falls in: reported, never failed."""
    return academic_year_of(as_of, start)


def academic_years_overlapping(
    first: dt.date, last: dt.date, start: MonthDay = DEFAULT_START
) -> Iterator[AcademicYear]:
    """Every academic year with a day in ``first``–``last`` (both included)."""
    if last < first:
        return
    year = academic_year_of(first, start)
    while year.start <= last:
        yield year
        if year.end == dt.date.max:
            return
        year = year.following()


def judged_calendar_years(established: dt.date, as_of: dt.date) -> list[int]:
    """Calendar years judged for funding: those the group existed for entirely, ended.

    The first is the establishment year when the group was established on 1 January, else the
    next one (established 2023-03-01: from 2024). A calendar year has ended by ``as_of`` when
    31 December is before it, so on 2026-11-25 the last judged year is 2025; on 2026-01-01 it
    is 2025 too.
    """
    first = (
        established.year
        if (established.month, established.day) == (1, 1)
        else (established.year + 1)
    )
    return list(range(first, as_of.year))


def calendar_year_in_progress(as_of: dt.date) -> int:
    return as_of.year


def days_after(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days`` days, or ``date.max`` beyond the calendar."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max

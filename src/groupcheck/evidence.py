"""The yearly counting the exchange and funding rules share, computed in one place per group.

GC201, GC203, GC206 and GC301 count from here, and record what they counted through the
rule context (``ctx.figure``); the report carries those figures and every output (the table,
the printed report's evidence, the xlsx year matrix, JUnit) shows them from the report. No
reporter imports this module: it belongs to the rules (the import-linter contracts in
pyproject.toml say so)::

    from groupcheck import evidence
    ev = evidence.compute(group, as_of=..., count=p.count)   # as a rule calls it
    for year in ev.academic_years:                       # judged years, then the one in progress
        print(year.label, year.judged, year.cadre_names, year.started_share)
    for year in ev.calendar_years:
        print(year.year, year.total_yuan, year.meets_threshold)

Counting conventions (each rule's documentation repeats the one it uses):

* **Core → members**: an exchange counts when ``from`` is the core school and ``to`` is one of
  the group's member schools (a collaborator 协作校 is not a member). An exchange that ends
  before it starts counts nowhere (GC205 reports it).
* **Distinct people**: a person is their ``staff_no`` where given, else their name
  (``Exchange.person_key``); two exchanges of one person in one year count once.
* **count: active** — an exchange counts in every academic year it is in force on at least one
  day; **count: started** — only in the academic year it starts in.
* **Shares** are exact fractions (``fractions.Fraction``), so "exactly 15%" is 15%, never
  14.999…%. ``None`` means a share cannot be computed (no headcount, or nobody exchanged).

Everything here is a frozen dataclass: plain data, safe to keep and to hand to any writer.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from groupcheck import years
from groupcheck.findings import YamlPath
from groupcheck.models import Channel, ExchangeEntry, Group, Role
from groupcheck.report import percent as percent
from groupcheck.report import share_of as share

if TYPE_CHECKING:
    from groupcheck.registry import PackInfo
    from groupcheck.report import PackReport

CountMode = Literal["active", "started"]

DEFAULT_FUNDING_THRESHOLD = 200_000
"""002: "安排不少于20万元/集团的专项经费" — yuan per group per calendar year."""


@dataclass(frozen=True)
class Person:
    """One distinct person on exchange in a year, with the exchange entries that put them there.

    ``key`` is the identity (``#<staff_no>`` or the name); ``name`` is what reports print.
    ``backbone`` is true when any of their counted exchanges marks them a backbone teacher.
    """

    key: str
    name: str
    backbone: bool
    entries: tuple[ExchangeEntry, ...]


@dataclass(frozen=True)
class ExchangeYear:
    """The exchange figures of one academic year of one group.

    ``judged`` is False for the year in progress on ``as_of`` (reported, never failed).
    ``cadres``, ``teachers`` and ``backbone`` are the distinct cadres (干部), teachers (教师)
    and backbone teachers (骨干教师) on exchange from the core school to member schools under
    ``count``; ``teachers_started`` are the distinct teachers whose exchange from the core
    school to a member school starts in this year, whatever ``count`` says (GC203: "派往成员校
    的教师第一年不低于15%"). ``core_teachers`` is the charter's ``core_school.teachers``.
    """

    year: years.AcademicYear
    judged: bool
    count: CountMode
    cadres: tuple[Person, ...]
    core_teachers: int | None
    find_teachers: Callable[[], tuple[Person, ...]] = field(repr=False, compare=False)
    """Works out ``teachers`` when first asked: only GC206 (off by default) and the written
    reports read them, and they are the largest part of the figures."""
    find_started: Callable[[], tuple[Person, ...]] = field(repr=False, compare=False)
    """Works out ``teachers_started`` when first asked, for the same reason: a run's rules
    read the first year's teachers (``FirstYear``), not every year's."""

    @functools.cached_property
    def teachers(self) -> tuple[Person, ...]:
        return self.find_teachers()

    @functools.cached_property
    def teachers_started(self) -> tuple[Person, ...]:
        return self.find_started()

    @functools.cached_property
    def backbone(self) -> tuple[Person, ...]:
        return tuple(p for p in self.teachers if p.backbone)

    @property
    def label(self) -> str:
        """``"2023-2024"``."""
        return self.year.label

    @property
    def cadre_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.cadres)

    @property
    def teacher_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.teachers)

    @property
    def started_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.teachers_started)

    @property
    def started_share(self) -> Fraction | None:
        """Teachers sent this year as a share of the core school's teachers (GC203)."""
        return share(len(self.teachers_started), self.core_teachers)

    @property
    def teacher_share(self) -> Fraction | None:
        """Teachers on exchange (under ``count``) as a share of the core's teachers (GC206)."""
        return share(len(self.teachers), self.core_teachers)

    @property
    def backbone_share(self) -> Fraction | None:
        """Backbone teachers as a share of the teachers on exchange (GC206)."""
        return share(len(self.backbone), len(self.teachers))


@dataclass(frozen=True)
class FirstYear:
    """The group's first year (GC203): its first twelve months, not an academic year.

    000: "第一年不低于15%". The window runs from ``established`` through the day before its
    first anniversary; ``teachers`` are the distinct teachers whose exchange from the core
    school to a member school starts in it (inside the destination's membership). It is
    ``judged`` once the window has ended by ``as_of``; ``label`` is the academic year holding
    most of the window (2022-07-30 and 2022-10-01 both give "2022-2023"), which the finding's
    ``year`` (and a waiver's) uses.
    """

    start: dt.date
    end: dt.date
    label: str
    judged: bool
    teachers: tuple[Person, ...]
    core_teachers: int | None

    @property
    def teacher_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.teachers)

    @property
    def share(self) -> Fraction | None:
        """Teachers sent in the first year as a share of the core school's teachers."""
        return share(len(self.teachers), self.core_teachers)


def first_year_window(
    established: dt.date, academic_year_start: years.MonthDay = years.DEFAULT_START
) -> tuple[dt.date, dt.date, str]:
    """The first twelve months of a group, and the academic year holding most of them.

    A tie (a 366-day window split 183/183) goes to the earlier academic year.
    """
    last = years.term_end(established, 1)
    best_label, best_days = "", -1
    for year in years.academic_years_overlapping(established, last, academic_year_start):
        days = (min(last, year.end) - max(established, year.start)).days + 1
        if days > best_days:
            best_label, best_days = year.label, days
    return established, last, best_label


@dataclass(frozen=True)
class FundingEntry:
    """One ``funding`` entry of the charter, with its YAML path (``("funding", 2)``)."""

    year: int
    amount_yuan: int
    source: str | None
    yaml_path: YamlPath
    channel: Channel = Channel.FINANCE


@dataclass(frozen=True)
class FundingYear:
    """The special funds (专项经费) of one calendar year against the pack's threshold.

    ``judged`` is False for the calendar year in progress on ``as_of``. ``total_yuan`` adds up
    the entries of the counted ``channels`` only (GC301's parameter, 财政拨款 by default: 002
    "the financial department at the same level ... will arrange a special fund");
    ``other_yuan`` holds the other channels' totals, shown beside it, never counted.
    """

    year: int
    judged: bool
    total_yuan: int
    threshold_yuan: int
    entries: tuple[FundingEntry, ...]
    channels: tuple[Channel, ...] = (Channel.FINANCE,)
    other_yuan: tuple[tuple[Channel, int], ...] = ()

    @property
    def counted_entries(self) -> tuple[FundingEntry, ...]:
        return tuple(e for e in self.entries if e.channel in self.channels)

    @property
    def meets_threshold(self) -> bool:
        return self.total_yuan >= self.threshold_yuan

    @property
    def shortfall_yuan(self) -> int:
        return max(self.threshold_yuan - self.total_yuan, 0)


@dataclass(frozen=True)
class GroupEvidence:
    """Everything above for one group as of one day.

    ``academic_years`` holds the judged years oldest first, then the year in progress (when the
    group was established by then); years before establishment, and the partial first year of a
    group established after the academic year began, are not in it. ``calendar_years`` likewise
    holds the judged calendar years (those the group existed for entirely), then the one in
    progress.
    """

    group_id: str
    as_of: dt.date
    count: CountMode
    academic_years: tuple[ExchangeYear, ...]
    calendar_years: tuple[FundingYear, ...]
    first_year: FirstYear | None = None
    """The first twelve months (GC203), once the group is established by ``as_of``."""

    @property
    def judged_years(self) -> tuple[ExchangeYear, ...]:
        return tuple(y for y in self.academic_years if y.judged)

    @property
    def first_judged_year(self) -> ExchangeYear | None:
        judged = self.judged_years
        return judged[0] if judged else None

    @property
    def year_in_progress(self) -> ExchangeYear | None:
        last = self.academic_years[-1] if self.academic_years else None
        return last if last is not None and not last.judged else None

    def academic_year(self, label: str) -> ExchangeYear | None:
        return next((y for y in self.academic_years if y.label == label), None)

    def calendar_year(self, year: int) -> FundingYear | None:
        return next((y for y in self.calendar_years if y.year == year), None)


def core_to_member(group: Group) -> list[ExchangeEntry]:
    """Exchanges from the core school to one of the member schools, with a valid period."""
    core = group.charter.core_school.id
    members = {m.id for m in group.charter.members}
    return [
        entry
        for entry in group.exchanges
        if entry.exchange.from_ == core
        and entry.exchange.to in members
        and entry.exchange.end >= entry.exchange.start
    ]


Membership = tuple[dt.date, dt.date] | None
"""A member school's days as a member (``Member.membership``), or None for no day."""


def memberships(group: Group) -> dict[str, Membership]:
    """Each member school's membership by id (the first entry of an id listed twice)."""
    found: dict[str, Membership] = {}
    for member in group.charter.members:
        found.setdefault(member.id, member.membership())
    return found


def active_days(entry: ExchangeEntry, membership: Membership) -> tuple[dt.date, dt.date] | None:
    """The days ``entry`` counts under ``count: active``: those of the exchange on which its
    destination is a member (a cadre still posted after the school left counts until the day
    before ``left``), or None when there is no such day."""
    if membership is None:
        return None
    first = max(entry.exchange.start, membership[0])
    last = min(entry.exchange.end, membership[1])
    return (first, last) if first <= last else None


def started_as_member(entry: ExchangeEntry, membership: Membership) -> bool:
    """Whether ``entry`` starts on a day its destination is a member (``count: started``)."""
    return membership is not None and membership[0] <= entry.exchange.start <= membership[1]


def counts_in(
    entry: ExchangeEntry,
    year: years.AcademicYear,
    count: CountMode,
    membership: Membership = (dt.date.min, dt.date.max),
) -> bool:
    """Whether ``entry`` counts in ``year``: the exchange, the year and the destination's
    membership share a day (active), or the exchange starts in the year and inside the
    membership (started)."""
    if count == "started":
        return started_as_member(entry, membership) and year.contains(entry.exchange.start)
    days = active_days(entry, membership)
    return days is not None and year.overlaps(*days)


def distinct_people(entries: Iterable[ExchangeEntry]) -> tuple[Person, ...]:
    """The distinct people of ``entries``, in order of first start date, then name."""
    return _people([_flow(entry) for entry in entries], {})


def compute(
    group: Group,
    *,
    as_of: dt.date,
    academic_year_start: years.MonthDay = years.DEFAULT_START,
    count: CountMode = "active",
    funding_threshold: int = DEFAULT_FUNDING_THRESHOLD,
    funding_channels: tuple[Channel, ...] = (Channel.FINANCE,),
) -> GroupEvidence:
    """The evidence of ``group`` as of ``as_of`` with explicit settings (see ``for_pack``).

    Several rules (GC201, GC203, GC206, GC301) ask for the same group's evidence one after
    another (the engine runs a group's rules together), so the last answer is kept: asked
    again for the same group object and settings, it is returned, not computed anew.
    """
    settings = (as_of, academic_year_start, count, funding_threshold, funding_channels)
    if _last is not None and _last[0] is group and _last[1] == settings:
        return _last[2]
    found = _compute(group, as_of, academic_year_start, count, funding_threshold, funding_channels)
    _remember(group, settings, found)
    return found


_last: tuple[Group, tuple[object, ...], GroupEvidence] | None = None


def _remember(group: Group, settings: tuple[object, ...], found: GroupEvidence) -> None:
    global _last
    _last = (group, settings, found)


def _compute(
    group: Group,
    as_of: dt.date,
    academic_year_start: years.MonthDay,
    count: CountMode,
    funding_threshold: int,
    funding_channels: tuple[Channel, ...],
) -> GroupEvidence:
    charter = group.charter
    cadre_flows, teacher_flows = _Flows(), _Flows()
    member_days = memberships(group)
    for entry in core_to_member(group):
        flows = cadre_flows if entry.exchange.role is Role.CADRE else teacher_flows
        flows.add(entry, member_days.get(entry.exchange.to))
    judged = years.judged_academic_years(charter.established, as_of, academic_year_start)
    shown: list[tuple[years.AcademicYear, bool]] = [(y, True) for y in judged]
    current = years.year_in_progress(as_of, academic_year_start)
    if charter.established <= as_of and not any(y == current for y in judged):
        shown.append((current, False))
    memo: dict[tuple[int, ...], Person] = {}
    academic = tuple(
        _exchange_year(
            cadre_flows, teacher_flows, year, is_judged, count, charter.core_school.teachers, memo
        )
        for year, is_judged in shown
    )
    return GroupEvidence(
        group_id=group.id,
        as_of=as_of,
        count=count,
        academic_years=academic,
        calendar_years=_funding_years(group, as_of, funding_threshold, funding_channels),
        first_year=_first_year(group, as_of, academic_year_start, teacher_flows, memo),
    )


def _first_year(
    group: Group,
    as_of: dt.date,
    academic_year_start: years.MonthDay,
    teacher_flows: _Flows,
    memo: dict[tuple[int, ...], Person],
) -> FirstYear | None:
    established = group.charter.established
    if established > as_of:
        return None
    first, last, label = first_year_window(established, academic_year_start)
    return FirstYear(
        start=first,
        end=last,
        label=label,
        judged=last < as_of,
        teachers=_people([f for f in teacher_flows.started if first <= f[0] <= last], memo),
        core_teachers=group.charter.core_school.teachers,
    )


def for_pack(group: Group, pack: PackInfo | PackReport, as_of: dt.date) -> GroupEvidence:
    """The evidence of ``group`` with the settings of ``pack``: what the rules of a run saw.

    The count mode is GC201's ``count``, the funding threshold and the counted channels
    GC301's ``min_yuan`` and ``channels``, as the pack sets them (a run's ``PackInfo``, or the
    report's resolved ``PackReport``); the rules' own defaults where it does not. A rule with
    its own count mode (GC206) records its own figures (``ctx.figure``): read them from the
    report, not from here.
    """
    count: CountMode = "started" if _param(pack, "GC201", "count") == "started" else "active"
    threshold = _param(pack, "GC301", "min_yuan")
    listed = _param(pack, "GC301", "channels")
    channels = (
        tuple(Channel(c) for c in listed)
        if isinstance(listed, (list, tuple)) and listed
        else (Channel.FINANCE,)
    )
    return compute(
        group,
        as_of=as_of,
        academic_year_start=pack.academic_year_start,
        count=count,
        funding_threshold=threshold if isinstance(threshold, int) else DEFAULT_FUNDING_THRESHOLD,
        funding_channels=channels,
    )


def _param(pack: PackInfo | PackReport, rule_id: str, name: str) -> object:
    """A rule's parameter as ``pack`` sets it, or None where it does not."""
    setting = pack.rules.get(rule_id)
    if setting is None:
        return None
    params = setting.params
    return params.get(name) if isinstance(params, dict) else getattr(params, name, None)


_Flow = tuple[dt.date, dt.date, str, ExchangeEntry]
"""An exchange as the yearly figures read it: first day, last day, person key, entry."""


def _flow(entry: ExchangeEntry) -> _Flow:
    exchange = entry.exchange
    return (exchange.start, exchange.end, exchange.person_key, entry)


@dataclass
class _Flows:
    """One role's exchanges from the core school to members, as each count mode reads them.

    ``active``: the days each exchange counts, cut to its destination's membership (an
    exchange with no day as a member is left out); ``started``: the exchanges that start on a
    day their destination is a member, with their own dates (1: membership dates count).
    """

    active: list[_Flow] = field(default_factory=list)
    started: list[_Flow] = field(default_factory=list)

    def add(self, entry: ExchangeEntry, membership: Membership) -> None:
        # active_days() and started_as_member() written out: this runs for every exchange.
        if membership is None:
            return
        exchange = entry.exchange
        start, end = exchange.start, exchange.end
        key = exchange.person_key
        first, last = max(start, membership[0]), min(end, membership[1])
        if first <= last:
            self.active.append((first, last, key, entry))
        if membership[0] <= start <= membership[1]:
            self.started.append((start, end, key, entry))


def _exchange_year(
    cadre_flows: _Flows,
    teacher_flows: _Flows,
    year: years.AcademicYear,
    judged: bool,
    count: CountMode,
    core_teachers: int | None,
    memo: dict[tuple[int, ...], Person],
) -> ExchangeYear:
    # counts_in() and distinct_people() written out: this runs for every year of every group
    # of a run. "started" is year.contains(start), "active" is year.overlaps(start, end).
    first, last = year.start, year.end
    started: list[tuple[Person, ...]] = []  # worked out once, when first read

    def find_started() -> tuple[Person, ...]:
        if not started:
            started.append(
                _people([f for f in teacher_flows.started if first <= f[0] <= last], memo)
            )
        return started[0]

    if count == "started":
        cadres = _people([f for f in cadre_flows.started if first <= f[0] <= last], memo)
        find_teachers: Callable[[], tuple[Person, ...]] = find_started
    else:
        cadres = _people([f for f in cadre_flows.active if f[0] <= last and f[1] >= first], memo)

        def active_teachers() -> tuple[Person, ...]:
            return _people(
                [f for f in teacher_flows.active if f[0] <= last and f[1] >= first], memo
            )

        find_teachers = active_teachers

    return ExchangeYear(
        year=year,
        judged=judged,
        count=count,
        cadres=cadres,
        core_teachers=core_teachers,
        find_teachers=find_teachers,
        find_started=find_started,
    )


def _people(flows: list[_Flow], memo: dict[tuple[int, ...], Person]) -> tuple[Person, ...]:
    """The distinct people of the flows, in order of first start date, then name, then key.

    ``memo`` holds the people already made for this group, by their entries: an exchange in
    force for three years is one ``Person`` shared by the three years, not three equal ones.
    """
    if not flows:
        return ()
    by_key: dict[str, list[_Flow]] = {}
    for flow in flows:
        found = by_key.get(flow[2])
        if found is None:
            by_key[flow[2]] = [flow]
        else:
            found.append(flow)
    ranked = []
    for key, found in by_key.items():
        identity = tuple(id(f[3]) for f in found)
        person = memo.get(identity)
        if person is None:
            entries = tuple(f[3] for f in found)
            person = Person(
                key=key,
                name=entries[0].exchange.person,
                backbone=any(e.exchange.backbone for e in entries),
                entries=entries,
            )
            memo[identity] = person
        first_start = found[0][0] if len(found) == 1 else min(f[0] for f in found)
        ranked.append((first_start, person.name, key, person))
    ranked.sort(key=lambda r: r[:3])
    return tuple(r[3] for r in ranked)


def _funding_years(
    group: Group, as_of: dt.date, threshold: int, channels: tuple[Channel, ...]
) -> tuple[FundingYear, ...]:
    charter = group.charter
    by_year: dict[int, list[FundingEntry]] = {}
    for index, funding in enumerate(charter.funding):
        by_year.setdefault(funding.year, []).append(
            FundingEntry(
                funding.year,
                funding.amount_yuan,
                funding.source,
                ("funding", index),
                funding.channel,
            )
        )
    shown = [(y, True) for y in years.judged_calendar_years(charter.established, as_of)]
    if charter.established <= as_of:
        shown.append((years.calendar_year_in_progress(as_of), False))
    return tuple(
        FundingYear(
            year=year,
            judged=judged,
            total_yuan=sum(e.amount_yuan for e in by_year.get(year, []) if e.channel in channels),
            threshold_yuan=threshold,
            entries=tuple(by_year.get(year, [])),
            channels=channels,
            other_yuan=_other_channels(by_year.get(year, []), channels),
        )
        for year, judged in shown
    )


def _other_channels(
    entries: list[FundingEntry], channels: tuple[Channel, ...]
) -> tuple[tuple[Channel, int], ...]:
    """The totals of the channels GC301 does not count, in the enum's order."""
    totals = dict.fromkeys(Channel, 0)
    for entry in entries:
        if entry.channel not in channels:
            totals[entry.channel] += entry.amount_yuan
    return tuple((c, amount) for c, amount in totals.items() if c not in channels and amount)

"""GC2xx rotation exchanges (轮岗交流): cadres a year, terms, first-year share, log sanity.

The figures (distinct cadres per academic year, teachers sent, shares) come from
``groupcheck.evidence`` so that reports print exactly what these rules judged.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections import defaultdict
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Literal

from pydantic import Field

from groupcheck import evidence, years
from groupcheck.findings import Finding, YamlPath
from groupcheck.models import Exchange, ExchangeEntry, Group, Member, Posting
from groupcheck.registry import Joins, Params, RuleContext, RuleDoc, rule


def year_anchor(group: Group, label: str) -> tuple[str, YamlPath]:
    """Where a finding about a whole academic year of exchanges points.

    The year's own log (``rotations/2023-2024.yaml``) when there is one, else the group's
    single log, else the charter's ``core_school`` (the school the exchanges should come from).
    """
    logs = group.log_files
    for log in logs:
        if os.path.basename(log) == f"{label}.yaml":
            return log, ("exchanges",)
    singles = [log for log in logs if os.path.basename(log) == "rotations.yaml"]
    if singles:
        return singles[0], ("exchanges",)
    if len(logs) == 1:
        return logs[0], ("exchanges",)
    return group.charter_file, ("core_school",)


def exact(number: float) -> Fraction:
    """A pack's decimal number as the exact fraction it is written as (15 → 15, 0.1 → 1/10)."""
    return Fraction(repr(number)) if isinstance(number, float) else Fraction(number)


def _start_year(entry: ExchangeEntry, ctx: RuleContext) -> str:
    return years.academic_year_of(entry.exchange.start, ctx.pack.academic_year_start).label


def _headcount_problem(headcount: int | None) -> str:
    """The message key of a share rule that cannot be judged: the headcount is missing, or 0."""
    return "no_headcount" if headcount is None else "zero_headcount"


def _valid(entry: ExchangeEntry) -> bool:
    return entry.exchange.end >= entry.exchange.start


# ---------------------------------------------------------------------------------------------
# GC201


class CadreMinimum(Params):
    min_cadres: int = Field(default=2, ge=0)
    """000: "不少于2名"."""
    count: Literal["active", "started"] = "active"
    """active: on exchange on any day of the year; started: the exchange began in it."""


@rule(
    "GC201",
    "cadre-exchange-minimum",
    reads_logs=True,
    params=CadreMinimum,
    yearly="academic",
    doc=RuleDoc(
        summary="At least 2 cadres a year on exchange from the core school to member schools.",
        summary_zh="每学年核心校到成员校交流的干部不少于 2 名。",
        remediation="Send at least {min_cadres} cadres from the core school to member schools on "
        "exchange each academic year, and record them in the rotation log.",
        remediation_zh="核心校每学年向成员校选派交流干部不少于{min_cadres}名，并在轮岗交流名册中如实登记。",
        what="Fails a judged academic year in which fewer than `min_cadres` distinct cadres "
        "(干部) were on exchange from the core school to member schools.",
        why="Tai'an's groups send cadres from the core school to lead the members' management.",
        policy_zh="一年内由集团核心校到成员校交流的干部不少于2名。"
        "（据 000 英文报道回译，原文未收录）",
        policy_en="Within a year, there are not less than two cadres who exchange from the core "
        "schools of the group to the member schools.",
        source="000_06d86b8654769ff0.txt (Tai'an Daily, 2022-07-30), paragraph on teacher and "
        "cadre management",
        how="Per academic year (1 September to 31 August, `academic_year_start`). An exchange "
        "counts only on the days its destination is a member (from `joined` through the day "
        "before `left`): with `count: active` the exchange, the year and the membership must "
        "share at least one day (a cadre still posted after the school leaves counts until "
        "the day before `left`); with `count: started` it counts in the year it starts, and "
        "only when the start falls inside the membership. A person (by `staff_no`, else name) "
        "counts once. "
        "Only judged years fail: the group existed for all of the year and it ended before "
        "--as-of.",
        passes="exchanges:\n  - {person: 李明, role: cadre, from: core-a, to: m1,\n"
        "     start: 2023-09-01, end: 2025-08-31}\n"
        "  - {person: 王芳, role: cadre, from: core-a, to: m2,\n"
        "     start: 2023-09-01, end: 2025-08-31}",
        fails="exchanges:\n  - {person: 李明, role: cadre, from: core-a, to: m1,\n"
        "     start: 2023-09-01, end: 2025-08-31}",
    ),
)
def cadre_exchange_minimum(group: Group, ctx: RuleContext, p: CadreMinimum) -> Iterator[Finding]:
    found = evidence.compute(
        group, as_of=ctx.as_of, academic_year_start=ctx.pack.academic_year_start, count=p.count
    )
    for year in found.academic_years:  # the year in progress shown, not judged
        cadres = year.cadre_names
        ctx.figure(
            year.label, found=len(cadres), needed=p.min_cadres, items=cadres, judged=year.judged
        )
    for year in found.judged_years:
        count = len(year.cadres)
        if count < p.min_cadres:
            key = "none" if count == 0 else "too_few_one" if count == 1 else "too_few"
            yield ctx.finding(
                group,
                key=key,
                at=year_anchor(group, year.label),
                year=year.label,
                found=count,
                needed=p.min_cadres,
                names=list(year.cadre_names),
            )


# ---------------------------------------------------------------------------------------------
# GC202


class ExchangeTerm(Params):
    min_years: int = Field(default=2, ge=0)
    max_years: int = Field(default=5, ge=0)


@rule(
    "GC202",
    "exchange-term",
    reads_logs=True,
    params=ExchangeTerm,
    doc=RuleDoc(
        summary="An exchange is planned for 2 to 5 years.",
        summary_zh="交流期限为 2 至 5 年。",
        remediation="Set each exchange's term at {min_years} to {max_years} years, and correct "
        "its start and end dates in the rotation log.",
        remediation_zh="按{min_years}至{max_years}年确定交流期限，并更正轮岗交流名册中的起止日期。",
        what="Fails an exchange whose planned term (`start` to `end`, both days included) is "
        "shorter than `min_years` or longer than `max_years`.",
        why="A term too short gives the receiving school nothing lasting; too long and the "
        "person has moved, not rotated.",
        policy_zh="集团内干部教师交流时间为2至5年。（据 000 英文报道回译，原文未收录）",
        policy_en="The communication (exchange) time is 2 to 5 years.",
        source="000_06d86b8654769ff0.txt (Tai'an Daily, 2022-07-30), paragraph on teacher and "
        "cadre management",
        how="Exact terms: from day D to the day before D + N years is exactly N years, so "
        "2022-09-01 → 2024-08-31 is 2 years and passes. An exchange ending before it starts is "
        "GC205's.",
        passes="exchanges:\n  - {person: 李明, role: cadre, from: core-a, to: m1,\n"
        "     start: 2023-09-01, end: 2025-08-31}",
        fails="exchanges:\n  - {person: 李明, role: cadre, from: core-a, to: m1,\n"
        "     start: 2022-09-01, end: 2023-08-31}",
    ),
)
def exchange_term(group: Group, ctx: RuleContext, p: ExchangeTerm) -> Iterator[Finding]:
    for entry in group.exchanges:
        if not _valid(entry):
            continue
        exchange = entry.exchange
        short = not years.term_at_least(exchange.start, exchange.end, p.min_years)
        long = not years.term_at_most(exchange.start, exchange.end, p.max_years)
        if short or long:
            length_years, length_days = years.term_length(exchange.start, exchange.end)
            yield ctx.finding(
                group,
                key="too_short" if short else "too_long",
                at=(entry.file, entry.yaml_path),
                year=_start_year(entry, ctx),
                person=exchange.person,
                start=exchange.start.isoformat(),
                end=exchange.end.isoformat(),
                years=length_years,
                days=length_days,
                min=p.min_years,
                max=p.max_years,
            )


# ---------------------------------------------------------------------------------------------
# GC203


class FirstYearShare(Params):
    min_percent: float = Field(default=15, ge=0, le=100)
    """000: "第一年不低于15%" of the core school's teachers."""


@rule(
    "GC203",
    "first-year-teacher-share",
    reads_logs=True,
    params=FirstYearShare,
    yearly="academic",
    doc=RuleDoc(
        summary="In the group's first year, at least 15% of the core's teachers go to members.",
        summary_zh="集团成立后第一年内，核心校派往成员校的教师不低于其教师总数的 15%。",
        remediation="Send at least {min_percent}% of the core school's teachers to member schools "
        "in the group's first year, and record the core school's teacher headcount in the "
        "charter.",
        remediation_zh="集团成立第一年，核心校派往成员校交流的教师不低于其教师总数的{min_percent}%；在集团章程中如实填报核心校教师总数。",
        what="Fails a group whose first year (its first twelve months, from `established` "
        "through the day before the first anniversary) saw fewer distinct teachers sent from "
        "the core school to member schools than `min_percent` of `core_school.teachers`. A "
        "missing headcount is a finding, not a pass.",
        why="The first year decides whether a group shares its teachers or only its name.",
        policy_zh="核心校派往成员校（分校）的教师比例第一年不低于15%。"
        "（据 000 英文报道回译，原文未收录）",
        policy_en="The proportion of teachers sent by core schools to member schools "
        "(branches) is not less than 15% in the first year.",
        source="000_06d86b8654769ff0.txt (Tai'an Daily, 2022-07-30), paragraph on teacher and "
        "cadre management",
        how="Teachers (role teacher) whose exchange from the core school to a member school "
        "starts from `established` through the day before its first anniversary (and inside "
        "the member's membership), counted once each, divided by `core_school.teachers`; the "
        "share is exact, so 15 of 100 passes. A group set up on 2022-07-30 whose teachers "
        "report on 2022-08-25 has sent them in its first year; so has one set up on "
        "2022-10-01 that sends them on 2022-10-15. Teachers sent to collaborating (X) schools "
        "do not count. Judged once the twelve months have ended by --as-of; the finding's year "
        "is the academic year holding most of them (2022-07-30 and 2022-10-01 both give "
        "2022-2023).",
        passes="core_school: {id: core-a, name: 甲校, teachers: 20}\n"
        "exchanges:  # rotation log: 3 of 20 teachers sent in the first year (15%)\n"
        "  - {person: 赵一, role: teacher, from: core-a, to: m1,\n"
        "     start: 2023-09-01, end: 2025-08-31}\n"
        "  - {person: 钱二, role: teacher, from: core-a, to: m1,\n"
        "     start: 2023-09-01, end: 2025-08-31}\n"
        "  - {person: 孙三, role: teacher, from: core-a, to: m2,\n"
        "     start: 2023-09-01, end: 2025-08-31}",
        fails="core_school: {id: core-a, name: 甲校, teachers: 20}\n"
        "exchanges:  # rotation log: 2 of 20 teachers sent in the first year (10%)\n"
        "  - {person: 赵一, role: teacher, from: core-a, to: m1,\n"
        "     start: 2023-09-01, end: 2025-08-31}\n"
        "  - {person: 钱二, role: teacher, from: core-a, to: m2,\n"
        "     start: 2023-09-01, end: 2025-08-31}",
    ),
)
def first_year_teacher_share(
    group: Group, ctx: RuleContext, p: FirstYearShare
) -> Iterator[Finding]:
    found = evidence.compute(
        group, as_of=ctx.as_of, academic_year_start=ctx.pack.academic_year_start
    )
    first = found.first_year
    if first is None:
        return
    needed_share = exact(p.min_percent) / 100
    share = first.share
    if (first.judged and first.core_teachers) or ctx.measuring:
        ctx.figure(
            first.label,
            found=len(first.teachers),
            needed=math.ceil(needed_share * first.core_teachers) if first.core_teachers else None,
            share=evidence.percent(share),
            needed_share=evidence.percent(needed_share),
            ratio=None if share is None else float(share),
            base=first.core_teachers,
            items=first.teacher_names,
            judged=first.judged,
            start=first.start.isoformat(),
            end=first.end.isoformat(),
        )
    if not first.judged:
        return
    if not first.core_teachers:
        yield ctx.finding(
            group,
            key=_headcount_problem(first.core_teachers),
            at=(group.charter_file, ("core_school",)),
            year=first.label,
        )
        return
    if share is not None and share < needed_share:
        yield ctx.finding(
            group,
            key="too_few",
            at=year_anchor(group, first.label),
            year=first.label,
            found=len(first.teachers),
            share=evidence.percent(share),
            teachers=first.core_teachers,
            min=evidence.percent(needed_share),
            needed=math.ceil(needed_share * first.core_teachers),
            first=first.start.isoformat(),
            last=first.end.isoformat(),
        )


# ---------------------------------------------------------------------------------------------
# GC204


def overlap_across_groups(
    groups: Sequence[Group], ctx: RuleContext, p: Params
) -> Iterator[Finding]:
    """GC204 across groups: one staff number on exchanges of two groups at once (8).

    Every staff-numbered exchange is indexed by its number once (linear in the run); only the
    few postings of one number are compared pairwise. Each group is told in its own log, naming
    the other group and file. Names alone are never compared across groups (two 李明 are two
    people), and a group whose logs could not all be read is judged by neither side.
    """
    # First the numbers on the exchanges of two groups or more (a few, in a run of half a
    # million postings), then only their postings, in the order the groups come.
    judged = [(group, group.staff_numbers()) for group in groups if not group.unread_logs]
    first: dict[str, int] = {}
    shared: set[str] = set()
    for index, (_group, numbers) in enumerate(judged):
        for number in numbers:
            if first.setdefault(number, index) != index:
                shared.add(number)
    by_staff: dict[str, list[tuple[Group, Posting]]] = {}
    if shared:
        for group, numbers in judged:
            if numbers.isdisjoint(shared):
                continue
            for posting in group.staff_postings():
                if posting[0] in shared:
                    by_staff.setdefault(posting[0], []).append((group, posting))
    for postings in by_staff.values():
        postings.sort(key=lambda item: (item[1][1], item[1][2], item[0].id))
        for group, mine in postings:
            # One finding per exchange, naming the first other group's overlapping exchange and
            # counting the rest: a staff number reused across many groups (a district numbering
            # its staff per school) gives one finding per exchange, not one per pair.
            overlapping = [
                (other, theirs)
                for other, theirs in postings
                if other is not group and theirs[1] <= mine[2] and mine[1] <= theirs[2]
            ]
            if not overlapping:
                continue
            other, theirs = overlapping[0]
            more = len({o.id for o, _ in overlapping if o.id != other.id})
            yield ctx.finding(
                group,
                key="overlap_other_groups" if more else "overlap_other_group",
                at=(mine[3], ("exchanges", mine[4])),
                year=years.academic_year_of(mine[1], ctx.pack.academic_year_start).label,
                person=mine[5],
                staff_no=mine[0],
                start=mine[1].isoformat(),
                end=mine[2].isoformat(),
                other_group=other.id,
                other_file=theirs[3],
                other_start=theirs[1].isoformat(),
                other_end=theirs[2].isoformat(),
                **({"more": more} if more else {}),
            )


def _staff_numbers(group: Group, ctx: RuleContext, p: Params) -> frozenset[str]:
    """GC204 across groups' joins: the staff numbers a group's exchanges give (none for a
    group judged by neither side)."""
    return frozenset() if group.unread_logs else group.staff_numbers()


@rule(
    "GC204",
    "exchange-overlap",
    reads_logs=True,
    across=overlap_across_groups,
    joins=Joins(_staff_numbers, lambda finding: str(finding.args["staff_no"])),
    doc=RuleDoc(
        summary="Nobody is on two exchanges at once.",
        summary_zh="同一人不能同时处于两段交流中。",
        remediation="Correct the rotation log so that each person is on one exchange at a time: "
        "merge or re-date the overlapping entries.",
        remediation_zh="核对轮岗交流名册，同一人员同一时段只登记一段交流，合并或更正时间重叠的记录。",
        what="Fails an exchange that overlaps in time an earlier-starting exchange of the same "
        "person (by `staff_no`, else name) in the group, and an exchange whose `staff_no` is "
        "on an exchange of another group of the run at the same time (in each group's log, "
        "naming the other group and file).",
        why="One person cannot teach at two schools at once; an overlap is a typo in the log "
        "or a person counted twice.",
        policy_zh="（数据一致性规则，无政策原文）",
        policy_en="(A consistency rule; no policy text.)",
        source="groupcheck format v1 (docs/format.md): an exchange is one person's posting",
        how="Each person's exchanges, sorted by start, are compared with the latest end so far; "
        "the later-starting exchange is reported. Across groups only staff numbers are "
        "compared (names alone never are): where one core school leads two groups (004's "
        "育英), the same cadre cannot make up both groups' two, and every overlapping "
        "exchange of the number is reported in its own group.",
        passes="exchanges:\n  - {person: 李明, role: cadre, from: core-a, to: m1,\n"
        "     start: 2022-09-01, end: 2024-08-31}\n"
        "  - {person: 李明, role: cadre, from: core-a, to: m2,\n"
        "     start: 2024-09-01, end: 2026-08-31}",
        fails="exchanges:\n  - {person: 李明, role: cadre, from: core-a, to: m1,\n"
        "     start: 2022-09-01, end: 2024-08-31}\n"
        "  - {person: 李明, role: cadre, from: core-a, to: m2,\n"
        "     start: 2024-08-01, end: 2026-08-31}",
    ),
)
def exchange_overlap(group: Group, ctx: RuleContext, p: Params) -> Iterator[Finding]:
    by_person: dict[str, list[ExchangeEntry]] = defaultdict(list)
    for entry in group.exchanges:
        if _valid(entry):
            by_person[entry.exchange.person_key].append(entry)
    for entries in by_person.values():
        if len(entries) < 2:
            continue
        entries.sort(key=lambda e: (e.exchange.start, e.exchange.end))
        latest = entries[0]
        for entry in entries[1:]:
            if entry.exchange.start <= latest.exchange.end:
                yield ctx.finding(
                    group,
                    key="overlap",
                    at=(entry.file, entry.yaml_path),
                    year=_start_year(entry, ctx),
                    person=entry.exchange.person,
                    start=entry.exchange.start.isoformat(),
                    end=entry.exchange.end.isoformat(),
                    other_start=latest.exchange.start.isoformat(),
                    other_end=latest.exchange.end.isoformat(),
                )
            if entry.exchange.end > latest.exchange.end:
                latest = entry


# ---------------------------------------------------------------------------------------------
# GC205


@rule(
    "GC205",
    "exchange-endpoints",
    reads_logs=True,
    doc=RuleDoc(
        summary="An exchange goes between two different schools of the group, forwards in time.",
        summary_zh="交流在本集团两所不同学校之间进行，且结束日期不早于开始日期。",
        remediation="Correct the exchange so that it goes between two different schools of the "
        "group, both in the group when it starts, and ends after it starts.",
        remediation_zh="更正交流记录，派出校与接收校须为本集团两所不同的学校，交流开始时均在集团内，结束日期不早于开始日期。",
        what="Fails an exchange whose `from` or `to` is not the core school, a member or a "
        "collaborator of the group, whose `from` equals its `to`, whose `end` is before its "
        "`start`, or whose `start` falls outside the membership of the member school it goes "
        "to or comes from (before its `joined`, or on or after its `left`).",
        why="Such an entry cannot be counted for any rule; it is almost always a typo.",
        policy_zh="（数据一致性规则，无政策原文）",
        policy_en="(A consistency rule; no policy text.)",
        source="groupcheck format v1 (docs/format.md): exchanges inside the group (000: "
        "集团内交流)",
        how="School ids are compared with the charter's core_school, members and "
        "collaborators. A member school is a member from `joined` through the day before "
        "`left`: an exchange starting on its `left` date is reported at `start`.",
        passes="exchanges:\n  - {person: 李明, role: cadre, from: core-a, to: m1,\n"
        "     start: 2023-09-01, end: 2025-08-31}",
        fails="exchanges:\n  - {person: 李明, role: cadre, from: core-a, to: core-a,\n"
        "     start: 2024-09-01, end: 2022-08-31}",
    ),
)
def exchange_endpoints(group: Group, ctx: RuleContext, p: Params) -> Iterator[Finding]:
    schools = group.charter.school_ids()
    spans = _membership_spans(group)
    for entry in group.exchanges:
        exchange = entry.exchange
        if _in_order(exchange, schools, spans):
            continue  # nearly every exchange: nothing to report, no year to work out
        year = _start_year(entry, ctx)
        for field, school in (("from", exchange.from_), ("to", exchange.to)):
            if school not in schools:
                yield ctx.finding(
                    group,
                    key="unknown_school",
                    at=(entry.file, (*entry.yaml_path, field)),
                    year=year,
                    person=exchange.person,
                    field=field,
                    school=school,
                )
        for end in ENDS:
            outside = _not_member_on_start(spans, entry, end)
            if outside is not None:
                yield outside_finding(ctx, group, entry, *outside)
        if exchange.from_ == exchange.to:
            yield ctx.finding(
                group,
                key="same_school",
                at=(entry.file, (*entry.yaml_path, "to")),
                year=year,
                person=exchange.person,
                school=exchange.to,
            )
        if exchange.end < exchange.start:
            yield ctx.finding(
                group,
                key="end_before_start",
                at=(entry.file, (*entry.yaml_path, "end")),
                year=year,
                person=exchange.person,
                start=exchange.start.isoformat(),
                end=exchange.end.isoformat(),
            )


ENDS: tuple[Literal["from", "to"], ...] = ("from", "to")


_Spans = dict[str, tuple[Member, tuple[dt.date, dt.date] | None]]
"""Member school id → the member (its first entry, as ``Charter.member``) and its days."""


def _membership_spans(group: Group) -> _Spans:
    """Each member's days, worked out once per group rather than once per exchange end."""
    spans: _Spans = {}
    for member in group.charter.members:
        if member.id not in spans:
            spans[member.id] = (member, member.membership())
    return spans


def _in_order(exchange: Exchange, schools: set[str], spans: _Spans) -> bool:
    """Whether GC205 finds nothing wrong with ``exchange``: both schools are the group's and
    differ, it ends no earlier than it starts, and it starts inside the membership of each
    member school at its ends (``_not_member_on_start`` finds none)."""
    start = exchange.start
    if exchange.from_ == exchange.to or exchange.end < start:
        return False
    for school in (exchange.from_, exchange.to):
        if school not in schools:
            return False
        found = spans.get(school)
        if found is not None and (found[1] is None or not found[1][0] <= start <= found[1][1]):
            return False
    return True


def _not_member_on_start(
    spans: _Spans, entry: ExchangeEntry, field: Literal["from", "to"]
) -> tuple[Member, Literal["joined", "left"]] | None:
    """The member school at ``field`` when the exchange starts outside its membership (1), with
    the date that rules it out: it had not joined yet, or it had left (a ``left`` before
    ``joined`` leaves no day at all)."""
    school = entry.exchange.from_ if field == "from" else entry.exchange.to
    found = spans.get(school)
    if found is None:
        return None
    member, days = found
    start = entry.exchange.start
    if days is not None and days[0] <= start <= days[1]:
        return None
    if member.joined is not None and start < member.joined:
        return member, "joined"
    return member, "left"


def outside_finding(
    ctx: RuleContext,
    group: Group,
    entry: ExchangeEntry,
    member: Member,
    why: Literal["joined", "left"],
) -> Finding:
    day = member.joined if why == "joined" else member.left
    return ctx.finding(
        group,
        key=f"not_member_{why}",
        at=(entry.file, (*entry.yaml_path, "start")),
        year=_start_year(entry, ctx),
        person=entry.exchange.person,
        school=member.name,
        school_id=member.id,
        start=entry.exchange.start.isoformat(),
        date=day.isoformat() if day is not None else "",
    )


# ---------------------------------------------------------------------------------------------
# GC206


class RotationShare(Params):
    min_percent: float = Field(default=10, ge=0, le=100)
    """教师〔2014〕4号: "不低于符合交流条件教师总数的10%"."""
    min_backbone_percent: float = Field(default=20, ge=0, le=100)
    """教师〔2014〕4号: "骨干教师交流轮岗应不低于交流总数的20%"."""
    count: Literal["active", "started"] = "active"


@rule(
    "GC206",
    "annual-rotation-share",
    reads_logs=True,
    params=RotationShare,
    yearly="academic",
    enabled=False,
    doc=RuleDoc(
        summary="Each year 10% of the core's teachers rotate, 20% of them backbone teachers.",
        summary_zh="每学年核心校交流轮岗教师不低于教师总数的 10%，"
        "其中骨干教师不低于交流总数的 20%。",
        remediation="Rotate at least {min_percent}% of the core school's eligible teachers each "
        "academic year, backbone teachers being at least {min_backbone_percent}% of them, and "
        "record the teacher headcount in the charter.",
        remediation_zh="每学年交流轮岗教师不低于符合交流条件教师总数的{min_percent}%，其中骨干教师不低于交流总数的{min_backbone_percent}"
        "%；在集团章程中如实填报核心校教师总数。",
        what="Off in the default pack. Fails a judged academic year in which the teachers on "
        "exchange from the core school to member schools are fewer than `min_percent` of "
        "`core_school.teachers`, or the backbone teachers (`backbone: true`) among them fewer "
        "than `min_backbone_percent` of those exchanged.",
        why="The national opinion on county teacher rotation sets a yearly share; packs for "
        "places that adopt it (national-2014, beijing-2016) turn this rule on.",
        policy_zh="每学年教师交流轮岗的比例不低于符合交流条件教师总数的10%，"
        "其中骨干教师交流轮岗应不低于交流总数的20%。",
        policy_en="Each academic year, the teachers rotated shall be no less than 10% of the "
        "teachers eligible for rotation, and backbone teachers no less than 20% of those "
        "rotated.",
        source="教育部 财政部 人力资源社会保障部《关于推进县（区）域内义务教育学校"
        "校长教师交流轮岗的意见》（教师〔2014〕4号）",
        how="The core school's `teachers` stands for the eligible teachers (the charter does not "
        "record eligibility). Teachers counted once each, under `count` (active or started) "
        "and only on the days their destination is a member, as for GC201; "
        "shares are exact. A missing headcount is a finding.",
        passes="core_school: {id: core-a, name: 甲校, teachers: 20}\n"
        "exchanges:  # 2 of 20 teachers on exchange in 2023-2024 (10%), 1 of them backbone\n"
        "  - {person: 赵一, role: teacher, backbone: true, from: core-a, to: m1,\n"
        "     start: 2023-09-01, end: 2025-08-31}\n"
        "  - {person: 钱二, role: teacher, from: core-a, to: m2,\n"
        "     start: 2023-09-01, end: 2025-08-31}",
        fails="core_school: {id: core-a, name: 甲校, teachers: 100}\n"
        "exchanges:  # 2 of 100 teachers on exchange in 2023-2024 (2%), none backbone\n"
        "  - {person: 赵一, role: teacher, from: core-a, to: m1,\n"
        "     start: 2023-09-01, end: 2025-08-31}\n"
        "  - {person: 钱二, role: teacher, from: core-a, to: m2,\n"
        "     start: 2023-09-01, end: 2025-08-31}",
    ),
)
def annual_rotation_share(group: Group, ctx: RuleContext, p: RotationShare) -> Iterator[Finding]:
    found = evidence.compute(
        group, as_of=ctx.as_of, academic_year_start=ctx.pack.academic_year_start, count=p.count
    )
    judged = found.judged_years
    headcount = group.charter.core_school.teachers
    needed = exact(p.min_percent) / 100
    needed_backbone = exact(p.min_backbone_percent) / 100
    if (judged and headcount) or ctx.measuring:
        for year in found.academic_years:  # the year in progress shown, not judged
            rotated = year.teacher_share
            ctx.figure(
                year.label,
                found=len(year.teachers),
                needed=math.ceil(needed * headcount) if headcount else None,
                share=evidence.percent(rotated),
                needed_share=evidence.percent(needed),
                ratio=None if rotated is None else float(rotated),
                base=headcount,
                items=year.teacher_names,
                judged=year.judged,
                part=len(year.backbone),
            )
    if not judged:
        return
    if not headcount:
        yield ctx.finding(
            group,
            key=_headcount_problem(headcount),
            at=(group.charter_file, ("core_school",)),
            year=None,
        )
        return
    for year in judged:
        share = year.teacher_share
        at = year_anchor(group, year.label)
        if share is not None and share < needed:
            yield ctx.finding(
                group,
                key="too_few",
                at=at,
                year=year.label,
                found=len(year.teachers),
                share=evidence.percent(share),
                teachers=year.core_teachers,
                min=evidence.percent(needed),
            )
        backbone = year.backbone_share
        if year.teachers and backbone is not None and backbone < needed_backbone:
            yield ctx.finding(
                group,
                key="too_few_backbone",
                at=at,
                year=year.label,
                found=len(year.backbone),
                exchanged=len(year.teachers),
                share=evidence.percent(backbone),
                min=evidence.percent(needed_backbone),
            )

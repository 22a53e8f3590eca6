"""GC1xx governance: size, the "five one" documents, the plan, the council, approval, evaluation.

Each rule cites the seed and clause it enforces (``/work/shared/seeds``: 000 Tai'an Daily
2022-07-30, 001 Henan Daily 2022-09-17, 002 Chenzhou 2022-06-30, 003 implementation plans,
004 Jinan Shizhong).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any, Literal, get_args

from pydantic import Field

from groupcheck import years
from groupcheck.findings import Finding, YamlPath
from groupcheck.models import Dimension, Group, GroupModel, Scope
from groupcheck.registry import Joins, Params, RuleContext, RuleDoc, rule


def _dated_after(
    ctx: RuleContext,
    group: Group,
    day: dt.date | None,
    path: YamlPath,
    key: str,
    *,
    limit: Literal["as_of", "established"] = "as_of",
    **args: Any,
) -> Iterator[Finding]:
    """The finding ``key`` at ``path`` when ``day`` is after ``limit``, saying both dates.

    3: something dated after --as-of is not done (yet). 4: approval comes first, so an approval
    or agreement dated after ``established`` fails.
    """
    bound = ctx.as_of if limit == "as_of" else group.charter.established
    if day is None or day <= bound:
        return
    yield ctx.finding(
        group,
        key=key,
        at=(group.charter_file, path),
        date=day.isoformat(),
        **{limit: bound.isoformat()},
        **args,
    )


# ---------------------------------------------------------------------------------------------
# GC101


class MemberLimit(Params):
    max_members: int = Field(default=5, ge=0)
    """003 district plan 三(一): "带动成员校原则不超过5所"."""
    min_trusteeship_members: int = Field(default=1, ge=0)
    """003 county plan: a trusteeship group takes over "1-5所" schools, so at least one."""
    count_collaborators: bool = False
    """Collaborating schools (协作校, the "X" of 1+N+X) are not members unless this is true."""
    capped_models: tuple[GroupModel, ...] = ()
    """The group models (办学模式) whose groups ``max_members`` caps; empty: every model. 003's
    county plan sizes only the trusteeship model (托管型) at "1-5所"; its district plan caps
    every group."""


def _led_by(group: Group, ctx: RuleContext, p: MemberLimit) -> Iterator[str]:
    """GC101's joins: the core school whose members are counted together, and the group
    itself for a trusteeship's own count."""
    if not p.capped_models or group.charter.model in p.capped_models:
        yield "core:" + group.charter.core_school.id
    if group.charter.model is GroupModel.TRUSTEESHIP:
        yield "group:" + group.charter_file


def _count_of(finding: Finding) -> str:
    if finding.key == "trusteeship_too_few":
        return "group:" + str(finding.file)
    return "core:" + str(finding.args["school_id"])


@rule(
    "GC101",
    "member-limit",
    params=MemberLimit,
    scope="run",
    joins=Joins(_led_by, _count_of),
    doc=RuleDoc(
        summary="A core school leads at most 5 member schools, over every group it is core of.",
        summary_zh="一所核心校带动的成员校不超过 5 所（合计其担任核心校的所有集团）。",
        remediation="Bring the member schools the core school leads down to at most "
        "{max_members}, forming a further group for the others; a trusteeship group must name "
        "the schools it takes over.",
        remediation_zh="调整集团规模，核心校带动的成员校原则上不超过{max_members}所，超出部分另行组建集团；托管型集团须明确所托管的学校。",
        what="Counts the distinct current member schools (成员校) a core school (核心校) leads "
        "over every group in the run whose core school it is, and fails each of those groups "
        "when the count is above `max_members` (with `capped_models`, only groups of those "
        "models are counted and capped). A trusteeship (托管型) group with fewer than "
        "`min_trusteeship_members` current members also fails.",
        why="A core school's teachers and cadres can only reach so many schools; the district "
        "plan caps the number, and the county plan sizes a trusteeship at 1 to 5 schools.",
        policy_zh="每个教育集团核心校(校区)带动成员校原则不超过5所。"
        "（托管型）由1所名校合并1-5所新建学校、薄弱学校。",
        policy_en="Each education group's core school (campus) leads, in principle, no more "
        "than 5 member schools. (Trusteeship) one famous school takes over 1 to 5 new or weak "
        "schools.",
        source="003_dc5c7efb57eb3707.txt, district plan 三(一); county plan (托管型)",
        how="A member counts from `joined` to the day before `left` (members that have left do "
        "not count, judged on --as-of); collaborators count only with `count_collaborators`. "
        "Members are counted by school id, once even when two groups list the same school.",
        passes="core_school: {id: core-a, name: 甲校}\nmembers:\n"
        "  - {id: m1, name: 成员一}\n  - {id: m2, name: 成员二}",
        fails="core_school: {id: core-a, name: 甲校}\nmembers:  # six current members\n"
        "  - {id: m1, name: 成员一}\n  - {id: m2, name: 成员二}\n  - {id: m3, name: 成员三}\n"
        "  - {id: m4, name: 成员四}\n  - {id: m5, name: 成员五}\n  - {id: m6, name: 成员六}",
    ),
)
def member_limit(groups: Sequence[Group], ctx: RuleContext, p: MemberLimit) -> Iterator[Finding]:
    """Index groups by core school once, then count each core school's members: linear."""
    by_core: dict[str, list[Group]] = defaultdict(list)
    for group in groups:
        if not p.capped_models or group.charter.model in p.capped_models:
            by_core[group.charter.core_school.id].append(group)
    for core_id, led in by_core.items():
        members: set[str] = set()
        for group in led:
            members.update(_current_members(group, ctx, p))
        if len(members) > p.max_members:
            group_ids = sorted({g.id for g in led})
            for group in led:
                yield ctx.finding(
                    group,
                    key="too_many" if len(group_ids) == 1 else "too_many_groups",
                    at=(group.charter_file, ("members",)),
                    school=group.charter.core_school.name,
                    school_id=core_id,
                    found=len(members),
                    max=p.max_members,
                    groups=group_ids,
                )
    for group in groups:
        if group.charter.model is GroupModel.TRUSTEESHIP:
            found = len(_current_members(group, ctx, p))
            if found < p.min_trusteeship_members:
                yield ctx.finding(
                    group,
                    key="trusteeship_too_few",
                    at=(group.charter_file, ("members",)),
                    found=found,
                    min=p.min_trusteeship_members,
                )


def _current_members(group: Group, ctx: RuleContext, p: MemberLimit) -> set[str]:
    charter = group.charter
    found = {m.id for m in charter.members if m.current_on(ctx.as_of)}
    if p.count_collaborators:
        found.update(c.id for c in charter.collaborators)
    found.discard(charter.core_school.id)
    return found


# ---------------------------------------------------------------------------------------------
# GC102

DocumentName = Literal[
    "work_plan", "charter", "management_rules", "development_plan", "research_project"
]
FIVE_DOCUMENTS: tuple[DocumentName, ...] = get_args(DocumentName)


class FiveDocuments(Params):
    documents: tuple[DocumentName, ...] = FIVE_DOCUMENTS
    """The documents a group must have (keys of the charter's ``documents``)."""


@rule(
    "GC102",
    "five-documents",
    params=FiveDocuments,
    doc=RuleDoc(
        summary='The group has its "five one" documents.',
        summary_zh="集团具备“五个一”制度文件。",
        remediation='Draw up the missing "five one" documents ({documents}), have them adopted '
        "and issued, and record them in the charter.",
        remediation_zh="补齐“五个一”制度文件（{documents}），审议通过后印发执行，并在集团章程中登记。",
        what="Fails for each of the five documents missing from `documents`: work plan "
        "(`work_plan`), charter (`charter`), management rules (`management_rules`), "
        "development plan (`development_plan`), teaching-and-research project "
        "(`research_project`).",
        why="Tai'an's groups set up a \"five one\" working system as their basic governance.",
        policy_zh="建立“五个一”工作制度，即一个方案、一个章程、一套管理制度、一个三年发展规划、"
        "一个教研课题。（据 000 英文报道回译，原文未收录）",
        policy_en='Education groups will establish a "five one" working system, that is, a '
        "plan, a charter, a set of management systems, a three-year development plan, a "
        "teaching and research project.",
        source="000_06d86b8654769ff0.txt (Tai'an Daily, 2022-07-30), paragraph on the core "
        'school responsibility system and the "five one" working system',
        how="A document counts when its key is present with a title (or, for the development "
        "plan, a title or its years), and not when its `adopted` date is after --as-of (the "
        "finding gives the date). The pack's `documents` may require fewer.",
        passes="documents:\n  work_plan: {title: 工作方案}\n  charter: {title: 集团章程}\n"
        "  management_rules: {title: 管理制度}\n"
        "  development_plan: {title: 三年发展规划, start_year: 2022, end_year: 2025}\n"
        "  research_project: {title: 联合教研课题}",
        fails="documents:\n  work_plan: {title: 工作方案}\n  charter: {title: 集团章程}",
    ),
)
def five_documents(group: Group, ctx: RuleContext, p: FiveDocuments) -> Iterator[Finding]:
    documents = group.charter.documents
    for name in p.documents:
        document = getattr(documents, name, None) if documents is not None else None
        present = any(
            value is not None
            for item in (document if isinstance(document, list) else [document])
            if item is not None
            for value in item.model_dump().values()
        )
        adopted = getattr(document, "adopted", None)
        if not present:
            yield ctx.finding(
                group,
                key="missing",
                at=(group.charter_file, ("documents", name)),
                document=name,
            )
        else:
            yield from _dated_after(
                ctx,
                group,
                adopted,
                ("documents", name, "adopted"),
                "adopted_after_as_of",
                document=name,
            )


# ---------------------------------------------------------------------------------------------
# GC103


class PlanHorizon(Params):
    min_years: int = Field(default=3, ge=0)
    max_years: int = Field(default=5, ge=0)


@rule(
    "GC103",
    "plan-horizon",
    params=PlanHorizon,
    doc=RuleDoc(
        summary="The development plan spans 3 to 5 years.",
        summary_zh="发展规划的期限为 3 至 5 年。",
        remediation="Revise the development plan so that it runs for {min_years} to {max_years} "
        "years with clear goals, and record its start and end years.",
        remediation_zh="修订集团发展规划，规划期限不少于{min_years}年、不超过{max_years}年，明确发展目标，并写明起止年份。",
        what="Fails when a development plan's horizon, `end_year − start_year + 1`, is "
        "outside `min_years`–`max_years`, or when the plan does not give both years. A "
        "missing plan is GC102's finding, not this one's.",
        why="A plan shorter than three years cannot carry a group's development; Tai'an "
        "requires a three-year plan and Shangqiu's group drew up a 3-5 year one.",
        policy_zh="教育集团制定了3-5年发展规划，做到目标明确、定位准确、措施具体、可操作性强。"
        "（据 001 英文报道回译）",
        policy_en="The education group has formulated 3-5 years of development planning to "
        "achieve clear goals, accurate positioning, specific measures, and strong operability.",
        source="001_262078d7c90d442e.txt (Henan Daily, 2022-09-17); 000 (a three-year "
        "development plan)",
        how="Plans count their years as Chinese plans do: 三年发展规划（2023—2025年） is a "
        "three-year plan, so the horizon is end_year − start_year + 1 and 3 to 5 is inclusive "
        "(2023–2025 passes, 2023–2024 and 2023–2028 fail). Each plan of a list is checked.",
        passes="documents:\n  development_plan: {title: 三年发展规划, start_year: 2023, "
        "end_year: 2025}",
        fails="documents:\n  development_plan: {title: 发展规划, start_year: 2023, end_year: 2024}",
    ),
)
def plan_horizon(group: Group, ctx: RuleContext, p: PlanHorizon) -> Iterator[Finding]:
    documents = group.charter.documents
    for path, plan in documents.plans() if documents is not None else []:
        at = (group.charter_file, path)
        horizon = plan.horizon
        if plan.start_year is None or plan.end_year is None or horizon is None:
            yield ctx.finding(group, key="no_years", at=at)
            continue
        if horizon < p.min_years or horizon > p.max_years:
            yield ctx.finding(
                group,
                key="out_of_range",
                at=at,
                start=plan.start_year,
                end=plan.end_year,
                span=horizon,
                min=p.min_years,
                max=p.max_years,
            )


# ---------------------------------------------------------------------------------------------
# GC107 (with the other plan rule; registered by id, so its place in the file is free)


@rule(
    "GC107",
    "plan-current",
    doc=RuleDoc(
        summary="The group holds a development plan that covers the as-of year.",
        summary_zh="集团持有覆盖检查基准年度的发展规划。",
        remediation="Draw up a new development plan that covers the current year, have it "
        "adopted, and record it in the charter.",
        remediation_zh="制定覆盖当前年度的新一轮集团发展规划，审议通过后印发执行，并在集团章程中登记。",
        what="Fails a group none of whose development plans covers the calendar year of "
        "--as-of (`start_year` ≤ year ≤ `end_year`). A plan starting the following year also "
        "counts, for a group preparing its next plan. A group with no plan at all fails too.",
        why="A plan that ran out is no plan: a group's development is steered by the plan in "
        "force (001's 3-5 year plan, 000's three-year plan), and it needs the next one when "
        "the last one ends.",
        policy_zh="教育集团制定了3-5年发展规划，做到目标明确、定位准确、措施具体、可操作性强（001，"
        "回译）；建立“五个一”工作制度，即一个方案、一个章程、一套管理制度、一个三年发展规划、"
        "一个教研课题（000，回译）。",
        policy_en="The education group has formulated 3-5 years of development planning to "
        "achieve clear goals, accurate positioning, specific measures, and strong operability "
        '(001); education groups establish a "five one" working system: a plan, a charter, a '
        "set of management systems, a three-year development plan, a teaching and research "
        "project (000).",
        source="001_262078d7c90d442e.txt (Henan Daily, 2022-09-17); 000_06d86b8654769ff0.txt "
        '(Tai\'an Daily, 2022-07-30), the "five one" working system',
        how="The as-of year is the calendar year of --as-of. `documents.development_plan` may "
        "be one plan or a list of them (the one in force and the next); a plan without "
        "`start_year` covers nothing. The finding's year is the as-of year, so a waiver for "
        "that year can cover it.",
        passes="# as of 2026-11-25 (--as-of)\ndocuments:\n  development_plan:\n"
        "    - {title: 三年发展规划, start_year: 2022, end_year: 2024}\n"
        "    - {title: 三年发展规划, start_year: 2025, end_year: 2027}",
        fails="# as of 2026-11-25 (--as-of)\ndocuments:\n  development_plan: {title: 三年发展规划, "
        "start_year: 2022, end_year: 2024}",
    ),
)
def plan_current(group: Group, ctx: RuleContext, p: Params) -> Iterator[Finding]:
    documents = group.charter.documents
    plans = documents.plans() if documents is not None else []
    year = ctx.as_of.year
    if any(plan.current_in(year) for _, plan in plans):
        return
    if not plans:
        yield ctx.finding(
            group,
            key="no_plan",
            at=(group.charter_file, ("documents", "development_plan")),
            year=year,
            as_of_year=year,
        )
        return
    dated = [(path, plan) for path, plan in plans if plan.start_year is not None]
    path, latest = max(dated, key=lambda item: item[1].start_year or 0) if dated else plans[-1]
    yield ctx.finding(
        group,
        key="not_current" if latest.start_year is not None else "no_years",
        at=(group.charter_file, path),
        year=year,
        as_of_year=year,
        next_year=year + 1,
        start=latest.start_year,
        end=latest.end_year if latest.end_year is not None else "?",
    )


# ---------------------------------------------------------------------------------------------
# GC104


@rule(
    "GC104",
    "council-filed",
    doc=RuleDoc(
        summary="The group has a council with a chair, every member school on it, filed.",
        summary_zh="集团设理事会，有理事长，每所成员校都有理事，并已备案。",
        remediation="Complete the group council: a chair, a member recommended by every member "
        "school, and the council filed with the district education bureau.",
        remediation_zh="完善集团理事会建设，明确理事长，由各成员学校推荐产生理事会成员，并报区教育局备案。",
        what="Fails when there is no `council`, no `chair`, a current member school with no "
        "council member (`council.members[].school`), or the council is not filed "
        "(`filed_with`, `filed_on`).",
        why="Jinan's groups are led by a council whose members the member schools recommend, "
        "filed with the district education bureau.",
        policy_zh="每个教育集团建立教育集团理事会，由成员学校推荐产生理事会成员并报区教育局备案。",
        policy_en="Each education group sets up a council; its members are recommended by the "
        "member schools and filed with the district education bureau.",
        source="004_ee7604878f7e85c3.txt (Jinan Shizhong), paragraph 3",
        how="Members are judged on --as-of (members that have left need no seat). A council "
        "filed (`filed_on`) after --as-of is not filed yet: the finding gives the date.",
        passes="council:\n  chair: 王校长\n  members:\n    - {name: 王校长, school: core-a}\n"
        "    - {name: 李老师, school: m1}\n    - {name: 张老师, school: m2}\n"
        "  filed_with: 区教育局\n  filed_on: 2022-08-19",
        fails="council:\n  chair: 王校长\n  members:\n    - {name: 王校长, school: core-a}",
    ),
)
def council_filed(group: Group, ctx: RuleContext, p: Params) -> Iterator[Finding]:
    charter = group.charter
    council = charter.council
    if council is None:
        yield ctx.finding(group, key="no_council", at=(group.charter_file, ("council",)))
        return
    if not council.chair:
        yield ctx.finding(group, key="no_chair", at=(group.charter_file, ("council",)))
    seated = {m.school for m in council.members if m.school}
    for member in charter.members:
        if member.current_on(ctx.as_of) and member.id not in seated:
            yield ctx.finding(
                group,
                key="member_not_seated",
                at=(group.charter_file, ("council", "members")),
                school=member.name,
                school_id=member.id,
            )
    missing = [f for f in ("filed_with", "filed_on") if getattr(council, f) is None]
    if missing:
        yield ctx.finding(
            group, key="not_filed", at=(group.charter_file, ("council",)), fields=missing
        )
    else:
        at = ("council", "filed_on")
        yield from _dated_after(ctx, group, council.filed_on, at, "filed_after_as_of")


# ---------------------------------------------------------------------------------------------
# GC105

AGREEMENT_CLAUSES = ("staff_keep_relationship", "host_pays_staff_costs", "trusteeship_fee_yuan")


@rule(
    "GC105",
    "approval",
    doc=RuleDoc(
        summary="The group's approval is recorded; an out-of-district group has its agreement.",
        summary_zh="集团的批准已记录；跨区办学的集团有载明三项内容的协议。",
        remediation="Obtain and record the group's approval (approving body, date and document "
        "number); for a group outside the district, sign an agreement stating that dispatched "
        "staff keep their posts, that the receiving side pays their costs, and the trusteeship "
        "fee.",
        remediation_zh="补办集团组建审批手续，载明批准机关、批准日期和批准文号；跨区办学的，须经区委区政府同意并签署协议，明确派出人员不得调动关系、被托管方负责派出人员经费"
        "及托管费用。",
        what="Fails when `approval` lacks `approved_by`, `approved_on` or `document_no`, when "
        "the group was approved after it was established, or when an out-of-district group "
        "(`scope: out-of-district`) has no `agreement` stating all three clauses (dispatched "
        "staff keep their personnel relationship, the receiving side pays their costs, the "
        "trusteeship fee) or signed it after it was established.",
        why="An in-district group is approved by the district committee's education leading "
        "group; reaching outside the district needs consent and an agreement.",
        policy_zh="在本区行政区内开展集团化办学的，由区教育局统一组织并报区委教育工作领导小组批准；"
        "在本区行政区外开展集团化办学的，须经区委区政府同意并签署相关协议后方可实施"
        "（协议中须明确派出人员不得调动关系、明确被托管方负责派出人员经费、明确托管费用等）。",
        policy_en="Groups within the district are organised by the district education bureau "
        "and approved by the district committee's education leading group; groups outside the "
        "district need the district committee and government's consent and a signed agreement "
        "(stating that dispatched staff keep their personnel relationship, that the party taken "
        "over pays the dispatched staff's costs, and the trusteeship fee).",
        source="003_dc5c7efb57eb3707.txt, district plan 三(二)",
        how="`staff_keep_relationship` and `host_pays_staff_costs` must be true and "
        "`trusteeship_fee_yuan` given. An `approved_on` after --as-of is no approval yet (the "
        "finding gives the date). Approval comes first: `approved_on` after `established` "
        "fails, and so does an out-of-district agreement whose `signed_on` (where recorded) "
        "is after `established` (方可实施: only then may the group start); the same day passes.",
        passes="approval:\n  scope: in-district\n  approved_by: 区委教育工作领导小组\n"
        "  approved_on: 2022-07-22\n  document_no: 教领发〔2022〕4号",
        fails="approval:\n  scope: out-of-district\n  approved_by: 区委区政府\n"
        "  approved_on: 2022-07-22\n  document_no: 区委发〔2022〕9号",
    ),
)
def approval(group: Group, ctx: RuleContext, p: Params) -> Iterator[Finding]:
    record = group.charter.approval
    if record is None:
        yield ctx.finding(group, key="no_approval", at=(group.charter_file, ("approval",)))
        return
    missing = [
        f for f in ("approved_by", "approved_on", "document_no") if getattr(record, f) is None
    ]
    if missing:
        yield ctx.finding(
            group, key="missing_fields", at=(group.charter_file, ("approval",)), fields=missing
        )
    approved_on = ("approval", "approved_on")
    yield from _dated_after(ctx, group, record.approved_on, approved_on, "approved_after_as_of")
    # 4: 报区委教育工作领导小组批准 — a group is approved before it is set up.
    yield from _dated_after(
        ctx,
        group,
        record.approved_on,
        approved_on,
        "approved_after_established",
        limit="established",
    )
    if record.scope is Scope.OUT_OF_DISTRICT:
        agreement = record.agreement
        if agreement is None:
            yield ctx.finding(group, key="no_agreement", at=(group.charter_file, ("approval",)))
            return
        # 003 三(二): "须经区委区政府同意并签署相关协议后方可实施".
        yield from _dated_after(
            ctx,
            group,
            agreement.signed_on,
            ("approval", "agreement", "signed_on"),
            "agreement_after_established",
            limit="established",
        )
        # A clause is stated when its flag is true or the fee is given: a fee of 0 yuan is a
        # stated fee (no charge), not a missing one.
        lacking = [
            clause
            for clause in AGREEMENT_CLAUSES
            if getattr(agreement, clause) is None or getattr(agreement, clause) is False
        ]
        if lacking:
            yield ctx.finding(
                group,
                key="agreement_incomplete",
                at=(group.charter_file, ("approval", "agreement")),
                clauses=lacking,
            )


# ---------------------------------------------------------------------------------------------
# GC106


class AnnualEvaluation(Params):
    dimensions: tuple[Dimension, ...] = tuple(Dimension)
    """004: 学校发展、教师发展、学生发展、社会认可及发展潜能."""


@rule(
    "GC106",
    "annual-evaluation",
    params=AnnualEvaluation,
    yearly="academic",
    measures=False,  # each year judged from the evaluations listed; no figure to show
    doc=RuleDoc(
        summary="Every judged academic year has an evaluation covering the five dimensions.",
        summary_zh="每个受评学年都有覆盖五个层面的发展性督导评价。",
        remediation="Carry out the developmental supervision and evaluation every academic year, "
        "covering {dimensions}, and keep its record.",
        remediation_zh="建立发展性督导评价制度，每学年从{dimensions}等层面开展考核，并留存评价结果。",
        what="Fails a judged academic year with no entry in `evaluations`, or whose "
        "evaluation lacks one of the `dimensions`: school, teacher and student development, "
        "social recognition, development potential.",
        why="Jinan's district bureau evaluates each group every academic year or semester "
        "along five dimensions; Tai'an tracks every group's management and quality.",
        policy_zh="区教育局将建立教育集团化办学发展性督导评价制度，每学年或每学期，"
        "采用座谈、调研、督导等方式，从学校发展、教师发展、学生发展、社会认可及发展潜能等层面进行考核。",
        policy_en="The district education bureau will set up a developmental supervision and "
        "evaluation system for group-run schools and, each academic year or semester, assess "
        "them on school development, teacher development, student development, social "
        "recognition and development potential.",
        source="004_ee7604878f7e85c3.txt (Jinan Shizhong), paragraph on 工作考核; 000 "
        "(evaluation with full tracking)",
        how="Judged academic years only: the group existed for all of the year and it ended "
        "before --as-of; the year in progress is never failed. Several evaluations of one year "
        "add up their dimensions. An evaluation whose `date` is after --as-of has not been made "
        "yet and counts for nothing (the finding gives the date).",
        passes='evaluations:\n  - academic_year: "2023-2024"\n'
        "    dimensions: [school, teacher, student, recognition, potential]",
        fails='evaluations:\n  - academic_year: "2023-2024"\n    dimensions: [school, teacher]',
    ),
)
def annual_evaluation(group: Group, ctx: RuleContext, p: AnnualEvaluation) -> Iterator[Finding]:
    charter = group.charter
    by_year: dict[str, list[int]] = defaultdict(list)
    later: dict[str, list[int]] = defaultdict(list)
    for index, evaluation in enumerate(charter.evaluations):
        # 3: an evaluation dated after the as-of date has not been made yet.
        done = evaluation.date is None or evaluation.date <= ctx.as_of
        (by_year if done else later)[evaluation.academic_year].append(index)
    for year in years.judged_academic_years(
        charter.established, ctx.as_of, ctx.pack.academic_year_start
    ):
        indexes = by_year.get(year.label)
        if not indexes:
            after = later.get(year.label)
            if after:
                yield from _dated_after(
                    ctx,
                    group,
                    charter.evaluations[after[0]].date,
                    ("evaluations", after[0], "date"),
                    "dated_after_as_of",
                    year=year.label,
                )
                continue
            yield ctx.finding(
                group,
                key="missing",
                at=(group.charter_file, ("evaluations",)),
                year=year.label,
            )
            continue
        covered = {d for i in indexes for d in charter.evaluations[i].dimensions}
        lacking = [d.value for d in p.dimensions if d not in covered]
        if lacking:
            yield ctx.finding(
                group,
                key="missing_dimensions",
                at=(group.charter_file, ("evaluations", indexes[0], "dimensions")),
                year=year.label,
                dimensions=lacking,
            )

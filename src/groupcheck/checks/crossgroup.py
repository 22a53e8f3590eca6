"""GC4xx across groups: a school in two groups, two charters with one id.

Run-scope rules: they see every group of the run at once and index it once (dicts keyed by
school id and group id), so a run of n groups costs O(n), never O(n²).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from groupcheck.findings import Finding, Severity
from groupcheck.models import Group
from groupcheck.registry import Joins, Params, RuleContext, RuleDoc, rule

# ---------------------------------------------------------------------------------------------
# GC401


def _current_schools(group: Group, ctx: RuleContext, p: Params) -> Iterator[str]:
    return (member.id for member in group.charter.members if member.current_on(ctx.as_of))


@rule(
    "GC401",
    "school-in-two-groups",
    severity=Severity.WARNING,
    scope="run",
    joins=Joins(_current_schools, lambda finding: str(finding.args["school_id"])),
    doc=RuleDoc(
        summary="A school is a current member of one group only.",
        summary_zh="一所学校只作为一个集团的现有成员校。",
        remediation="Settle which group the school belongs to: with the education bureau's "
        "agreement it leaves the other group, and that group's charter records the day it left.",
        remediation_zh="明确该校所属集团，经教育行政部门同意后退出另一集团，并在该集团章程中登记退出日期。",
        what="Warns, in each group concerned, when one school id is a current member of two or "
        "more groups of the run.",
        why="A member keeps its legal person and follows one core school; listed twice, its "
        "exchanges and funds would count for two groups.",
        policy_zh="集团内各成员学校法人、校名和行政隶属关系不变（004）；成员校经区教育和体育局同意后"
        "方可退出集团（000，回译）。",
        policy_en="Each member school keeps its legal person, name and administrative "
        "affiliation (004); a member leaves a group only with the district education and "
        "sports bureau's agreement (000).",
        source="004_ee7604878f7e85c3.txt (paragraph 3); 000_06d86b8654769ff0.txt (membership "
        "changes)",
        how="Members current on --as-of, by school id, over every group in the run.",
        passes="# group A\nmembers: [{id: m1, name: 成员一}]\n"
        "# group B\nmembers: [{id: m2, name: 成员二}]",
        fails="# group A\nmembers: [{id: m1, name: 成员一}]\n"
        "# group B\nmembers: [{id: m1, name: 成员一}]",
    ),
)
def school_in_two_groups(groups: Sequence[Group], ctx: RuleContext, p: Params) -> Iterator[Finding]:
    where: dict[str, list[tuple[Group, int]]] = defaultdict(list)
    for group in groups:
        for index, member in enumerate(group.charter.members):
            if member.current_on(ctx.as_of):
                where[member.id].append((group, index))
    for school_id, places in where.items():
        group_ids = {g.id for g, _ in places}
        if len(group_ids) < 2:
            continue
        for group, index in places:
            others = sorted(group_ids - {group.id})
            yield ctx.finding(
                group,
                key="two_groups",
                at=(group.charter_file, ("members", index)),
                school=group.charter.members[index].name,
                school_id=school_id,
                other_group=others,
            )


# ---------------------------------------------------------------------------------------------
# GC402


@rule(
    "GC402",
    "duplicate-group-id",
    scope="run",
    joins=Joins(lambda group, ctx, p: (group.id,), lambda finding: str(finding.args["group_id"])),
    doc=RuleDoc(
        summary="Every charter in the run has its own id.",
        summary_zh="本次检查中每份章程的集团标识各不相同。",
        remediation="Give each group its own id: correct the id of the charter that repeats "
        "another's.",
        remediation_zh="为每个集团确定唯一标识，更正与其他集团重复的章程标识。",
        what="Fails both (all) charters when two or more charters in the run share one `id`.",
        why="Logs, waivers and reports find a group by its id; two groups with one id mix up "
        "their exchanges and their findings.",
        policy_zh="（数据一致性规则，无政策原文）",
        policy_en="(A consistency rule; no policy text.)",
        source="groupcheck format v1 (docs/format.md): a group's id is unique",
        how="Charters are indexed by id once; every charter of a shared id is reported at its "
        "`id` line.",
        passes="# a/charter.yaml\nid: group-a\n# b/charter.yaml\nid: group-b",
        fails="# a/charter.yaml\nid: group-a\n# b/charter.yaml\nid: group-a",
    ),
)
def duplicate_group_id(groups: Sequence[Group], ctx: RuleContext, p: Params) -> Iterator[Finding]:
    by_id: dict[str, list[Group]] = defaultdict(list)
    for group in groups:
        by_id[group.id].append(group)
    for group_id, same in by_id.items():
        if len(same) < 2:
            continue
        files = sorted(g.charter_file for g in same)
        for group in same:
            yield ctx.finding(
                group,
                key="duplicate",
                at=(group.charter_file, ("id",)),
                group_id=group_id,
                others=[f for f in files if f != group.charter_file],
            )

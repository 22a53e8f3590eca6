"""GC3xx special funds (专项经费): the yearly minimum and what the money may be used for."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from groupcheck import evidence
from groupcheck.findings import Finding, Severity
from groupcheck.models import Channel, Group, Use
from groupcheck.registry import Params, RuleContext, RuleDoc, rule

# ---------------------------------------------------------------------------------------------
# GC301


class FundingMinimum(Params):
    min_yuan: int = Field(default=evidence.DEFAULT_FUNDING_THRESHOLD, ge=0)
    """002: "每年安排不少于20万元/集团的专项经费"."""
    channels: tuple[Channel, ...] = (Channel.FINANCE,)
    """002: the financial department at the same level arranges the fund (财政拨款); pooled
    members' public funds (003 四(六)) and other money are shown, not counted."""


@rule(
    "GC301",
    "funding-minimum",
    params=FundingMinimum,
    yearly="calendar",
    doc=RuleDoc(
        summary="Each judged calendar year, the group's special funds add up to 200,000 yuan.",
        summary_zh="每个受评自然年，集团专项经费合计不少于 20 万元。",
        remediation="Make up the year's special funds to at least {min_yuan} yuan ({channels}), "
        "and send the payment vouchers to the inspecting office.",
        remediation_zh="补足当年专项经费至不少于{min_yuan}元（{channels}），并将拨付凭证报督导部门。",
        what="Fails a judged calendar year whose `funding` entries of the counted `channels` "
        "(财政拨款 `finance` by default) add up to less than `min_yuan` (no entry for the year "
        "is 0 yuan). Money from the other channels is shown beside the total, not counted.",
        why="Chenzhou's finance departments fund each group every year; without money a group "
        "runs on goodwill alone.",
        policy_zh="同级财政部门为集团化办学提供必要的经费支持，每年按不少于20万元/集团的标准安排专项经费。"
        "（据 002 英文报道回译，原文未收录）",
        policy_en="The financial department at the same level will provide the necessary "
        "funding support for the group running schools. Each year, it will arrange a special "
        "fund of not less than 200,000 yuan per group.",
        source="002_d4689161082b07f3.txt (Chenzhou, 2022-06-30), last paragraph",
        how="Calendar years are judged like academic years: only a year the group existed for "
        "entirely (established on or before 1 January) and that ended before --as-of; a group "
        "set up on 15 December is not failed for that year, and the year in progress is never "
        "failed. Entries of one year add up; exactly 200,000 yuan passes. An entry's "
        "`channel` is `finance` (财政拨款, the default), `pooled` (成员校公用经费统筹, 003 四(六)) "
        "or `other`; only those in `channels` count.",
        passes="# as of 2025-03-01: 2024 is judged (the group existed all of it)\n"
        "funding:\n  - {year: 2024, amount_yuan: 120000, source: 区财政}\n"
        "  - {year: 2024, amount_yuan: 80000, source: 市财政专项}",
        fails="# as of 2025-03-01: 2024 is judged (the group existed all of it)\n"
        "funding:\n  - {year: 2024, amount_yuan: 150000, source: 区财政}\n"
        "  - {year: 2024, amount_yuan: 80000, source: 成员校公用经费统筹, channel: pooled}",
    ),
)
def funding_minimum(group: Group, ctx: RuleContext, p: FundingMinimum) -> Iterator[Finding]:
    found = evidence.compute(
        group,
        as_of=ctx.as_of,
        academic_year_start=ctx.pack.academic_year_start,
        funding_threshold=p.min_yuan,
        funding_channels=p.channels,
    )
    for year in found.calendar_years:
        ctx.figure(
            year.year,
            found=year.total_yuan,
            needed=p.min_yuan,
            items=[e.source or "–" for e in year.counted_entries],
            judged=year.judged,
            sources=sorted({e.source for e in year.entries if e.source}),
            others=[(channel.value, amount) for channel, amount in year.other_yuan],
        )
        if not year.judged or year.meets_threshold:
            continue
        counted = year.counted_entries
        path = counted[0].yaml_path if counted else ("funding",)
        key = "too_little" if counted else "none"
        yield ctx.finding(
            group,
            key=f"{key}_others" if year.other_yuan else key,
            at=(group.charter_file, path),
            year=year.year,
            total=f"{year.total_yuan:,}",
            min=f"{p.min_yuan:,}",
            entries=len(counted),
            channels=[c.value for c in p.channels],
            others=[f"{channel.value} {amount:,}" for channel, amount in year.other_yuan],
        )


# ---------------------------------------------------------------------------------------------
# GC302


class FundingUse(Params):
    allowed_uses: tuple[Use, ...] = (
        Use.TEACHER_TRAINING,
        Use.CURRICULUM,
        Use.RESEARCH,
        Use.CULTURE,
        Use.REFORM,
    )
    """000 curriculum and training; 004 teacher training and culture; 003 四(六) reform,
    research, training and curriculum (教育改革、教学研究、师资培训、课程开发)."""


@rule(
    "GC302",
    "funding-use",
    params=FundingUse,
    severity=Severity.WARNING,
    doc=RuleDoc(
        summary="Every funding entry names its source and is used for allowed purposes.",
        summary_zh="每笔经费注明来源，且用途在允许范围内。",
        remediation="Name the source of every funding entry, and spend the special funds only on "
        "{allowed_uses}; charge other spending to its proper budget.",
        remediation_zh="完善专项经费管理，逐笔注明经费来源，专项经费仅用于{allowed_uses}等方面，其他支出调整至相应经费渠道列支。",
        what="Warns about a `funding` entry with no `source`, about each of its `uses` "
        "outside the pack's `allowed_uses` (by default teacher training, curriculum, research, "
        "culture and education reform: the uses the seeds name), and about funds recorded for "
        "a year before the group was established.",
        why="Special funds are earmarked: the seeds name what they are for, and an entry "
        "without a source cannot be traced to a budget.",
        policy_zh="专项经费由教育集团理事会研究决定用于教师培训、文化建设等方面（004）；"
        "用于集团开展教育改革、教学研究、师资培训、课程开发等活动（003）；"
        "区财政每年拨付集团化办学专项经费，用于课程开发、业务培训等（000，回译）。",
        policy_en="Special funds, decided by the council, are used for teacher training, "
        "culture building and the like (004); for education reform, teaching research, teacher "
        "training and curriculum development (003); since 2022 the district finance allocates "
        "special funds each year for curriculum development, business training, etc. (000).",
        source="000_06d86b8654769ff0.txt (last paragraph); 004_ee7604878f7e85c3.txt "
        "(每年拨发专项经费); 003_dc5c7efb57eb3707.txt (county plan, 经费统筹)",
        how="Each entry separately; a use is compared with `allowed_uses`. The seeds' own words "
        "are read as the use they name: 教师培训/师资培训/业务培训 as teacher_training, "
        "课程建设/课程开发 as curriculum, 教研/教学研究 as research, 文化建设 as culture, "
        "教育改革 as reform.",
        passes="funding:\n  - {year: 2023, amount_yuan: 200000, source: 区财政,\n"
        "     uses: [teacher_training, curriculum]}",
        fails="funding:\n  - {year: 2023, amount_yuan: 200000, uses: [management]}",
    ),
)
def funding_use(group: Group, ctx: RuleContext, p: FundingUse) -> Iterator[Finding]:
    established = group.charter.established
    for index, funding in enumerate(group.charter.funding):
        if funding.year < established.year:
            yield ctx.finding(
                group,
                key="before_established",
                at=(group.charter_file, ("funding", index, "year")),
                year=funding.year,
                funded=funding.year,
                established=established.isoformat(),
            )
        if not funding.source:
            yield ctx.finding(
                group,
                key="no_source",
                at=(group.charter_file, ("funding", index)),
                year=funding.year,
                amount=f"{funding.amount_yuan:,}",
            )
        for use_index, use in enumerate(funding.uses):
            if use not in p.allowed_uses:
                yield ctx.finding(
                    group,
                    key="use_not_allowed",
                    at=(group.charter_file, ("funding", index, "uses", use_index)),
                    year=funding.year,
                    use=use.value,
                    allowed=[u.value for u in p.allowed_uses],
                )

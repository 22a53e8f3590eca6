"""GC5xx waivers: expired, unused and soon-expiring waivers.

These rules run after every other rule (the engine hands them the findings made so far in
``RuleContext.findings``), because "unused" means "matches none of them". They are never
waivable themselves: a waiver cannot excuse the state of the waivers.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from groupcheck import years
from groupcheck.findings import Finding, Severity
from groupcheck.models import Group, Waiver
from groupcheck.registry import Params, RuleContext, RuleDoc, rule, waiver_matches

_SOURCE = "groupcheck waivers (docs/rules.md, Waivers): a charter's `waivers` entries"


def _expired(waiver: Waiver, ctx: RuleContext) -> bool:
    """A waiver is good through its ``expires`` day and expired from the next day on."""
    return waiver.expires is not None and waiver.expires < ctx.as_of


# ---------------------------------------------------------------------------------------------
# GC501


@rule(
    "GC501",
    "waiver-expired",
    severity=Severity.WARNING,
    waivable=False,
    doc=RuleDoc(
        summary="No waiver is past its expiry date.",
        summary_zh="豁免未过期。",
        remediation="Rectify the waived problem, or have a new waiver approved with a new expiry "
        "date and record it in the charter.",
        remediation_zh="对原豁免事项进行整改，或重新履行豁免审批程序并登记新的有效期限。",
        what="Warns about a waiver whose `expires` is before --as-of. The finding it covered "
        "stands again (it fails the run if it is an error).",
        why="A waiver is a dated exception granted by someone; once it lapses the group must "
        "comply or be granted a new one.",
        policy_zh="（豁免机制规则，无政策原文）",
        policy_en="(A rule about waivers; no policy text.)",
        source=_SOURCE,
        how="`expires` is the last day the waiver holds.",
        passes="waivers:\n  - {rule: GC301, year: 2023, reason: 财政延迟拨付,\n"
        "     expires: 2027-06-30}",
        fails="waivers:\n  - {rule: GC301, year: 2023, reason: 财政延迟拨付,\n"
        "     expires: 2024-06-30}",
    ),
)
def waiver_expired(group: Group, ctx: RuleContext, p: Params) -> Iterator[Finding]:
    for index, waiver in enumerate(group.charter.waivers):
        if _expired(waiver, ctx) and waiver.expires is not None:
            yield ctx.finding(
                group,
                key="expired",
                at=(group.charter_file, ("waivers", index, "expires")),
                year=waiver.year_label,
                waiver_rule=waiver.rule,
                expires=waiver.expires.isoformat(),
            )


# ---------------------------------------------------------------------------------------------
# GC502


@rule(
    "GC502",
    "waiver-unused",
    severity=Severity.WARNING,
    waivable=False,
    doc=RuleDoc(
        summary="Every waiver matches a finding.",
        summary_zh="每项豁免都对应一个发现的问题。",
        remediation="Delete the waiver that matches no finding from the charter, or correct its "
        "rule and year.",
        remediation_zh="删除章程中未对应任何问题的豁免记录，或更正其规则编号和年度。",
        what="Warns about a current waiver that matches no finding of its group (same rule, "
        "and same year when the waiver names one), and about a waiver of a rule the pack marks "
        "`waivable: false`, which can never take effect.",
        why="An unused waiver hides nothing today but would silently hide a future failure.",
        policy_zh="（豁免机制规则，无政策原文）",
        policy_en="(A rule about waivers; no policy text.)",
        source=_SOURCE,
        how="Matched against the group's findings of this run, with or without --no-waivers. "
        "An expired waiver is GC501's, not this rule's.",
        passes="# as of 2025-03-01: calendar year 2024 is judged\n"
        "waivers:\n  - {rule: GC301, year: 2024, reason: 财政延迟拨付}\n"
        "funding:  # 2024's funds are below the minimum: the waiver covers that finding\n"
        "  - {year: 2024, amount_yuan: 150000, source: 区财政}",
        fails="# as of 2025-03-01: calendar year 2024 is judged\n"
        "waivers:\n  - {rule: GC301, year: 2024, reason: 财政延迟拨付}\n"
        "funding:  # 2024's funds meet the minimum: the waiver covers nothing\n"
        "  - {year: 2024, amount_yuan: 200000, source: 区财政}",
    ),
)
def waiver_unused(group: Group, ctx: RuleContext, p: Params) -> Iterator[Finding]:
    if not group.charter.waivers:
        return
    mine = ctx.findings_of(group.id)
    for index, waiver in enumerate(group.charter.waivers):
        if _expired(waiver, ctx):
            continue
        at = (group.charter_file, ("waivers", index))
        setting = ctx.setting_of(waiver.rule)
        if setting is not None and not setting.waivable:
            yield ctx.finding(
                group, key="not_waivable", at=at, year=waiver.year_label, waiver_rule=waiver.rule
            )
            continue
        if not any(waiver_matches(waiver.rule, waiver.year_label, f) for f in mine):
            yield ctx.finding(
                group,
                key="unused" if waiver.year_label is None else "unused_year",
                at=at,
                year=waiver.year_label,
                waiver_rule=waiver.rule,
                waiver_year=waiver.year_label or "",
            )


# ---------------------------------------------------------------------------------------------
# GC503


class WaiverExpiring(Params):
    days: int = Field(default=30, ge=0)


@rule(
    "GC503",
    "waiver-expiring",
    params=WaiverExpiring,
    severity=Severity.INFO,
    waivable=False,
    doc=RuleDoc(
        summary="Say when a waiver expires within 30 days.",
        summary_zh="豁免将在 30 天内到期时提示。",
        remediation="Rectify the waived problem before the waiver expires, or have its extension "
        "approved in time.",
        remediation_zh="在豁免到期前完成整改，或及时办理豁免延期审批。",
        what="Notes (info) a waiver whose `expires` falls within `days` days of --as-of, "
        "--as-of itself included.",
        why="Renewing a waiver takes an approval; a month's notice leaves time for it.",
        policy_zh="（豁免机制规则，无政策原文）",
        policy_en="(A rule about waivers; no policy text.)",
        source=_SOURCE,
        how="as_of ≤ expires ≤ as_of + days.",
        passes="waivers:\n  - {rule: GC301, year: 2023, reason: 财政延迟拨付,\n"
        "     expires: 2027-06-30}  # as of 2026-11-25",
        fails="waivers:\n  - {rule: GC301, year: 2023, reason: 财政延迟拨付,\n"
        "     expires: 2026-12-10}  # as of 2026-11-25",
    ),
)
def waiver_expiring(group: Group, ctx: RuleContext, p: WaiverExpiring) -> Iterator[Finding]:
    horizon = years.days_after(ctx.as_of, p.days)
    for index, waiver in enumerate(group.charter.waivers):
        if waiver.expires is not None and ctx.as_of <= waiver.expires <= horizon:
            yield ctx.finding(
                group,
                key="expiring",
                at=(group.charter_file, ("waivers", index, "expires")),
                year=waiver.year_label,
                waiver_rule=waiver.rule,
                expires=waiver.expires.isoformat(),
                days=(waiver.expires - ctx.as_of).days,
            )

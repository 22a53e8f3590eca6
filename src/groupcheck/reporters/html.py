"""``groupcheck report --format html``: the audit printout as one self-contained HTML file.

The page is built in two steps. ``build`` turns a finished run into a plain view model (every
label already in the report's language, every verdict taken from the run's findings: a
reporter never decides); the jinja2 template ``templates/report.html.j2`` lays it out with
autoescape on, so every charter text is HTML-escaped. CSS and the SVG charts are inline, the
fonts are the system's (a CJK stack), and there is no script: the file opens offline, prints
on A4 with a page per group, and is what ``--format pdf`` hands to WeasyPrint.

The figures behind the yearly rules come from ``groupcheck.evidence``, the module the rules
themselves count with, so the printout and the verdicts cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from typing import Any, Protocol

import jinja2
from markupsafe import Markup

from groupcheck import evidence
from groupcheck.errors import GroupcheckError
from groupcheck.escaping import markup
from groupcheck.findings import Finding, Severity
from groupcheck.messages import Lang
from groupcheck.models import Charter, Group
from groupcheck.report import GroupResult, Report, RuleInfo
from groupcheck.reporters import charts
from groupcheck.reporters.report_text import label

# ---------------------------------------------------------------------------------------------
# The view model: what the template prints, already worded and already judged.


@dataclass(frozen=True)
class Row:
    """A label and its value in a two-column table."""

    label: str
    value: str


@dataclass(frozen=True)
class Verdict:
    """A verdict as printed: the CSS state (pass/fail/waived/skip/progress/info) and its word."""

    state: str
    text: str


@dataclass(frozen=True)
class SchoolRow:
    name: str
    school_id: str
    kind: str
    relation: str
    joined: str
    left: str
    state: str


@dataclass(frozen=True)
class RuleRow:
    rule: str
    title: str
    name: str
    summary: str
    params: str
    verdict: Verdict
    years: str
    clause: str
    source: str


@dataclass(frozen=True)
class YearRow:
    """One year of one evidence table: its cells after the year label, and its verdict."""

    year: str
    judged: Verdict
    cells: tuple[str, ...]
    verdict: Verdict


@dataclass(frozen=True)
class EvidenceTable:
    """One yearly rule's evidence: a heading, a note, a chart and the same figures as a table."""

    anchor: str
    title: str
    rule: str
    note: str
    chart: Markup | None
    headings: tuple[str, ...]
    rows: tuple[YearRow, ...]


@dataclass(frozen=True)
class WaiverRow:
    rule: str
    year: str
    reason: str
    approver: str
    document_no: str
    expires: str
    state: Verdict


@dataclass(frozen=True)
class FindingRow:
    location: str
    rule: str
    name: str
    severity: Verdict
    year: str
    message: str
    waived: str


@dataclass(frozen=True)
class GroupPage:
    anchor: str
    group_id: str
    name: str
    jurisdiction: str
    verdict: Verdict
    loaded: bool
    identity: tuple[Row, ...]
    schools: tuple[SchoolRow, ...]
    compliance: tuple[RuleRow, ...]
    evidence: tuple[EvidenceTable, ...]
    waivers: tuple[WaiverRow, ...]
    findings: tuple[FindingRow, ...]
    counts: str
    chair: str


@dataclass(frozen=True)
class ListRow:
    anchor: str
    group_id: str
    name: str
    jurisdiction: str
    model: str
    verdict: Verdict
    failed_rules: str


@dataclass(frozen=True)
class Cover:
    verdict: Verdict
    verdict_text: str
    counts: str
    model_levels: tuple[str, ...]
    model_rows: tuple[tuple[str, tuple[int, ...], int], ...]
    level_totals: tuple[int, ...]
    total: int
    rate_chart: Markup | None
    groups: tuple[ListRow, ...]


@dataclass(frozen=True)
class Document:
    lang: Lang
    lang_code: str
    title: str
    meta: tuple[Row, ...]
    cover: Cover | None
    groups: tuple[GroupPage, ...]
    run_findings: tuple[FindingRow, ...]
    inspector: str
    as_of: str
    footer: Markup
    header: Markup
    legend: tuple[Verdict, ...]
    text: dict[str, str] = field(default_factory=dict)


class Printable(Protocol):
    """What the printed report reads: the run's report, and the loaded charters for the
    identity, schools and waivers pages (``engine.RunResult`` is one)."""

    @property
    def report(self) -> Report: ...

    @property
    def groups(self) -> list[Group]: ...


class UnknownGroup(GroupcheckError):
    """``--group`` names a group the run did not find."""


# ---------------------------------------------------------------------------------------------
# Rendering


def render(
    result: Printable,
    *,
    lang: Lang = "zh",
    inspector: str | None = None,
    groups: Sequence[str] | None = None,
    **_: Any,
) -> str:
    """The run as one self-contained HTML document (UTF-8 text)."""
    document = build(result, lang=lang, inspector=inspector, groups=groups)
    return _environment().get_template("report.html.j2").render(doc=document, t=document.text)


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("groupcheck.reporters", "templates"),
        autoescape=True,
        finalize=_shown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _shown(value: Any) -> Any:
    """Every ``{{ value }}`` of the templates: text without raw control characters
    (``escaping.markup``), before autoescape makes it HTML."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return markup(value)
    return value


def build(
    result: Printable,
    *,
    lang: Lang = "zh",
    inspector: str | None = None,
    groups: Sequence[str] | None = None,
) -> Document:
    """The view model of the report; ``groups`` keeps only those group ids (in run order)."""
    report = result.report
    chosen = list(report.groups)
    if groups:
        known = {g.id for g in chosen}
        missing = [g for g in groups if g not in known]
        if missing:
            raise UnknownGroup(", ".join(missing))
        wanted = set(groups)
        chosen = [g for g in chosen if g.id in wanted]
    charters = {g.charter_file: g for g in result.groups}
    pages = [
        _group_page(result, lang, entry, charters.get(entry.file), index)
        for index, entry in enumerate(chosen)
    ]
    jurisdictions = sorted({g.charter.jurisdiction for g in result.groups if _is_chosen(g, chosen)})
    pack = report.pack
    as_of = dt.date.fromisoformat(report.as_of)
    meta = (
        Row(
            label("jurisdictions", lang),
            "、".join(jurisdictions)
            if lang == "zh"
            else "; ".join(jurisdictions) or label("not_recorded", lang),
        ),
        Row(label("as_of", lang), _date(as_of, lang)),
        Row(
            label("pack", lang),
            label("pack_value", lang, name=pack.name, version=pack.version)
            if len(report.packs_in_use()) < 2
            else ("、" if lang == "zh" else ", ").join(report.packs_in_use()),
        ),
        Row(label("tool", lang), label("tool_value", lang, version=report.tool.version)),
    )
    cover = _cover(result, lang, chosen, pages) if len(chosen) > 1 else None
    title = (
        label("title_group", lang, name=pages[0].name) if len(pages) == 1 else label("title", lang)
    )
    run_findings = tuple(
        _finding_row(f, result, lang) for f in report.findings if f.group is None and not groups
    )
    return Document(
        lang=lang,
        lang_code=label("lang_code", lang),
        title=title,
        meta=meta,
        cover=cover,
        groups=tuple(pages),
        run_findings=run_findings,
        inspector=inspector or "",
        as_of=_date(as_of, lang),
        footer=_css_text(label("footer", lang, page="{page}", pages="{pages}")),
        header=_css_text(label("header", lang, as_of=_date(as_of, lang))),
        legend=tuple(
            _verdict(state, lang) for state in ("pass", "fail", "waived", "progress", "info")
        ),
        text={key: label(key, lang) for key in _PLAIN_KEYS},
    )


# Labels the template prints as they are (no placeholders).
_PLAIN_KEYS = (
    "colon",
    "title",
    "subtitle",
    "summary",
    "verdict",
    "counts",
    "by_model_level",
    "model",
    "level",
    "total",
    "pass_rate",
    "pass_rate_note",
    "group_list",
    "group",
    "status",
    "failed_rules",
    "page",
    "run_findings",
    "identity",
    "schools",
    "school",
    "kind",
    "relation",
    "joined",
    "left",
    "member_state",
    "compliance",
    "rule",
    "result",
    "clause",
    "source",
    "params",
    "evidence",
    "evidence_note",
    "no_years",
    "academic_year",
    "year_state",
    "waivers",
    "no_waivers",
    "waiver_year",
    "waiver_reason",
    "approver",
    "document_no",
    "expires",
    "findings",
    "no_findings",
    "location",
    "severity",
    "year",
    "message",
    "unloaded",
    "signatures",
    "inspector",
    "chair",
    "date_blank",
    "legend",
    "sign_date",
    "seal",
    "group_id",
    "jurisdiction",
)


def _css_text(text: str) -> Markup:
    """A text as a CSS ``content`` value; ``{page}`` and ``{pages}`` become page counters.

    Only the catalog's words and dates go through here (never charter data), and quotes and
    backslashes are escaped, so marking the result safe for the ``<style>`` element is sound.
    """
    out = []
    for piece in re.split(r"(\{page\}|\{pages\})", text):
        if piece == "{page}":
            out.append("counter(page)")
        elif piece == "{pages}":
            out.append("counter(pages)")
        elif piece:
            escaped = piece.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
            out.append(f'"{escaped}"')
    return Markup(" ".join(out))


def _is_chosen(group: Group, chosen: Iterable[GroupResult]) -> bool:
    return any(entry.file == group.charter_file for entry in chosen)


def anchor_of(group_id: str, index: int) -> str:
    """A fragment id for a group's page; the index keeps two folders of one id apart."""
    return f"group-{index + 1}-{re.sub(r'[^a-z0-9-]', '-', group_id)}"


def _date(day: dt.date | None, lang: Lang) -> str:
    if day is None:
        return ""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def _yuan(amount: int) -> str:
    return f"{amount:,}"


def _join(items: Iterable[str], lang: Lang) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def _verdict(state: str, lang: Lang) -> Verdict:
    return Verdict(state, label(f"status.{state}", lang))


def _skipped_verdict(reason: str, lang: Lang) -> Verdict:
    """A rule that is on but made no verdict for the group: 未检查（名册无法读取）."""
    return Verdict("unchecked", label(f"status.{reason}", lang))


# ---------------------------------------------------------------------------------------------
# Cover


def _cover(
    result: Printable, lang: Lang, chosen: list[GroupResult], pages: list[GroupPage]
) -> Cover:
    failed = sum(1 for g in chosen if g.status == "fail")
    passed = len(chosen) - failed
    verdict_text = (
        label("verdict_all_pass", lang, total=len(chosen))
        if not failed
        else label("verdict_some_fail", lang, failed=failed, passed=passed, total=len(chosen))
    )
    ids = {g.id for g in chosen}
    standing = [f for f in result.report.findings if f.group in ids and not f.waived]
    counts = label(
        "counts_value",
        lang,
        errors=sum(1 for f in standing if f.severity is Severity.ERROR),
        warnings=sum(1 for f in standing if f.severity is Severity.WARNING),
        waived=sum(1 for f in result.report.findings if f.group in ids and f.waived),
    )
    charters = [g.charter for g in result.groups if _is_chosen(g, chosen)]
    levels = sorted({c.level.value if c.level else "none" for c in charters}, key=_level_order)
    models = sorted({c.model.value for c in charters}, key=_model_order)
    table = Counter((c.model.value, c.level.value if c.level else "none") for c in charters)
    model_rows = tuple(
        (
            label(f"model.{model}", lang),
            tuple(table[(model, level)] for level in levels),
            sum(table[(model, level)] for level in levels),
        )
        for model in models
    )
    level_totals = tuple(sum(table[(m, level)] for m in models) for level in levels)
    rows: list[charts.RateRow] = []
    for info in result.report.rules.values():
        statuses = [g.rules.get(info.id, "skip") for g in chosen]
        counted = Counter(s for s in statuses if s != "skip")
        if not counted:
            continue
        rows.append(
            charts.RateRow(
                label=f"{info.id} {info.title_in(lang)}",
                passed=counted["pass"],
                waived=counted["waived"],
                failed=counted["fail"],
            )
        )
    rate = (
        charts.rate_chart(rows, title=label("pass_rate", lang), lang=label("lang_code", lang))
        if rows
        else None
    )
    by_file = {p.anchor: p for p in pages}
    group_rows = []
    for index, entry in enumerate(chosen):
        page = by_file[anchor_of(entry.id, index)]
        failing = [
            f"{rule} {result.report.rules[rule].title_in(lang)}"
            if rule in result.report.rules
            else rule
            for rule, status in entry.rules.items()
            if status == "fail"
        ]
        group_rows.append(
            ListRow(
                anchor=page.anchor,
                group_id=entry.id,
                name=page.name,
                jurisdiction=page.jurisdiction,
                model=next((r.value for r in page.identity if r.label == label("model", lang)), ""),
                verdict=page.verdict,
                failed_rules=_join(failing, lang),
            )
        )
    return Cover(
        verdict=_verdict("fail" if failed else "pass", lang),
        verdict_text=verdict_text,
        counts=counts,
        model_levels=tuple(label(f"level.{level}", lang) for level in levels),
        model_rows=model_rows,
        level_totals=level_totals,
        total=len(charters),
        rate_chart=rate,
        groups=tuple(group_rows),
    )


_LEVELS = ("preschool", "primary", "junior", "senior", "nine-year", "twelve-year", "mixed", "none")
_MODELS = ("tight", "alliance", "hybrid", "trusteeship")


def _level_order(level: str) -> int:
    return _LEVELS.index(level) if level in _LEVELS else len(_LEVELS)


def _model_order(model: str) -> int:
    return _MODELS.index(model) if model in _MODELS else len(_MODELS)


def rule_title(info: RuleInfo, lang: Lang) -> str:
    """A rule's short name for tables and charts (the report's; its name for an untitled one)."""
    return info.title_in(lang)


# ---------------------------------------------------------------------------------------------
# A group's page


def _group_page(
    result: Printable, lang: Lang, entry: GroupResult, group: Group | None, index: int
) -> GroupPage:
    findings = _findings_of(result, entry)
    result = _judged_by(result, entry)
    rows = tuple(_finding_row(f, result, lang) for f in findings)
    standing = [f for f in findings if not f.waived]
    counts = label(
        "counts_value",
        lang,
        errors=sum(1 for f in standing if f.severity is Severity.ERROR),
        warnings=sum(1 for f in standing if f.severity is Severity.WARNING),
        waived=sum(1 for f in findings if f.waived),
    )
    word = "verdict_group_pass" if entry.status == "pass" else "verdict_group_fail"
    verdict = Verdict(entry.status, label(word, lang))
    anchor = anchor_of(entry.id, index)
    compliance = tuple(_compliance(result, lang, entry, findings, group is not None))
    if group is None:
        return GroupPage(
            anchor=anchor,
            group_id=entry.id,
            name=entry.name or entry.id,
            jurisdiction="",
            verdict=verdict,
            loaded=False,
            identity=(Row(label("charter_file", lang), entry.file), _pack_row(result, lang)),
            schools=(),
            compliance=compliance,
            evidence=(),
            waivers=(),
            findings=rows,
            counts=counts,
            chair="",
        )
    charter = group.charter
    return GroupPage(
        anchor=anchor,
        group_id=entry.id,
        name=charter.name,
        jurisdiction=charter.jurisdiction,
        verdict=verdict,
        loaded=True,
        identity=(*_identity(charter, group, lang), _pack_row(result, lang)),
        schools=_schools(charter, _as_of(result), lang),
        compliance=compliance,
        evidence=_evidence(result, lang, group, findings, anchor, entry.skipped)
        + _recorded_evidence(result.report, entry, lang, anchor),
        waivers=_waivers(charter, _as_of(result), lang),
        findings=rows,
        counts=counts,
        chair=charter.council.chair if charter.council and charter.council.chair else "",
    )


@dataclass(frozen=True)
class _JudgedBy:
    """The run as one group's page reads it: the report with that group's pack in force
    (under ``--rules by-jurisdiction``, the pack its jurisdiction selected)."""

    report: Report
    groups: list[Group]


def _judged_by(result: Printable, entry: GroupResult) -> Printable:
    report = result.report
    pack = report.pack_of(entry)
    if pack is report.pack:
        return result
    return _JudgedBy(report.model_copy(update={"pack": pack}), result.groups)


def _pack_row(result: Printable, lang: Lang) -> Row:
    """The pack that judged the group and the documents its rules cite."""
    pack = result.report.pack
    documents = ("、" if lang == "zh" else "; ").join(pack.documents)
    return Row(
        label("judged_against", lang),
        label(
            "judged_against_value",
            lang,
            name=pack.name,
            version=pack.version,
            documents=documents or label("not_recorded", lang),
        ),
    )


def _findings_of(result: Printable, entry: GroupResult) -> list[Finding]:
    """The findings of one group, as the report attributes them (two folders sharing an id
    each have their own)."""
    return result.report.findings_of(entry)


def _identity(charter: Charter, group: Group, lang: Lang) -> tuple[Row, ...]:
    missing = label("not_recorded", lang)
    core = charter.core_school
    rows = [
        Row(label("group_id", lang), charter.id),
        Row(label("jurisdiction", lang), charter.jurisdiction),
        Row(label("model", lang), label(f"model.{charter.model.value}", lang)),
        Row(
            label("level", lang),
            label(f"level.{charter.level.value}", lang) if charter.level else missing,
        ),
        Row(label("established", lang), _date(charter.established, lang)),
        Row(label("core_school", lang), core.name),
        Row(
            label("core_teachers", lang),
            label("teachers_value", lang, count=core.teachers)
            if core.teachers is not None
            else missing,
        ),
    ]
    council = charter.council
    rows.append(
        Row(label("council_chair", lang), council.chair if council and council.chair else missing)
    )
    if council and (council.filed_with or council.filed_on):
        rows.append(
            Row(
                label("council_filed", lang),
                label(
                    "filed_value",
                    lang,
                    filed_with=council.filed_with or missing,
                    filed_on=_date(council.filed_on, lang) or missing,
                ),
            )
        )
    else:
        rows.append(Row(label("council_filed", lang), missing))
    approval = charter.approval
    if approval and (approval.approved_by or approval.document_no or approval.approved_on):
        rows.append(
            Row(
                label("approval", lang),
                label(
                    "approval_value",
                    lang,
                    approved_by=approval.approved_by or missing,
                    document_no=approval.document_no or missing,
                    approved_on=_date(approval.approved_on, lang) or missing,
                ),
            )
        )
    else:
        rows.append(Row(label("approval", lang), missing))
    rows.append(Row(label("charter_file", lang), group.charter_file))
    return tuple(rows)


def _schools(charter: Charter, as_of: dt.date, lang: Lang) -> tuple[SchoolRow, ...]:
    rows = [
        SchoolRow(
            name=charter.core_school.name,
            school_id=charter.core_school.id,
            kind=label("kind_core", lang),
            relation="",
            joined=_date(charter.established, lang),
            left="",
            state=label("state_current", lang),
        )
    ]
    for member in charter.members:
        if member.current_on(as_of):
            state = "state_current"
        elif member.joined is not None and member.joined > as_of:
            state = "state_not_yet"
        else:
            state = "state_left"
        rows.append(
            SchoolRow(
                name=member.name,
                school_id=member.id,
                kind=label("kind_member", lang),
                relation=label(f"relation.{member.relation.value}", lang)
                if member.relation
                else label("not_recorded", lang),
                joined=_date(member.joined or charter.established, lang),
                left=_date(member.left, lang),
                state=label(state, lang),
            )
        )
    for collaborator in charter.collaborators:
        rows.append(
            SchoolRow(
                name=collaborator.name,
                school_id=collaborator.id,
                kind=label("kind_collaborator", lang),
                relation="",
                joined="",
                left="",
                state=label("state_current", lang),
            )
        )
    return tuple(rows)


def _compliance(
    result: Printable, lang: Lang, entry: GroupResult, findings: list[Finding], loaded: bool
) -> Iterable[RuleRow]:
    for spec in result.report.rules.values():
        status: str = entry.rules.get(spec.id, "skip")
        if status == "skip" and spec.checks and not loaded:
            status = "unchecked"
        reason = entry.skipped.get(spec.id)
        failed_years = sorted(
            {
                f.year
                for f in findings
                if f.rule == spec.id and f.year and not f.waived and f.severity is not Severity.INFO
            }
        )
        doc = spec.doc
        zh = lang == "zh"
        policy_zh, policy_en = doc["policy_zh"], doc["policy_en"]
        clause = (policy_zh or policy_en) if zh else (policy_en or policy_zh)
        yield RuleRow(
            rule=spec.id,
            title=rule_title(spec, lang),
            name=spec.name,
            summary=spec.summary_in(lang),
            params=_params_text(spec) if status != "unchecked" else "",
            verdict=_skipped_verdict(reason, lang) if reason else _verdict(status, lang),
            years=label(
                "years_failed_calendar" if spec.yearly == "calendar" else "years_failed",
                lang,
                years=_join(failed_years, lang),
            )
            if failed_years
            else "",
            clause=clause,
            source=spec.source or doc["source"],
        )


def _params_text(spec: RuleInfo) -> str:
    values = spec.params
    return ", ".join(f"{name} = {_param_value(value)}" for name, value in values.items())


def _param_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _param(result: Printable, rule_id: str, name: str) -> Any:
    """A rule's parameter as this run's pack sets it (None when the rule or name is absent)."""
    info = result.report.rule(rule_id)
    return None if info is None else info.params.get(name)


def _enabled(result: Printable, rule_id: str) -> bool:
    info = result.report.rule(rule_id)
    return info is not None and info.checks and info.enabled


def _as_of(result: Printable) -> dt.date:
    return dt.date.fromisoformat(result.report.as_of)


def _year_verdict(
    findings: list[Finding],
    rule_id: str,
    year: str,
    judged: bool,
    enabled: bool,
    lang: Lang,
    skipped: Mapping[str, str] | None = None,
) -> Verdict:
    """What the run said about ``rule_id`` in ``year``: read from the findings, never decided.

    ``skipped``: the group's rules that made no verdict, with the reason (``GroupResult``).
    """
    if skipped and rule_id in skipped:
        return _skipped_verdict(skipped[rule_id], lang)
    if not enabled:
        return _verdict("skip", lang)
    if not judged:
        return _verdict("progress", lang)
    mine = [
        f
        for f in findings
        if f.rule == rule_id and f.year == year and f.severity is not Severity.INFO
    ]
    if any(not f.waived for f in mine):
        return _verdict("fail", lang)
    if mine:
        return _verdict("waived", lang)
    return _verdict("pass", lang)


def _chart_state(verdict: Verdict) -> charts.State:
    state = verdict.state
    if state in ("pass", "fail", "waived", "progress"):
        return state  # type: ignore[return-value]
    return "info"


def _percent(value: Fraction | None) -> str:
    return evidence.percent(value)


def _short_year(label_text: str) -> str:
    """``"2023-2024"`` → ``"23-24"``: chart axes are narrow."""
    first, _, second = label_text.partition("-")
    return f"{first[-2:]}-{second[-2:]}" if second else label_text


def _evidence(
    result: Printable,
    lang: Lang,
    group: Group,
    findings: list[Finding],
    anchor: str,
    skipped: Mapping[str, str],
) -> tuple[EvidenceTable, ...]:
    the_evidence = evidence.for_pack(group, result.report.pack, _as_of(result))
    tables: list[EvidenceTable] = []
    years = the_evidence.academic_years

    def judged(year: evidence.ExchangeYear) -> str:
        return label("judged", lang) if year.judged else label("status.progress", lang)

    none = label("none", lang)

    # GC201: cadres on exchange per judged academic year.
    needed = _param(result, "GC201", "min_cadres")
    cadre_enabled = _enabled(result, "GC201")
    cadre_rows: list[YearRow] = []
    cadre_bars: list[charts.Bar] = []
    for year in years:
        verdict = _year_verdict(
            findings, "GC201", year.label, year.judged, cadre_enabled, lang, skipped
        )
        cadre_rows.append(
            YearRow(
                year=year.label,
                judged=Verdict("pass" if year.judged else "progress", judged(year)),
                cells=(
                    _join(year.cadre_names, lang) or none,
                    label("count_needed_value", lang, count=len(year.cadres), needed=needed)
                    if needed is not None
                    else str(len(year.cadres)),
                ),
                verdict=verdict,
            )
        )
        cadre_bars.append(
            charts.Bar(
                _short_year(year.label),
                len(year.cadres),
                _chart_state(verdict),
                str(len(year.cadres)),
            )
        )
    count_note = label(f"cadre_count_mode_{the_evidence.count}", lang)
    tables.append(
        EvidenceTable(
            anchor=f"{anchor}-cadres",
            title=label("cadres", lang),
            rule="GC201",
            note=count_note,
            chart=charts.bar_chart(
                cadre_bars,
                title=label("cadres_chart", lang, threshold=needed if needed is not None else "–"),
                chart_id=f"{anchor}-c201",
                lang=label("lang_code", lang),
                threshold=float(needed) if needed is not None else None,
                threshold_text=f"≥ {needed}" if needed is not None else "",
                integer=True,
            )
            if cadre_bars
            else None,
            headings=(label("cadre_names", lang), label("count_needed", lang)),
            rows=tuple(cadre_rows),
        )
    )

    # GC203: teachers sent from the core school in the group's first twelve months, share of
    # its teachers (issue 14, 6: the first year is not an academic year).
    share_fraction = _percent_param(_param(result, "GC203", "min_percent"))
    teacher_enabled = _enabled(result, "GC203")
    first = the_evidence.first_year
    teacher_rows: list[YearRow] = []
    teacher_bars: list[charts.Bar] = []
    if first is not None:
        verdict = _year_verdict(
            findings, "GC203", first.label, first.judged, teacher_enabled, lang, skipped
        )
        share = first.share
        teacher_rows.append(
            YearRow(
                year=label(
                    "first_year_window",
                    lang,
                    first=_date(first.start, lang),
                    last=_date(first.end, lang),
                ),
                judged=Verdict(
                    "pass" if first.judged else "progress",
                    label("judged" if first.judged else "status.progress", lang),
                ),
                cells=(
                    _join(first.teacher_names, lang) or none,
                    str(len(first.teachers)),
                    label(
                        "share_value",
                        lang,
                        count=len(first.teachers),
                        whole=first.core_teachers,
                        share=_percent(share),
                    )
                    if first.core_teachers
                    else label("not_recorded", lang),
                ),
                verdict=verdict,
            )
        )
        teacher_bars.append(
            charts.Bar(
                first.label,
                float(share * 100) if share is not None else 0.0,
                _chart_state(verdict),
                _percent(share),
            )
        )
    share_text = _percent(share_fraction) if share_fraction is not None else "–"
    tables.append(
        EvidenceTable(
            anchor=f"{anchor}-teachers",
            title=label("teachers", lang),
            rule="GC203",
            note=label("first_year_only", lang),
            chart=charts.bar_chart(
                teacher_bars,
                title=label("teachers_chart", lang, threshold=share_text),
                chart_id=f"{anchor}-c203",
                lang=label("lang_code", lang),
                threshold=float(share_fraction * 100) if share_fraction is not None else None,
                threshold_text=f"≥ {share_text}",
                axis_text="%",
            )
            if teacher_bars
            else None,
            headings=(
                label("teacher_names", lang),
                label("teachers_sent", lang),
                label("share_of_core", lang),
            ),
            rows=tuple(teacher_rows),
        )
    )

    # GC206 (off in the default pack): teachers on exchange and backbone shares each year.
    if _enabled(result, "GC206"):
        rotation_needed = _percent_param(_param(result, "GC206", "min_percent"))
        backbone_needed = _percent_param(_param(result, "GC206", "min_backbone_percent"))
        rotation_count = _param(result, "GC206", "count") or the_evidence.count
        rotation_evidence = evidence.compute(
            group,
            as_of=_as_of(result),
            academic_year_start=result.report.pack.academic_year_start,
            count=rotation_count,
        )
        rotation_rows: list[YearRow] = []
        rotation_bars: list[charts.Bar] = []
        for year in rotation_evidence.academic_years:
            verdict = _year_verdict(findings, "GC206", year.label, year.judged, True, lang, skipped)
            rotation_rows.append(
                YearRow(
                    year=year.label,
                    judged=Verdict("pass" if year.judged else "progress", judged(year)),
                    cells=(
                        _join(year.teacher_names, lang) or none,
                        _percent(year.teacher_share),
                        _percent(year.backbone_share),
                    ),
                    verdict=verdict,
                )
            )
            share = year.teacher_share
            rotation_bars.append(
                charts.Bar(
                    _short_year(year.label),
                    float(share * 100) if share is not None else 0.0,
                    _chart_state(verdict),
                    _percent(share),
                )
            )
        rotation_text = _percent(rotation_needed) if rotation_needed is not None else "–"
        tables.append(
            EvidenceTable(
                anchor=f"{anchor}-rotation",
                title=label("rotation", lang),
                rule="GC206",
                note=f"{label('backbone_share', lang)} ≥ {_percent(backbone_needed)}",
                chart=charts.bar_chart(
                    rotation_bars,
                    title=label("rotation_chart", lang, threshold=rotation_text),
                    chart_id=f"{anchor}-c206",
                    lang=label("lang_code", lang),
                    threshold=float(rotation_needed * 100) if rotation_needed is not None else None,
                    threshold_text=f"≥ {rotation_text}",
                    axis_text="%",
                )
                if rotation_bars
                else None,
                headings=(
                    label("teachers_on_exchange", lang),
                    label("share_of_core", lang),
                    label("backbone_share", lang),
                ),
                rows=tuple(rotation_rows),
            )
        )

    # GC301: special funds per calendar year against the threshold.
    funding_enabled = _enabled(result, "GC301")
    funding_rows: list[YearRow] = []
    funding_bars: list[charts.Bar] = []
    threshold_yuan = evidence.DEFAULT_FUNDING_THRESHOLD
    for funding_year in the_evidence.calendar_years:
        threshold_yuan = funding_year.threshold_yuan
        verdict = _year_verdict(
            findings,
            "GC301",
            str(funding_year.year),
            funding_year.judged,
            funding_enabled,
            lang,
        )
        sources = sorted({e.source for e in funding_year.entries if e.source})
        funding_rows.append(
            YearRow(
                year=str(funding_year.year),
                judged=Verdict(
                    "pass" if funding_year.judged else "progress",
                    label("judged" if funding_year.judged else "status.progress", lang),
                ),
                cells=(
                    _join(sources, lang) or none,
                    _yuan(funding_year.total_yuan),
                    _join(
                        [
                            f"{label(f'channel.{channel.value}', lang)} {_yuan(amount)}"
                            for channel, amount in funding_year.other_yuan
                        ],
                        lang,
                    )
                    or none,
                    _yuan(funding_year.threshold_yuan),
                ),
                verdict=verdict,
            )
        )
        funding_bars.append(
            charts.Bar(
                str(funding_year.year),
                funding_year.total_yuan / 10_000,
                _chart_state(verdict),
                _wan(funding_year.total_yuan),
            )
        )
    tables.append(
        EvidenceTable(
            anchor=f"{anchor}-funding",
            title=label("funding", lang),
            rule="GC301",
            note="",
            chart=charts.bar_chart(
                funding_bars,
                title=label("funding_chart", lang, threshold=_wan(threshold_yuan)),
                chart_id=f"{anchor}-c301",
                lang=label("lang_code", lang),
                threshold=threshold_yuan / 10_000,
                threshold_text=f"≥ {_wan(threshold_yuan)}",
            )
            if funding_bars
            else None,
            headings=(
                label("funding_sources", lang),
                label("funding_total", lang),
                label("funding_others", lang),
                label("funding_threshold", lang),
            ),
            rows=tuple(funding_rows),
        )
    )
    return tuple(tables)


_CHARTED = frozenset({"GC201", "GC203", "GC206", "GC301"})
"""The rules ``_evidence`` draws with their own tables and charts; every other rule's figures
are drawn from the report by ``_recorded_evidence``."""


def _recorded_evidence(
    report: Report, entry: GroupResult, lang: Lang, anchor: str
) -> tuple[EvidenceTable, ...]:
    """The figures any other rule recorded (``ctx.figure``), a table and a chart per rule:
    a rule added to groupcheck shows what it measured with no change here."""
    tables: list[EvidenceTable] = []
    none = label("none", lang)
    for rule_id, figures in sorted(entry.figures.items()):
        info = report.rule(rule_id)
        if rule_id in _CHARTED or info is None or not info.shown or not figures:
            continue
        rows: list[YearRow] = []
        bars: list[charts.Bar] = []
        needed = next((f.needed for f in figures if f.needed is not None), None)
        for figure in figures:
            judged = Verdict(
                "pass" if figure.judged else "progress",
                label("judged" if figure.judged else "status.progress", lang),
            )
            verdict = _verdict("progress" if not figure.judged else figure.verdict, lang)
            found = "–" if figure.found is None else str(figure.found)
            amount = (
                label("count_needed_value", lang, count=found, needed=figure.needed)
                if figure.needed is not None
                else found
            )
            rows.append(
                YearRow(
                    year=figure.year,
                    judged=judged,
                    cells=(_join(figure.items, lang) or none, amount, figure.share or "–"),
                    verdict=verdict,
                )
            )
            bars.append(
                charts.Bar(
                    _short_year(figure.year),
                    float(figure.found or 0),
                    _chart_state(verdict),
                    found,
                )
            )
        tables.append(
            EvidenceTable(
                anchor=f"{anchor}-{rule_id.lower()}",
                title=f"{rule_id} {info.title_in(lang)}",
                rule=rule_id,
                note=info.summary_in(lang),
                chart=charts.bar_chart(
                    bars,
                    title=f"{rule_id} {info.title_in(lang)}",
                    chart_id=f"{anchor}-c{rule_id[2:].lower()}",
                    lang=label("lang_code", lang),
                    threshold=float(needed) if needed is not None else None,
                    threshold_text=f"≥ {needed}" if needed is not None else "",
                    integer=True,
                ),
                headings=(
                    label("figure_items", lang),
                    label("count_needed", lang),
                    label("figure_share", lang),
                ),
                rows=tuple(rows),
            )
        )
    return tuple(tables)


def _wan(yuan: int) -> str:
    """Yuan in 万 (10,000), as a Chinese reader says amounts: 200000 → "20"."""
    value = Fraction(yuan, 10_000)
    return str(int(value)) if value.denominator == 1 else f"{float(value):.1f}"


def _percent_param(value: Any) -> Fraction | None:
    """A ``min_percent`` parameter (15 means 15%) as an exact fraction."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return Fraction(value).limit_denominator(10_000) / 100


def _waivers(charter: Charter, as_of: dt.date, lang: Lang) -> tuple[WaiverRow, ...]:
    missing = label("not_recorded", lang)
    rows = []
    for waiver in charter.waivers:
        expired = waiver.expires is not None and waiver.expires < as_of
        rows.append(
            WaiverRow(
                rule=waiver.rule,
                year=waiver.year_label or label("all_years", lang),
                reason=waiver.reason,
                approver=waiver.approved_by or missing,
                document_no=waiver.document_no or missing,
                expires=_date(waiver.expires, lang) if waiver.expires else label("no_expiry", lang),
                state=Verdict(
                    "fail" if expired else "waived",
                    label("waiver_expired" if expired else "waiver_valid", lang),
                ),
            )
        )
    return tuple(rows)


def _finding_row(finding: Finding, result: Printable, lang: Lang) -> FindingRow:
    location = finding.file or ""
    if finding.line is not None:
        location += f":{finding.line}"
    severity_state = {"error": "fail", "warning": "waived", "info": "info"}[finding.severity.value]
    return FindingRow(
        location=location,
        rule=finding.rule,
        name=finding.name,
        severity=Verdict(severity_state, label(f"severity.{finding.severity.value}", lang)),
        year=finding.year or "",
        message=finding.message,
        waived=label("waived_by", lang, reason=finding.waiver_reason or "")
        if finding.waived
        else "",
    )

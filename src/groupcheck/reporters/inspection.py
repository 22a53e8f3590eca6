"""The 督导意见书 (inspection report) as a format-neutral view model.

``build(result, options, lang)`` turns a finished run into an ``InspectionReport``: frozen
dataclasses holding already-worded strings in the report's language, in the order the printed
document has them (issue 16):

1. title and number;
2. particulars: 督导单位, 督导组, dates, scope (groups, files by kind), 检查基准日;
3. 检查依据: one numbered list of the documents the rules rest on (per pack when the groups
   were judged under several), the file-format checks left out;
4. 检查方式: what was checked, from which records, and that they are self-reported;
5. 总体情况: counts, pass rate, by jurisdiction, the groups;
6. 存在问题: every standing finding, grouped by group, then the run's own (no group);
7. 整改意见: per problem the rule's remediation, and the deadline (``--rectify-by``);
8. a reply box per failing group (被督导单位意见);
9. 附件: per group its verdict and key figures, a failing group's failed rules' evidence in
   full (``detail="full"``: every rule, every table, as the report used to print);
10. the signature block (inspectors, the inspecting body, two seal areas).

A reporter never decides: every verdict comes from the run's findings and the report's
figures. The HTML (and so PDF) reporter and the docx reporter render this same model; a value
of ``""`` in an ``Entry`` is a blank line to fill by hand. Charts are described (``Chart``),
not drawn: each renderer draws them its own way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from groupcheck.errors import INTERNAL_ERROR, GroupcheckError
from groupcheck.findings import Finding, Severity
from groupcheck.messages import Lang
from groupcheck.report import (
    Figure,
    GroupRecord,
    GroupResult,
    HasRecords,
    PackReport,
    Report,
    RuleInfo,
    WaiverRecord,
)
from groupcheck.reporters import charts
from groupcheck.reporters.numbers import percent, share_of
from groupcheck.reporters.report_text import label

Detail = Literal["summary", "full"]
DETAILS: tuple[Detail, ...] = ("summary", "full")


@dataclass(frozen=True)
class InspectionOptions:
    """What the inspector adds to the run (the CLI's flags); every part is optional."""

    authority: str | None = None
    """督导单位, the inspecting body (``--authority``)."""
    number: str | None = None
    """The report's number (``--number``), e.g. 泰山督〔2026〕3号."""
    inspectors: tuple[str, ...] = ()
    """督导组 (``--inspector``, repeatable); the first named is the 组长."""
    inspection_dates: str | None = None
    """When the inspection took place, as written (``--inspection-dates``)."""
    rectify_by: dt.date | None = None
    """The rectification deadline (``--rectify-by``)."""
    title: str | None = None
    """The document's title (``--title``), instead of the default one."""
    detail: Detail = "summary"
    """``full``: the annex prints every rule and every evidence table of every group."""
    groups: tuple[str, ...] = ()
    """Report only these group ids (run order kept); empty: every group."""


# ---------------------------------------------------------------------------------------------
# The view model


@dataclass(frozen=True)
class Entry:
    """A label and its value; an empty value is a blank line to fill by hand."""

    label: str
    value: str


@dataclass(frozen=True)
class Verdict:
    """A verdict as printed: its state (pass, fail, waived, unchecked, skip, progress, info,
    unverifiable) and its word."""

    state: str
    text: str


@dataclass(frozen=True)
class Headings:
    """The document's section headings, numbered as a 公文 numbers them."""

    particulars: str
    basis: str
    method: str
    overview: str
    problems: str
    run_problems: str
    remedies: str
    replies: str
    annex: str
    signature: str


@dataclass(frozen=True)
class BasisItem:
    """One document of 检查依据: ``[number] 发文机关《标题》（文号）``."""

    number: int
    text: str


@dataclass(frozen=True)
class BasisSection:
    """The documents of one pack; ``heading`` names the groups it judged ("" with one pack)."""

    heading: str
    items: tuple[BasisItem, ...]


@dataclass(frozen=True)
class JurisdictionRow:
    name: str
    groups: int
    passed: int
    failed: int
    unverifiable: int
    rate: str


@dataclass(frozen=True)
class GroupRow:
    """A group in 总体情况's list: its verdict and the titles of the rules it does not meet."""

    anchor: str
    group_id: str
    name: str
    jurisdiction: str
    verdict: Verdict
    problems: str


@dataclass(frozen=True)
class Chart:
    """A chart to draw: bars per year with a threshold line (``kind="bars"``) or each rule's
    pass rate across groups (``kind="rates"``)."""

    kind: Literal["bars", "rates"]
    title: str
    chart_id: str
    bars: tuple[charts.Bar, ...] = ()
    rates: tuple[charts.RateRow, ...] = ()
    threshold: float | None = None
    threshold_text: str = ""
    axis_text: str = ""
    integer: bool = False


@dataclass(frozen=True)
class Overview:
    verdict: Verdict
    paragraphs: tuple[str, ...]
    by_jurisdiction: tuple[JurisdictionRow, ...]
    groups: tuple[GroupRow, ...]
    rate_chart: Chart | None


@dataclass(frozen=True)
class Problem:
    """One standing finding, worded for the report: ``number`` runs through the document."""

    number: int
    rule: str
    title: str
    year: str
    text: str
    where: str
    """The file and line (a small gray line at most)."""
    basis: str
    """``[3] 第三条第（一）款``: the document in 检查依据 and its clause, or ""."""


@dataclass(frozen=True)
class WaivedItem:
    """A finding waived by an approval: 已豁免, with the approval and its validity."""

    rule: str
    title: str
    year: str
    text: str
    approval: str


@dataclass(frozen=True)
class NotChecked:
    """A rule that made no verdict for the group (未检查), and why."""

    rule: str
    title: str
    reason: str


@dataclass(frozen=True)
class GroupProblems:
    anchor: str
    group_id: str
    name: str
    jurisdiction: str
    verdict: Verdict
    note: str
    """无法核查: which file could not be read and what that leaves unchecked (or "")."""
    problems: tuple[Problem, ...]
    """Standing error-severity findings: what the group must rectify."""
    waived: tuple[WaivedItem, ...]
    unchecked: tuple[NotChecked, ...]
    unreadable: tuple[str, ...]
    notices: tuple[Problem, ...] = ()
    """Standing warnings (需关注事项): listed, not failing the group, no rectification."""


@dataclass(frozen=True)
class Remedy:
    """The rectification of one problem (``number`` is the problem's)."""

    number: int
    problem: str
    measure: str


@dataclass(frozen=True)
class GroupRemedies:
    anchor: str
    group_id: str
    name: str
    items: tuple[Remedy, ...]
    deadline: str
    """请于……前完成整改，并将整改情况书面报送……"""


@dataclass(frozen=True)
class ReplyBox:
    """被督导单位意见: a box for a failing group's reply, with signature and date lines."""

    group_id: str
    name: str
    heading: str
    signature: str
    seal: str
    date: str


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
    chart: Chart | None
    headings: tuple[str, ...]
    rows: tuple[YearRow, ...]


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
    summary: str
    verdict: Verdict
    years: str
    clause: str
    source: str


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
    title: str
    severity: Verdict
    year: str
    message: str
    waived: str


@dataclass(frozen=True)
class AnnexGroup:
    """One group in the annex. ``summary``: the verdict, key figures, the rules it does not
    meet (or that were waived or not checked) with their evidence, and ``rest`` (其余N项核查
    均符合要求). ``full``: every rule, identity, schools, every table, waivers, findings."""

    anchor: str
    number: int
    group_id: str
    name: str
    jurisdiction: str
    verdict: Verdict
    loaded: bool
    note: str
    key_figures: tuple[Entry, ...]
    rules: tuple[RuleRow, ...]
    rest: str
    evidence: tuple[EvidenceTable, ...]
    identity: tuple[Entry, ...]
    schools: tuple[SchoolRow, ...]
    waivers: tuple[WaiverRow, ...]
    findings: tuple[FindingRow, ...]


@dataclass(frozen=True)
class Signature:
    """The signature block: who signs (printed names, blank lines where none was given), the
    inspecting body and the date, and the labels of the two seal areas."""

    entries: tuple[Entry, ...]
    seals: tuple[str, ...]


@dataclass(frozen=True)
class InspectionReport:
    lang: Lang
    lang_code: str
    detail: Detail
    title: str
    number: Entry
    header: str
    footer: str
    """``第{page}页 共{pages}页``: ``{page}`` and ``{pages}`` are the renderer's to fill."""
    headings: Headings
    particulars: tuple[Entry, ...]
    basis: tuple[BasisSection, ...]
    method: tuple[str, ...]
    overview: Overview
    problems: tuple[GroupProblems, ...]
    run_problems: tuple[Problem, ...]
    no_problems: str
    remedies: tuple[GroupRemedies, ...]
    remedies_note: str
    replies: tuple[ReplyBox, ...]
    annex: tuple[AnnexGroup, ...]
    annex_note: str
    signature: Signature
    legend: tuple[Verdict, ...]
    labels: Mapping[str, str]
    """Column headings and fixed words the renderers print as they are."""
    author: str = ""
    """The inspecting body, for the document's metadata (PDF Author, docx core properties)."""
    run_remedies: tuple[Remedy, ...] = ()
    """The rectification of ``run_problems`` (a stray file, a duplicated id): 整改意见 lists them
    under ``headings.run_problems`` after the groups' remedies."""


Printable = HasRecords
"""What the report reads: the run's report, and each loaded group's record for the
identity, schools and waivers (``engine.RunResult`` is one)."""


class UnknownGroup(GroupcheckError):
    """``groups`` names a group the run did not find."""


# ---------------------------------------------------------------------------------------------
# Building


def build(
    result: Printable, options: InspectionOptions | None = None, lang: Lang = "zh"
) -> InspectionReport:
    """The 督导意见书 of a finished run, in ``lang``."""
    options = options or InspectionOptions()
    report = result.report
    chosen = _chosen(report, options.groups)
    charters = result.records
    as_of = dt.date.fromisoformat(report.as_of)
    numbering = _Numbering(result, chosen, lang)
    problems: list[GroupProblems] = []
    remedies: list[GroupRemedies] = []
    replies: list[ReplyBox] = []
    counter = _Counter()
    for index, entry in enumerate(chosen):
        group = charters.get(entry.file)
        section = _group_problems(result, entry, group, index, lang, numbering, counter)
        if section is None:
            continue
        problems.append(section)
        if section.problems:
            remedies.append(_group_remedies(result, entry, section, options, lang))
            replies.append(_reply_box(section, lang))
    run_problems = (
        tuple(
            _problem(result, f, counter.next(), lang, numbering)
            for f in report.findings
            if f.group is None and not f.waived
        )
        if not options.groups
        else ()
    )
    several_packs = len(report.packs_in_use()) > 1  # once: it reads every group
    annex = tuple(
        _annex_group(
            result, entry, charters.get(entry.file), index, lang, options.detail, several_packs
        )
        for index, entry in enumerate(chosen)
    )
    title = options.title or (
        label("doc_title_group", lang, name=_name_of(entry := chosen[0], charters))
        if len(chosen) == 1 and entry is not None
        else label("doc_title", lang)
    )
    return InspectionReport(
        lang=lang,
        lang_code=label("lang_code", lang),
        detail=options.detail,
        title=title,
        number=Entry(label("number", lang), options.number or ""),
        header=label("header", lang, as_of=_date(as_of, lang)),
        footer=label("footer", lang, page="{page}", pages="{pages}"),
        headings=Headings(**{name: label(f"h.{name}", lang) for name in _HEADINGS}),
        particulars=_particulars(result, chosen, charters, options, as_of, lang),
        basis=numbering.sections(),
        method=_method(result, lang),
        overview=_overview(result, chosen, charters, lang, options.detail),
        problems=tuple(problems),
        run_problems=run_problems,
        no_problems=label("no_problems", lang),
        remedies=tuple(remedies),
        remedies_note=label("remedies_note", lang)
        if remedies or run_problems
        else label("no_remedies", lang),
        replies=tuple(replies),
        annex=annex,
        annex_note=label("annex_note", lang),
        signature=_signature(options, lang),
        legend=tuple(
            _verdict(state, lang) for state in ("pass", "fail", "waived", "progress", "info")
        ),
        labels={key: label(key, lang) for key in _PLAIN_KEYS},
        run_remedies=tuple(_remedy(report, problem, lang) for problem in run_problems),
        author=options.authority or "",
    )


_HEADINGS = (
    "particulars",
    "basis",
    "method",
    "overview",
    "problems",
    "run_problems",
    "remedies",
    "replies",
    "annex",
    "signature",
)

# Labels the renderers print as they are (no placeholders).
_PLAIN_KEYS = (
    "colon",
    "group",
    "jurisdiction",
    "groups_count",
    "passed_count",
    "failed_count",
    "unverifiable_count",
    "pass_rate",
    "rate_col",
    "status",
    "problems_col",
    "page",
    "waived_heading",
    "notices_heading",
    "unchecked_heading",
    "key_figures",
    "rules_not_met",
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
    "evidence",
    "evidence_note",
    "no_years",
    "year",
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
    "message",
    "legend",
    "pass_rate_chart",
    "pass_rate_note",
    "reply_prompt",
    "model",
    "level",
    "total",
)


def _chosen(report: Report, groups: Sequence[str]) -> list[GroupResult]:
    chosen = list(report.groups)
    if groups:
        known = {g.id for g in chosen}
        missing = [g for g in groups if g not in known]
        if missing:
            raise UnknownGroup(", ".join(missing))
        wanted = set(groups)
        chosen = [g for g in chosen if g.id in wanted]
    return chosen


def _name_of(entry: GroupResult, charters: Mapping[str, GroupRecord]) -> str:
    group = charters.get(entry.file)
    return group.name if group is not None else entry.name or entry.id


class _Counter:
    """The running number of the problems, through the whole document."""

    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def anchor_of(group_id: str, index: int) -> str:
    """A fragment id for a group; the index keeps two folders of one id apart."""
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


_NUMERAL_SPACE = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[0-9])|(?<=[0-9%])\s+(?=[\u3000-\u9fff\uff00-\uffef])"
)


def gongwen(text: str, lang: Lang) -> str:
    """Chinese text as a 公文 writes it: no space between a numeral and a Chinese character
    ("不少于 2 名" → "不少于2名"); English text as it is."""
    return _NUMERAL_SPACE.sub("", text) if lang == "zh" else text


def sentence(text: str, lang: Lang) -> str:
    """A finding's message as a sentence of the report: a Chinese one ends in 。."""
    if lang == "zh" and text and text[-1] not in "。！？；）」”…":
        return text + "。"
    return text


# ---------------------------------------------------------------------------------------------
# Particulars, basis, method


def _particulars(
    result: Printable,
    chosen: list[GroupResult],
    charters: Mapping[str, GroupRecord],
    options: InspectionOptions,
    as_of: dt.date,
    lang: Lang,
) -> tuple[Entry, ...]:
    logs = sum(len(g.log_files) for e in chosen if (g := charters.get(e.file)) is not None)
    scope = label(
        "scope_value",
        lang,
        groups=len(chosen),
        files=len(chosen) + logs,
        charters=len(chosen),
        logs=logs,
    )
    if len(chosen) == 1:
        scope = f"{_name_of(chosen[0], charters)}{label('scope_one', lang)}{scope}"
    inspectors = options.inspectors
    team = (
        _join(
            [label("team_leader", lang, name=inspectors[0])]
            + [label("team_member", lang, name=name) for name in inspectors[1:]],
            lang,
        )
        if inspectors
        else ""
    )
    jurisdictions = sorted(
        {g.jurisdiction for e in chosen if (g := charters.get(e.file)) is not None}
    )
    return (
        Entry(label("authority", lang), options.authority or ""),
        Entry(label("team", lang), team),
        Entry(label("inspection_dates", lang), options.inspection_dates or ""),
        Entry(label("jurisdictions", lang), _join(jurisdictions, lang)),
        Entry(label("scope", lang), scope),
        Entry(label("as_of", lang), _date(as_of, lang)),
    )


_REGULATION = {
    "zh": "《教育督导条例》（国务院令第624号，2012年）",
    "en": "Regulations on Education Supervision (State Council Decree No. 624, 2012)",
}


class _Numbering:
    """检查依据: the documents each pack's rules rest on, numbered once for the document,
    and a rule's citation (``[3] 第三条第（一）款``) in the pack that judged a group."""

    def __init__(self, result: Printable, chosen: list[GroupResult], lang: Lang) -> None:
        self.lang = lang
        report = result.report
        self.items: list[BasisItem] = [BasisItem(1, _REGULATION[lang])]
        self.by_pack: dict[str, dict[str, int]] = {}
        self.headings: dict[str, str] = {}
        packs: dict[str, list[GroupResult]] = {}
        for entry in chosen:
            packs.setdefault(report.pack_of(entry).name, []).append(entry)
        if not packs:
            packs[report.pack.name] = []
        numbers: dict[str, int] = {}
        self.order = sorted(packs)
        for name in self.order:
            pack = report.packs.get(name, report.pack)
            mine: dict[str, int] = {}
            for document_id, text in _pack_documents(pack, lang):
                if text not in numbers:
                    numbers[text] = len(self.items) + 1
                    self.items.append(BasisItem(numbers[text], text))
                mine[document_id] = numbers[text]
            self.by_pack[name] = mine
            names = sorted({e.name or e.id for e in packs[name]})
            jurisdictions = sorted({_jurisdiction_of(result, e) for e in packs[name]} - {""})
            self.headings[name] = label(
                "basis_for", lang, groups=_join(jurisdictions or names, lang)
            )

    def sections(self) -> tuple[BasisSection, ...]:
        if len(self.order) < 2:
            return (BasisSection("", tuple(self.items)),)
        sections = [BasisSection("", (self.items[0],))]
        for name in self.order:
            numbers = sorted(set(self.by_pack[name].values()))
            sections.append(
                BasisSection(
                    self.headings[name],
                    tuple(self.items[n - 1] for n in numbers),
                )
            )
        return tuple(sections)

    def cite(self, pack: str, info: RuleInfo | None) -> str:
        if info is None:
            return ""
        basis, clause = _basis_of(info, self.lang)
        number = self.by_pack.get(pack, {}).get(basis)
        if number is None:
            return ""
        return f"[{number}]{clause}" if self.lang == "zh" else f"[{number}] {clause}".rstrip()


def _jurisdiction_of(result: Printable, entry: GroupResult) -> str:
    group = result.records.get(entry.file)
    return group.jurisdiction if group is not None else ""


def _pack_documents(pack: PackReport, lang: Lang) -> list[tuple[str, str]]:
    """The pack's basis documents as (id, printed text), in the pack's order; a document known
    only from a news report or a translation says so."""
    out: list[tuple[str, str]] = []
    for document in pack.documents:
        text = document.citation()
        if document.hearsay:
            text += label(f"basis_kind.{document.kind}", lang)
        out.append((document.id, text))
    return out


def _basis_of(info: RuleInfo, lang: Lang) -> tuple[str, str]:
    """The rule's basis document id and its clause in ``lang`` (``("", "")`` for none)."""
    return info.basis, _SEED_NOTE.sub("", info.clause_in(lang))


def _remediation_of(info: RuleInfo | None, lang: Lang) -> str:
    return info.remediation_in(lang) if info is not None else ""


def _method(result: Printable, lang: Lang) -> tuple[str, ...]:
    return (
        label("method_checked", lang),
        label("method_self_reported", lang),
        label("method_years", lang),
    )


# ---------------------------------------------------------------------------------------------
# Overview


def _overview(
    result: Printable,
    chosen: list[GroupResult],
    charters: Mapping[str, GroupRecord],
    lang: Lang,
    detail: Detail,
) -> Overview:
    report = result.report
    states = {e.file: _group_state(e, charters.get(e.file)) for e in chosen}
    failed = sum(1 for s in states.values() if s == "fail")
    unverifiable = sum(1 for s in states.values() if s == "unverifiable")
    passed = len(chosen) - failed - unverifiable
    ids = {g.id for g in chosen}
    standing = [f for f in report.findings if f.group in ids and not f.waived]
    problems = sum(1 for f in standing if f.severity is Severity.ERROR)
    notices = sum(1 for f in standing if f.severity is Severity.WARNING)
    waived = sum(1 for f in report.findings if f.group in ids and f.waived)
    paragraphs = [
        label(
            "overview_counts",
            lang,
            total=len(chosen),
            passed=passed,
            failed=failed,
            unverifiable=unverifiable,
            rate=_rate(passed, len(chosen)),
        ),
        label("overview_problems", lang, problems=problems, notices=notices, waived=waived)
        if problems or notices or waived
        else label("overview_no_problems", lang),
    ]
    by_place: dict[str, list[str]] = {}
    for entry in chosen:
        group = charters.get(entry.file)
        place = group.jurisdiction if group is not None else label("not_recorded", lang)
        by_place.setdefault(place, []).append(states[entry.file])
    rows = tuple(
        JurisdictionRow(
            name=place,
            groups=len(found),
            passed=found.count("pass"),
            failed=found.count("fail"),
            unverifiable=found.count("unverifiable"),
            rate=_rate(found.count("pass"), len(found)),
        )
        for place, found in sorted(by_place.items())
    )
    group_rows = tuple(
        GroupRow(
            anchor=anchor_of(entry.id, index),
            group_id=entry.id,
            name=_name_of(entry, charters),
            jurisdiction=group.jurisdiction if group is not None else "",
            verdict=_group_verdict(states[entry.file], lang),
            problems=_join(
                [
                    gongwen(report.rules[rule].title_in(lang), lang)
                    for rule, status in entry.rules.items()
                    if status == "fail" and rule in report.rules
                ],
                lang,
            ),
        )
        for index, entry in enumerate(chosen)
        for group in [charters.get(entry.file)]
    )
    overall = "fail" if failed else "unverifiable" if unverifiable else "pass"
    return Overview(
        verdict=Verdict(
            overall, label(f"overall.{overall}", lang, failed=failed, total=len(chosen))
        ),
        paragraphs=tuple(paragraphs),
        by_jurisdiction=rows,
        groups=group_rows,
        rate_chart=_rate_chart(report, chosen, lang) if detail == "full" else None,
    )


def _rate(passed: int, total: int) -> str:
    if not total:
        return "–"
    return percent(Fraction(passed, total))


def _group_state(entry: GroupResult, group: GroupRecord | None) -> str:
    """pass, fail, or unverifiable (无法核查: the charter or a log could not be read)."""
    if group is None or not entry.loaded or group.unread_logs:
        return "unverifiable"
    return entry.status


def _group_verdict(state: str, lang: Lang) -> Verdict:
    return Verdict(state, label(f"group_state.{state}", lang))


def _rate_chart(report: Report, chosen: list[GroupResult], lang: Lang) -> Chart | None:
    rows: list[charts.RateRow] = []
    for info in report.rules.values():
        if info.id.startswith("GC0"):  # the file checks: not a policy pass rate
            continue
        statuses = [g.rules.get(info.id, "skip") for g in chosen]
        counted = Counter(s for s in statuses if s != "skip")
        if not counted:
            continue
        rows.append(
            charts.RateRow(
                label=gongwen(info.title_in(lang), lang),
                passed=counted["pass"],
                waived=counted["waived"],
                failed=counted["fail"],
            )
        )
    if not rows:
        return None
    return Chart(
        kind="rates", title=label("pass_rate_chart", lang), chart_id="rates", rates=tuple(rows)
    )


# ---------------------------------------------------------------------------------------------
# 存在问题, 整改意见, 被督导单位意见


def _group_problems(
    result: Printable,
    entry: GroupResult,
    group: GroupRecord | None,
    index: int,
    lang: Lang,
    numbering: _Numbering,
    counter: _Counter,
) -> GroupProblems | None:
    report = result.report
    findings = report.findings_of(entry)
    standing = [f for f in findings if not f.waived and f.severity is Severity.ERROR]
    notices = [f for f in findings if not f.waived and f.severity is Severity.WARNING]
    waived = [f for f in findings if f.waived]
    unchecked = _not_checked(report, entry, group, lang)
    state = _group_state(entry, group)
    if not standing and not notices and not waived and not unchecked and state == "pass":
        return None
    unreadable: tuple[str, ...]
    if group is None:
        unreadable = (entry.file,)
        note = label("unreadable_charter", lang, file=entry.file)
    elif group.unread_logs:
        unreadable = tuple(group.unread_logs)
        note = label("unreadable_logs", lang, files=_join(unreadable, lang))
    else:
        unreadable, note = (), ""
    pack = report.pack_of(entry)
    return GroupProblems(
        anchor=anchor_of(entry.id, index),
        group_id=entry.id,
        name=_name_of(entry, {entry.file: group} if group else {}),
        jurisdiction=group.jurisdiction if group is not None else "",
        verdict=_group_verdict(state, lang),
        note=note,
        problems=tuple(
            _problem(result, f, counter.next(), lang, numbering, pack) for f in standing
        ),
        waived=tuple(_waived_item(report, f, group, lang) for f in waived),
        unchecked=unchecked,
        unreadable=unreadable,
        notices=tuple(_problem(result, f, counter.next(), lang, numbering, pack) for f in notices),
    )


def _problem(
    result: Printable,
    finding: Finding,
    number: int,
    lang: Lang,
    numbering: _Numbering,
    pack: PackReport | None = None,
) -> Problem:
    """One numbered problem, cited and titled by the pack that judged its group (``pack``;
    the run's own when None): under ``--rules by-jurisdiction`` a Taishan group's problem
    cites Taishan's document, not the default pack's."""
    report = result.report
    pack = pack or report.pack
    info = pack.rules.get(finding.rule) or report.rule(finding.rule)
    return Problem(
        number=number,
        rule=finding.rule,
        title=gongwen(info.title_in(lang), lang) if info else finding.rule,
        year=_year_text(finding.year, lang),
        text=sentence(gongwen(finding.message, lang), lang),
        where=_location(finding),
        basis=numbering.cite(pack.name, info),
    )


def _year_text(year: str | None, lang: Lang) -> str:
    """``2023-2024`` → 2023—2024学年, ``2024`` → 2024年度 (in English as it is)."""
    if not year:
        return ""
    if lang == "en":
        return year
    first, dash, second = year.partition("-")
    return f"{first}—{second}学年" if dash else f"{year}年度"


def _location(finding: Finding) -> str:
    location = finding.file or ""
    if finding.line is not None:
        location += f":{finding.line}"
    return location


def _waiver_for(finding: Finding, group: GroupRecord | None) -> WaiverRecord | None:
    if group is None:
        return None
    for waiver in group.waivers:
        if waiver.rule == finding.rule and waiver.year in (None, finding.year):
            return waiver
    return None


def _waived_item(
    report: Report, finding: Finding, group: GroupRecord | None, lang: Lang
) -> WaivedItem:
    info = report.rule(finding.rule)
    waiver = _waiver_for(finding, group)
    missing = label("not_recorded", lang)
    approval = label(
        "waived_approval",
        lang,
        approver=(waiver.approved_by if waiver else None) or missing,
        document_no=(waiver.document_no if waiver else None) or missing,
        expires=_date(waiver.expires, lang)
        if waiver and waiver.expires
        else label("no_expiry", lang),
        reason=finding.waiver_reason or (waiver.reason if waiver else ""),
    )
    return WaivedItem(
        rule=finding.rule,
        title=gongwen(info.title_in(lang), lang) if info else finding.rule,
        year=_year_text(finding.year, lang),
        text=sentence(gongwen(finding.message, lang), lang),
        approval=approval,
    )


def _not_checked(
    report: Report, entry: GroupResult, group: GroupRecord | None, lang: Lang
) -> tuple[NotChecked, ...]:
    out: list[NotChecked] = []
    for info in report.shown_rules():
        if not info.checks:
            continue
        reason = entry.skipped.get(info.id)
        if reason is not None:
            text = label(f"status.{reason}", lang)
        elif group is None:
            text = label("status.charter_unread", lang)
        else:
            continue
        out.append(NotChecked(info.id, gongwen(info.title_in(lang), lang), text))
    return tuple(out)


def _group_remedies(
    result: Printable,
    entry: GroupResult,
    section: GroupProblems,
    options: InspectionOptions,
    lang: Lang,
) -> GroupRemedies:
    pack = result.report.pack_of(entry)
    items = [_remedy(result.report, problem, lang, pack) for problem in section.problems]
    deadline = _date(options.rectify_by, lang) if options.rectify_by else label("date_blank", lang)
    authority = options.authority or label("authority_default", lang)
    return GroupRemedies(
        anchor=section.anchor,
        group_id=section.group_id,
        name=section.name,
        items=tuple(items),
        deadline=label("rectify_by", lang, date=deadline, authority=authority),
    )


def _remedy(report: Report, problem: Problem, lang: Lang, pack: PackReport | None = None) -> Remedy:
    """The rectification of ``problem``: its rule's remediation text, with the numbers of
    the pack that judged the group (``pack``; the run's own when None)."""
    info = (pack.rules.get(problem.rule) if pack is not None else None) or report.rule(problem.rule)
    measure = _remediation_of(info, lang)
    year = ""
    if problem.year:
        year = f"（{problem.year}）" if lang == "zh" else f" ({problem.year})"
    return Remedy(
        number=problem.number,
        problem=problem.title + year,
        measure=gongwen(measure, lang) if measure else label("remedy_default", lang),
    )


def _reply_box(section: GroupProblems, lang: Lang) -> ReplyBox:
    return ReplyBox(
        group_id=section.group_id,
        name=section.name,
        heading=label("reply_heading", lang, name=section.name),
        signature=label("reply_signature", lang),
        seal=label("reply_seal", lang),
        date=label("sign_date", lang),
    )


def _signature(options: InspectionOptions, lang: Lang) -> Signature:
    inspectors = options.inspectors
    entries = [Entry(label("sign_leader", lang), inspectors[0] if inspectors else "")]
    members = inspectors[1:]
    if members:
        entries += [Entry(label("sign_member", lang), name) for name in members]
    else:
        entries.append(Entry(label("sign_member", lang), ""))
    entries += [
        Entry(label("sign_authority", lang), options.authority or ""),
        Entry(label("sign_date", lang), ""),
    ]
    return Signature(
        entries=tuple(entries),
        seals=(label("seal_authority", lang), label("seal_inspected", lang)),
    )


# ---------------------------------------------------------------------------------------------
# The annex: a group's evidence


def _annex_group(
    result: Printable,
    entry: GroupResult,
    group: GroupRecord | None,
    index: int,
    lang: Lang,
    detail: Detail,
    several_packs: bool,
) -> AnnexGroup:
    """``several_packs``: more than one pack judged the run's groups (``Report.packs_in_use``,
    worked out once per report, not once per group)."""
    findings = result.report.findings_of(entry)
    judged = _judged_by(result, entry)
    state = _group_state(entry, group)
    anchor = anchor_of(entry.id, index)
    rules = tuple(_compliance(judged, lang, entry, findings, group is not None))
    shown = rules if detail == "full" else tuple(r for r in rules if r.verdict.state != "pass")
    rest = sum(1 for r in rules if r.verdict.state == "pass")
    rest_text = label("rest_pass", lang, count=rest) if detail == "summary" and rest else ""
    tables: tuple[EvidenceTable, ...] = ()
    if group is not None:
        tables = _evidence(judged, lang, group, entry, anchor) + (
            _recorded_evidence(judged.report, entry, lang, anchor)
        )
        if detail == "summary":
            failing = {r.rule for r in shown if r.verdict.state in ("fail", "unchecked")}
            tables = tuple(t for t in tables if t.rule in failing)
    note = ""
    if group is None:
        note = label("unreadable_charter", lang, file=entry.file)
    elif group.unread_logs:
        note = label("unreadable_logs", lang, files=_join(group.unread_logs, lang))
    full = detail == "full"
    return AnnexGroup(
        anchor=anchor,
        number=index + 1,
        group_id=entry.id,
        name=_name_of(entry, {entry.file: group} if group else {}),
        jurisdiction=group.jurisdiction if group is not None else "",
        verdict=_group_verdict(state, lang),
        loaded=group is not None,
        note=note,
        key_figures=_key_figures(judged.report, entry, group, lang, several_packs),
        rules=shown,
        rest=rest_text,
        evidence=tables,
        identity=_identity(group, lang)
        if full and group is not None
        else ((Entry(label("charter_file", lang), entry.file),) if full else ()),
        schools=_schools(group, lang) if full and group else (),
        waivers=_waivers(group, lang) if full and group else (),
        findings=tuple(_finding_row(f, judged.report, lang) for f in findings) if full else (),
    )


def _key_figures(
    report: Report, entry: GroupResult, group: GroupRecord | None, lang: Lang, several_packs: bool
) -> tuple[Entry, ...]:
    """The verdict row's companions: the core school, the members, and per yearly rule what
    it measured each year (the report's figures, ``ctx.figure``)."""
    if group is None:
        return (Entry(label("charter_file", lang), entry.file),)
    rows = [
        Entry(label("core_school", lang), group.core_school),
        Entry(
            label("members_count", lang),
            label("members_value", lang, count=group.members_current),
        ),
        Entry(label("established", lang), _date(group.established, lang)),
    ]
    if several_packs and report.pack.documents:
        # Judged by its district's pack (--rules by-jurisdiction): the documents it was held
        # to, on its own page, beside the same list under 二、检查依据.
        documents = [document.citation() for document in report.pack.documents]
        rows.append(Entry(label("judged_against", lang), _join(documents, lang)))
    for rule_id, figures in sorted(entry.figures.items()):
        info = report.rule(rule_id)
        if info is None or not info.shown or not figures:
            continue
        parts = []
        for figure in figures:
            value = figure.share if figure.share else _figure_amount(rule_id, figure.found, lang)
            parts.append(
                label(
                    "figure_year",
                    lang,
                    year=_year_text(figure.year, lang),
                    value=value,
                    state=label(f"status.{figure.verdict if figure.judged else 'progress'}", lang),
                )
            )
        rows.append(Entry(gongwen(info.title_in(lang), lang), _join(parts, lang)))
    return tuple(rows)


def _figure_amount(rule_id: str, found: int | None, lang: Lang) -> str:
    """What a rule counted, with its unit: yuan for the funding rules (GC3xx), else people."""
    if found is None:
        return "–"
    if rule_id.startswith("GC3"):
        return label("figure_yuan", lang, amount=_yuan(found))
    return label("figure_people", lang, count=found)


@dataclass(frozen=True)
class _JudgedBy:
    """The run as one group's page reads it: the report with that group's pack in force
    (under ``--rules by-jurisdiction``, the pack its jurisdiction selected)."""

    report: Report
    records: Mapping[str, GroupRecord]


def _judged_by(result: Printable, entry: GroupResult) -> Printable:
    report = result.report
    pack = report.pack_of(entry)
    if pack is report.pack:
        return result
    return _JudgedBy(report.model_copy(update={"pack": pack}), result.records)


def _identity(group: GroupRecord, lang: Lang) -> tuple[Entry, ...]:
    missing = label("not_recorded", lang)
    rows = [
        Entry(label("jurisdiction", lang), group.jurisdiction),
        Entry(label("model", lang), label(f"model.{group.model}", lang)),
        Entry(
            label("level", lang),
            label(f"level.{group.level}", lang) if group.level else missing,
        ),
        Entry(label("established", lang), _date(group.established, lang)),
        Entry(label("core_school", lang), group.core_school),
        Entry(
            label("core_teachers", lang),
            label("teachers_value", lang, count=group.core_teachers)
            if group.core_teachers is not None
            else missing,
        ),
    ]
    rows.append(Entry(label("council_chair", lang), group.council_chair or missing))
    if group.council_filed_with or group.council_filed_on:
        rows.append(
            Entry(
                label("council_filed", lang),
                label(
                    "filed_value",
                    lang,
                    filed_with=group.council_filed_with or missing,
                    filed_on=_date(group.council_filed_on, lang) or missing,
                ),
            )
        )
    else:
        rows.append(Entry(label("council_filed", lang), missing))
    if group.approved_by or group.approval_no or group.approved_on:
        rows.append(
            Entry(
                label("approval", lang),
                label(
                    "approval_value",
                    lang,
                    approved_by=group.approved_by or missing,
                    document_no=group.approval_no or missing,
                    approved_on=_date(group.approved_on, lang) or missing,
                ),
            )
        )
    else:
        rows.append(Entry(label("approval", lang), missing))
    rows.append(Entry(label("charter_file", lang), group.file))
    return tuple(rows)


_SCHOOL_KINDS = {"core": "kind_core", "member": "kind_member", "collaborator": "kind_collaborator"}


def _schools(group: GroupRecord, lang: Lang) -> tuple[SchoolRow, ...]:
    rows = []
    for school in group.schools:
        member = school.kind == "member"
        relation = ""
        if member:
            relation = (
                label(f"relation.{school.relation}", lang)
                if school.relation
                else label("not_recorded", lang)
            )
        rows.append(
            SchoolRow(
                name=school.name,
                school_id=school.id,
                kind=label(_SCHOOL_KINDS[school.kind], lang),
                relation=relation,
                joined=_date(school.joined, lang),
                left=_date(school.left, lang),
                state=label(f"state_{school.state}", lang),
            )
        )
    return tuple(rows)


def _compliance(
    result: Printable, lang: Lang, entry: GroupResult, findings: list[Finding], loaded: bool
) -> Iterable[RuleRow]:
    for spec in result.report.shown_rules():
        status: str = entry.rules.get(spec.id, "skip")
        if status == "skip" and spec.checks and not loaded:
            status = "unchecked"
        reason = entry.skipped.get(spec.id)
        if status == "skip" and not reason:
            continue  # not applied to this group: nothing to report
        if spec.id == INTERNAL_ERROR and status == "pass":
            continue  # groupcheck's own soundness, not a requirement the group meets
        failed_years = sorted(
            {
                f.year
                for f in findings
                if f.rule == spec.id and f.year and not f.waived and f.severity is not Severity.INFO
            }
        )
        clause = gongwen(_SEED_NOTE.sub("", spec.policy_in(lang)), lang)
        yield RuleRow(
            rule=spec.id,
            title=gongwen(spec.title_in(lang), lang),
            summary=gongwen(spec.summary_in(lang), lang),
            verdict=_skipped_verdict(reason, lang) if reason else _verdict(status, lang),
            years=label(
                "years_failed_calendar" if spec.yearly == "calendar" else "years_failed",
                lang,
                years=_join(failed_years, lang),
            )
            if failed_years
            else "",
            clause=clause,
            source=_cited_source(result, spec, lang),
        )


_SEED_NOTE = re.compile(
    r"（据\s*\d{3}[^）]*）"  # （据 000 英文报道回译，原文未收录）
    r"|（\d{3}(?:[，,][^）]*)?）"  # （001，回译）, （004）
    r"|\s*\((?:back-)?translated from \d{3}[^)]*\)"
    r"|\s*\((?:also\s+)?\d{3}(?:[,，][^)]*)?\)"  # (001), (also 000, a three-year plan)
    r"|[;；]\s*\d{3}\s*\([^)]*\)"  # "; 000 (membership changes)"
)
"""A note on the seed file a quote or clause comes from ("（据 000 英文报道回译）", "（001，回译）",
"(000)"): seeds' numbers are the project's own filing, not the reader's; 检查依据 names each
document once, by its title."""


def _cited_source(result: Printable, spec: RuleInfo, lang: Lang) -> str:
    """The rule's basis document as 检查依据 prints it (and its clause), or ""."""
    basis, clause = _basis_of(spec, lang)
    if not basis:
        return ""
    for document_id, text in _pack_documents(result.report.pack, lang):
        if document_id == basis:
            return f"{text}{clause}" if lang == "zh" else f"{text}, {clause}".rstrip(", ")
    return ""


def _param(result: Printable, rule_id: str, name: str) -> Any:
    """A rule's parameter as this run's pack sets it (None when the rule or name is absent)."""
    info = result.report.rule(rule_id)
    return None if info is None else info.params.get(name)


def _enabled(result: Printable, rule_id: str) -> bool:
    info = result.report.rule(rule_id)
    return info is not None and info.checks and info.enabled


def _chart_state(verdict: Verdict) -> charts.State:
    state = verdict.state
    if state in ("pass", "fail", "waived", "progress"):
        return state  # type: ignore[return-value]
    return "info"


def _short_year(label_text: str) -> str:
    """``"2023-2024"`` → ``"23-24"``: chart axes are narrow."""
    first, _, second = label_text.partition("-")
    return f"{first[-2:]}-{second[-2:]}" if second else label_text


def _share_chart(
    bars: Sequence[charts.Bar], *, title: str, chart_id: str, needed: Fraction | None
) -> Chart | None:
    """Bars of a share per year (in %), with the share required as the threshold line."""
    if not bars:
        return None
    return _bar_chart(
        bars,
        title=title,
        chart_id=chart_id,
        threshold=float(needed * 100) if needed is not None else None,
        threshold_text=f"≥ {percent(needed)}",
        axis_text="%",
    )


def _bar_chart(
    bars: Sequence[charts.Bar],
    *,
    title: str,
    chart_id: str,
    threshold: float | None,
    threshold_text: str,
    axis_text: str = "",
    integer: bool = False,
) -> Chart:
    return Chart(
        kind="bars",
        title=title,
        chart_id=chart_id,
        bars=tuple(bars),
        threshold=threshold,
        threshold_text=threshold_text,
        axis_text=axis_text,
        integer=integer,
    )


def _evidence(
    result: Printable, lang: Lang, group: GroupRecord, entry: GroupResult, anchor: str
) -> tuple[EvidenceTable, ...]:
    """The four classic yearly rules' tables and charts, from the figures they recorded
    (``GroupRecord.figures_of``: the run's, else those measured for the printout)."""
    tables: list[EvidenceTable] = []
    skipped = entry.skipped
    none = label("none", lang)

    # GC201: cadres on exchange per judged academic year.
    needed = _param(result, "GC201", "min_cadres")
    cadre_enabled = _enabled(result, "GC201")
    cadre_rows: list[YearRow] = []
    cadre_bars: list[charts.Bar] = []
    for figure in group.figures_of(entry, "GC201"):
        verdict = _row_verdict(figure, "GC201", cadre_enabled, skipped, lang)
        count = figure.found or 0
        cadre_rows.append(
            YearRow(
                year=figure.year,
                judged=_judged_cell(figure, lang),
                cells=(
                    _join(figure.items, lang) or none,
                    label("count_needed_value", lang, count=count, needed=needed)
                    if needed is not None
                    else str(count),
                ),
                verdict=verdict,
            )
        )
        cadre_bars.append(
            charts.Bar(_short_year(figure.year), count, _chart_state(verdict), str(count))
        )
    count_mode = "started" if _param(result, "GC201", "count") == "started" else "active"
    tables.append(
        EvidenceTable(
            anchor=f"{anchor}-cadres",
            title=label("cadres", lang),
            rule="GC201",
            note=label(f"cadre_count_mode_{count_mode}", lang),
            chart=_bar_chart(
                cadre_bars,
                title=label("cadres_chart", lang, threshold=needed if needed is not None else "–"),
                chart_id=f"{anchor}-c201",
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
    teacher_rows: list[YearRow] = []
    teacher_bars: list[charts.Bar] = []
    for figure in group.figures_of(entry, "GC203")[:1]:
        verdict = _row_verdict(figure, "GC203", teacher_enabled, skipped, lang)
        count = figure.found or 0
        share = share_of(count, figure.base)
        teacher_rows.append(
            YearRow(
                year=label(
                    "first_year_window",
                    lang,
                    first=_date(_day(figure.start), lang),
                    last=_date(_day(figure.end), lang),
                ),
                judged=_judged_cell(figure, lang),
                cells=(
                    _join(figure.items, lang) or none,
                    str(count),
                    label(
                        "share_value",
                        lang,
                        count=count,
                        whole=figure.base,
                        share=percent(share),
                    )
                    if figure.base
                    else label("not_recorded", lang),
                ),
                verdict=verdict,
            )
        )
        teacher_bars.append(
            charts.Bar(
                figure.year,
                float(share * 100) if share is not None else 0.0,
                _chart_state(verdict),
                percent(share),
            )
        )
    share_text = percent(share_fraction)
    tables.append(
        EvidenceTable(
            anchor=f"{anchor}-teachers",
            title=label("teachers", lang),
            rule="GC203",
            note=label("first_year_only", lang),
            chart=_share_chart(
                teacher_bars,
                title=label("teachers_chart", lang, threshold=share_text),
                chart_id=f"{anchor}-c203",
                needed=share_fraction,
            ),
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
        rotation_rows: list[YearRow] = []
        rotation_bars: list[charts.Bar] = []
        for figure in group.figures_of(entry, "GC206"):
            verdict = _row_verdict(figure, "GC206", True, skipped, lang)
            share = share_of(figure.found, figure.base)
            rotation_rows.append(
                YearRow(
                    year=figure.year,
                    judged=_judged_cell(figure, lang),
                    cells=(
                        _join(figure.items, lang) or none,
                        percent(share),
                        percent(share_of(figure.part, figure.found)),
                    ),
                    verdict=verdict,
                )
            )
            rotation_bars.append(
                charts.Bar(
                    _short_year(figure.year),
                    float(share * 100) if share is not None else 0.0,
                    _chart_state(verdict),
                    percent(share),
                )
            )
        rotation_text = percent(rotation_needed)
        tables.append(
            EvidenceTable(
                anchor=f"{anchor}-rotation",
                title=label("rotation", lang),
                rule="GC206",
                note=f"{label('backbone_share', lang)} ≥ {percent(backbone_needed)}",
                chart=_share_chart(
                    rotation_bars,
                    title=label("rotation_chart", lang, threshold=rotation_text),
                    chart_id=f"{anchor}-c206",
                    needed=rotation_needed,
                ),
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
    threshold_yuan = 0
    for figure in group.figures_of(entry, "GC301"):
        total = figure.found or 0
        threshold_yuan = figure.needed or 0
        verdict = _row_verdict(figure, "GC301", funding_enabled, {}, lang)
        funding_rows.append(
            YearRow(
                year=figure.year,
                judged=_judged_cell(figure, lang),
                cells=(
                    _join(figure.sources, lang) or none,
                    _yuan(total),
                    _join(
                        [
                            f"{label(f'channel.{channel}', lang)} {_yuan(amount)}"
                            for channel, amount in figure.others
                        ],
                        lang,
                    )
                    or none,
                    _yuan(threshold_yuan),
                ),
                verdict=verdict,
            )
        )
        funding_bars.append(
            charts.Bar(figure.year, total / 10_000, _chart_state(verdict), _wan(total))
        )
    tables.append(
        EvidenceTable(
            anchor=f"{anchor}-funding",
            title=label("funding", lang),
            rule="GC301",
            note="",
            chart=_bar_chart(
                funding_bars,
                title=label("funding_chart", lang, threshold=_wan(threshold_yuan)),
                chart_id=f"{anchor}-c301",
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


def _day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def _judged_cell(figure: Figure, lang: Lang) -> Verdict:
    """Whether the row's year is judged, or still in progress."""
    if figure.judged:
        return Verdict("pass", label("judged", lang))
    return Verdict("progress", label("status.progress", lang))


def _row_verdict(
    figure: Figure, rule_id: str, enabled: bool, skipped: Mapping[str, str], lang: Lang
) -> Verdict:
    """What the run said about ``rule_id`` in the figure's year (the report's verdict,
    ``Figure.verdict``): not checked when the rule was skipped for the group, ``skip`` when the
    pack turns it off, in progress for a year not judged."""
    if rule_id in skipped:
        return _skipped_verdict(skipped[rule_id], lang)
    if not enabled:
        return _verdict("skip", lang)
    if not figure.judged:
        return _verdict("progress", lang)
    return _verdict(figure.verdict, lang)


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
                chart=_bar_chart(
                    bars,
                    title=f"{rule_id} {info.title_in(lang)}",
                    chart_id=f"{anchor}-c{rule_id[2:].lower()}",
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


def _waivers(group: GroupRecord, lang: Lang) -> tuple[WaiverRow, ...]:
    missing = label("not_recorded", lang)
    return tuple(
        WaiverRow(
            rule=waiver.rule,
            year=waiver.year or label("all_years", lang),
            reason=waiver.reason,
            approver=waiver.approved_by or missing,
            document_no=waiver.document_no or missing,
            expires=_date(waiver.expires, lang) if waiver.expires else label("no_expiry", lang),
            state=Verdict(
                "fail" if waiver.expired else "waived",
                label("waiver_expired" if waiver.expired else "waiver_valid", lang),
            ),
        )
        for waiver in group.waivers
    )


def _finding_row(finding: Finding, report: Report, lang: Lang) -> FindingRow:
    info = report.rule(finding.rule)
    severity_state = {"error": "fail", "warning": "waived", "info": "info"}[finding.severity.value]
    if finding.waived:
        severity = _verdict("waived", lang)
    else:
        severity = Verdict(severity_state, label(f"severity.{finding.severity.value}", lang))
    return FindingRow(
        location=_location(finding),
        rule=finding.rule,
        title=gongwen(info.title_in(lang), lang) if info else finding.rule,
        severity=severity,
        year=_year_text(finding.year, lang),
        message=gongwen(finding.message, lang),
        waived=label("waived_by", lang, reason=finding.waiver_reason or "")
        if finding.waived
        else "",
    )

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
from typing import Any, Literal, Protocol

from groupcheck import evidence
from groupcheck.errors import INTERNAL_ERROR, GroupcheckError
from groupcheck.findings import Finding, Severity
from groupcheck.messages import Lang
from groupcheck.models import Charter, Group, Waiver
from groupcheck.report import GroupResult, PackReport, Report, RuleInfo
from groupcheck.reporters import charts
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


class Printable(Protocol):
    """What the report reads: the run's report, and the loaded charters for the identity,
    schools and waivers (``engine.RunResult`` is one)."""

    @property
    def report(self) -> Report: ...

    @property
    def groups(self) -> list[Group]: ...


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
    charters = {g.charter_file: g for g in result.groups}
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
    annex = tuple(
        _annex_group(result, entry, charters.get(entry.file), index, lang, options.detail)
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


def _name_of(entry: GroupResult, charters: Mapping[str, Group]) -> str:
    group = charters.get(entry.file)
    return group.charter.name if group is not None else entry.name or entry.id


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


def _as_of(result: Printable) -> dt.date:
    return dt.date.fromisoformat(result.report.as_of)


# ---------------------------------------------------------------------------------------------
# Particulars, basis, method


def _particulars(
    result: Printable,
    chosen: list[GroupResult],
    charters: Mapping[str, Group],
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
        {g.charter.jurisdiction for e in chosen if (g := charters.get(e.file)) is not None}
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
    for group in result.groups:
        if group.charter_file == entry.file:
            return group.charter.jurisdiction
    return ""


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
    charters: Mapping[str, Group],
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
        place = group.charter.jurisdiction if group is not None else label("not_recorded", lang)
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
            jurisdiction=group.charter.jurisdiction if group is not None else "",
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
    return evidence.percent(Fraction(passed, total))


def _group_state(entry: GroupResult, group: Group | None) -> str:
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
    group: Group | None,
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
        jurisdiction=group.charter.jurisdiction if group is not None else "",
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


def _waiver_for(finding: Finding, group: Group | None) -> Waiver | None:
    if group is None:
        return None
    for waiver in group.charter.waivers:
        if waiver.rule == finding.rule and waiver.year_label in (None, finding.year):
            return waiver
    return None


def _waived_item(report: Report, finding: Finding, group: Group | None, lang: Lang) -> WaivedItem:
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
    report: Report, entry: GroupResult, group: Group | None, lang: Lang
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
    group: Group | None,
    index: int,
    lang: Lang,
    detail: Detail,
) -> AnnexGroup:
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
        tables = _evidence(judged, lang, group, findings, anchor, entry.skipped) + (
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
        jurisdiction=group.charter.jurisdiction if group is not None else "",
        verdict=_group_verdict(state, lang),
        loaded=group is not None,
        note=note,
        key_figures=_key_figures(judged.report, entry, group, lang),
        rules=shown,
        rest=rest_text,
        evidence=tables,
        identity=(*_identity(group.charter, group, lang),)
        if full and group is not None
        else ((Entry(label("charter_file", lang), entry.file),) if full else ()),
        schools=_schools(group.charter, _as_of(result), lang) if full and group else (),
        waivers=_waivers(group.charter, _as_of(result), lang) if full and group else (),
        findings=tuple(_finding_row(f, judged.report, lang) for f in findings) if full else (),
    )


def _key_figures(
    report: Report, entry: GroupResult, group: Group | None, lang: Lang
) -> tuple[Entry, ...]:
    """The verdict row's companions: the core school, the members, and per yearly rule what
    it measured each year (the report's figures, ``ctx.figure``)."""
    if group is None:
        return (Entry(label("charter_file", lang), entry.file),)
    charter = group.charter
    as_of = _as_of_report(report)
    members = sum(1 for m in charter.members if m.current_on(as_of))
    rows = [
        Entry(label("core_school", lang), charter.core_school.name),
        Entry(label("members_count", lang), label("members_value", lang, count=members)),
        Entry(label("established", lang), _date(charter.established, lang)),
    ]
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


def _as_of_report(report: Report) -> dt.date:
    return dt.date.fromisoformat(report.as_of)


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


def _identity(charter: Charter, group: Group, lang: Lang) -> tuple[Entry, ...]:
    missing = label("not_recorded", lang)
    core = charter.core_school
    rows = [
        Entry(label("jurisdiction", lang), charter.jurisdiction),
        Entry(label("model", lang), label(f"model.{charter.model.value}", lang)),
        Entry(
            label("level", lang),
            label(f"level.{charter.level.value}", lang) if charter.level else missing,
        ),
        Entry(label("established", lang), _date(charter.established, lang)),
        Entry(label("core_school", lang), core.name),
        Entry(
            label("core_teachers", lang),
            label("teachers_value", lang, count=core.teachers)
            if core.teachers is not None
            else missing,
        ),
    ]
    council = charter.council
    rows.append(
        Entry(label("council_chair", lang), council.chair if council and council.chair else missing)
    )
    if council and (council.filed_with or council.filed_on):
        rows.append(
            Entry(
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
        rows.append(Entry(label("council_filed", lang), missing))
    approval = charter.approval
    if approval and (approval.approved_by or approval.document_no or approval.approved_on):
        rows.append(
            Entry(
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
        rows.append(Entry(label("approval", lang), missing))
    rows.append(Entry(label("charter_file", lang), group.charter_file))
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
        doc = spec.doc
        policy_zh, policy_en = doc.get("policy_zh", ""), doc.get("policy_en", "")
        clause = (policy_zh or policy_en) if lang == "zh" else (policy_en or policy_zh)
        clause = gongwen(_SEED_NOTE.sub("", clause), lang)
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
        threshold_text=f"≥ {_percent(needed) if needed is not None else '–'}",
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

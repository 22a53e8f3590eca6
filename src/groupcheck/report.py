"""The report: the one, immutable product of a run, and all any output reads.

``engine.check`` builds it; every reporter (table to PDF to xlsx) renders it and nothing else:
no reporter looks a rule up in the registry, asks the pack for a setting, recomputes a figure
or works out which findings belong to which group. What the JSON contract (README.md) holds
is serialised; what reporters need beyond it is carried in fields marked ``exclude=True``:

- ``settings``: what the run was asked (as-of date, language, waivers, select, ignore);
- ``pack``: the resolved policy pack, every rule with its setting (enabled, selected,
  severity, parameters, source), its documentation and its title in both languages;
- per group (``GroupResult``): its own findings (``findings``, indexes into
  ``Report.findings``: a finding is attributed to one group once, here), its counts, its
  verdict per rule (``rules``) and, per yearly rule, the figures the rule measured in each
  year with that year's verdict (``figures``, recorded by the rule through ``ctx.figure``).

Beside the report, a run result carries each loaded group's ``GroupRecord`` (identity,
schools, waivers, exchanges, and the figures measured for the printout only), built by the
engine when the printed report or the export first asks, never serialised.

This module imports nothing of the engine, the registry, the checks or the models.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal, NamedTuple, Protocol

from pydantic import BaseModel, ConfigDict, Field

from groupcheck.errors import INTERNAL_ERROR
from groupcheck.findings import Finding, Severity
from groupcheck.messages import Lang

RuleStatus = Literal["pass", "fail", "waived", "skip"]
SkipReason = Literal["logs_unread", "not_established"]
"""Why a rule that is on made no verdict for a group (``ui.skip_reason.<reason>``)."""

FAMILIES: dict[str, str] = {
    "GC0": "load",
    "GC1": "governance",
    "GC2": "exchanges",
    "GC3": "funding",
    "GC4": "crossgroup",
    "GC5": "waivers",
}
"""Rule id prefix → family (the table's narrow columns, the rule's ``family``)."""


def share_of(part: int | None, whole: int | None) -> Fraction | None:
    """``part / whole`` exactly, or None when either is unknown or ``whole`` is not positive:
    "exactly 15%" prints 15%, never 14.9% (the rules' messages and the reports both)."""
    if part is None or whole is None or whole <= 0:
        return None
    return Fraction(part, whole)


def percent(value: Fraction | None) -> str:
    """A share as the messages and reports print it: ``"15%"``, ``"14.8%"``, or ``"–"`` when
    unknown."""
    if value is None:
        return "–"
    tenths = round(value * 1000)
    whole, rest = divmod(tenths, 10)
    return f"{whole}%" if rest == 0 else f"{whole}.{rest}%"


class Figure(NamedTuple):
    """What a rule measured in one year of one group (``RuleContext.figure``).

    ``found`` is what was counted (people, yuan) and ``needed`` what the rule requires;
    ``share``/``needed_share`` the same as percentages where the rule judges a share
    (``ratio`` is ``share`` as a number, of ``base``: the core school's teachers, say);
    ``items`` the people or amounts behind ``found``. ``judged`` is False for a year the rule
    shows but does not judge (the year in progress); ``verdict`` is the report's, from the
    group's findings of that rule and year: pass, fail, waived, or skip (not judged).

    A named tuple, not a model: a nation-sized run sends hundreds of thousands of them from
    the workers, and a tuple is the cheapest thing to pickle.
    """

    year: str
    found: int | None = None
    needed: int | None = None
    share: str | None = None
    needed_share: str | None = None
    ratio: float | None = None
    base: int | None = None
    items: tuple[str, ...] = ()
    judged: bool = True
    verdict: RuleStatus = "pass"
    start: str | None = None
    """The first day of the row's term (ISO) where it is not the year itself: GC203's first
    twelve months run from ``start`` through ``end``."""
    end: str | None = None
    part: int | None = None
    """Of ``found``, those a second share is judged on (GC206: the backbone teachers among
    the teachers on exchange)."""
    sources: tuple[str, ...] = ()
    """Where the year's amounts came from, counted or not (GC301: each entry's ``source``)."""
    others: tuple[tuple[str, int], ...] = ()
    """Amounts shown beside ``found`` and not counted, by kind (GC301: the totals of the
    channels it does not count, ``(channel, yuan)``)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)  # on first use


class ToolInfo(_Frozen):
    name: str
    version: str


class Summary(_Frozen):
    groups: int
    files: int
    errors: int
    warnings: int
    waived: int
    known: int = 0
    """Findings in the ``--baseline`` file (unwaived): listed, failing nothing."""

    def line(self, lang: Lang = "en") -> str:
        """``17 groups, 40 files: 1 error, 0 warnings, 2 waived`` (and, with a baseline that
        knows some, ``, 3 known (in the baseline)``): every text format's summary line."""
        from groupcheck.messages import text

        said = text(
            "ui.summary",
            lang,
            groups=self.groups,
            files=self.files,
            errors=self.errors,
            warnings=self.warnings,
            waived=self.waived,
        )
        return said + text("ui.summary_known", lang, known=self.known) if self.known else said


BasisKind = Literal["regulation", "normative", "plan", "news", "translation"]
"""What a basis document is: a regulation (行政法规, 规章), a normative document (规范性文件), an
implementation plan (实施方案), a news report of a document (``news``: the report is what the
seed holds), or a back-translation of a foreign-language report (``translation``)."""

BASIS_KINDS: tuple[BasisKind, ...] = ("regulation", "normative", "plan", "news", "translation")


class BasisDocument(_Frozen):
    """One document a pack's rules rest on (a pack's ``documents:`` entry), as a 检查依据 list
    cites it: 发文机关《标题》（文号）."""

    id: str
    """The pack's id for it, which a rule's ``source: basis:`` names."""
    issuer: str
    """发文机关 (for a news report, the newspaper)."""
    title: str
    """标题, without 《》."""
    number: str = ""
    """文号 (教师〔2014〕4号), "" when the document has none or the seed does not give it."""
    date: str = ""
    """成文或发布日期 as the pack writes it (2014-08, 2022-07-30), "" when unknown."""
    kind: BasisKind = "normative"
    reported_by: str = ""
    """For a document known from a news report (kind ``news``): who reported it, and when."""
    seed: str = ""
    """The seed file it comes from (/work/shared/seeds), "" when none."""

    @property
    def hearsay(self) -> bool:
        """Known only from a news report or a back-translation, not from the document's text:
        a 检查依据 list should say so."""
        return self.kind in ("news", "translation")

    def citation(self) -> str:
        """``教育部 财政部 人力资源社会保障部《关于推进……的意见》（教师〔2014〕4号）``; the date
        stands in for a missing 文号 (``泰安日报《……》（2022-07-30）``)."""
        after = self.number or self.date
        return f"{self.issuer}《{self.title}》" + (f"（{after}）" if after else "")


class RuleInfo(_Frozen):
    """One rule as the run applied it: its pack setting, documentation and titles."""

    id: str
    name: str
    family: str
    scope: Literal["group", "run"]
    yearly: Literal["academic", "calendar"] | None
    severity: Severity
    enabled: bool
    """The pack enables it (a rule without a check function, GC0xx, is always on)."""
    selected: bool
    """``--select``/``--ignore`` keep it."""
    waivable: bool
    checks: bool
    """It has a check function (GC0xx are raised by the loader and have none)."""
    params: dict[str, Any]
    source: str
    """What the pack cites for the rule's numbers, or "" for the rule's own source."""
    title: dict[str, str]
    """Short title per language (``{"en": "Cadre exchanges", "zh": "干部交流人数"}``)."""
    summary: dict[str, str]
    """One-line summary per language (English where no Chinese one is written)."""
    doc: dict[str, str]
    """The documentation sections: what, why, policy_zh, policy_en, source, how, passes,
    fails."""
    remediation: dict[str, str] = Field(default_factory=dict)
    """What a group that fails the rule must do, per language (``{"en": …, "zh": …}``), the
    rule's parameters filled in (``补足当年专项经费至不少于200000元……``): the measure itself;
    a deadline is the report's to add."""
    basis: str = ""
    """The id of the pack's basis document (``PackReport.documents``) the rule rests on; ""
    for the file-format and tool rules (GC0xx, GC204, GC205, GC402, GC5xx)."""
    clause: dict[str, str] = Field(default_factory=dict)
    """The clause of the basis document, per language (``{"en": "district plan 3(1)",
    "zh": "三（一）"}``); {} when the pack names none."""
    quote: dict[str, str] | None = None
    """What the pack quotes of its basis document, per language, where the rule's own
    documentation (``doc``'s policy text) quotes another document: a district pack resting
    the rule on its own plan ({} when it quotes nothing). None when the documentation's
    text is the pack's document's."""

    @property
    def shown(self) -> bool:
        """Enabled and selected: a rule the reports list."""
        return self.enabled and self.selected

    def title_in(self, lang: Lang) -> str:
        return self.title.get(lang) or self.title.get("en") or self.name

    def summary_in(self, lang: Lang) -> str:
        return self.summary.get(lang) or self.summary.get("en") or self.name

    def remediation_in(self, lang: Lang) -> str:
        """The remediation in ``lang`` (English where no text in ``lang`` is written)."""
        return self.remediation.get(lang) or self.remediation.get("en") or ""

    def policy_in(self, lang: Lang) -> str:
        """The policy text the rule rests on under this pack, in ``lang`` where it is written:
        the pack's own quote when it cites another document than the rule's documentation."""
        if self.quote is not None:
            return self.quote.get(lang) or next(iter(self.quote.values()), "")
        zh, en = self.doc.get("policy_zh", ""), self.doc.get("policy_en", "")
        return (zh or en) if lang == "zh" else (en or zh)

    def clause_in(self, lang: Lang) -> str:
        """The clause in ``lang`` (the other language's where none is written)."""
        return self.clause.get(lang) or next(iter(self.clause.values()), "")


class PackReport(_Frozen):
    """The policy pack in force, every rule resolved."""

    name: str
    version: str
    description: str
    file: str | None
    academic_year_start: tuple[int, int]
    rules: dict[str, RuleInfo]
    """Every registered rule, in id order."""
    documents: tuple[BasisDocument, ...] = ()
    """The basis documents its enabled rules rest on (``RuleInfo.basis``), each once, in the
    order the pack lists them: the pack's 检查依据."""

    def document(self, basis: str) -> BasisDocument | None:
        """The basis document of id ``basis`` ("" or an id not listed: None)."""
        return next((d for d in self.documents if d.id == basis), None) if basis else None


class Jurisdiction(_Frozen):
    """One entry of ``--rules by-jurisdiction``'s table: a jurisdiction prefix, the name of
    the pack that judges the groups it starts, and where that was said."""

    prefix: str
    pack: str
    named_by: str


class RunSettings(_Frozen):
    """What the run was asked (how it was run, ``--jobs``, is not: it changes nothing)."""

    as_of: str
    lang: Lang
    use_waivers: bool
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    baseline: bool
    """A baseline was given: findings in it are marked known."""


class GroupResult(_Frozen):
    id: str
    name: str | None
    file: str
    status: Literal["pass", "fail"]
    rules: dict[str, RuleStatus]
    pack: str = ""
    """The name of the policy pack that judged the group (``--rules by-jurisdiction`` picks
    one per group; otherwise every group's is the run's)."""
    # Not part of the JSON contract: what the reporters read of a group.
    folder: str = Field(default="", exclude=True)
    loaded: bool = Field(default=True, exclude=True)
    """The charter loaded (a group that did not is reported, never judged)."""
    model: str | None = Field(default=None, exclude=True)
    """The charter's ``model`` (tight, alliance, …), None when it did not load."""
    members: int | None = Field(default=None, exclude=True)
    """Member schools current on the as-of date, None when the charter did not load."""
    findings: tuple[int, ...] = Field(default=(), exclude=True)
    """This group's findings, as indexes into ``Report.findings`` (each finding of a group is
    attributed to exactly one of the folders that share its id)."""
    errors: int = Field(default=0, exclude=True)
    warnings: int = Field(default=0, exclude=True)
    waived: int = Field(default=0, exclude=True)
    figures: dict[str, tuple[Figure, ...]] = Field(default_factory=dict, exclude=True)
    """Per rule, the figures it measured, one per year, in year order."""
    skipped: dict[str, SkipReason] = Field(default_factory=dict, exclude=True)
    """Why a rule the pack enables is ``skip`` for this group (not in the JSON contract, whose
    ``rules`` says ``"skip"``): ``logs_unread`` when a rotation log could not be read,
    ``not_established`` for every policy rule when ``established`` is after the as-of date."""


class Report(_Frozen):
    tool: ToolInfo
    as_of: str
    summary: Summary
    findings: list[Finding]
    groups: list[GroupResult]
    # Not part of the JSON contract.
    settings: RunSettings = Field(exclude=True)
    pack: PackReport = Field(exclude=True)
    """The run's pack (under ``--rules by-jurisdiction``, the one for unmatched groups)."""
    packs: dict[str, PackReport] = Field(default_factory=dict, exclude=True)
    """Every pack that judged a group, by name (with the run's own)."""
    jurisdictions: tuple[Jurisdiction, ...] = Field(default=(), exclude=True)
    """``--rules by-jurisdiction``'s table, longest prefix first; empty otherwise."""

    def pack_of(self, group: GroupResult) -> PackReport:
        """The pack that judged ``group``."""
        return self.packs.get(group.pack, self.pack)

    def packs_in_use(self) -> list[str]:
        """The names of the packs that judged the groups, in name order."""
        return sorted({g.pack for g in self.groups} or {self.pack.name})

    def crashed(self) -> bool:
        """Whether a rule raised in this run (a GC000 finding): the run exits 2."""
        return any(f.rule == INTERNAL_ERROR for f in self.findings)

    def failed(self, fail_on: Severity = Severity.ERROR) -> bool:
        """Whether a finding at or above ``fail_on`` stands (unwaived, not in the baseline)."""
        return any(
            not f.waived and not f.known and f.severity.rank >= fail_on.rank for f in self.findings
        )

    def findings_of(self, group: GroupResult) -> list[Finding]:
        """The findings of ``group`` (its own: see ``GroupResult.findings``)."""
        return [self.findings[i] for i in group.findings]

    @property
    def rules(self) -> dict[str, RuleInfo]:
        """Every rule of the run, in id order."""
        return self.pack.rules

    def shown_rules(self) -> list[RuleInfo]:
        """The rules the pack enables and ``--select``/``--ignore`` keep, in id order."""
        return [info for info in self.rules.values() if info.shown]

    def rule(self, rule_id: str) -> RuleInfo | None:
        return self.rules.get(rule_id)


def summary_of(findings: Sequence[Finding], groups: int, files: int) -> Summary:
    """The summary of a report holding ``findings``: standing ones (not waived, not known)
    counted by severity, the waived, and the known (in the baseline, not waived)."""
    errors = warnings = waived = known = 0
    for f in findings:
        if f.waived:
            waived += 1
        elif f.known:
            known += 1
        elif f.severity is Severity.ERROR:
            errors += 1
        elif f.severity is Severity.WARNING:
            warnings += 1
    return Summary(
        groups=groups, files=files, errors=errors, warnings=warnings, waived=waived, known=known
    )


def folder_of_file(file: str) -> str:
    """The group folder a file of the run lies in, absolute: its folder, or the folder above
    when that is a ``rotations/`` folder (a log of the group, or a file misnamed as one)."""
    folder = os.path.dirname(os.path.abspath(file))
    return os.path.dirname(folder) if os.path.basename(folder) == "rotations" else folder


def restricted(report: Report, folders: frozenset[str], files: int) -> Report:
    """``report`` cut down to the groups whose folders (absolute) are ``folders``: their
    results and findings, and the findings of no group about a file in one of those folders
    (a misnamed log), with the summary counted again over them (``files``: their files).

    What ``validate --changed`` reports (issue 17, item 3): the whole run is judged, the
    cross-group rules over every group, and only the groups a commit touched are shown. A
    finding of a cross-group rule lands on every group involved, so a change that breaks one
    shows on the group changed."""
    groups = [g for g in report.groups if os.path.abspath(g.folder or ".") in folders]
    owned = {i for g in report.groups for i in g.findings}
    mine = {i for g in groups for i in g.findings}
    kept = [
        i
        for i, f in enumerate(report.findings)
        if i in mine
        or (i not in owned and f.file is not None and folder_of_file(f.file) in folders)
    ]
    position = {old: new for new, old in enumerate(kept)}
    findings = [report.findings[i] for i in kept]
    results = [
        g.model_copy(update={"findings": tuple(position[i] for i in g.findings)}) for g in groups
    ]
    return report.model_copy(
        update={
            "summary": summary_of(findings, len(results), files),
            "findings": findings,
            "groups": results,
            "packs": {
                name: pack
                for name, pack in report.packs.items()
                if name == report.pack.name or any(g.pack == name for g in results)
            },
        }
    )


@dataclass(frozen=True)
class SchoolRecord:
    """One school of a group as the printout's school list shows it."""

    id: str
    name: str
    kind: Literal["core", "member", "collaborator"]
    relation: str | None = None
    """A member's ``relation`` (the vocabulary's key), None when the charter gives none."""
    joined: dt.date | None = None
    """The core school: the group's establishment; a member: ``joined``, else establishment."""
    left: dt.date | None = None
    state: Literal["current", "not_yet", "left"] = "current"
    """On the as-of date."""


@dataclass(frozen=True)
class WaiverRecord:
    """One waiver of the charter, with its approval and validity on the as-of date."""

    rule: str
    year: str | None
    """The year it waives (``2023-2024``, ``2024``), None for every year."""
    reason: str
    approved_by: str | None
    document_no: str | None
    expires: dt.date | None
    expired: bool


@dataclass(frozen=True)
class ExchangeRecord:
    """One exchange of the group's rotation logs, its schools by the name that finds them
    again in the register (``models.SchoolIndex.unique_name``), else by id."""

    person: str
    staff_no: str | None
    role: str
    """The vocabulary's key (``vocabulary.ROLE``)."""
    backbone: bool
    source: str
    """派出学校."""
    destination: str
    """接收学校."""
    start: dt.date
    end: dt.date
    file: str


@dataclass(frozen=True)
class GroupRecord:
    """What the printed report and the export show of a loaded group beyond its findings and
    figures: its identity, schools, waivers and exchanges, as plain immutable data.

    The engine builds it from the loaded charter (``RunResult.records``) when a reporter first
    asks: ``validate`` never does, so it costs a run nothing. Not part of the JSON report.
    """

    id: str
    name: str
    file: str
    folder: str
    jurisdiction: str
    model: str
    level: str | None
    established: dt.date
    core_school: str
    core_teachers: int | None
    members_current: int
    """Member schools current on the as-of date."""
    council_chair: str | None = None
    council_filed_with: str | None = None
    council_filed_on: dt.date | None = None
    approved_by: str | None = None
    approval_no: str | None = None
    approved_on: dt.date | None = None
    log_files: tuple[str, ...] = ()
    unread_logs: tuple[str, ...] = ()
    schools: tuple[SchoolRecord, ...] = ()
    waivers: tuple[WaiverRecord, ...] = ()
    exchanges: tuple[ExchangeRecord, ...] = ()
    measured: Mapping[str, tuple[Figure, ...]] = field(default_factory=dict)
    """The figures of the yearly rules that recorded none for this group in the run (a rule
    the pack turns off, one skipped for an unread log, a year the rule shows but does not
    judge), measured by the same rule functions for the printed evidence and the year matrix
    only, with each year's verdict from the group's findings (``skip`` where the rule made
    none)."""

    def figures_of(self, group: GroupResult, rule_id: str) -> tuple[Figure, ...]:
        """The rule's figures for this group: what the run recorded, else what was measured
        for the printout."""
        return group.figures.get(rule_id) or self.measured.get(rule_id, ())


class HasRecords(Protocol):
    """A run result that carries its groups' records (``engine.RunResult``): what the printed
    report and the export read."""

    @property
    def report(self) -> Report: ...

    @property
    def records(self) -> Mapping[str, GroupRecord]:
        """Charter file → the loaded group's record."""
        ...


class HasReport(Protocol):
    """Anything that carries a report (``engine.RunResult``): what ``report_of`` accepts."""

    @property
    def report(self) -> Report: ...


Reportable = Report | HasReport
"""What a reporter accepts: the report, or a run result that holds it."""


def report_of(result: Reportable) -> Report:
    """The report itself, given a report or a run result holding one."""
    return result if isinstance(result, Report) else result.report

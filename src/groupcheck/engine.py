"""The rule registry and the run: loaded groups → findings → a report.

A rule is a small generator function registered with ``@rule``; its numbers are a ``Params``
model whose defaults are the policy's, and which a policy pack may override. Group rules see
one group at a time; run rules (cross-group, GC4xx) see every group in the run at once.

After the rules, the engine applies waivers, then locates findings lazily: a rule names the
file and YAML path at fault, and only files that have findings are re-read for line numbers,
so the happy path never pays for positions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from groupcheck import messages, yamlsource
from groupcheck.findings import Finding, Severity, YamlPath
from groupcheck.messages import Lang
from groupcheck.models import Group

TOOL_NAME = "groupcheck"

Scope = Literal["group", "run"]
Yearly = Literal["academic", "calendar"] | None
RuleStatus = Literal["pass", "fail", "waived", "skip"]
SkipReason = Literal["logs_unread"]
"""Why a rule that is on made no verdict for a group (``ui.skip_reason.<reason>``)."""

FAMILIES: dict[str, str] = {
    "GC0": "load",
    "GC1": "governance",
    "GC2": "exchanges",
    "GC3": "funding",
    "GC4": "crossgroup",
    "GC5": "waivers",
}


def family_of(rule_id: str) -> str:
    return FAMILIES.get(rule_id[:3], "other")


class Params(BaseModel):
    """A rule's parameters; subclasses declare typed fields whose defaults are the policy's."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class RuleDoc:
    """A rule's documentation, in the fixed sections `explain` and docs/rules.md print."""

    summary: str = ""
    summary_zh: str = ""
    what: str = ""
    why: str = ""
    policy_zh: str = ""
    policy_en: str = ""
    source: str = ""
    how: str = ""
    passes: str = ""
    fails: str = ""


GroupCheck = Callable[[Group, "RuleContext", Any], Iterable[Finding]]
RunCheck = Callable[[Sequence[Group], "RuleContext", Any], Iterable[Finding]]


@dataclass(frozen=True)
class RuleSpec:
    id: str
    name: str
    family: str
    severity: Severity
    params: type[Params]
    doc: RuleDoc
    check: GroupCheck | RunCheck | None = None
    scope: Scope = "group"
    yearly: Yearly = None
    enabled: bool = True
    waivable: bool = True
    reads_logs: bool = False
    """Judges the rotation logs: no verdict for a group one of whose logs could not be read."""
    across: RunCheck | None = None
    """A group rule's part that compares groups (GC204: one staff number in two groups' logs),
    run once over every group of the run, as run-scope rules are."""


REGISTRY: dict[str, RuleSpec] = {}


def register(spec: RuleSpec) -> RuleSpec:
    if spec.id in REGISTRY:
        raise ValueError(f"rule {spec.id} registered twice")
    if any(existing.name == spec.name for existing in REGISTRY.values()):
        raise ValueError(f"rule name {spec.name} registered twice")
    REGISTRY[spec.id] = spec
    return spec


def rule(
    rule_id: str,
    name: str,
    *,
    params: type[Params] = Params,
    severity: Severity = Severity.ERROR,
    scope: Scope = "group",
    yearly: Yearly = None,
    enabled: bool = True,
    waivable: bool = True,
    reads_logs: bool = False,
    across: RunCheck | None = None,
    doc: RuleDoc | None = None,
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Register a rule function; its docstring is the rule's summary unless ``doc`` says more."""

    def decorate(func: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        the_doc = doc or RuleDoc()
        if not the_doc.summary and func.__doc__:
            the_doc = RuleDoc(**{**the_doc.__dict__, "summary": func.__doc__.strip()})
        register(
            RuleSpec(
                id=rule_id,
                name=name,
                family=family_of(rule_id),
                severity=severity,
                params=params,
                doc=the_doc,
                check=func,
                scope=scope,
                yearly=yearly,
                enabled=enabled,
                waivable=waivable,
                reads_logs=reads_logs,
                across=across,
            )
        )
        return func

    return decorate


def registry() -> dict[str, RuleSpec]:
    """Every rule, loader rules included, in id order (importing the checks registers them)."""
    import groupcheck.checks  # noqa: F401  (registers the rule modules)

    return dict(sorted(REGISTRY.items()))


# ---------------------------------------------------------------------------------------------
# Settings of one run for one rule, as a policy pack gives them.


@dataclass(frozen=True)
class RuleSetting:
    enabled: bool
    severity: Severity
    params: Params
    waivable: bool = True
    source: str = ""
    """What the pack cites for this rule's numbers (seed file, clause, quote); "" = the rule's."""


@dataclass(frozen=True)
class PackInfo:
    """What a report says about the policy pack in force."""

    name: str
    version: str
    description: str
    file: str | None
    academic_year_start: tuple[int, int] = (9, 1)
    rules: dict[str, RuleSetting] = field(default_factory=dict)

    def setting(self, spec: RuleSpec) -> RuleSetting:
        found = self.rules.get(spec.id)
        if found is not None:
            return found
        return RuleSetting(spec.enabled, spec.severity, spec.params(), spec.waivable)


def builtin_pack() -> PackInfo:
    """The registry's own defaults: what a run uses when no pack file is given."""
    return PackInfo(
        name="builtin",
        version="1",
        description="The defaults of groupcheck's rule registry",
        file=None,
    )


# ---------------------------------------------------------------------------------------------
# Making findings


def make_finding(
    rule_id: str,
    *,
    lang: Lang,
    key: str,
    group: str | None = None,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    year: str | None = None,
    yaml_path: YamlPath = (),
    severity: Severity | None = None,
    args: dict[str, Any] | None = None,
) -> Finding:
    spec = REGISTRY.get(rule_id) or registry()[rule_id]
    the_args = dict(args or {})
    return Finding(
        rule=rule_id,
        name=spec.name,
        severity=severity or spec.severity,
        group=group,
        file=file,
        line=line,
        column=column,
        year=year,
        message=messages.text(f"{rule_id}.{key}", lang, **the_args),
        yaml_path=yaml_path,
        key=key,
        args=the_args,
    )


class RuleContext:
    """What a rule sees of the run: the date, the pack's settings, and how to make a finding."""

    def __init__(
        self,
        run: Run,
        spec: RuleSpec,
        setting: RuleSetting,
        findings: Sequence[Finding] = (),
    ) -> None:
        self.run = run
        self.spec = spec
        self.setting = setting
        self.findings = findings
        """The findings of every other rule, waivers applied: given to the GC5xx rules only."""
        self._by_group: dict[str, list[Finding]] | None = None

    def findings_of(self, group_id: str) -> list[Finding]:
        """The findings so far about ``group_id`` (indexed once per rule, so lookups are O(1))."""
        if self._by_group is None:
            self._by_group = defaultdict(list)
            for finding in self.findings:
                if finding.group is not None:
                    self._by_group[finding.group].append(finding)
        return self._by_group.get(group_id, [])

    def setting_of(self, rule_id: str) -> RuleSetting | None:
        """The pack's setting of another rule, or None for an id no rule has."""
        spec = REGISTRY.get(rule_id)
        return None if spec is None else self.run.pack.setting(spec)

    @property
    def as_of(self) -> dt.date:
        return self.run.as_of

    @property
    def lang(self) -> Lang:
        return self.run.lang

    @property
    def pack(self) -> PackInfo:
        return self.run.pack

    def finding(
        self,
        group: Group | None,
        *,
        key: str,
        at: tuple[str, YamlPath] | None = None,
        year: str | int | None = None,
        **args: Any,
    ) -> Finding:
        """A finding of this rule about ``group``, pointing at ``at`` = (file, YAML path)."""
        file, path = at if at is not None else (group.charter_file if group else None, ())
        return make_finding(
            self.spec.id,
            lang=self.run.lang,
            key=key,
            group=group.id if group is not None else None,
            file=file,
            year=None if year is None else str(year),
            yaml_path=path,
            severity=self.setting.severity,
            args=args,
        )


@dataclass
class Run:
    as_of: dt.date
    lang: Lang = "en"
    pack: PackInfo = field(default_factory=builtin_pack)
    use_waivers: bool = True
    select: tuple[str, ...] = ()
    """Rule ids or prefixes (``GC2``) to report; empty = every rule the pack enables."""
    ignore: tuple[str, ...] = ()
    """Rule ids or prefixes not to report."""
    baseline: frozenset[str] | None = None
    """Fingerprints of known findings (``--baseline``): listed as known, failing nothing."""

    def selects(self, rule_id: str) -> bool:
        """Whether ``--select``/``--ignore`` keep ``rule_id`` (the pack decides the rest).

        As in ruff, the more specific selector wins (``--select GC2 --ignore GC201`` drops
        GC201; ``--select GC201 --ignore GC2`` keeps it), and ``--ignore`` wins a tie. The
        load rules (GC0xx) stay on under any ``--select`` unless ignored by name or prefix: a
        file that cannot be read never passes silently.
        """
        chosen = _longest_match(rule_id, self.select)
        if not self.select or (chosen < 0 and rule_id.startswith("GC0")):
            chosen = 0
        dropped = _longest_match(rule_id, self.ignore)
        return chosen >= 0 and dropped < chosen


def _longest_match(rule_id: str, selectors: Sequence[str]) -> int:
    """The length of the longest selector that ``rule_id`` starts with, or -1."""
    return max((len(s) for s in selectors if rule_id.startswith(s)), default=-1)


# ---------------------------------------------------------------------------------------------
# The report (its JSON dump is the contract documented in README.md)


class ToolInfo(BaseModel):
    name: str
    version: str


class Summary(BaseModel):
    groups: int
    files: int
    errors: int
    warnings: int
    waived: int


class GroupResult(BaseModel):
    id: str
    name: str | None
    file: str
    status: Literal["pass", "fail"]
    rules: dict[str, RuleStatus]
    skipped: dict[str, SkipReason] = Field(default_factory=dict, exclude=True)
    """Why a rule the pack enables is ``skip`` for this group (not in the JSON contract, whose
    ``rules`` says ``"skip"``): ``logs_unread`` when a rotation log could not be read."""


class Report(BaseModel):
    tool: ToolInfo
    as_of: str
    summary: Summary
    findings: list[Finding]
    groups: list[GroupResult]

    def failed(self, fail_on: Severity = Severity.ERROR) -> bool:
        """Whether a finding at or above ``fail_on`` stands (unwaived, not in the baseline)."""
        return any(
            not f.waived and not f.known and f.severity.rank >= fail_on.rank for f in self.findings
        )


@dataclass(frozen=True)
class UnloadedGroup:
    """A group folder whose charter could not be loaded: it is reported, never judged."""

    id: str
    name: str | None
    folder: str
    charter_file: str


@dataclass
class Loaded:
    """What loading gives the engine: the groups that loaded, those that did not, and findings."""

    groups: list[Group]
    unloaded: list[UnloadedGroup]
    findings: list[Finding]
    files: int


@dataclass
class RunResult:
    """A finished run: the report plus what reporters need beyond the JSON contract."""

    report: Report
    run: Run
    groups: list[Group]
    unloaded: list[UnloadedGroup]
    rules: dict[str, RuleSpec]


def check(
    loaded: Loaded,
    run: Run,
    version: str,
    *,
    checked: Sequence[Finding] | None = None,
    positions_of: PositionsOf | None = None,
) -> RunResult:
    """Apply every enabled rule of the run's pack to the loaded groups.

    ``checked``: the findings of the group-scope policy rules, when they were computed
    elsewhere by ``check_groups`` (``groupcheck.parallel`` runs them in worker processes); those
    rules are then not run again here. ``positions_of``: how to read the position tables of
    the files whose findings need a line (see ``_locate_all``). Everything else (run-scope
    rules, waivers, the waiver rules, the report) needs every group at once and is done here
    either way.
    """
    specs = registry()
    findings = list(loaded.findings)
    # Two phases: the policy rules, then waivers applied, then the waiver rules (GC5xx), which
    # judge the waivers against the findings of the first phase ("unused" = matches none).
    for phase in ("policy", "waivers"):
        prior: Sequence[Finding] = tuple(findings) if phase == "waivers" else ()
        group_rules: list[_BoundRule] = []
        for spec, context in _phase_rules(run, specs, phase, prior):
            if spec.scope == "run":
                findings.extend(spec.check(loaded.groups, context, context.setting.params))  # type: ignore[arg-type, misc]
            else:
                group_rules.append((spec, context))
            if spec.across is not None:
                findings.extend(spec.across(loaded.groups, context, context.setting.params))
        if phase == "policy" and checked is not None:
            findings.extend(checked)
        else:
            findings.extend(_run_group_rules(loaded.groups, group_rules))
        if phase == "policy":
            findings = apply_waivers(findings, loaded.groups, run, specs)
    findings = _narrowed(sorted(_locate_all(findings, positions_of), key=Finding.sort_key), run)
    report = _report(findings, loaded, run, specs, version)
    return RunResult(report, run, loaded.groups, loaded.unloaded, specs)


_BoundRule = tuple[RuleSpec, RuleContext]


def _phase_rules(
    run: Run, specs: dict[str, RuleSpec], phase: str, prior: Sequence[Finding]
) -> Iterator[_BoundRule]:
    """The enabled rules of ``phase`` ("policy" or "waivers"), each with its context."""
    for spec in specs.values():
        if spec.check is None or (spec.family == "waivers") != (phase == "waivers"):
            continue
        setting = run.pack.setting(spec)
        if setting.enabled:
            yield spec, RuleContext(run, spec, setting, prior)


def _run_group_rules(groups: Sequence[Group], rules: Sequence[_BoundRule]) -> list[Finding]:
    """Group by group, each group's rules together (they share its ``evidence``)."""
    found: list[Finding] = []
    for group in groups:
        for spec, context in rules:
            if spec.reads_logs and group.unread_logs:
                continue  # incomplete data is not a failure (issue 14, 11): the verdict is skip
            found.extend(spec.check(group, context, context.setting.params))  # type: ignore[arg-type, misc]
    return found


def check_groups(groups: Sequence[Group], run: Run) -> list[Finding]:
    """The group-scope policy rules over ``groups``, located: a worker's share of a run.

    What ``check(..., checked=...)`` expects; the result does not depend on how the groups of
    a run are split, since each of these rules sees one group at a time.
    """
    rules = [
        (spec, context)
        for spec, context in _phase_rules(run, registry(), "policy", ())
        if spec.scope != "run"
    ]
    return locate(_run_group_rules(groups, rules))


def locate(findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` with line and column filled in from their YAML paths (files re-read once)."""
    return _locate_all(findings)


def _narrowed(findings: list[Finding], run: Run) -> list[Finding]:
    """The findings ``--select``/``--ignore`` keep, those in the baseline marked known.

    Filtered after the rules ran, not by switching rules off: the waiver rules (GC5xx) must
    still see every finding a waiver covers, or a waiver would read as unused.
    """
    if run.select or run.ignore:
        findings = [f for f in findings if run.selects(f.rule)]
    if run.baseline is not None:
        findings = mark_known(findings, run.baseline)
    return findings


def narrow(
    result: RunResult,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    baseline: frozenset[str] | None = None,
) -> RunResult:
    """A finished run with ``select``/``ignore``/``baseline`` applied, its report rebuilt.

    For a run made without them (a caller that built its own ``Run``): the same report as a
    run made with them. Applying them twice changes nothing.
    """
    from dataclasses import replace

    run = replace(
        result.run,
        select=tuple(select) or result.run.select,
        ignore=tuple(ignore) or result.run.ignore,
        baseline=baseline if baseline is not None else result.run.baseline,
    )
    findings = _narrowed(list(result.report.findings), run)
    loaded = Loaded(result.groups, result.unloaded, [], result.report.summary.files)
    report = _report(findings, loaded, run, result.rules, result.report.tool.version)
    return RunResult(report, run, result.groups, result.unloaded, result.rules)


def mark_known(findings: Sequence[Finding], baseline: frozenset[str]) -> list[Finding]:
    """``findings`` with those whose fingerprint is in ``baseline`` marked ``known``."""
    from groupcheck.baseline import fingerprints

    return [
        finding.model_copy(update={"known": True}) if print_ in baseline else finding
        for finding, print_ in zip(findings, fingerprints(findings), strict=True)
    ]


def waiver_matches(waiver_rule: str, waiver_year: str | None, finding: Finding) -> bool:
    return waiver_rule == finding.rule and (waiver_year is None or waiver_year == finding.year)


def apply_waivers(
    findings: list[Finding], groups: Sequence[Group], run: Run, specs: dict[str, RuleSpec]
) -> list[Finding]:
    """Mark the findings a current waiver covers as waived (never with ``--no-waivers``).

    A waiver past its ``expires`` date covers nothing: the finding stands (and GC501 says why).
    """
    if not run.use_waivers:
        return findings
    by_group = {g.id: g for g in groups}
    result: list[Finding] = []
    for finding in findings:
        group = by_group.get(finding.group or "")
        spec = specs.get(finding.rule)
        if group is None or spec is None or finding.waived:
            result.append(finding)
            continue
        if not run.pack.setting(spec).waivable:
            result.append(finding)
            continue
        waiver = next(
            (
                w
                for w in group.charter.waivers
                if waiver_matches(w.rule, w.year_label, finding)
                and (w.expires is None or w.expires >= run.as_of)
            ),
            None,
        )
        if waiver is None:
            result.append(finding)
        else:
            result.append(
                finding.model_copy(update={"waived": True, "waiver_reason": waiver.reason})
            )
    return result


PositionTable = dict[YamlPath, yamlsource.Position]
PositionsOf = Callable[[Sequence[str]], Iterable[PositionTable | None]]
"""Files → their position tables, in order (``None`` for a file that cannot be parsed)."""


def _locate_all(
    findings: Iterable[Finding], positions_of: PositionsOf | None = None
) -> list[Finding]:
    """Fill in line and column from the YAML path, re-reading only files that need it.

    ``positions_of`` reads the files that need it (``groupcheck.parallel`` passes one that
    spreads them over its workers); by default they are read here, one after another.
    """
    findings = list(findings)
    files = sorted({f.file for f in findings if f.line is None and f.file is not None})
    if not files:
        return findings
    reader = positions_of if positions_of is not None else _positions_serially
    tables = dict(zip(files, reader(files), strict=True))
    located: list[Finding] = []
    for finding in findings:
        table = tables.get(finding.file) if finding.line is None and finding.file else None
        found = yamlsource.locate(table, finding.yaml_path) if table else None
        if found is None:
            located.append(finding)
        else:
            located.append(finding.model_copy(update={"line": found[0], "column": found[1]}))
    return located


def _positions_serially(files: Sequence[str]) -> list[PositionTable | None]:
    return [read_positions(file) for file in files]


def read_positions(file: str) -> PositionTable | None:
    """The position table of ``file``, or ``None`` when it cannot be read and parsed."""
    try:
        return yamlsource.load(file, with_positions=True).positions
    except yamlsource.SourceProblem:
        return None


def _report(
    findings: list[Finding],
    loaded: Loaded,
    run: Run,
    specs: dict[str, RuleSpec],
    version: str,
) -> Report:
    by_group: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.group is not None:
            by_group[finding.group].append(finding)
    # Which rules a group skips depends on the run alone (and on whether the group loaded):
    # worked out once here, not once per group of a nation-sized run.
    skipped = {
        is_loaded: frozenset(
            spec.id
            for spec in specs.values()
            if (spec.check is not None and (not run.pack.setting(spec).enabled or not is_loaded))
            or not run.selects(spec.id)
        )
        for is_loaded in (True, False)
    }
    rule_ids = list(specs)
    reading_logs = frozenset(spec.id for spec in specs.values() if spec.reads_logs) - skipped[True]
    results: list[GroupResult] = []
    for group in loaded.groups:
        unread: dict[str, SkipReason] = (
            dict.fromkeys(sorted(reading_logs), "logs_unread") if group.unread_logs else {}
        )
        results.append(
            _group_result(
                group.id,
                group.charter.name,
                group.charter_file,
                by_group,
                rule_ids,
                skipped[True] | frozenset(unread),
                unread,
            )
        )
    for unloaded in loaded.unloaded:
        results.append(
            _group_result(
                unloaded.id,
                unloaded.name,
                unloaded.charter_file,
                by_group,
                rule_ids,
                skipped[False],
            )
        )
    results.sort(key=lambda r: (r.id, r.file))
    standing = [f for f in findings if not f.waived and not f.known]
    summary = Summary(
        groups=len(results),
        files=loaded.files,
        errors=sum(1 for f in standing if f.severity is Severity.ERROR),
        warnings=sum(1 for f in standing if f.severity is Severity.WARNING),
        waived=sum(1 for f in findings if f.waived),
    )
    return Report(
        tool=ToolInfo(name=TOOL_NAME, version=version),
        as_of=run.as_of.isoformat(),
        summary=summary,
        findings=findings,
        groups=results,
    )


def _group_result(
    group_id: str,
    name: str | None,
    file: str,
    by_group: dict[str, list[Finding]],
    rule_ids: list[str],
    skipped: frozenset[str],
    reasons: dict[str, SkipReason] | None = None,
) -> GroupResult:
    mine = [f for f in by_group.get(group_id, []) if f.file is None or _same_group_file(f, file)]
    # Per rule: None = no finding, True = only waived ones, False = one stands.
    outcome: dict[str, bool] = {}
    for f in mine:
        if f.severity is not Severity.INFO:
            outcome[f.rule] = outcome.get(f.rule, True) and f.waived
    rules: dict[str, RuleStatus] = {}
    for rule_id in rule_ids:
        if rule_id in skipped:
            rules[rule_id] = "skip"
        elif rule_id not in outcome:
            rules[rule_id] = "pass"
        else:
            rules[rule_id] = "waived" if outcome[rule_id] else "fail"
    failed = any(not f.waived and not f.known and f.severity is Severity.ERROR for f in mine)
    return GroupResult(
        id=group_id,
        name=name,
        file=file,
        status="fail" if failed else "pass",
        rules=rules,
        skipped=reasons or {},
    )


def _same_group_file(finding: Finding, charter_file: str) -> bool:
    """Findings of a group id that two folders share (GC402) stay with the folder they name."""
    folder = charter_file.rsplit("/", 1)[0] if "/" in charter_file else ""
    return (
        finding.file is None
        or not folder
        or finding.file.startswith(folder + "/")
        or (finding.file == charter_file)
    )

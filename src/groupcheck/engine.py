"""The run: loaded groups → rules → findings, waivers, select/ignore/baseline → the report.

The rule API (``Params``, ``@rule``, ``RuleContext``, the pack settings) is in
``groupcheck.registry``, below the rules; this module sits above them, and ``registry()``
imports them (which registers every rule). The report it builds is ``groupcheck.report``.

After the rules, the engine applies waivers, then locates findings lazily: a rule names the
file and YAML path at fault, and only files that have findings are re-read for line numbers,
so the happy path never pays for positions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from groupcheck import registry as rules_api
from groupcheck import yamlsource
from groupcheck.errors import INTERNAL_ERROR
from groupcheck.findings import Finding, Severity, YamlPath
from groupcheck.messages import Lang
from groupcheck.models import Group
from groupcheck.records import record_of
from groupcheck.registry import (
    REGISTRY,
    GroupCheck,
    PackInfo,
    Params,
    RuleContext,
    RuleDoc,
    RuleSetting,
    RuleSpec,
    Run,
    RunCheck,
    builtin_pack,
    family_of,
    register,
    rule,
    waiver_matches,
)
from groupcheck.report import (
    FAMILIES,
    Figure,
    GroupRecord,
    GroupResult,
    Jurisdiction,
    PackReport,
    Report,
    RuleInfo,
    RuleStatus,
    RunSettings,
    SkipReason,
    ToolInfo,
    folder_of_file,
    restricted,
    summary_of,
)

__all__ = [
    "FAMILIES",
    "REGISTRY",
    "GroupCheck",
    "GroupResult",
    "Loaded",
    "PackInfo",
    "Params",
    "Report",
    "RuleContext",
    "RuleDoc",
    "RuleSetting",
    "RuleSpec",
    "Run",
    "RunCheck",
    "RunResult",
    "UnloadedGroup",
    "builtin_pack",
    "check",
    "check_groups",
    "family_of",
    "locate",
    "make_finding",
    "register",
    "registry",
    "rule",
    "waiver_matches",
]

TOOL_NAME = "groupcheck"


def make_finding(rule_id: str, **fields: Any) -> Finding:
    """A finding of ``rule_id`` (``registry.make_finding``), the rules registered first: the
    loader makes GC0xx findings before any rule has run."""
    if rule_id not in REGISTRY:
        registry()
    return rules_api.make_finding(rule_id, **fields)


def registry() -> dict[str, RuleSpec]:
    """Every rule, loader rules included, in id order (importing the checks registers them)."""
    import groupcheck.checks  # noqa: F401  (registers the rule modules)

    return dict(sorted(REGISTRY.items()))


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


@dataclass(frozen=True)
class RunResult:
    """A finished run: the report, and for library callers the loaded models behind it.

    Two results are equal when their reports are: ``groups`` (in a parallel run, charters
    trimmed to ``parallel.PARENT_FIELDS``) and the rest are how the run was made, not what it
    found, so ``--jobs 1`` and ``--jobs N`` give equal results.
    """

    report: Report
    run: Run = field(compare=False)
    groups: list[Group] = field(compare=False)
    unloaded: list[UnloadedGroup] = field(compare=False)
    rules: dict[str, RuleSpec] = field(compare=False)

    @functools.cached_property
    def records(self) -> dict[str, GroupRecord]:
        """Charter file → the record of each loaded group (``report.GroupRecord``): what the
        printed report and the export show of a group beyond its findings and figures.

        Built from ``groups`` when first asked, never by ``validate``; in a parallel run the
        charters are trimmed (``parallel.PARENT_FIELDS``), so a caller that prints runs with
        ``jobs=1`` (as ``report`` and ``export`` do).
        """
        return group_records(self.report, self.groups, self.run, self.rules)


def check(
    loaded: Loaded,
    run: Run,
    version: str,
    *,
    checked: Sequence[Finding] | None = None,
    figures: Figures | None = None,
    positions_of: PositionsOf | None = None,
    across: AcrossMemo | None = None,
    report_on: ReportOn | None = None,
) -> RunResult:
    """Apply every enabled rule of the run's pack to the loaded groups.

    ``checked``: the findings of the group-scope policy rules, when they were computed
    elsewhere by ``check_groups`` (``groupcheck.parallel`` runs them in worker processes); those
    rules are then not run again here. ``positions_of``: how to read the position tables of
    the files whose findings need a line (see ``_locate_all``). ``across``: the findings of
    run-scope passes kept from an earlier run over the same groups' run-scope inputs
    (``groupcheck.cache``), taken instead of running them. Everything else (run-scope
    rules, waivers, the waiver rules, the report) needs every group at once and is done here
    either way.

    ``report_on``: the report covers only some groups (``report.restricted``); ``loaded``
    may then hold only those, with ``report_on.every_group`` giving every group of the run
    for a run-scope pass that ``across`` does not keep.
    """
    specs = registry()
    findings = list(loaded.findings)
    findings += [not_established(g, run) for g in loaded.groups if g.established_after(run.as_of)]
    # A group not yet established on the as-of date is judged by no policy rule: not alone
    # (``_run_group_rules``) and not across groups, where it would count as a group that exists.
    everyone: Sequence[Group] = loaded.groups
    lookup: Callable[[Collection[str]], list[Group]] = _lookup_in(loaded.groups)
    if report_on is not None and report_on.every_group is not None:
        provider = report_on.every_group
        everyone = _Deferred(provider.every)
        lookup = provider.at
    judged = _Deferred(lambda: [g for g in everyone if not g.established_after(run.as_of)])
    shown = _shown_filter(loaded, report_on)
    measured: Figures = dict(figures or {})
    # Two phases: the policy rules, then waivers applied, then the waiver rules (GC5xx), which
    # judge the waivers against the findings of the first phase ("unused" = matches none).
    for phase in ("policy", "waivers"):
        prior: Sequence[Finding] = tuple(findings) if phase == "waivers" else ()
        split = by_pack(loaded.groups, run)
        owner = _owners(split)
        group_rules: list[tuple[list[Group], list[_BoundRule]]] = []
        crashed: set[str] = set()
        passes: list[tuple[tuple[object, ...], list[Finding]]] = []
        for index, (sub, groups) in enumerate(split):
            bound: list[_BoundRule] = []
            for spec, context in _phase_rules(sub, specs, phase, prior):
                if spec.scope != "run":
                    bound.append((spec, context))
                    if spec.across is None:
                        continue
                # A run-scope rule, or a group rule's part across groups (GC204's staff
                # numbers in two groups): over every group, reported on this pack's groups.
                try:
                    found = _across_groups(spec, context, judged, phase, passes, across, lookup)
                    assert found is not None
                    findings.extend(shown(_reported_on(found, sub.pack, owner, index == 0)))
                except Exception as exc:  # contained as GC000, as for group rules
                    if spec.id not in crashed:
                        crashed.add(spec.id)
                        findings.append(internal_error(spec, run.lang, exc, None))
            group_rules.append((groups, bound))
        if phase == "policy" and across is not None:
            _keep_other_packs_passes(everyone, run, specs, judged, passes, across, lookup)
        if phase == "policy" and checked is not None:
            findings.extend(checked)
        else:
            for groups, bound in group_rules:
                found, recorded = _run_group_rules(groups, bound, run.as_of)
                findings.extend(found)
                _merge(measured, recorded)
        if phase == "policy":
            findings = apply_waivers(findings, loaded.groups, run, specs)
    findings = _narrowed(sorted(_locate_all(findings, positions_of), key=Finding.sort_key), run)
    report = _report(findings, loaded, run, specs, version, measured)
    groups, unloaded = loaded.groups, loaded.unloaded
    if report_on is not None:
        report = restricted(report, report_on.folders, report_on.files)
        groups = [g for g in groups if os.path.abspath(g.folder) in report_on.folders]
        unloaded = [u for u in unloaded if os.path.abspath(u.folder) in report_on.folders]
    return RunResult(report, run, groups, unloaded, specs)


class GroupsOfRun(Protocol):
    """Every loaded group of a run that loaded only the groups it reports on, read when asked
    for (``groupcheck.parallel``, from the cache): all of them, for a run-scope pass run over
    every group, or those of some folders, for one brought up to date."""

    def every(self) -> list[Group]:
        """Every loaded group, by folder."""
        ...

    def at(self, folders: Collection[str]) -> list[Group]:
        """The loaded groups of ``folders`` (folders as the walk gives them), by folder."""
        ...


@dataclass(frozen=True)
class ReportOn:
    """The groups a run reports on (``validate --changed``): their folders, absolute, and
    the number of their files; and, when the run loaded only those, every group of the run
    for a run-scope pass to be run over (``groupcheck.parallel``, from the cache)."""

    folders: frozenset[str]
    files: int
    every_group: GroupsOfRun | None = None


def _lookup_in(groups: Sequence[Group]) -> Callable[[Collection[str]], list[Group]]:
    """``GroupsOfRun.at`` over groups at hand."""
    by_folder: dict[str, Group] = {}

    def at(folders: Collection[str]) -> list[Group]:
        if not by_folder:
            by_folder.update((g.folder, g) for g in groups)
        return sorted(
            (by_folder[f] for f in set(folders) if f in by_folder), key=lambda g: g.folder
        )

    return at


class _Deferred(Sequence[Group]):
    """A list of groups worked out when first read: every group of a run that loaded only
    the groups it reports on, decoded from the cache only if a run-scope pass must run."""

    def __init__(self, make: Callable[[], list[Group]]) -> None:
        self._make = make
        self._made: list[Group] | None = None

    @property
    def made(self) -> bool:
        """Whether the list was worked out (a run-scope pass read every group)."""
        return self._made is not None

    def _list(self) -> list[Group]:
        if self._made is None:
            self._made = self._make()
        return self._made

    def __len__(self) -> int:
        return len(self._list())

    def __getitem__(self, index: Any) -> Any:
        return self._list()[index]

    def __iter__(self) -> Iterator[Group]:
        return iter(self._list())


def _keep_other_packs_passes(
    everyone: Sequence[Group],
    run: Run,
    specs: dict[str, RuleSpec],
    judged: _Deferred,
    passes: list[tuple[tuple[object, ...], list[Finding]]],
    across: AcrossMemo,
    lookup: Callable[[Collection[str]], list[Group]],
) -> None:
    """Keep up to date the run-scope passes of the packs of groups a run that reports on some
    did not load (``--rules by-jurisdiction``): the next commit, touching a group of another
    pack, then finds its passes kept instead of reading every group again. A pass is run
    over every group only when the run has read them all anyway; otherwise those kept from
    the last run are brought up to date, and the others left to the run that needs them.
    Their findings are not this run's to report."""
    if not run.jurisdictions or not (judged.made or across.stale):
        return  # nothing to bring up to date: the passes kept stay as they are
    if judged.made:
        packs = [sub.pack for sub, _groups in by_pack(everyone, run)]
    else:
        packs = list({id(p): p for p in (run.pack, *(e.pack for e in run.jurisdictions))}.values())
    for pack in packs:
        sub = run.under(pack)
        for spec, context in _phase_rules(sub, specs, "policy", ()):
            if spec.scope == "run" or spec.across is not None:
                with contextlib.suppress(Exception):  # its own run reports it (GC000)
                    _across_groups(
                        spec, context, judged, "policy", passes, across, lookup, full=judged.made
                    )


def _shown_filter(
    loaded: Loaded, report_on: ReportOn | None
) -> Callable[[list[Finding]], list[Finding]]:
    """What of a run-scope pass a run that loaded only the groups it reports on keeps: the
    findings about those groups or about no group; ``report.restricted`` cuts the rest
    either way, and none of the dropped ones needs locating. Every finding otherwise."""
    if report_on is None or report_on.every_group is None:
        return lambda found: found
    ids = {g.id for g in loaded.groups} | {u.id for u in loaded.unloaded}
    folders = report_on.folders
    return lambda found: [
        f
        for f in found
        if f.group is None
        or f.group in ids
        or (f.file is not None and folder_of_file(f.file) in folders)
    ]


_BoundRule = tuple[RuleSpec, RuleContext]


def _across_groups(
    spec: RuleSpec,
    context: RuleContext,
    judged: Sequence[Group],
    phase: str,
    passes: list[tuple[tuple[object, ...], list[Finding]]],
    memo: AcrossMemo | None,
    lookup: Callable[[Collection[str]], list[Group]],
    *,
    full: bool = True,
) -> list[Finding] | None:
    """A run-scope rule (or a group rule's part across groups) over every judged group.

    Under ``--rules by-jurisdiction`` each pack in use asks for its own pass over every group;
    a pass under the same setting (severity, parameters, academic year) as an earlier pack's
    gives the same findings, so that pass is reused instead of run again (``passes``): with
    eight packs, GC204's staff-number index over 40,000 groups was built eight times. The
    waiver rules (their phase) read other rules' settings and are always run.

    ``memo`` keeps passes from one run to the next: a pass whose groups gave the same inputs
    is taken as kept; one kept from a run after which a few groups changed is brought up to
    date over the groups those changes concern (``_brought_up_to_date``, ``lookup`` finding
    them), when the rule says how it relates groups (``RuleSpec.joins``). Not ``full``: a
    pass that would have to run over every group is not run (None).
    """
    setting = context.setting
    key = (spec.id, setting.severity, setting.params, context.pack.academic_year_start)
    name = ""
    if phase == "policy":
        for earlier, found in passes:
            if earlier == key:
                return found
        if memo is not None:
            name = _pass_name(spec, setting, context.pack)
            kept = memo.get(name)
            if kept is not None:
                passes.append((key, kept))
                return kept
            before = memo.earlier(name) if spec.joins is not None else None
            if before is not None:
                try:
                    found, joins = _brought_up_to_date(spec, context, before, lookup)
                except Exception:  # a rule that raises is run as below, and reported (GC000)
                    pass
                else:
                    passes.append((key, found))
                    memo.put(name, found, joins)
                    return found
    if not full:
        return None
    groups = list(judged)
    found = _run_pass(spec, context, groups)
    if phase == "policy":
        passes.append((key, found))
        if memo is not None:
            memo.put(name, found, _joins_of(spec, context, groups))
    return found


def _run_pass(spec: RuleSpec, context: RuleContext, groups: list[Group]) -> list[Finding]:
    if spec.scope == "run":
        return list(spec.check(groups, context, context.setting.params))  # type: ignore[arg-type, misc]
    assert spec.across is not None
    return list(spec.across(groups, context, context.setting.params))


Joined = dict[str, tuple[str, ...]]
"""Group folder → the values it joins other groups on in a run-scope pass (``Joins``)."""


def _joins_of(spec: RuleSpec, context: RuleContext, groups: Iterable[Group]) -> Joined | None:
    """What each of ``groups`` joins on in ``spec``'s pass, or None (the rule does not say,
    or saying raised: the pass is then kept only for a run in which no group changed)."""
    if spec.joins is None:
        return None
    of_group, params = spec.joins.of_group, context.setting.params
    try:
        return {g.folder: tuple(sorted(set(of_group(g, context, params)))) for g in groups}
    except Exception:
        return None


@dataclass(frozen=True)
class EarlierPass:
    """A run-scope pass kept from the last run (``AcrossMemo.earlier``): its findings, what
    each group it judged joined on (``Joined``), and the folders whose groups changed (came,
    went, or gave the rules other inputs) since."""

    found: list[Finding]
    joins: Joined
    changed: frozenset[str]


def _brought_up_to_date(
    spec: RuleSpec,
    context: RuleContext,
    before: EarlierPass,
    lookup: Callable[[Collection[str]], list[Group]],
) -> tuple[list[Finding], Joined]:
    """``before``'s pass as a run over every group now gives it, and what each group joins
    on now, without reading the groups no change concerns.

    The values touched are those the changed groups joined on before and join on now. By
    ``Joins``' promise, the findings of any other value are as they were, and those of a
    touched value depend only on the groups that have it: the rule is run over those groups
    (unchanged ones by the kept joins, changed ones by their new ones), and of what it
    finds, the findings of touched values are taken.
    """
    assert spec.joins is not None
    of_finding, as_of = spec.joins.of_finding, context.run.as_of
    changed = [g for g in lookup(before.changed) if not g.established_after(as_of)]
    now = _joins_of(spec, context, changed)
    if now is None:
        raise ValueError("joins raised")
    touched: set[str] = set()
    for folder in before.changed:
        touched.update(before.joins.get(folder, ()))
    for values in now.values():
        touched.update(values)
    joins = {f: v for f, v in before.joins.items() if f not in before.changed}
    joins.update(now)
    concerned = [f for f, values in joins.items() if not touched.isdisjoint(values)]
    found = _run_pass(spec, context, lookup(concerned)) if concerned else []
    kept = [f for f in before.found if of_finding(f) not in touched]
    return kept + [f for f in found if of_finding(f) in touched], joins


class AcrossMemo(Protocol):
    """Run-scope passes kept by name (``_pass_name``) from one run to the next
    (``cache.Across``)."""

    def get(self, name: str) -> list[Finding] | None:
        """The pass as kept, when no group changed since it was kept."""
        ...

    def earlier(self, name: str) -> EarlierPass | None:
        """The pass kept from the last run, when groups changed since, with what it needs to
        be brought up to date."""
        ...

    def put(self, name: str, found: Sequence[Finding], joins: Joined | None) -> None: ...

    @property
    def stale(self) -> bool:
        """Whether groups changed since the passes were kept (``earlier`` gives them)."""
        ...


def _pass_name(spec: RuleSpec, setting: RuleSetting, pack: PackInfo) -> str:
    """What a pass of a run-scope rule depends on besides the groups: the rule and the
    setting it runs under (the waiver rules' phase is never kept)."""
    import json

    return json.dumps(
        [
            spec.id,
            str(setting.severity),
            setting.params.model_dump(mode="json"),
            list(pack.academic_year_start),
        ],
        sort_keys=True,
    )


def by_pack(groups: Sequence[Group], run: Run) -> list[tuple[Run, list[Group]]]:
    """``groups`` split by the pack that judges each (``Run.pack_for``), each part with the
    run under its pack; one part, the run itself, when no jurisdiction table is in force."""
    if not run.jurisdictions:
        return [(run, list(groups))]
    parts: dict[int, tuple[Run, list[Group]]] = {}
    for group in groups:
        pack = run.pack_for(group.charter.jurisdiction)
        part = parts.get(id(pack))
        if part is None:
            part = parts[id(pack)] = (run.under(pack), [])
        part[1].append(group)
    return list(parts.values()) or [(run, [])]


def _owners(split: Sequence[tuple[Run, list[Group]]]) -> dict[str, int] | None:
    """Group id → the ``id`` of the pack that judges it (the first folder's, when two share
    the id), or None when one pack judges every group."""
    if len(split) < 2:
        return None
    owner: dict[str, int] = {}
    for sub, groups in split:
        for group in groups:
            owner.setdefault(group.id, id(sub.pack))
    return owner


def _reported_on(
    found: list[Finding], pack: PackInfo, owner: dict[str, int] | None, first: bool
) -> list[Finding]:
    """The findings of a run-scope rule checked under ``pack`` that report on a group ``pack``
    judges: a cross-group rule takes the parameters of the pack of the group it reports on.
    A finding about no group (or an unknown one) is kept from the ``first`` pack's run only."""
    if owner is None:
        return found
    mine = id(pack)
    return [f for f in found if (owner.get(f.group) == mine if f.group in owner else first)]


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


Figures = dict[str, dict[str, tuple[Figure, ...]]]
"""What the rules measured: charter file → rule id → its figures, one per year."""


def _merge(into: Figures, more: Figures) -> None:
    for charter_file, by_rule in more.items():
        into.setdefault(charter_file, {}).update(by_rule)


def _run_group_rules(
    groups: Sequence[Group], rules: Sequence[_BoundRule], as_of: dt.date
) -> tuple[list[Finding], Figures]:
    """Group by group, each group's rules together (they share its ``evidence``); a group
    established after ``as_of`` by none (its verdicts are ``skip``: ``_skip_reasons``).

    A rule that raises is contained: its findings and figures for that group are dropped, a
    GC000 finding says which rule raised what, and every other rule and group is still
    checked.
    """
    found: list[Finding] = []
    figures: Figures = {}
    for group in groups:
        if group.established_after(as_of):
            continue
        for spec, context in rules:
            if spec.reads_logs and group.unread_logs:
                continue  # incomplete data is not a failure (issue 14, 11): the verdict is skip
            context.recorded = []
            try:
                found.extend(list(spec.check(group, context, context.setting.params)))  # type: ignore[arg-type, misc]
            except Exception as exc:  # a bug in one rule must not stop the run
                found.append(internal_error(spec, context.run.lang, exc, group))
                continue
            if context.recorded:
                figures.setdefault(group.charter_file, {})[spec.id] = tuple(context.recorded)
    return found, figures


def group_records(
    report: Report, groups: Sequence[Group], run: Run, specs: dict[str, RuleSpec]
) -> dict[str, GroupRecord]:
    """The record of each of ``groups`` (see ``RunResult.records``), with the figures of the
    yearly rules that recorded none for it in the run, measured for the printout.

    Measuring runs the same rule functions with ``RuleContext.measuring`` set, under the pack
    that judged the group, over the rules the run did not apply to it (off in the pack, skipped
    for an unread log) and those that recorded nothing (a first year still in progress, no
    headcount): their findings are dropped, and each year's verdict comes from the report's
    findings, as for the run's own figures. A rule that raises here measures nothing.
    """
    entries = {entry.file: entry for entry in report.groups}
    yearly = [
        s for s in specs.values() if s.yearly and s.measures and s.scope == "group" and s.check
    ]
    records: dict[str, GroupRecord] = {}
    for group in groups:
        entry = entries.get(group.charter_file)
        measured: dict[str, tuple[Figure, ...]] = {}
        if entry is not None and not group.established_after(run.as_of):
            sub = run.under(run.pack_for(group.charter.jurisdiction))
            mine = report.findings_of(entry)
            for spec in yearly:
                if spec.id in entry.figures:
                    continue
                context = RuleContext(sub, spec, sub.pack.setting(spec))
                context.measuring = True
                try:
                    for _ in spec.check(group, context, context.setting.params):  # type: ignore[arg-type, misc]
                        pass
                except Exception:  # the run reported it (GC000), or it cannot measure: none
                    continue
                if context.recorded:
                    status = entry.rules.get(spec.id, "skip")
                    measured[spec.id] = _judged(tuple(context.recorded), mine, spec.id, status)
        records[group.charter_file] = record_of(group, run.as_of, measured)
    return records


def internal_error(spec: RuleSpec, lang: Lang, exc: BaseException, group: Group | None) -> Finding:
    """The GC000 finding for ``spec`` raising ``exc`` on ``group`` (None: a run-scope rule).

    The traceback travels in the finding's arguments (never in the JSON report) so that the
    CLI can print it with ``--verbose``, from a worker process as from this one.
    """
    import traceback

    return make_finding(
        INTERNAL_ERROR,
        lang=lang,
        key="raised",
        group=group.id if group is not None else None,
        file=group.charter_file if group is not None else None,
        args={
            "rule": spec.id,
            "name": spec.name,
            "error": f"{type(exc).__name__}: {exc}",
            "traceback": "".join(traceback.format_exception(exc)),
        },
    )


def not_established(group: Group, run: Run) -> Finding:
    """The GC006 information finding of a group established after the as-of date."""
    return make_finding(
        "GC006",
        lang=run.lang,
        key="future",
        group=group.id,
        file=group.charter_file,
        yaml_path=("established",),
        args={"established": group.charter.established.isoformat(), "as_of": run.as_of.isoformat()},
    )


def check_groups(groups: Sequence[Group], run: Run) -> tuple[list[Finding], Figures]:
    """The group-scope policy rules over ``groups``, their findings located, and the figures
    they measured: a worker's share of a run.

    What ``check(..., checked=..., figures=...)`` expects; the result does not depend on how
    the groups of a run are split, since each of these rules sees one group at a time.
    """
    found: list[Finding] = []
    figures: Figures = {}
    for sub, part in by_pack(groups, run):
        rules = [
            (spec, context)
            for spec, context in _phase_rules(sub, registry(), "policy", ())
            if spec.scope != "run"
        ]
        more, recorded = _run_group_rules(part, rules, sub.as_of)
        found.extend(more)
        figures.update(recorded)
    return locate(found), figures


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


def mark_known(findings: Sequence[Finding], baseline: frozenset[str]) -> list[Finding]:
    """``findings`` with those whose fingerprint is in ``baseline`` marked ``known``."""
    from groupcheck.baseline import fingerprints

    return [
        finding.model_copy(update={"known": True}) if print_ in baseline else finding
        for finding, print_ in zip(findings, fingerprints(findings), strict=True)
    ]


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
        if not run.pack_for(group.charter.jurisdiction).setting(spec).waivable:
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
    figures: Figures,
) -> Report:
    rules = rule_infos(run, specs)
    # Which rules a group skips depends on its pack alone (and on whether the group loaded):
    # worked out once per pack here, not once per group of a nation-sized run.
    packs: dict[int, tuple[PackInfo, dict[str, RuleInfo]]] = {id(run.pack): (run.pack, rules)}
    for sub, _groups in by_pack(loaded.groups, run):
        if id(sub.pack) not in packs:
            packs[id(sub.pack)] = (sub.pack, rule_infos(sub, specs))
    skipped = {
        (key, is_loaded): frozenset(
            info.id
            for info in infos.values()
            if (info.checks and (not info.enabled or not is_loaded)) or not info.selected
        )
        for key, (_pack, infos) in packs.items()
        for is_loaded in (True, False)
    }
    entries = [_Entry(g.id, g.charter.name, g.charter_file, g.folder, g) for g in loaded.groups]
    entries += [_Entry(u.id, u.name, u.charter_file, u.folder, None) for u in loaded.unloaded]
    entries.sort(key=lambda e: (e.id, e.charter_file))
    owned = _attribute(findings, [(e.id, e.folder) for e in entries])
    rule_ids = list(specs)
    reading_logs = sorted(spec.id for spec in specs.values() if spec.reads_logs)
    policy = sorted(spec.id for spec in specs.values() if spec.family != "load")
    results = []
    for i, entry in enumerate(entries):
        pack = run.pack_for(entry.group.charter.jurisdiction) if entry.group else run.pack
        results.append(
            _group_result(
                entry,
                run.as_of,
                findings,
                owned[i],
                rule_ids,
                skipped[id(pack), entry.group is not None],
                figures.get(entry.charter_file, {}),
                pack.name,
                _skip_reasons(
                    entry.group, run.as_of, reading_logs, policy, skipped[id(pack), True]
                ),
            )
        )
    return Report(
        tool=ToolInfo(name=TOOL_NAME, version=version),
        as_of=run.as_of.isoformat(),
        summary=summary_of(findings, len(results), loaded.files),
        findings=findings,
        groups=results,
        settings=RunSettings(
            as_of=run.as_of.isoformat(),
            lang=run.lang,
            use_waivers=run.use_waivers,
            select=run.select,
            ignore=run.ignore,
            baseline=run.baseline is not None,
        ),
        pack=_pack_report(run.pack, rules),
        packs={
            pack.name: _pack_report(pack, infos)
            for pack, infos in packs.values()
            if any(r.pack == pack.name for r in results) or pack is run.pack
        },
        jurisdictions=tuple(
            Jurisdiction(prefix=e.prefix, pack=e.pack.name, named_by=e.named_by)
            for e in run.jurisdictions
        ),
    )


def _pack_report(pack: PackInfo, rules: dict[str, RuleInfo]) -> PackReport:
    return PackReport(
        name=pack.name,
        version=pack.version,
        description=pack.description,
        file=pack.file,
        academic_year_start=pack.academic_year_start,
        rules=rules,
        documents=pack.documents,
    )


def rule_infos(run: Run, specs: dict[str, RuleSpec]) -> dict[str, RuleInfo]:
    """Every rule as ``run`` applies it, with its documentation and titles: the report's."""
    from groupcheck.messages.titles import TITLES

    infos: dict[str, RuleInfo] = {}
    for rule_id, spec in specs.items():
        setting = run.pack.setting(spec)
        doc = spec.doc
        infos[rule_id] = RuleInfo(
            id=rule_id,
            name=spec.name,
            family=spec.family,
            scope=spec.scope,
            yearly=spec.yearly,
            severity=setting.severity,
            enabled=setting.enabled or spec.check is None,
            selected=run.selects(rule_id),
            waivable=setting.waivable,
            checks=spec.check is not None,
            params=setting.params.model_dump(mode="json"),
            source=setting.source,
            title={lang: titles.get(rule_id, spec.name) for lang, titles in TITLES.items()},
            summary={
                "en": doc.summary or spec.name,
                "zh": doc.summary_zh or doc.summary or spec.name,
            },
            doc={
                "what": doc.what,
                "why": doc.why,
                "policy_zh": doc.policy_zh,
                "policy_en": doc.policy_en,
                "source": doc.source,
                "how": doc.how,
                "passes": doc.passes,
                "fails": doc.fails,
            },
            remediation={
                "en": doc.remediation_for("en", setting.params),
                "zh": doc.remediation_for("zh", setting.params),
            },
            basis=setting.basis,
            clause={
                lang: words
                for lang, words in (("en", setting.clause), ("zh", setting.clause_zh))
                if words
            },
            quote=None if setting.documented else _quoted(setting.quote, setting.quote_zh),
        )
    return infos


def _quoted(quote: str, quote_zh: str) -> dict[str, str]:
    """A pack's quote by language: the pack's ``quote_zh`` is "zh" and its ``quote`` then
    "en"; without ``quote_zh``, a quote in Chinese is "zh", any other "en" (the bundled packs
    quote English news reports in English)."""
    if quote_zh:
        return {"en": quote, "zh": quote_zh} if quote else {"zh": quote_zh}
    if not quote:
        return {}
    return {"zh": quote} if _CJK.search(quote) else {"en": quote}


_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def _attribute(findings: Sequence[Finding], groups: Sequence[tuple[str, str]]) -> list[list[int]]:
    """For each (group id, folder), the indexes of its findings: each finding once.

    Findings name a group by id; when two folders share an id (GC402), a finding goes to the
    folder its file is in, and one in neither (or with no file) to the first of them.
    """
    folders: dict[str, list[int]] = defaultdict(list)
    for position, (group_id, _) in enumerate(groups):
        folders[group_id].append(position)
    owned: list[list[int]] = [[] for _ in groups]
    for index, finding in enumerate(findings):
        if finding.group is None:
            continue
        candidates = folders.get(finding.group)
        if not candidates:
            continue
        chosen = candidates[0]
        if len(candidates) > 1 and finding.file is not None:
            for position in candidates:
                folder = groups[position][1]
                if folder and finding.file.startswith(folder.rstrip("/") + "/"):
                    chosen = position
                    break
        owned[chosen].append(index)
    return owned


class _Entry(NamedTuple):
    """A group folder of the run, loaded (``group``) or not."""

    id: str
    name: str | None
    charter_file: str
    folder: str
    group: Group | None


def _group_result(
    entry: _Entry,
    as_of: dt.date,
    findings: Sequence[Finding],
    owned: list[int],
    rule_ids: list[str],
    skipped: frozenset[str],
    figures: dict[str, tuple[Figure, ...]],
    pack: str,
    reasons: dict[str, SkipReason],
) -> GroupResult:
    mine = [findings[i] for i in owned]
    # Per rule: None = no finding, True = only waived ones, False = one stands.
    outcome: dict[str, bool] = {}
    crashed: set[str] = set()
    errors = warnings = waived = 0
    for f in mine:
        if f.severity is not Severity.INFO:
            outcome[f.rule] = outcome.get(f.rule, True) and f.waived
        if f.rule == INTERNAL_ERROR:
            crashed.add(f.args.get("rule", ""))
        if f.waived:
            waived += 1
        elif not f.known:
            errors += f.severity is Severity.ERROR
            warnings += f.severity is Severity.WARNING
    rules: dict[str, RuleStatus] = {}
    for rule_id in rule_ids:
        if rule_id in skipped or rule_id in crashed or rule_id in reasons:
            rules[rule_id] = "skip"
        elif rule_id not in outcome:
            rules[rule_id] = "pass"
        else:
            rules[rule_id] = "waived" if outcome[rule_id] else "fail"
    charter = entry.group.charter if entry.group is not None else None
    return GroupResult.model_construct(
        id=entry.id,
        name=entry.name,
        file=entry.charter_file,
        status="fail" if errors else "pass",
        rules=rules,
        pack=pack,
        folder=entry.folder,
        loaded=charter is not None,
        model=charter.model.value if charter is not None else None,
        members=(
            sum(1 for m in charter.members if m.current_on(as_of)) if charter is not None else None
        ),
        findings=tuple(owned),
        errors=errors,
        warnings=warnings,
        waived=waived,
        figures={
            rule_id: _judged(measured, mine, rule_id, rules.get(rule_id, "skip"))
            for rule_id, measured in figures.items()
        },
        skipped=reasons,
    )


def _skip_reasons(
    group: Group | None,
    as_of: dt.date,
    reading_logs: Sequence[str],
    policy: Sequence[str],
    skipped: frozenset[str],
) -> dict[str, SkipReason]:
    """Why rules that the group's pack runs (not in ``skipped``) made no verdict for ``group``:
    every ``policy`` rule when it is established after ``as_of`` (issue 19, item 7); the rules
    in ``reading_logs`` when a rotation log of it could not be read (issue 14, item 11).
    Empty for every other group."""
    if group is None:
        return {}
    if group.established_after(as_of):
        return {rule_id: "not_established" for rule_id in policy if rule_id not in skipped}
    if not group.unread_logs:
        return {}
    return {rule_id: "logs_unread" for rule_id in reading_logs if rule_id not in skipped}


def _judged(
    measured: tuple[Figure, ...], mine: Sequence[Finding], rule_id: str, status: RuleStatus
) -> tuple[Figure, ...]:
    """The figures of one rule with each year's verdict, from the group's findings (a judged
    figure is recorded as "pass", an unjudged one as "skip": most need no change)."""
    if status == "skip":
        return tuple(f if f.verdict == "skip" else f._replace(verdict="skip") for f in measured)
    by_year: dict[str | None, bool] = {}
    for f in mine:
        if f.rule == rule_id and f.severity is not Severity.INFO:
            by_year[f.year] = by_year.get(f.year, True) and f.waived
    if not by_year:
        return measured
    return tuple(
        figure._replace(verdict="waived" if by_year[figure.year] else "fail")
        if figure.judged and figure.year in by_year
        else figure
        for figure in measured
    )

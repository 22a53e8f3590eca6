"""The rule API: what a rule module imports to declare and check a rule.

A rule is a small generator function registered with ``@rule``; its numbers are a ``Params``
model whose defaults are the policy's, and which a policy pack may override (``RuleSetting``,
``PackInfo``). Group rules see one group at a time; run rules (cross-group, GC4xx) see every
group in the run at once. What a rule sees of the run is its ``RuleContext``: the date, the
pack's settings, how to make a finding (``ctx.finding``) and how to record what it measured
(``ctx.figure``).

This module sits below the rules (``checks``) and the engine in the layers (pyproject.toml's
import-linter contract): it never imports them. ``engine.registry()`` imports the checks,
which fills ``REGISTRY``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from groupcheck import messages, vocabulary
from groupcheck.findings import Finding, Severity, YamlPath
from groupcheck.messages import Lang
from groupcheck.models import Group
from groupcheck.report import FAMILIES, BasisDocument, Figure

Scope = Literal["group", "run"]
Yearly = Literal["academic", "calendar"] | None


def family_of(rule_id: str) -> str:
    return FAMILIES.get(rule_id[:3], "other")


class Params(BaseModel):
    """A rule's parameters; subclasses declare typed fields whose defaults are the policy's."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def words(self, lang: Lang) -> dict[str, str]:
        """Each parameter as a sentence shows it in ``lang``: an enum value (or a list of
        them) by its label in ``vocabulary`` (``potential`` → 发展潜能), true/false as 是/否 or
        yes/no, a whole float without its ``.0``, an amount (``*_yuan``) as 20万 or 200,000."""
        return {
            name: _yuan(value, lang) if name.endswith("_yuan") else vocabulary.say(value, lang)
            for name, value in self.model_dump().items()
        }


def _yuan(amount: Any, lang: Lang) -> str:
    """An amount of yuan as a sentence writes it: 20万 (whole ten-thousands) or 200,000."""
    if not isinstance(amount, int) or isinstance(amount, bool):
        return vocabulary.say(amount, lang)
    if lang == "zh" and amount and amount % 10000 == 0:
        return f"{amount // 10000}万"
    return f"{amount:,}"


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
    remediation: str = ""
    """What a group that fails the rule must do, in English: the measure itself, in the
    imperative ("Send at least 2 cadres …"). A report adds the deadline. A rule may write
    ``{name}`` for its parameter of that name: ``register`` keeps what it wrote as
    ``remediation_template`` and fills this with the registry's defaults, so this is always
    plain text; ``remediation_for`` fills the template with a pack's parameters."""
    remediation_zh: str = ""
    """The same in Chinese, in 公文 wording (补足……、完善……、制定……并报……备案)."""
    remediation_template: str = ""
    """``remediation`` as the rule wrote it, with ``{param}`` placeholders ("" when none)."""
    remediation_template_zh: str = ""
    """``remediation_zh`` as the rule wrote it, with ``{param}`` placeholders ("" when none)."""

    def remediation_for(self, lang: Lang, params: Params | None = None) -> str:
        """The remediation in ``lang`` with ``params`` (a pack's) filled in, their values as
        ``Params.words`` gives them: labels in ``lang``, not YAML keys; the registry's
        defaults when ``params`` is None."""
        zh = lang == "zh" and bool(self.remediation_zh)
        template = self.remediation_template_zh if zh else self.remediation_template
        if params is None or not template:
            return self.remediation_zh if zh else self.remediation
        return template.format_map(params.words(lang))

    def filled(self, params: Params) -> RuleDoc:
        """This documentation with its remediation texts filled with ``params`` (the rule's
        defaults) and the texts as written kept as templates (``register`` calls it)."""
        if "{" not in self.remediation + self.remediation_zh or self.remediation_template:
            return self
        with_templates = dataclasses.replace(
            self,
            remediation_template=self.remediation,
            remediation_template_zh=self.remediation_zh,
        )
        return dataclasses.replace(
            with_templates,
            remediation=with_templates.remediation_for("en", params),
            remediation_zh=with_templates.remediation_for("zh", params),
        )


GroupCheck = Callable[[Group, "RuleContext", Any], Iterable[Finding]]
RunCheck = Callable[[Sequence[Group], "RuleContext", Any], Iterable[Finding]]


@dataclass(frozen=True)
class Joins:
    """How a run-scope rule (or a group rule's part across groups) relates groups: by values
    they share (a school id, a staff number), so that a pass can be brought up to date when a
    few groups change instead of run again over every group (``engine._brought_up_to_date``).

    The promise a rule makes by declaring them: each finding it yields belongs to one value
    (``of_finding``), and the findings of a value depend only on the groups that have it
    (``of_group``: every value a group has, under the rule's parameters). A finding about one
    group alone belongs to a value that group alone has (its charter file, say).
    """

    of_group: Callable[[Group, RuleContext, Any], Iterable[str]]
    of_finding: Callable[[Finding], str]


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
    measures: bool = True
    """Records figures (``RuleContext.figure``) where it is yearly: False for a yearly rule
    that judges each year without a figure to show (GC106), which the printed report's
    records then do not run again to measure (``engine.group_records``)."""
    joins: Joins | None = None
    """How the run-scope part relates groups (``Joins``); None: it is run again over every
    group whenever any group's part in it changed."""


REGISTRY: dict[str, RuleSpec] = {}


def register(spec: RuleSpec) -> RuleSpec:
    spec = dataclasses.replace(spec, doc=spec.doc.filled(spec.params()))
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
    measures: bool = True,
    joins: Joins | None = None,
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
                measures=measures,
                joins=joins,
            )
        )
        return func

    return decorate


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
    basis: str = ""
    """The id of the pack's basis document the rule rests on (``PackInfo.documents``)."""
    clause: str = ""
    """The clause of that document, in English words (``district plan 3(1)``)."""
    clause_zh: str = ""
    """The clause in Chinese (三（一）, 第三条第（一）款)."""
    quote: str = ""
    """What the pack quotes of that document for the rule, in the document's words."""
    quote_zh: str = ""
    """The quote in Chinese where the document is not (a back-translation)."""
    documented: bool = True
    """The rule's own documentation quotes that document (``policy.RuleEntry.documented``)."""


@dataclass(frozen=True)
class PackInfo:
    """What a report says about the policy pack in force."""

    name: str
    version: str
    description: str
    file: str | None
    academic_year_start: tuple[int, int] = (9, 1)
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    jurisdictions: tuple[str, ...] = ()
    """The charter jurisdictions (prefixes) the pack declares it covers."""
    documents: tuple[BasisDocument, ...] = ()
    """The basis documents the pack's enabled rules rest on, in the pack's order."""

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
    spec = REGISTRY[rule_id]
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
        self.recorded: list[Figure] = []
        """The figures the rule recorded on the group it is checking (``figure``)."""
        self.measuring = False
        """True when the engine measures the group for the printed evidence and the year
        matrix only (``engine.RunResult.records``): the rule records every year it would show,
        judged or not, even one it cannot judge (no headcount); its findings are dropped."""

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

    def figure(
        self,
        year: str | int,
        *,
        found: int | None = None,
        needed: int | None = None,
        share: str | None = None,
        needed_share: str | None = None,
        ratio: float | None = None,
        base: int | None = None,
        items: Iterable[str] = (),
        judged: bool = True,
        start: str | None = None,
        end: str | None = None,
        part: int | None = None,
        sources: Iterable[str] = (),
        others: Iterable[tuple[str, int]] = (),
    ) -> None:
        """Record what the rule measured in ``year`` of the group it is checking.

        The report carries it (``GroupResult.figures``) with the year's verdict, and every
        output shows it from there: the HTML evidence, the xlsx year matrix, JUnit's yearly
        cases. ``judged=False``: a year shown but not judged (the year in progress).
        ``start``/``end``, ``part``, ``sources``, ``others``: see ``report.Figure``.
        """
        self.recorded.append(
            Figure(
                year=str(year),
                found=found,
                needed=needed,
                share=share,
                needed_share=needed_share,
                ratio=ratio,
                base=base,
                items=tuple(items),
                judged=judged,
                verdict="pass" if judged else "skip",
                start=start,
                end=end,
                part=part,
                sources=tuple(sources),
                others=tuple(others),
            )
        )

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


@dataclass(frozen=True)
class JurisdictionPack:
    """One entry of ``--rules by-jurisdiction``'s table: a prefix of a charter's
    ``jurisdiction`` and the pack that judges it, with who said so (a bundled pack's file, or
    the config file's ``[tool.groupcheck.jurisdictions]``)."""

    prefix: str
    pack: PackInfo
    named_by: str


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
    jurisdictions: tuple[JurisdictionPack, ...] = ()
    """``--rules by-jurisdiction``: jurisdiction prefixes and the pack each group whose
    charter's ``jurisdiction`` starts with one is judged by (the longest prefix wins; ``pack``
    judges the groups no prefix matches). Empty: ``pack`` judges every group."""

    def pack_for(self, jurisdiction: str | None) -> PackInfo:
        """The pack that judges a group of ``jurisdiction``: its longest matching prefix's,
        else ``pack``."""
        if not self.jurisdictions or not jurisdiction:
            return self.pack
        best: JurisdictionPack | None = None
        for entry in self.jurisdictions:
            if jurisdiction.startswith(entry.prefix) and (
                best is None or len(entry.prefix) > len(best.prefix)
            ):
                best = entry
        return self.pack if best is None else best.pack

    def under(self, pack: PackInfo) -> Run:
        """This run with ``pack`` in force: what the rules see for the groups it judges."""
        return self if pack is self.pack else dataclasses.replace(self, pack=pack)

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


def waiver_matches(waiver_rule: str, waiver_year: str | None, finding: Finding) -> bool:
    return waiver_rule == finding.rule and (waiver_year is None or waiver_year == finding.year)

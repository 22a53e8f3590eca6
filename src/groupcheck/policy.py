"""Policy packs: the numbers of every rule, as YAML under ``rules/``, so a district edits data.

A pack names itself and sets, per rule id, ``enabled``, ``severity``, ``waivable``, ``params``
and the ``source`` it takes the numbers from::

    pack: beijing-2016
    version: "1"
    description: Beijing's 2016 rotation rules
    extends: default.yaml          # relative to this file; else a bundled pack of that name
    rules:
      GC206:
        enabled: true
        params: {min_percent: 10, min_backbone_percent: 20}

A pack that ``extends`` another overrides only what it states: a rule's keys one by one, and
its ``params`` one parameter at a time. Anything unknown (a rule id, a rule key, a parameter, a
value of the wrong type) is a ``PackError`` naming the pack's file and line, which the CLI turns
into a usage error (exit 2). A rule the pack does not mention keeps its registry defaults.

The bundled packs are package data, real files in ``groupcheck/rules/`` (what a run reads, from
a wheel or a source checkout alike). The repository's top-level ``rules/`` holds the same files
where users look for them; a test keeps the two identical. They are copies, not a symlink,
because a clone without symlinks (Git for Windows' default) would build a wheel with no pack.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from groupcheck import yamlsource, years
from groupcheck.engine import registry
from groupcheck.errors import GroupcheckError
from groupcheck.findings import Severity, YamlPath
from groupcheck.registry import JurisdictionPack, PackInfo, Params, RuleSetting, RuleSpec
from groupcheck.report import BASIS_KINDS, BasisDocument

DEFAULT_PACK = "default.yaml"
MAX_EXTENDS = 16
"""Packs in one ``extends`` chain, at most (a chain of 2,000 would exhaust the stack)."""
TOP_KEYS = (
    "pack",
    "version",
    "description",
    "extends",
    "academic_year_start",
    "jurisdictions",
    "documents",
    "rules",
)
RULE_KEYS = ("enabled", "severity", "waivable", "params", "source")
SOURCE_KEYS = ("basis", "seed", "document", "clause", "clause_zh", "quote", "quote_zh", "url")
DOCUMENT_KEYS = ("id", "issuer", "title", "number", "date", "kind", "reported_by", "seed")
"""A ``documents:`` entry's keys (``report.BasisDocument``); id, issuer, title, kind required."""


class PackError(GroupcheckError):
    """A pack that cannot be used; ``str()`` is ``"<file>:<line>: <what is wrong>"``."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {message}")
        self.named_by = ""
        """Where the run's settings named the pack, when a config file did
        (``pyproject.toml: [tool.groupcheck] rules``); set by ``groupcheck.run``."""

    def describe(self) -> str:
        return f"{self.named_by + ': ' if self.named_by else ''}policy pack {self}"


@dataclass(frozen=True)
class Source:
    """What a pack cites for a rule: a seed file (or other document), the clause, the quote."""

    basis: str | None = None
    """The id of the pack's ``documents:`` entry the rule rests on."""
    seed: str | None = None
    document: str | None = None
    clause: str | None = None
    clause_zh: str | None = None
    """The clause in Chinese (三（一）, 第三条第（一）款)."""
    quote: str | None = None
    quote_zh: str | None = None
    """The quote in Chinese where the document is not (a back-translation, marked as one)."""
    url: str | None = None

    def same_document(self, other: Source) -> bool:
        """Both cite one document (the same basis, seed file and document name)."""
        return (self.basis, self.seed, self.document) == (other.basis, other.seed, other.document)

    def text(self) -> str:
        """One line: ``003_dc5c7efb57eb3707.txt, district plan 三(一): "…"``."""
        parts = [p for p in (self.seed, self.document, self.clause) if p]
        cited = ", ".join(parts)
        if self.quote:
            cited = f"{cited}: “{self.quote}”" if cited else f"“{self.quote}”"
        if self.url:
            cited = f"{cited} <{self.url}>"
        return cited


@dataclass(frozen=True)
class RuleEntry:
    """One rule's settings in a pack, defaults filled in from the registry."""

    enabled: bool
    severity: Severity
    waivable: bool
    params: Params
    source: Source | None
    documented: bool = True
    """The rule's own documentation quotes the document this entry's source cites: the
    source is the bundled default pack's (or cites its document), or none is given. A pack
    that rests the rule on another document has its own quote printed instead."""

    def setting(self) -> RuleSetting:
        return RuleSetting(
            enabled=self.enabled,
            severity=self.severity,
            params=self.params,
            waivable=self.waivable,
            source=self.source.text() if self.source else "",
            basis=(self.source.basis or "") if self.source else "",
            clause=(self.source.clause or "") if self.source else "",
            clause_zh=(self.source.clause_zh or "") if self.source else "",
            quote=(self.source.quote or "") if self.source else "",
            quote_zh=(self.source.quote_zh or "") if self.source else "",
            documented=self.documented,
        )


@dataclass(frozen=True)
class Pack:
    """A loaded pack: its identity, the files it was built from, and every rule's settings."""

    name: str
    version: str
    description: str
    file: str
    academic_year_start: years.MonthDay
    rules: dict[str, RuleEntry]
    chain: tuple[str, ...] = field(default=())
    """The pack's file, then the files it extends, nearest first."""
    jurisdictions: tuple[str, ...] = ()
    """The jurisdictions the pack covers, as prefixes of a charter's ``jurisdiction``
    (``--rules by-jurisdiction``). A pack's own: not inherited through ``extends``."""
    basis: dict[str, BasisDocument] = field(default_factory=dict)
    """Every basis document the pack lists (``documents:``), the ones it extends first, by id
    (an entry with a parent's id replaces it)."""

    def info(self) -> PackInfo:
        """What the engine and the reports need (``engine.PackInfo``)."""
        return PackInfo(
            name=self.name,
            version=self.version,
            description=self.description,
            file=self.file,
            academic_year_start=self.academic_year_start,
            rules={rule_id: entry.setting() for rule_id, entry in self.rules.items()},
            jurisdictions=self.jurisdictions,
            documents=self.documents(),
        )

    def documents(self) -> tuple[BasisDocument, ...]:
        """The basis documents the enabled rules rest on (their ``source: basis:``), each
        once, in the order the pack lists them: what a group judged by this pack was judged
        against (its 检查依据)."""
        cited = {
            entry.source.basis
            for entry in self.rules.values()
            if entry.enabled and entry.source is not None and entry.source.basis
        }
        return tuple(document for key, document in self.basis.items() if key in cited)


def bundled_dir() -> Path:
    """The folder of the bundled packs: ``groupcheck/rules`` inside the package."""
    return Path(__file__).resolve().parent / "rules"


def bundled_packs() -> list[str]:
    """The names of the bundled packs (``default``, ``national-2014``, …)."""
    folder = bundled_dir()
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def configurable() -> dict[str, RuleSpec]:
    """The rules a pack may configure: every registered rule with a check (not GC0xx)."""
    return {rule_id: spec for rule_id, spec in registry().items() if spec.check is not None}


def resolve(name: str | None) -> Path:
    """The pack file ``name`` stands for: a file path, else a bundled pack's name.

    ``None`` is the default pack. ``national-2014`` and ``national-2014.yaml`` both find the
    bundled file when no such file exists where the command runs.
    """
    if name is None:
        return bundled_dir() / DEFAULT_PACK
    path = Path(name)
    if path.is_file():
        return path
    stem = name[:-5] if name.endswith(".yaml") else name
    candidate = bundled_dir() / f"{stem}.yaml"
    if "/" not in name and candidate.is_file():
        return candidate
    known = ", ".join(bundled_packs())
    raise PackError(name, None, f"no such policy pack file (bundled packs: {known})")


def load_pack(name: str | None = None) -> Pack:
    """Load the pack ``name`` (a path or a bundled pack's name; None = ``rules/default.yaml``)."""
    return _load(resolve(name), ())


def jurisdiction_table(
    mapping: Sequence[tuple[str, str]] = (), named_by: str = ""
) -> tuple[JurisdictionPack, ...]:
    """``--rules by-jurisdiction``'s table: every bundled pack's ``jurisdictions``, then
    ``mapping`` (prefix → a pack name or file, from ``[tool.groupcheck.jurisdictions]``) over
    them: a prefix in both is the mapping's. Longest prefix first, so the first entry a
    jurisdiction starts with is the one that judges it. ``named_by``: where the mapping was
    written, for ``--show-settings`` and an error about a pack it names.
    """
    table: dict[str, JurisdictionPack] = {}
    for name in bundled_packs():
        pack = load_pack(name)
        info = pack.info()
        for prefix in pack.jurisdictions:
            table[prefix] = JurisdictionPack(prefix, info, pack.file)
    packs: dict[str, PackInfo] = {}
    for prefix, target in mapping:
        if target not in packs:
            try:
                packs[target] = load_pack(target).info()
            except PackError as problem:
                problem.named_by = f"{named_by} {prefix!r}" if named_by else f"{prefix!r}"
                raise
        table[prefix] = JurisdictionPack(prefix, packs[target], named_by or "configuration")
    return tuple(sorted(table.values(), key=lambda e: (-len(e.prefix), e.prefix)))


def refuse_name_clashes(table: Sequence[JurisdictionPack], fallback: PackInfo) -> None:
    """Raise ``PackError`` when two different pack files in use share a name.

    Every output names the pack that judged a group by its name (JSON ``groups[].pack``,
    SARIF, the table, the printed report's documents): two packs called ``taishan`` would be
    one pack to every reader, and the report would merge their rules.
    """
    seen: dict[str, PackInfo] = {fallback.name: fallback}
    for entry in table:
        other = seen.setdefault(entry.pack.name, entry.pack)
        if other is not entry.pack and other.file != entry.pack.file:
            raise PackError(
                entry.pack.file or entry.named_by,
                None,
                f"is named {entry.pack.name!r} (for {entry.prefix!r}), as is "
                f"{other.file or 'another pack'}: every output names a group's pack by its "
                "name, so give one of them another `pack:` name",
            )


# ---------------------------------------------------------------------------------------------


@dataclass
class _Layer:
    """The raw data of one pack file with its positions."""

    file: str
    data: dict[str, Any]
    positions: dict[YamlPath, yamlsource.Position]

    def line(self, path: YamlPath) -> int | None:
        found = yamlsource.locate(self.positions, path)
        return found[0] if found else None

    def error(self, path: YamlPath, message: str) -> PackError:
        return PackError(self.file, self.line(path), message)


def _display(path: Path) -> str:
    """A pack file as messages name it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


def _read(path: Path) -> _Layer:
    shown = _display(path)
    try:
        parsed = yamlsource.load(str(path), with_positions=True)
    except yamlsource.SourceProblem as problem:
        detail = problem.details.get("problem") or problem.key.replace("_", " ")
        raise PackError(shown, problem.line, f"not a usable YAML file: {detail}") from None
    positions = parsed.positions or {}
    if parsed.problems:
        first = parsed.problems[0]
        key = first.details.get("key", "")
        raise PackError(shown, first.line, f"key {key!r} appears twice in one mapping")
    if not isinstance(parsed.data, dict):
        raise PackError(shown, 1, "a policy pack must be a mapping (pack:, rules:, …)")
    return _Layer(shown, parsed.data, positions)


def _load(path: Path, seen: tuple[str, ...]) -> Pack:
    layer = _read(path)
    key = str(path.resolve())
    if key in seen:
        raise layer.error(("extends",), "packs extend each other in a circle")
    if len(seen) >= MAX_EXTENDS:
        raise layer.error(("extends",), f"more than {MAX_EXTENDS} packs extend one another")
    _check_keys(layer, (), layer.data, TOP_KEYS, "a policy pack")
    extends = layer.data.get("extends")
    parent: Pack | None = None
    if extends is not None:
        if not isinstance(extends, str) or not extends:
            raise layer.error(("extends",), "extends: must name a pack file such as default.yaml")
        parent = _load(_parent_path(layer, path, extends), (*seen, key))
    return _apply(layer, parent, _is_bundled_default(path))


def _documented_source(rule_id: str, source: Source) -> bool:
    """``source`` cites the document the bundled default pack cites for the rule, which the
    rule's own documentation quotes (a district pack resting GC201 on the same Tai'an report
    does; one resting GC103 on its own plan does not)."""
    default = _default_sources().get(rule_id)
    return default is not None and source.same_document(default)


@functools.cache
def _default_sources() -> dict[str, Source]:
    """Each rule's source in the bundled default pack (read once, when another pack cites
    a source of its own)."""
    try:
        pack = _load(bundled_dir() / "default.yaml", ())
    except PackError:  # a damaged install: no rule is taken to quote the pack's document
        return {}
    return {rule_id: entry.source for rule_id, entry in pack.rules.items() if entry.source}


def _is_bundled_default(path: Path) -> bool:
    """``path`` is the bundled default pack (or a byte-identical copy of it, as the
    repository's top-level ``rules/default.yaml``): the pack whose sources the rules' own
    documentation quotes (``policy_zh``, ``policy_en``)."""
    bundled = bundled_dir() / "default.yaml"
    try:
        if path.resolve() == bundled.resolve():
            return True
        return path.name == bundled.name and path.read_bytes() == bundled.read_bytes()
    except OSError:
        return False


def _parent_path(layer: _Layer, path: Path, extends: str) -> Path:
    """``extends`` relative to the pack's own folder, else a bundled pack of that name."""
    beside = path.parent / extends
    if beside.is_file():
        return beside
    bundled = bundled_dir() / Path(extends).name
    if bundled.is_file():
        return bundled
    raise layer.error(
        ("extends",), f"extends: {extends} is found neither beside this pack nor bundled"
    )


def _check_keys(
    layer: _Layer, path: YamlPath, data: Any, allowed: tuple[str, ...], what: str
) -> None:
    if not isinstance(data, dict):
        raise layer.error(path, f"{what} must be a mapping")
    for name in data:
        if name not in allowed:
            raise layer.error(
                (*path, name), f"unknown key {name!r} in {what}{_did_you_mean(str(name), allowed)}"
            )


def _did_you_mean(name: str, choices: Any) -> str:
    import difflib  # here: suggestions are for a bad pack, not every start

    close = difflib.get_close_matches(name, [str(c) for c in choices], n=1)
    return f"; did you mean {close[0]}?" if close else f"; allowed: {', '.join(map(str, choices))}"


def _text(layer: _Layer, path: YamlPath, value: Any, default: str) -> str:
    if value is None:
        return default
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise layer.error(path, f"{path[-1]}: must be text")
    return str(value)


def _apply(layer: _Layer, parent: Pack | None, quotes_documented: bool = False) -> Pack:
    data = layer.data
    name = data.get("pack")
    if name is None and parent is None:
        raise layer.error((), "pack: the pack's name is missing")
    start = parent.academic_year_start if parent else years.DEFAULT_START
    if "academic_year_start" in data:
        try:
            start = years.parse_month_day(str(data["academic_year_start"]))
        except ValueError as exc:
            raise layer.error(("academic_year_start",), f"academic_year_start: {exc}") from None
    basis = _documents(layer, data.get("documents"), parent.basis if parent else {})
    specs = configurable()
    rules: dict[str, RuleEntry] = dict(parent.rules) if parent else {}
    raw_rules = data.get("rules") or {}
    if not isinstance(raw_rules, dict):
        raise layer.error(("rules",), "rules: must map rule ids (GC101, …) to their settings")
    for rule_id, raw in raw_rules.items():
        where: YamlPath = ("rules", rule_id)
        spec = specs.get(str(rule_id))
        if spec is None:
            known = [r for r in specs if r[:3] == str(rule_id)[:3]] or list(specs)
            raise layer.error(
                where, f"unknown rule id {rule_id!r}{_did_you_mean(str(rule_id), known)}"
            )
        base = rules.get(spec.id) or _defaults(spec)
        rules[spec.id] = _rule_entry(layer, where, spec, raw or {}, base, basis, quotes_documented)
    return Pack(
        name=_text(layer, ("pack",), name, parent.name if parent else ""),
        version=_text(layer, ("version",), data.get("version"), parent.version if parent else ""),
        description=_text(
            layer,
            ("description",),
            data.get("description"),
            parent.description if parent else "",
        ),
        file=layer.file,
        academic_year_start=start,
        rules=rules,
        chain=(layer.file, *(parent.chain if parent else ())),
        jurisdictions=_jurisdictions(layer, data.get("jurisdictions")),
        basis=basis,
    )


def _documents(
    layer: _Layer, raw: Any, inherited: dict[str, BasisDocument]
) -> dict[str, BasisDocument]:
    """The pack's ``documents:`` over the ones it extends: each entry a mapping with an
    ``id``, ``issuer``, ``title`` and ``kind``; an id twice in one pack is an error."""
    found = dict(inherited)
    if raw is None:
        return found
    if not isinstance(raw, list):
        raise layer.error(
            ("documents",),
            "documents: must be a list of basis documents, each with id, issuer, title, kind",
        )
    own: set[str] = set()
    for index, entry in enumerate(raw):
        where: YamlPath = ("documents", index)
        _check_keys(layer, where, entry, DOCUMENT_KEYS, "a basis document")
        values = {
            k: _text(layer, (*where, k), _dated(entry.get(k)), "").strip() for k in DOCUMENT_KEYS
        }
        for required in ("id", "issuer", "title", "kind"):
            if not values[required]:
                raise layer.error(
                    (*where, required) if required in entry else where,
                    f"documents: the basis document's {required} is missing",
                )
        if values["kind"] not in BASIS_KINDS:
            raise layer.error(
                (*where, "kind"),
                f"documents: kind {values['kind']!r} is not one of {', '.join(BASIS_KINDS)}",
            )
        if values["id"] in own:
            raise layer.error((*where, "id"), f"documents: id {values['id']!r} appears twice")
        own.add(values["id"])
        found[values["id"]] = BasisDocument.model_validate(values)
    return found


def _jurisdictions(layer: _Layer, raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(p, str) and p.strip() for p in raw):
        raise layer.error(
            ("jurisdictions",),
            'jurisdictions: must be a list of jurisdiction prefixes, e.g. ["山东省泰安市泰山区"]',
        )
    return tuple(p.strip() for p in raw)


def _defaults(spec: RuleSpec) -> RuleEntry:
    return RuleEntry(spec.enabled, spec.severity, spec.waivable, spec.params(), None)


def _dated(value: Any) -> Any:
    """A date YAML read as a date (``date: 2014-08-13`` unquoted) as the text it was."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _rule_entry(
    layer: _Layer,
    where: YamlPath,
    spec: RuleSpec,
    raw: Any,
    base: RuleEntry,
    basis: dict[str, BasisDocument],
    quotes_documented: bool = False,
) -> RuleEntry:
    _check_keys(layer, where, raw, RULE_KEYS, f"rule {spec.id}")
    enabled = _flag(layer, (*where, "enabled"), raw.get("enabled"), base.enabled)
    waivable = _flag(layer, (*where, "waivable"), raw.get("waivable"), base.waivable)
    severity = base.severity
    if "severity" in raw:
        try:
            severity = Severity(str(raw["severity"]))
        except ValueError:
            raise layer.error(
                (*where, "severity"),
                f"severity: {raw['severity']!r} is not one of error, warning, info",
            ) from None
    params = base.params
    if "params" in raw:
        params = _params(layer, (*where, "params"), spec, raw["params"] or {}, base.params)
    source = base.source
    documented = base.documented
    if "source" in raw:
        source = _source(layer, (*where, "source"), raw["source"])
        documented = quotes_documented or _documented_source(spec.id, source)
        if source.basis is not None and source.basis not in basis:
            listed = f"; the pack lists {', '.join(basis)}" if basis else "; it lists none"
            raise layer.error(
                (*where, "source", "basis"),
                f"source: basis {source.basis!r} is not an id of the pack's documents{listed}",
            )
    return RuleEntry(enabled, severity, waivable, params, source, documented)


def _flag(layer: _Layer, path: YamlPath, value: Any, default: bool) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise layer.error(path, f"{path[-1]}: must be true or false, not {value!r}")
    return value


def _params(layer: _Layer, where: YamlPath, spec: RuleSpec, raw: Any, base: Params) -> Params:
    fields = list(spec.params.model_fields)
    if not isinstance(raw, dict):
        raise layer.error(where, f"params of {spec.id} must be a mapping")
    for name in raw:
        if name not in fields:
            hint = _did_you_mean(str(name), fields) if fields else "; it takes no parameters"
            raise layer.error((*where, name), f"rule {spec.id} has no parameter {name!r}{hint}")
    merged = {**base.model_dump(), **raw}
    try:
        params = spec.params.model_validate(merged)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = error.get("loc", ())
        name = str(loc[0]) if loc else ""
        path: YamlPath = (*where, name) if name else where
        message = f"{spec.id} parameter {name or '(params)'}: {error.get('msg', 'invalid')}"
        raise layer.error(path, message) from None
    _check_bounds(layer, where, spec, params, raw)
    return params


def _check_bounds(
    layer: _Layer, where: YamlPath, spec: RuleSpec, params: Params, raw: dict[Any, Any]
) -> None:
    """A ``min_X`` above its ``max_X`` would fail everything: a usage error, not a verdict."""
    values = params.model_dump()
    for name, low in values.items():
        high_name = "max_" + name[len("min_") :] if name.startswith("min_") else ""
        high = values.get(high_name)
        if high is not None and isinstance(low, int | float) and low > high:
            at = name if name in raw else high_name
            raise layer.error(
                (*where, at),
                f"{spec.id} parameters contradict each other: "
                f"{name} {low} is more than {high_name} {high}",
            )


def _source(layer: _Layer, where: YamlPath, raw: Any) -> Source:
    if isinstance(raw, str):
        return Source(document=raw)
    _check_keys(layer, where, raw, SOURCE_KEYS, "a source")
    values = {k: _text(layer, (*where, k), raw.get(k), "") or None for k in SOURCE_KEYS}
    return Source(**values)

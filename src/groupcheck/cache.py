"""The incremental cache: each group's results, kept from one run to the next (issue 17, 2).

What a group's share of a run gives (its load findings, the findings and figures of the
group-scope policy rules, its charter's identity fields and staff-numbered exchanges for the
parent, or the fact that it did not load) depends on nothing but the bytes of its files and
their paths, the policy pack (resolved, with its parameters; under ``--rules by-jurisdiction``
the whole table), the as-of date, the language the messages are written in and groupcheck
itself. Those make the entry's key (``run_key`` and ``Cache.key``); a second run over 10,000
groups with one changed takes 9,999 entries and checks one group. Everything that needs every
group at once (GC101's count, GC204 across groups, GC4xx, waivers, GC5xx, select/ignore, the
baseline, the report) is done by ``engine.check`` over every group in every run, so the report,
and every output, is the one an uncached run gives. Of that, the run-scope passes (GC101, GC204
across groups, GC4xx) depend on nothing but what each group gives them (``Entry.inputs``, a
digest of its group's fields and staff postings) and the run key: their findings are kept
with every group's inputs (``Cache.across``). A run in which no group's inputs changed (the
common warm run: a log's exchange without a staff number edited, a comment) takes them from
there and never reads a staff posting; one in which a few changed brings each pass up to
date over the groups those changes concern (``engine._brought_up_to_date``: a renamed school
re-judges the groups that list it, not 10,000).

The files of one run key and one set of checked paths live in ``<cache dir>/v5/<scope>/``:

- ``index``: per group folder, its files' names, their stats (device, inode, size,
  modification and change times in nanoseconds, packed) and the group's entry key, so that
  a group none of whose files' stat changed costs a stat per file (ruff and mypy keep the
  same); a group one of whose files changed has its files hashed again, and still hits when
  their bytes did not change. A file changed less than ``RACY_NS`` before it was hashed is
  not recorded: a second write within the clock tick would leave its stat as it was. The
  index also keeps, per file content (its stat and SHA-256), the line and column of each
  YAML path a run-scope finding pointed at, so a warm run does not parse those files again
  to locate them; each folder's listing with the folder's stat (``discovery.Listings``);
  and, per entry key, the group's ``Entry.inputs`` and id: a run that reports on some
  groups only (``validate --changed``) takes the other groups' inputs from there, reading
  none of their entries unless a run-scope pass must be brought up to date over them.
- ``00.shard`` … ``ff.shard``: the entries, by the first two hex digits of their keys, each
  shard holding the entries of the last run that used it.
- ``00.postings`` … ``ff.postings``: the staff postings of those entries' groups (half the
  bytes), apart, read only by a run whose run-scope passes are not kept; postings that are
  absent or not to be trusted are worked out from the group's files again.
- ``across``: the run key, every loaded group's inputs by folder, and each run-scope pass of
  the last run: its findings, and what each group joined on in it (``registry.Joins``), apart.

Each file is a line naming the format, a JSON line naming the file (its scope and shard) with
the size and SHA-256 of the body, then the body, written by ``marshal`` (plain tuples,
lists, dicts, strings and numbers). The checksum is checked before the body is unmarshalled,
so bytes damaged on disk never reach ``marshal``; then every field's type is checked (a
finding, a figure, a posting of the wrong shape is a miss). Anything wrong — absent, not
a regular file, another format, another file's name, cut short, altered, of the wrong shape —
makes that file's entries misses: those groups are checked and the file written again.
Nothing read is executed. Files are written to a temporary file in their folder, then
renamed: a reader sees the whole file or none. A cache that cannot be written (read-only,
full) only costs speed.

The cache folder is never inside the checked paths (``config`` refuses one named there, and
the default, the user's cache folder, is skipped when a checked path holds it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import itertools
import json
import marshal
import os
import signal
import stat
import struct
import sys
import time
import types
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from groupcheck import yamlsource
from groupcheck.discovery import FolderStamp, GroupSource, Listing
from groupcheck.engine import (
    EarlierPass,
    Figures,
    Joined,
    PositionTable,
    UnloadedGroup,
    read_positions,
)
from groupcheck.errors import INTERNAL_ERROR
from groupcheck.findings import Finding, Severity, YamlPath
from groupcheck.models import Charter, Group, Posting
from groupcheck.output import write_all
from groupcheck.registry import PackInfo, Run
from groupcheck.report import Figure

FORMAT = 5
"""The layout of the cache's files; a file of another format is ignored (the folder ``v5``
names it too). 5: the index keeps groups by folder with packed stats and listings as joined
names; the run-scope passes are kept with what they joined on."""

ENV_CACHE_HOME = "XDG_CACHE_HOME"


def default_dir() -> str:
    """The user's cache folder for groupcheck, as platformdirs would put it (without it):
    ``$XDG_CACHE_HOME/groupcheck`` or ``~/.cache/groupcheck``; ``~/Library/Caches/groupcheck``
    on macOS; ``%LOCALAPPDATA%\\groupcheck\\Cache`` on Windows."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
        return os.path.join(base, "groupcheck", "Cache")
    if sys.platform == "darwin":
        return os.path.expanduser("~/Library/Caches/groupcheck")
    base = os.environ.get(ENV_CACHE_HOME, "")
    if not os.path.isabs(base):  # the XDG spec: a relative value is to be ignored
        base = os.path.expanduser("~/.cache")
    return os.path.join(base, "groupcheck")


def inside(folder: str, paths: Iterable[str]) -> bool:
    """Whether ``folder`` is one of ``paths`` or under one (after resolving links)."""
    where = Path(folder).resolve()
    for path in paths:
        top = Path(path).resolve()
        if top.is_file():
            top = top.parent
        if where == top or top in where.parents:
            return True
    return False


def _code_fingerprint() -> str:
    """groupcheck's version and the size and time of each of its modules: a checkout whose
    code changed (a rule edited without a new version) never reads an older code's entries."""
    from groupcheck._version import __version__
    from groupcheck.engine import registry

    root = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for file in sorted(root.rglob("*.py")):
        st = file.stat()
        digest.update(f"{file.relative_to(root)}:{st.st_size}:{st.st_mtime_ns};".encode())
    # The rule functions in force: one replaced in this process (a plug-in, a test's patch)
    # has other code than the module's file says.
    for spec in registry().values():
        joins = (spec.joins.of_group, spec.joins.of_finding) if spec.joins is not None else ()
        for function in (spec.check, spec.across, *joins):
            code = getattr(function, "__code__", None)
            if isinstance(code, types.CodeType):
                digest.update(f"{spec.id}:{getattr(function, '__qualname__', '')}:".encode())
                _digest_code(digest, code)
    return digest.hexdigest()


def _digest_code(digest: Any, code: types.CodeType) -> None:
    """Feed what ``code`` does into ``digest``: its bytecode, names and constants, nested
    functions' code in turn. Not ``marshal.dumps``, whose bytes depend on reference counts
    (the same function marshals differently under a profiler, and the cache then missed)."""
    digest.update(code.co_code)
    digest.update(repr((code.co_names, code.co_varnames, code.co_freevars)).encode())
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            digest.update(b"\0code:")
            _digest_code(digest, constant)
        elif isinstance(constant, frozenset):  # its order follows the strings' hash seed
            digest.update(f"\0frozenset:{sorted(repr(c) for c in constant)!r}".encode())
        else:
            digest.update(f"\0{type(constant).__name__}:{constant!r}".encode())


def _pack_data(pack: PackInfo) -> dict[str, Any]:
    return {
        "name": pack.name,
        "version": pack.version,
        "file": pack.file,
        "academic_year_start": list(pack.academic_year_start),
        "rules": {
            rule_id: {
                "enabled": setting.enabled,
                "severity": str(setting.severity),
                "waivable": setting.waivable,
                "params": setting.params.model_dump(mode="json"),
            }
            for rule_id, setting in sorted(pack.rules.items())
        },
    }


def run_key(run: Run) -> str:
    """What every entry of ``run`` shares: groupcheck's code, the as-of date, the language,
    the packs with their parameters (select, ignore, waivers and the baseline are applied
    afterwards, over every group, and are not part of it)."""
    data = {
        "format": FORMAT,
        "code": _code_fingerprint(),
        "as_of": run.as_of.isoformat(),
        "lang": run.lang,
        "pack": _pack_data(run.pack),
        "jurisdictions": [[e.prefix, _pack_data(e.pack)] for e in run.jurisdictions],
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


@dataclass(frozen=True)
class Sent:
    """A loaded group as the parent needs it (``parallel.PARENT_FIELDS`` of its charter).

    ``postings``: its staff postings, or (a group read from the cache) what decodes them when
    GC204 across groups first asks; a warm run whose run-scope findings are kept
    (``Across``) never does.
    """

    folder: str
    charter_file: str
    log_files: tuple[str, ...]
    charter: dict[str, Any]
    unread_logs: tuple[str, ...] = ()
    postings: tuple[Posting, ...] | Callable[[], tuple[Posting, ...]] = ()


@dataclass(frozen=True)
class Entry:
    """One group's results: what ``parallel._check_chunk`` gives for it."""

    load_findings: tuple[Finding, ...]
    rule_findings: tuple[Finding, ...]
    figures: dict[str, tuple[Figure, ...]]
    """Rule id → its figures for this group's charter."""
    group: Sent | None
    unloaded: UnloadedGroup | None
    inputs: str = ""
    """A digest of what the run-scope rules read of the group (its ``group``, whole): the
    run's key for their findings is made of every loaded group's (``Cache.across``). Empty
    for a group that did not load, which they never see."""
    built: Group | None = None
    """``group`` as the parent's model (``group_of``), for an entry read from the cache:
    built, its charter validated, when it is read, so that one that is not a charter is a
    miss and not an error of the run."""


def group_of(sent: Sent) -> Group:
    """The parent's ``Group`` of a group sent as plain data (by a worker or the cache); its
    charter validated (``pydantic.ValidationError``, a ``ValueError``, when it is not one)."""
    charter = Charter.model_validate(sent.charter)
    if callable(sent.postings):
        return _CachedGroup(
            folder=sent.folder,
            charter_file=sent.charter_file,
            charter=charter,
            log_files=sent.log_files,
            unread_logs=sent.unread_logs,
            decode=sent.postings,
        )
    return Group(
        folder=sent.folder,
        charter_file=sent.charter_file,
        charter=charter,
        log_files=sent.log_files,
        unread_logs=sent.unread_logs,
        postings=sent.postings,
    )


@dataclass(frozen=True)
class _CachedGroup(Group):
    """A group read from the cache, whose staff postings are read when first asked for (by
    GC204 across groups, in a run whose run-scope findings were not kept)."""

    decode: Callable[[], tuple[Posting, ...]] | None = field(
        default=None, compare=False, repr=False
    )

    def staff_postings(self) -> tuple[Posting, ...]:
        if self.decode is not None:
            return self.decode()
        return super().staff_postings()

    def staff_numbers(self) -> frozenset[str]:
        numbers = getattr(self.decode, "numbers", None)
        return numbers() if numbers is not None else super().staff_numbers()


def entry_of(
    group: Group | None,
    unloaded: UnloadedGroup | None,
    load_findings: Sequence[Finding],
    rule_findings: Sequence[Finding],
    figures: Figures,
    parent_fields: Iterable[str],
) -> Entry:
    charter_file = group.charter_file if group is not None else ""
    sent = None
    if group is not None:
        sent = Sent(
            group.folder,
            group.charter_file,
            group.log_files,
            group.charter.model_dump(include=set(parent_fields), by_alias=True, mode="json"),
            group.unread_logs,
            group.staff_postings(),
        )
    return Entry(
        tuple(load_findings),
        tuple(rule_findings),
        figures.get(charter_file, {}),
        sent,
        unloaded,
        "" if sent is None else _inputs_of(_encode_sent(sent)),
    )


def _inputs_of(row: tuple[Any, ...]) -> str:
    """The digest of a group's row as the cache keeps it (plain data: its ``repr`` is
    the same for the same values in every process, unlike ``marshal``'s bytes)."""
    return hashlib.sha256(repr(row).encode("utf-8", "surrogateescape")).hexdigest()


def storable(entry: Entry) -> bool:
    """Whether the entry may be kept: not when a rule raised (GC000) or loading failed inside
    groupcheck (GC001 ``internal``), which say something about the code, not the files."""
    return not any(
        f.rule == INTERNAL_ERROR or f.key == "internal"
        for f in (*entry.load_findings, *entry.rule_findings)
    )


# ---------------------------------------------------------------------------------------------
# To and from plain data (tuples, lists, dicts, strings, numbers: what ``marshal`` writes)

_FINDING_TYPES: tuple[tuple[type, ...], ...] = (
    (str,),  # rule
    (str,),  # name
    (str,),  # severity
    (str, type(None)),  # group
    (str, type(None)),  # file
    (int, type(None)),  # line
    (int, type(None)),  # column
    (str, type(None)),  # year
    (str,),  # message
    (tuple,),  # yaml_path
    (str,),  # key
    (dict,),  # args
)
_FIGURE_TYPES: tuple[tuple[type, ...], ...] = (
    (str,),  # year
    (int, type(None)),  # found
    (int, type(None)),  # needed
    (str, type(None)),  # share
    (str, type(None)),  # needed_share
    (float, int, type(None)),  # ratio
    (int, type(None)),  # base
    (tuple,),  # items
    (bool,),  # judged
    (str,),  # verdict
    (str, type(None)),  # start
    (str, type(None)),  # end
    (int, type(None)),  # part
    (tuple,),  # sources
    (tuple,),  # others
)
_SEVERITIES = {str(s): s for s in Severity}


def _finding_row(finding: Finding) -> tuple[Any, ...]:
    return (
        finding.rule,
        finding.name,
        str(finding.severity),
        finding.group,
        finding.file,
        finding.line,
        finding.column,
        finding.year,
        finding.message,
        tuple(finding.yaml_path),
        finding.key,
        finding.args,
    )


def _signatures(types: tuple[tuple[type, ...], ...]) -> frozenset[tuple[type, ...]]:
    """Every tuple of field types a row may have (``tuple(map(type, row))`` is looked up in
    it: a row checked in C, not field by field, since a warm run checks a million fields)."""
    return frozenset(itertools.product(*types))


_FINDING_ROWS = _signatures(_FINDING_TYPES)
_STEPS = frozenset({str, int})


def _finding(row: Any) -> Finding:
    """The finding ``row`` holds, built without validation once its fields are checked here
    (``model_validate`` per finding was a fifth of a warm run)."""
    if type(row) is not tuple or tuple(map(type, row)) not in _FINDING_ROWS:
        raise ValueError("not a finding")
    rule, name, severity, group, file, line, column, year, message, path, key, args = row
    if not set(map(type, path)) <= _STEPS:
        raise ValueError("not a YAML path")
    values = {
        "rule": rule,
        "name": name,
        "severity": _SEVERITIES[severity],
        "group": group,
        "file": file,
        "line": line,
        "column": column,
        "year": year,
        "message": message,
        "waived": False,
        "yaml_path": path,
        "key": key,
        "args": args,
        "waiver_reason": None,
        "known": False,
    }
    if not _DIRECT:
        return Finding.model_construct(**{field: values[field] for field in _GIVEN})
    # What ``model_construct`` does for this model (no aliases, extras, private attributes
    # or post-init; checked below), without its loop over the fields: a warm run builds
    # some 14,000 findings from the cache.
    finding = _new_model(Finding)
    _set(finding, "__dict__", values)
    _set(finding, "__pydantic_fields_set__", set(_GIVEN))
    _set(finding, "__pydantic_extra__", None)
    _set(finding, "__pydantic_private__", None)
    return finding


_GIVEN = (
    "rule",
    "name",
    "severity",
    "group",
    "file",
    "line",
    "column",
    "year",
    "message",
    "yaml_path",
    "key",
    "args",
)
"""The fields a cached finding gives (the others take their defaults: not waived, not
known, no waiver's reason; the engine sets them later, as for any finding)."""
_DEFAULTS = {"waived": False, "waiver_reason": None, "known": False}
_FIELDS = [*_GIVEN[:9], "waived", *_GIVEN[9:], "waiver_reason", "known"]
"""The model's fields in order, as ``_finding`` fills its ``__dict__``."""
_new_model = object.__new__
_set = object.__setattr__
_MODEL_FIELDS = Finding.model_fields  # the class's own on every pydantic 2.6+ the package allows
_DIRECT = (
    list(_MODEL_FIELDS) == _FIELDS
    and all(
        field.alias is None and field.validation_alias is None for field in _MODEL_FIELDS.values()
    )
    and all(
        _MODEL_FIELDS[name].get_default(call_default_factory=True) == value
        for name, value in _DEFAULTS.items()
    )
    and Finding.__pydantic_post_init__ is None
    and not Finding.__pydantic_root_model__
    and Finding.model_config.get("extra") != "allow"
    and not Finding.__private_attributes__
)
"""Whether ``_finding`` may build a finding as ``model_construct`` would, directly (the
model is still the one it was written for)."""


def _columns(rows: Sequence[tuple[Any, ...]], width: int) -> tuple[tuple[Any, ...], ...]:
    """``rows`` as ``width`` columns: an entry keeps its many small rows (figures, postings)
    column by column, so each column is checked and each row rebuilt in C (``zip``)."""
    if not rows:
        return ((),) * width
    return tuple(zip(*rows, strict=True))


def _column(values: Any, types: frozenset[type], length: int) -> tuple[Any, ...]:
    """``values`` when it is a tuple of ``length`` values of ``types``."""
    if type(values) is not tuple or len(values) != length or not set(map(type, values)) <= types:
        raise ValueError("not a column")
    return values


def _figures_by_rule(data: Any) -> dict[str, tuple[Figure, ...]]:
    """Rule id → its figures, from the rules, their counts and the figures' columns."""
    if type(data) is not tuple or len(data) != 3:
        raise ValueError("not figures")
    rules, counts, columns = data
    _texts(rules)
    _column(counts, _INT, len(rules))
    figures = _figures(columns)
    if sum(counts) != len(figures) or min(counts, default=0) < 0 or len(set(rules)) != len(rules):
        raise ValueError("not figures")
    by_rule: dict[str, tuple[Figure, ...]] = {}
    start = 0
    for rule, count in zip(rules, counts, strict=True):
        by_rule[rule] = figures[start : start + count]
        start += count
    return by_rule


def _figures(columns: Any) -> tuple[Figure, ...]:
    if (
        type(columns) is not tuple
        or len(columns) != len(_FIGURE_TYPES)
        or set(map(type, columns)) != _TUPLE
        or len(set(map(len, columns))) != 1
    ):
        raise ValueError("not figures")
    # The columns of one kind (texts, counts, ...) checked together: a few calls per group.
    for indexes, kinds in _FIGURE_KINDS:
        values = itertools.chain.from_iterable(map(columns.__getitem__, indexes))
        if not set(map(type, values)) <= kinds:
            raise ValueError("not figures")
    items, sources, others = columns[7], columns[13], columns[14]
    if not set(map(type, itertools.chain.from_iterable((*items, *sources)))) <= _TEXT:
        raise ValueError("not a figure")
    amounts = tuple(itertools.chain.from_iterable(others))  # (kind, yuan) pairs
    if not set(map(type, amounts)) <= _TUPLE or not all(
        len(pair) == 2 and type(pair[0]) is str and type(pair[1]) is int for pair in amounts
    ):
        raise ValueError("not a figure")
    return tuple(map(_new_figure, zip(*columns, strict=True)))


_TEXT = frozenset({str})
_TUPLE = frozenset({tuple})
_FIGURE_KINDS = tuple(
    (tuple(i for i, kind in enumerate(_FIGURE_TYPES) if frozenset(kind) == types), types)
    for types in dict.fromkeys(frozenset(kind) for kind in _FIGURE_TYPES)
)
"""The figure's columns by the types their values may have: (indexes, types)."""
_new_figure = functools.partial(tuple.__new__, Figure)
"""``Figure._make`` in C: a warm run makes a few hundred thousand figures."""


def _encode_sent(group: Sent) -> tuple[Any, ...]:
    """The group as the cache keeps it: its fields, then its staff postings' columns (kept
    apart from the entry: ``Cache.put``)."""
    postings = group.postings() if callable(group.postings) else group.postings
    return (
        group.folder,
        group.charter_file,
        tuple(group.log_files),
        group.charter,
        tuple(group.unread_logs),
        _posting_columns(postings, group.log_files),
    )


def _posting_columns(postings: Iterable[Posting], log_files: Sequence[str]) -> Any:
    files = {name: index for index, name in enumerate(log_files)}
    return _columns(
        [
            (no, start.toordinal(), end.toordinal(), files[file], index, person)
            for no, start, end, file, index, person in postings
        ],
        6,
    )


def _encode(entry: Entry) -> tuple[tuple[Any, ...], Any]:
    """The entry's row, and its group's staff postings' columns (None: it did not load)."""
    unloaded = entry.unloaded
    sent = None if entry.group is None else _encode_sent(entry.group)
    # The figures of every rule in one set of columns (each column checked once per group,
    # not once per rule), with the rules in order and how many figures each has.
    rules = tuple(entry.figures)
    row = (
        tuple(_finding_row(f) for f in entry.load_findings),
        tuple(_finding_row(f) for f in entry.rule_findings),
        (
            rules,
            tuple(len(entry.figures[rule]) for rule in rules),
            _columns([tuple(f) for rule in rules for f in entry.figures[rule]], len(_FIGURE_TYPES)),
        ),
        None if sent is None else sent[:5],
        None
        if unloaded is None
        else (unloaded.id, unloaded.name, unloaded.folder, unloaded.charter_file),
        entry.inputs,
    )
    return row, None if sent is None else sent[5]


def _texts(values: Any) -> tuple[str, ...]:
    if type(values) is not tuple or not set(map(type, values)) <= _TEXT:
        raise ValueError("not texts")
    return values


_INT = frozenset({int})


class LazyPostings:
    """A cached group's staff postings, read (from the cache's postings files, apart from
    the entries), checked and built (dates, file names) when GC204 across groups first
    asks for them: a warm run whose run-scope findings are kept (``Across``) never does.

    ``read`` gives the stored columns, or None when they are absent; columns that are
    absent or not postings are never trusted: ``reload`` works them out from the group's
    files again (whose bytes made the entry's key) and ``keep`` stores them.
    """

    __slots__ = ("_built", "_files", "_keep", "_read", "_reload")

    def __init__(
        self,
        files: tuple[str, ...],
        read: Callable[[], Any],
        reload: Callable[[], tuple[Posting, ...]],
        keep: Callable[[tuple[Posting, ...]], None],
    ) -> None:
        self._files = files
        self._read = read
        self._reload = reload
        self._keep = keep
        self._built: tuple[Posting, ...] | None = None

    def numbers(self) -> frozenset[str]:
        """The postings' staff numbers, from their stored column alone when it is one (the
        postings are then built only if GC204 across groups needs them)."""
        if self._built is None:
            with contextlib.suppress(Exception):  # not to be trusted: built (or reloaded)
                return frozenset(_checked(self._read(), self._files)[0])
        return frozenset(posting[0] for posting in self())

    def __call__(self) -> tuple[Posting, ...]:
        if self._built is None:
            try:
                self._built = _postings(self._read(), self._files)
            except Exception:  # absent, foreign, of the wrong shape: from the files again
                self._built = self._reload()
                self._keep(self._built)
        return self._built


def _postings(columns: Any, files: tuple[str, ...]) -> tuple[Posting, ...]:
    """The postings ``columns`` hold; raises when they are not postings of ``files``."""
    numbers, starts, ends, where, indexes, people = _checked(columns, files)
    day = _day
    for ordinal in {*starts, *ends}.difference(_DAYS):
        _DAYS[ordinal] = dt.date.fromordinal(ordinal)
    paths = tuple(map(files.__getitem__, where))
    return tuple(
        zip(numbers, map(day, starts), map(day, ends), paths, indexes, people, strict=True)
    )


def _checked(columns: Any, files: tuple[str, ...]) -> tuple[tuple[Any, ...], ...]:
    """``columns`` when they are postings of ``files``; raises otherwise."""
    if type(columns) is not tuple or len(columns) != 6 or type(columns[0]) is not tuple:
        raise ValueError("not postings")
    length = len(columns[0])
    numbers, starts, ends, where, indexes, people = columns
    _column(numbers, _TEXT, length)
    _column(starts, _INT, length)
    _column(ends, _INT, length)
    _column(where, _INT, length)
    _column(indexes, _INT, length)
    _column(people, _TEXT, length)
    if length and (
        min(min(starts), min(ends)) < 1
        or max(max(starts), max(ends)) > _LAST_DAY
        or min(where) < 0
        or max(where) >= len(files)
    ):
        raise ValueError("not postings")  # a day out of range, a file that is not one
    return columns


_LAST_DAY = dt.date.max.toordinal()


_DAYS: dict[int, dt.date] = {}
"""Dates by ordinal: the postings of a run share a few thousand start and end dates."""
_day = _DAYS.__getitem__


def _decode(
    body: Any, postings: Callable[[tuple[str, ...]], LazyPostings], whole: bool = True
) -> Entry:
    """The entry ``body`` holds; raises (anything) when it is not one. ``postings`` gives a
    loaded group's staff postings, read when first asked for, from its log files' names.
    Not ``whole``: its group only, without its findings and figures (a run-scope pass)."""
    if type(body) is not tuple or len(body) != 6:
        raise ValueError("not an entry")
    load, rules, figures, group, row, inputs = body
    if type(load) is not tuple or type(rules) is not tuple or type(inputs) is not str:
        raise ValueError("not an entry")
    sent = None
    if group is not None:
        if type(group) is not tuple or len(group) != 5 or type(group[3]) is not dict:
            raise ValueError("not a group")
        folder, charter_file, log_files, charter, unread_logs = group
        if type(folder) is not str or type(charter_file) is not str:
            raise ValueError("not a group")
        log_files = _texts(log_files)
        sent = Sent(
            folder,
            charter_file,
            log_files,
            charter,
            _texts(unread_logs),
            postings(log_files),
        )
    unloaded = None
    if row is not None:
        if type(row) is not tuple or len(row) != 4:
            raise ValueError("not an unloaded group")
        ident, name, folder, charter_file = row
        if type(name) not in (str, type(None)) or _texts((ident, folder, charter_file)) is None:
            raise ValueError("not an unloaded group")
        unloaded = UnloadedGroup(ident, name, folder, charter_file)
    if (sent is None) == (unloaded is None) or (sent is None) != (inputs == ""):
        raise ValueError("a group is either loaded or not")
    return Entry(
        tuple(_finding(f) for f in load) if whole else (),
        tuple(_finding(f) for f in rules) if whole else (),
        _figures_by_rule(figures) if whole else {},
        sent,
        unloaded,
        inputs,
        None if sent is None else group_of(sent),
    )


# ---------------------------------------------------------------------------------------------
# The files: an index of the checked files' hashes, and the entries in shards


class Damaged(ValueError):
    """A cache file that is not what it should be: absent, foreign, cut short or altered."""


def _read(path: str) -> bytes:
    """A cache file's bytes, only from a regular file (never a FIFO or a device)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
            raise Damaged("not a regular file of a cache's size")
        parts: list[bytes] = []
        while chunk := os.read(fd, max(st.st_size + 1, 1 << 16)):
            parts.append(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


MAX_BYTES = 1 << 30
"""The largest cache file read (an index of a few million files)."""


def _unpack(raw: bytes, name: str) -> Any:
    """The body of a cache file named ``name``: checked before it is unmarshalled, so bytes
    damaged on disk never reach ``marshal``, and a file of another name is refused."""
    magic, _, rest = raw.partition(b"\n")
    head, _, body = rest.partition(b"\n")
    if magic != MAGIC:
        raise Damaged("another format")
    header = json.loads(head)
    if (
        type(header) is not dict
        or header.get("name") != name
        or header.get("size") != len(body)
        or header.get("sha256") != hashlib.sha256(body).hexdigest()
    ):
        raise Damaged("a foreign or damaged file")
    return marshal.loads(body)


def _pack(name: str, data: Any) -> bytes:
    body = marshal.dumps(data)
    header = {"name": name, "size": len(body), "sha256": hashlib.sha256(body).hexdigest()}
    return MAGIC + b"\n" + json.dumps(header).encode() + b"\n" + body


def _write_atomic(path: str, payload: bytes) -> None:
    """Write ``payload`` to a temporary file beside ``path``, then rename it there."""
    import tempfile  # here: a run that finds every entry writes nothing (nor loads shutil)

    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".part-", suffix=".tmp", dir=folder)
    try:
        try:
            write_all(fd, payload)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


MAGIC = b"groupcheck-cache %d" % FORMAT

RACY_NS = 2_000_000_000
"""A file changed less than this before it was hashed is hashed again next time: another write
within the file system's clock tick would leave its size and times as they were (git's
"racily clean" files)."""

Stamp = tuple[int, int, int, int, int]
"""What ``os.stat`` says of a file: device, inode, size, modification and change times (ns)."""


def _stamp(st: os.stat_result) -> Stamp:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


_STAMP = struct.Struct("<QQQqq")


def _packed(stamps: Iterable[Stamp]) -> bytes | None:
    """``stamps`` as a group's row in the index keeps them: one string of bytes (a warm run
    reads 70,000 stamps, which as tuples of numbers took four times as long to read). None:
    one cannot be had, or packed."""
    try:
        return b"".join(_STAMP.pack(*stamp) for stamp in stamps)
    except (OSError, struct.error):
        return None


def _packed_stamps(paths: Sequence[str]) -> bytes | None:
    """The packed ``Stamp`` of each of ``paths`` as they are now."""
    return _packed(_stamp(os.stat(path)) for path in paths)


def _row_holds(row: Any) -> bool:
    """Whether a group's row of the index is well formed and its files' stats are as it keeps
    them (None is what a file that cannot be stat'd gives: a row must hold bytes)."""
    return (
        type(row) is tuple
        and len(row) == 3
        and type(row[0]) is str
        and type(row[1]) is bytes
        and row[1] == _packed_stamps(_split_names(row[0]))
    )


AHEAD_FROM = 2000
"""The fewest group rows whose stats ``_StatsAhead`` checks in another process."""


def _ahead_share(rows: int) -> int:
    """How many of ``rows`` the child checks: seven in eight, the rest are checked here when
    the walk is done (the walk's stats and bookkeeping take about as long as the files' stats:
    both processes then end at about the same time)."""
    return rows - rows // 8


class _StatsAhead:
    """Which of the old index's group rows still hold (``_row_holds``), found by a forked
    process while this one walks the folders.

    Why: a warm run over 10,000 groups stats 70,000 files (a quarter of the pre-commit hook's
    time), and the walk, which must come first, stats and lists 17,000 folders. On two cores
    the two go side by side. The child stats, writes one byte per row to a pipe and ends at
    once (``os._exit``: no buffer flushed, no exit handler run); a child that dies or writes
    short leaves every row to be stat'd here, as without it. Its stats are taken while the
    walk goes on rather than when each group's key is asked for: both come before any file
    is read, as they did (a file changed after its stat was taken is seen by the next run).
    """

    def __init__(self, rows: dict[Any, Any]) -> None:
        self._rows = rows
        self._held: dict[Any, bool] | None = None
        self._read, write = os.pipe()
        # Ctrl-C reaches the whole process group: the child must never answer it (it would
        # go on as this process, out of the call below); it is forked with SIGINT blocked,
        # and this process takes it once the fork is done. Ended early, the child is killed.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pid = os.fork()
        except OSError:
            pid = -1
        if pid == 0:  # the child
            try:
                os.close(self._read)
                ahead = itertools.islice(rows.values(), _ahead_share(len(rows)))
                write_all(write, bytes(map(_row_holds, ahead)))
            finally:
                os._exit(0)
        os.close(write)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        self._pid = max(pid, 0)
        if pid < 0:  # no fork: every row is checked here
            self._held = {}

    @classmethod
    def start(cls, rows: dict[Any, Any]) -> _StatsAhead | None:
        """A child checking ``rows``, or None where forking is not safe or not worth it: no
        ``fork`` (Windows), a process with threads (a child would inherit their locks held),
        fewer than ``AHEAD_FROM`` rows (a fork costs about what 2,000 stats do)."""
        threads = sys.modules.get("threading")
        if (
            not hasattr(os, "fork")
            or len(rows) < AHEAD_FROM
            or (threads is not None and threads.active_count() > 1)
        ):
            return None
        return cls(rows)

    def holds(self, folder: str) -> bool | None:
        """Whether ``folder``'s row held when the child looked (None: not known)."""
        if self._held is None:
            self._held = self._collect()
        return self._held.get(folder)

    def _collect(self) -> dict[Any, bool]:
        """The child's answers, read to the end (the child then ends), and the child waited
        for; none when it wrote anything but one 0 or 1 for each row of its share."""
        parts: list[bytes] = []
        try:
            while chunk := os.read(self._read, 1 << 16):
                parts.append(chunk)
        except OSError:
            parts = []
        finally:
            self._end(kill=False)
        flags = b"".join(parts)
        if len(flags) != _ahead_share(len(self._rows)) or not set(flags) <= {0, 1}:
            return {}
        return {folder: flag == 1 for folder, flag in zip(self._rows, flags, strict=False)}

    def close(self) -> None:
        """End the child: killed if its answers were not read (the run ended early: an
        error, Ctrl-C), and waited for."""
        self._end(kill=self._held is None)

    def _end(self, *, kill: bool) -> None:
        if self._read >= 0:
            os.close(self._read)
            self._read = -1
        if self._pid > 0:
            if kill:
                with contextlib.suppress(OSError):
                    os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                self.status = os.waitpid(self._pid, 0)[1]
            self._pid = 0

    status: int | None = None
    """How the child ended (``os.waitpid``'s status), once waited for."""


class _Positions(dict[YamlPath, yamlsource.Position]):
    """A file's position table for ``engine._locate_all``, answered from the positions the
    cache kept for its content where it can, and from the file, parsed once, where not."""

    def __init__(self, file: str, memo: dict[YamlPath, Any], changed: Callable[[], None]) -> None:
        super().__init__()
        self._file = file
        self._memo = memo
        self._changed = changed
        self._table: dict[YamlPath, yamlsource.Position] | None = None
        self._parsed = False

    def __bool__(self) -> bool:
        return True

    def get(self, path: YamlPath, default: Any = None) -> Any:
        if path in self._memo:
            return self._memo[path]
        if not self._parsed:
            self._parsed = True
            self._table = read_positions(self._file)
        found = self._table.get(path) if self._table is not None else None
        self._memo[path] = found
        self._changed()
        return found


class Cache:
    """The cache of one run: the files' hashes by their stat (``key``), the entries by key
    (``get``, ``put``), the positions of run-scope findings (``positions_of``); ``save``
    writes what changed.

    Its files are those of one run key and one set of checked paths (``scope``) under
    ``<folder>/v5/<scope>/``: ``index`` (each checked file's stat and SHA-256, and the
    positions of the findings located in it) and 256 shards of entries by the first two hex
    digits of their keys. Each is written whole, atomically, when it changed, and holds only
    what this run used, so entries of groups gone or changed do not pile up.
    """

    def __init__(self, folder: str, run: Run, paths: Sequence[str] = ()) -> None:
        self.base = run_key(run)
        scope = hashlib.sha256(self.base.encode())
        scope.update(json.dumps([os.getcwd(), sorted(os.path.abspath(p) for p in paths)]).encode())
        self.scope = scope.hexdigest()[:32]
        self.folder = os.path.join(folder, f"v{FORMAT}", self.scope)
        self._old_index: dict[str, Any] = {}
        self._old_positions: dict[str, Any] = {}
        self._index: dict[str, tuple[Stamp | None, bytes]] = {}
        self._index_changed = False
        self._shards: dict[str, dict[str, Any]] = {}
        self._used: dict[str, dict[str, Any]] = {}
        self._changed_shards: set[str] = set()
        self._postings: dict[str, dict[str, Any]] = {}
        self._new_postings: dict[str, dict[str, Any]] = {}
        self._positions: dict[str, tuple[bytes, dict[YamlPath, Any]]] = {}
        self._across: Across | None = None
        self._old_known: dict[str, Any] = {}
        self._old_groups: dict[Any, Any] = {}
        self._groups: dict[str, tuple[str, bytes, str]] = {}
        """Group folder → its files' paths (joined by NULs), their stats (``_packed_stamps``)
        and the group's key, for the index."""
        self.listings = _Listings()
        """The walk's folder listings, kept by the folders' stat (``discovery.Listings``)."""
        self._known: dict[str, tuple[str, str]] = {}
        self._kept_unread: dict[str, set[str]] = {}
        self._ahead: _StatsAhead | None = None
        self._load_index()

    def stat_ahead(self) -> None:
        """Have the old index's group rows checked in another process from now on, while
        the caller walks the folders (``_StatsAhead``); ``key`` then waits for its answer.
        Nothing happens where it would not pay, or with files overlaid (standard input)."""
        if self._ahead is None and not yamlsource.has_overlays():
            self._ahead = _StatsAhead.start(self._old_groups)

    def close(self) -> None:
        """End what ``stat_ahead`` started, if ``key`` did not."""
        if self._ahead is not None:
            self._ahead.close()

    def _path(self, name: str) -> str:
        return os.path.join(self.folder, name)

    def _load_index(self) -> None:
        try:
            data = _unpack(_read(self._path("index")), f"index:{self.scope}")
            if type(data) is not tuple or len(data) != 5:
                raise Damaged("not an index")
            files, positions, known, groups, listings = data
            if any(type(part) is not dict for part in data):
                raise Damaged("not an index")
        except Exception:  # absent, foreign, damaged: every file is hashed again
            self._index_changed = True
            return
        self._old_index = files
        self._old_positions = positions
        self._old_known = known
        self._old_groups = groups
        self.listings.old = listings

    def digest(self, path: str) -> bytes | None:
        """The SHA-256 of ``path``'s bytes: from the index when its stat is the one recorded
        with it, else read and hashed (None: it cannot be read)."""
        if path in self._index:
            return self._index[path][1]
        overlaid = yamlsource.has_overlay(path)
        try:
            st = None if overlaid else os.stat(path)
        except OSError:
            return None
        stamp = None if st is None else _stamp(st)
        if stamp is not None:
            old = self._old_index.get(path)
            if (
                type(old) is tuple
                and len(old) == 2
                and old[0] == stamp
                and type(old[1]) is bytes
                and len(old[1]) == 32
            ):
                self._index[path] = old
                return old[1]
        try:
            data = yamlsource.read_bytes(path)
        except yamlsource.SourceProblem:
            return None
        digest = hashlib.sha256(data).digest()
        if stamp is not None and time.time_ns() - stamp[3] < RACY_NS:
            stamp = None  # hashed again next time
        if stamp is not None:
            self._index[path] = (stamp, digest)
            self._index_changed = True
        return digest

    def key(self, source: GroupSource) -> str | None:
        """The entry key of ``source``: the run key, its paths and the bytes of each of its
        files. None when a file cannot be read (that group is checked, not cached).

        The index keeps each group's key with its files' stats: a group none of whose files'
        stat changed takes its key from there, a stat per file and nothing else (a warm run
        over 10,000 groups looks at 70,000 files)."""
        paths = (source.folder, source.charter, *source.logs)
        # One string, not a tuple: 10,000 rows of a few strings each read faster than 70,000.
        names = "\0".join(paths[1:])
        kept = self._old_groups.get(source.folder)
        held = None if self._ahead is None else self._ahead.holds(source.folder)
        if (
            type(kept) is tuple
            and len(kept) == 3
            and kept[0] == names
            and not yamlsource.has_overlays()
            and (_row_holds(kept) if held is None else held)
        ):
            key: str = kept[2]
            if _is_key(key):  # a file's name is made of it (its shard)
                self._groups[source.folder] = kept
                return key
        digest = hashlib.sha256(self.base.encode())
        for path in paths:
            encoded = path.encode("utf-8", "surrogateescape")
            digest.update(b"\0p%d:" % len(encoded))
            digest.update(encoded)
        for path in paths[1:]:
            content = self.digest(path)
            if content is None:
                return None
            digest.update(b"\0f" + content)
        key = digest.hexdigest()
        rows = [self._index.get(path) for path in paths[1:]]
        stamps = [row[0] for row in rows if row is not None and row[0] is not None]
        packed = _packed(stamps)
        if len(stamps) == len(rows) and packed is not None:  # none racy, none overlaid
            self._groups[source.folder] = (names, packed, key)
        return key

    def _shard(self, prefix: str, kind: str = "shard") -> dict[str, Any]:
        """The entries (``kind`` "shard") or the staff postings ("postings") of ``prefix``."""
        loaded = self._shards if kind == "shard" else self._postings
        shard = loaded.get(prefix)
        if shard is None:
            name = f"{self.scope}:{prefix}" if kind == "shard" else f"{self.scope}:{prefix}:{kind}"
            try:
                shard = _unpack(_read(self._path(f"{prefix}.{kind}")), name)
                if type(shard) is not dict:
                    raise Damaged("not a shard")
            except Exception:  # absent, foreign, damaged: its groups are checked again
                shard = {}
            loaded[prefix] = shard
        return shard

    def known(self, key: str) -> tuple[str, str] | None:
        """The ``Entry.inputs`` and group id of the entry under ``key``, as the index keeps
        them, without reading the entry (None: not kept); the entry is then kept as it is
        by ``save``."""
        row = self._old_known.get(key)
        if type(row) is not tuple or len(row) != 2 or not all(type(v) is str for v in row):
            return None
        self._known[key] = row
        self._kept_unread.setdefault(key[:2], set()).add(key)
        return row

    def get(
        self,
        key: str,
        reload: Callable[[], tuple[Posting, ...]],
        whole: bool = True,
        folder: str | None = None,
    ) -> Entry | None:
        """The entry stored under ``key``, or None: absent, or not to be trusted.

        Its group's staff postings are read from the postings files when first asked for;
        ``reload`` works them out from the group's files when they are not to be trusted.
        Not ``whole``: the entry's group only (``_decode``), for a run-scope pass.
        ``folder``: the group folder the entry must be of (one of another is a miss).
        """
        prefix = key[:2]
        row = self._shard(prefix).get(key)

        def postings(files: tuple[str, ...]) -> LazyPostings:
            def keep(built: tuple[Posting, ...]) -> None:
                # Not kept when they name a log the entry does not (its files changed since
                # they were hashed): the next run checks that group again anyway.
                with contextlib.suppress(KeyError):
                    self._keep_postings(key, _posting_columns(built, files))

            return LazyPostings(
                files, lambda: self._shard(prefix, "postings").get(key), reload, keep
            )

        try:
            entry = None if row is None else _decode(row, postings, whole)
            if entry is not None and folder is not None and _folder_of(entry) != folder:
                entry = None
        except Exception:  # foreign, of the wrong shape: a miss, never an error
            entry = None
        if entry is None:  # absent or not to be trusted: the shard is written again
            self._changed_shards.add(prefix)
            return None
        self._used.setdefault(prefix, {})[key] = row
        self._known[key] = _identity(entry)
        return entry

    def put(self, key: str, entry: Entry) -> None:
        """Keep ``entry`` under ``key`` (written by ``save``); not one from a crash."""
        if not storable(entry):
            return
        try:
            row, postings = _encode(entry)
            marshal.dumps(row)  # every value can be written (a rule's argument may not)
        except (ValueError, TypeError, KeyError):
            return
        self._used.setdefault(key[:2], {})[key] = row
        self._known[key] = _identity(entry)
        self._changed_shards.add(key[:2])
        if postings is not None:
            self._keep_postings(key, postings)

    def _keep_postings(self, key: str, columns: Any) -> None:
        self._new_postings.setdefault(key[:2], {})[key] = columns

    def positions_of(self, files: Sequence[str]) -> list[PositionTable | None]:
        """``engine.PositionsOf`` for the run-scope findings: the positions kept for a file's
        content when its hash is the one they were kept for, the file parsed otherwise."""
        tables: list[PositionTable | None] = []
        for file in files:
            digest = self.digest(file)
            memo: dict[YamlPath, Any] = {}
            old = self._old_positions.get(file)
            if (
                digest is not None
                and type(old) is tuple
                and len(old) == 2
                and old[0] == digest
                and type(old[1]) is dict
                and all(_position_ok(v) for v in old[1].values())
            ):
                memo = old[1]
            elif digest is not None:
                self._index_changed = True
            if digest is not None:
                self._positions[file] = (digest, memo)
            tables.append(_Positions(file, memo, self._positions_changed))
        return tables

    def _in_use(self, prefix: str) -> dict[str, Any]:
        """The entries of ``prefix``'s shard this run used: read, stored, or known from the
        index only (``known``: kept as the shard holds them)."""
        used = dict(self._used.get(prefix, {}))
        unread = self._kept_unread.get(prefix, set()) - used.keys()
        if unread:
            shard = self._shard(prefix)
            used.update((key, shard[key]) for key in unread if key in shard)
        return used

    def _positions_changed(self) -> None:
        self._index_changed = True

    def across(self, inputs: Iterable[tuple[str, str]]) -> Across:
        """The run-scope passes kept for a run whose loaded groups have these ``inputs``
        (their folders and ``Entry.inputs``): ``engine.check`` takes a pass of a run-scope
        rule from it instead of running the rule, and keeps there what it runs.

        A run in which no group's inputs changed (one group's exchanges without a staff
        number, a comment, a figure) runs no GC101, GC204-across or GC4xx pass and decodes
        no staff posting. One in which some changed (or came, or went) brings the passes
        of the last run up to date (``Across.earlier``) over the groups those changes
        concern; a pass of a rule that cannot be (no ``Joins``) runs over every group."""
        now = dict(inputs)
        digest = hashlib.sha256(self.base.encode())
        for folder, one in sorted(now.items()):
            digest.update(f"{folder}\0{one}\0".encode("utf-8", "surrogateescape"))
        key = digest.hexdigest()
        found: dict[str, bytes] = {}
        since: frozenset[str] | None = None
        joins: Callable[[], dict[str, bytes]] = lambda: self._joins(key)[1]  # noqa: E731
        try:
            data = _unpack(_read(self._path("across")), f"across:{self.scope}")
            if type(data) is not tuple or len(data) != 3:
                raise Damaged("not passes")
            base, old_key, passes = data
            if base != self.base or type(old_key) is not str or type(passes) is not dict:
                raise Damaged("not this run's passes")
            found = {n: p for n, p in passes.items() if type(n) is str and type(p) is bytes}
            if old_key != key:
                old_inputs, old_joins = self._joins(old_key)
                since = frozenset(
                    f for f in old_inputs.keys() | now.keys() if old_inputs.get(f) != now.get(f)
                )
                joins = lambda: old_joins  # noqa: E731
        except Exception:  # absent, foreign, damaged, or nothing to bring up to date from
            found, since = {}, None
        self._across = Across(key, now, found, since, joins)
        return self._across

    def _joins(self, key: str) -> tuple[dict[str, Any], dict[str, bytes]]:
        """The groups' inputs and the passes' joins kept with the passes of run-scope key
        ``key`` (``across.joins``: apart, since only a run in which some group changed reads
        them, and they are most of the bytes); raises ``Damaged`` when not kept."""
        data = _unpack(_read(self._path("across.joins")), f"across.joins:{self.scope}")
        if type(data) is not tuple or len(data) != 4:
            raise Damaged("not joins")
        base, kept_key, inputs, joins = data
        if base != self.base or kept_key != key or type(inputs) is not dict:
            raise Damaged("not these passes' joins")
        if not set(map(type, inputs)) | set(map(type, inputs.values())) <= {str}:
            raise Damaged("not inputs by folder")
        if type(joins) is not dict:
            raise Damaged("not joins")
        return inputs, {n: j for n, j in joins.items() if type(n) is str and type(j) is bytes}

    def save(self) -> None:
        """Write the index and the shards that changed; a cache that cannot be written (read
        only, full) only costs speed."""
        with contextlib.suppress(OSError, ValueError, TypeError):
            for prefix in sorted(self._changed_shards):
                entries = self._in_use(prefix)
                _write_atomic(
                    self._path(f"{prefix}.shard"), _pack(f"{self.scope}:{prefix}", entries)
                )
            # A postings file keeps the postings of the entries its prefix's shard keeps.
            for prefix, new in sorted(self._new_postings.items()):
                kept = {**self._shard(prefix, "postings"), **new}
                used = self._in_use(prefix)
                postings = {key: kept[key] for key in used if key in kept}
                name = f"{self.scope}:{prefix}:postings"
                _write_atomic(self._path(f"{prefix}.postings"), _pack(name, postings))
            # every path kept from the old index kept its row unless _index_changed says so:
            # a path dropped is the only other change, and it shows in the count
            if (
                self._index_changed
                or self._known != self._old_known
                or self._groups != self._old_groups
                or self.listings.new != self.listings.old
            ):
                # A file's row is kept when no group's key row covers it (``key`` then goes
                # by the group's stats alone, and hashes its few files again when one
                # changed), or when positions are kept by its digest: half the index's
                # bytes, read and written by every run, were rows no run would read.
                covered = {path for row in self._groups.values() for path in row[0].split("\0")}
                files = {
                    path: row
                    for path, row in self._index.items()
                    if path not in covered or path in self._positions
                }
                for path in covered.intersection(self._positions).difference(files):
                    if path in self._old_index:
                        files[path] = self._old_index[path]
                data = (files, self._positions, self._known, self._groups, self.listings.new)
                _write_atomic(self._path("index"), _pack(f"index:{self.scope}", data))
            across = self._across
            if across is not None and across.changed:
                # Passes not asked for stay when no group changed (a run reporting on some
                # groups asks only for their packs' passes); otherwise they no longer hold.
                found, joins = across.used, across.used_joins
                if not across.stale:
                    found = {**across.kept, **found}
                    with contextlib.suppress(Exception):
                        joins = {**across.joins_kept(), **joins}
                body = (self.base, across.key, found)
                more = (
                    self.base,
                    across.key,
                    across.inputs,
                    {n: joins[n] for n in found if n in joins},
                )
                _write_atomic(self._path("across.joins"), _pack(f"across.joins:{self.scope}", more))
                _write_atomic(self._path("across"), _pack(f"across:{self.scope}", body))


class _Listings:
    """``discovery.Listings`` kept in the index: each folder's listing with its stat, as the
    last walk saw it, its names joined by NULs (no name holds one; strings are read several
    times faster than tuples of names); a listing kept in another form is a miss (the folder
    is listed)."""

    def __init__(self) -> None:
        self.old: dict[str, Any] = {}
        self.new: dict[str, tuple[FolderStamp, str, str]] = {}

    def get(self, folder: str, stamp: FolderStamp) -> Listing | None:
        row = self.old.get(folder)
        if (
            type(row) is not tuple
            or len(row) != 3
            or row[0] != stamp
            or type(row[1]) is not str
            or type(row[2]) is not str
        ):
            return None
        dirs, files = _split_names(row[1]), _split_names(row[2])
        names = {*dirs, *files}
        if len(names) != len(dirs) + len(files) or not names.isdisjoint(_NOT_NAMES):
            return None
        for sep in _SEPARATORS:
            if sep in row[1] or sep in row[2]:
                return None
        self.new[folder] = row
        return dirs, files

    def put(self, folder: str, stamp: FolderStamp, listing: Listing) -> None:
        self.new[folder] = (stamp, "\0".join(listing[0]), "\0".join(listing[1]))


def _split_names(joined: str) -> tuple[str, ...]:
    return tuple(joined.split("\0")) if joined else ()


_NOT_NAMES = frozenset({"", ".", ".."})
_SEPARATORS = tuple({"/", os.sep, os.altsep or "/"})


_HEX = frozenset("0123456789abcdef")


def _is_key(value: Any) -> bool:
    """Whether ``value`` is an entry key: a SHA-256 in lowercase hex."""
    return type(value) is str and len(value) == 64 and _HEX.issuperset(value)


def _folder_of(entry: Entry) -> str | None:
    if entry.group is not None:
        return entry.group.folder
    return entry.unloaded.folder if entry.unloaded is not None else None


def _identity(entry: Entry) -> tuple[str, str]:
    """What the index keeps of an entry (``Cache.known``): its inputs and its group's id."""
    if entry.group is not None:
        ident = entry.group.charter.get("id")
        return entry.inputs, ident if type(ident) is str else ""
    return entry.inputs, entry.unloaded.id if entry.unloaded is not None else ""


class Across:
    """``engine.AcrossMemo``: the findings of each run-scope pass (a rule under one setting)
    of the last run, kept under ``key``, which names the run and every loaded group's inputs;
    with them, apart (``Cache._joins``), those inputs by folder and what each group joined on
    in each pass (``engine.Joined``). Passes kept under the same key are taken as they are
    (``get``); under another, the folders whose inputs differ are ``since``, and a pass is
    brought up to date from there (``earlier``). A pass kept in a form that is not findings
    is a miss, run again and written."""

    def __init__(
        self,
        key: str,
        inputs: dict[str, str],
        kept: dict[str, bytes],
        since: frozenset[str] | None,
        joins: Callable[[], dict[str, bytes]],
    ) -> None:
        self.key = key
        self.inputs = inputs
        self.since = since
        """The folders whose inputs changed since the passes were kept; None: none did (the
        passes, if any, are this run's as kept)."""
        self.kept = kept
        self.used: dict[str, bytes] = {}
        self.used_joins: dict[str, bytes] = {}
        self.changed = self.stale
        self._read_joins = joins
        self._joins: dict[str, bytes] | None = None

    @property
    def stale(self) -> bool:
        return self.since is not None

    def joins_kept(self) -> dict[str, bytes]:
        """The kept passes' joins, read when first asked for."""
        if self._joins is None:
            self._joins = self._read_joins()
        return self._joins

    def _found(self, name: str) -> list[Finding] | None:
        try:
            row = marshal.loads(self.kept[name])
            if type(row) is not tuple:
                raise ValueError("not findings")
            return [_finding(f) for f in row]
        except Exception:  # absent, foreign, of the wrong shape: the pass is run
            self.changed = True
            return None

    def get(self, name: str) -> list[Finding] | None:
        if self.stale:
            return None
        found = self._found(name)
        if found is not None:
            self.used[name] = self.kept[name]
        return found

    def earlier(self, name: str) -> EarlierPass | None:
        if self.since is None:
            return None
        found = self._found(name)
        if found is None:
            return None
        try:
            joins = marshal.loads(self.joins_kept()[name])
        except Exception:  # not kept, or not to be read: the pass is run
            return None
        return EarlierPass(found, joins, self.since) if _joins_ok(joins) else None

    def put(self, name: str, found: Sequence[Finding], joins: Joined | None) -> None:
        try:
            rows = marshal.dumps(tuple(_finding_row(f) for f in found))
        except (ValueError, TypeError):  # a value that cannot be written (a rule's argument)
            return
        self.used[name] = rows
        self.used_joins[name] = marshal.dumps(joins)
        self.changed = True


def _joins_ok(joins: Any) -> bool:
    """Whether ``joins`` is an ``engine.Joined``: folder → the values the group joins on
    (half a million of them at 10,000 groups: their types are gathered in C)."""
    return (
        type(joins) is dict
        and set(map(type, joins)) <= {str}
        and set(map(type, joins.values())) <= {tuple}
        and set(map(type, itertools.chain.from_iterable(joins.values()))) <= {str}
    )


def _position_ok(value: Any) -> bool:
    return value is None or (
        type(value) is tuple and len(value) == 2 and all(type(v) is int for v in value)
    )

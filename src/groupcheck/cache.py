"""The incremental cache: each group's results, kept from one run to the next (issue 17, 2).

What a group's share of a run gives (``parallel._check_chunk``: its load findings, the findings
and figures of the group-scope policy rules, its charter's identity fields and staff-numbered
exchanges for the parent, or the fact that it did not load) depends on nothing but the bytes of
its files and their paths, the policy pack (resolved, with its parameters; under
``--rules by-jurisdiction`` the whole table), the as-of date, the language the messages are
written in and groupcheck itself. Those make the entry's key (``RunKey`` and ``key_of``); a
second run over 10,000 groups with one changed reads 9,999 entries and checks one group.
Everything that needs every group at once (GC101's count, GC204 across groups, GC4xx, waivers,
GC5xx, select/ignore, the baseline, the report) is done again in every run by ``engine.check``,
so the report, and every output, is the one an uncached run gives.

An entry is a JSON file ``<cache dir>/v1/<key[:2]>/<key>.json``: a header line naming the format,
the key and the SHA-256 of the body, then the body. It is read as a charter is (a regular file
within the size bound, never a FIFO or a device), and anything wrong with it — not JSON, cut
short, another key, a checksum that does not match, a field of the wrong type — makes it a
miss: the group is checked and the entry written again. Nothing in an entry is executed
(JSON, not pickle), so a foreign entry can at worst be ignored. Entries are written to a
temporary file in their folder, then renamed: a reader sees the whole entry or none. A cache
that cannot be written (read-only, full) only costs speed.

The cache folder is never inside the checked paths (``config`` refuses one named there, and
the default, the user's cache folder, is skipped when a checked path holds it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import marshal
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from groupcheck import yamlsource
from groupcheck.discovery import GroupSource
from groupcheck.engine import Figures, UnloadedGroup
from groupcheck.errors import INTERNAL_ERROR
from groupcheck.findings import Finding
from groupcheck.models import Group, Posting
from groupcheck.output import write_all
from groupcheck.registry import PackInfo, Run
from groupcheck.report import Figure

FORMAT = 1
"""The entry layout; an entry of another format is a miss (the folder ``v1`` names it too)."""

HEADER = "groupcheck-cache"

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
        for function in (spec.check, spec.across):
            code = getattr(function, "__code__", None)
            if code is not None:
                digest.update(f"{spec.id}:{getattr(function, '__qualname__', '')}:".encode())
                digest.update(marshal.dumps(code))
    return digest.hexdigest()


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


def key_of(base: str, source: GroupSource) -> str | None:
    """The entry key of ``source`` under the run key ``base``: its paths and the bytes of
    each of its files. None when a file cannot be read (that group is checked, not cached)."""
    digest = hashlib.sha256(base.encode())
    for path in (source.folder, source.charter, *source.logs):
        digest.update(b"\0p%d:" % len(path.encode("utf-8", "surrogateescape")))
        digest.update(path.encode("utf-8", "surrogateescape"))
    for path in (source.charter, *source.logs):
        try:
            data = yamlsource.read_bytes(path)
        except yamlsource.SourceProblem:
            return None
        digest.update(b"\0f%d:" % len(data))
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True)
class Sent:
    """A loaded group as the parent needs it (``parallel.PARENT_FIELDS`` of its charter)."""

    folder: str
    charter_file: str
    log_files: tuple[str, ...]
    charter: dict[str, Any]
    unread_logs: tuple[str, ...] = ()
    postings: tuple[Posting, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One group's results: what ``parallel._check_chunk`` gives for it."""

    load_findings: tuple[Finding, ...]
    rule_findings: tuple[Finding, ...]
    figures: dict[str, tuple[Figure, ...]]
    """Rule id → its figures for this group's charter."""
    group: Sent | None
    unloaded: UnloadedGroup | None


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
        tuple(load_findings), tuple(rule_findings), figures.get(charter_file, {}), sent, unloaded
    )


def storable(entry: Entry) -> bool:
    """Whether the entry may be kept: not when a rule raised (GC000) or loading failed inside
    groupcheck (GC001 ``internal``), which say something about the code, not the files."""
    return not any(
        f.rule == INTERNAL_ERROR or f.key == "internal"
        for f in (*entry.load_findings, *entry.rule_findings)
    )


# ---------------------------------------------------------------------------------------------
# To and from JSON


def _finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": str(finding.severity),
        "group": finding.group,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "year": finding.year,
        "message": finding.message,
        "yaml_path": list(finding.yaml_path),
        "key": finding.key,
        "args": finding.args,
    }


def _encode(entry: Entry) -> bytes:
    group = entry.group
    body = {
        "load": [_finding_data(f) for f in entry.load_findings],
        "rules": [_finding_data(f) for f in entry.rule_findings],
        "figures": {rule: [list(f) for f in figures] for rule, figures in entry.figures.items()},
        "group": None
        if group is None
        else {
            "folder": group.folder,
            "charter_file": group.charter_file,
            "log_files": list(group.log_files),
            "charter": group.charter,
            "unread_logs": list(group.unread_logs),
            "postings": [
                [no, start.isoformat(), end.isoformat(), file, index, person]
                for no, start, end, file, index, person in group.postings
            ],
        },
        "unloaded": None
        if entry.unloaded is None
        else [
            entry.unloaded.id,
            entry.unloaded.name,
            entry.unloaded.folder,
            entry.unloaded.charter_file,
        ],
    }
    return json.dumps(body, ensure_ascii=False, default=str, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not text")
    return value


def _texts(values: Any) -> tuple[str, ...]:
    if not isinstance(values, list):
        raise ValueError("not a list")
    return tuple(_text(v) for v in values)


def _findings(items: Any) -> tuple[Finding, ...]:
    if not isinstance(items, list):
        raise ValueError("not a list")
    return tuple(Finding.model_validate(item, strict=False) for item in items)


def _figure(row: Any) -> Figure:
    if not isinstance(row, list) or len(row) != len(Figure._fields):
        raise ValueError("not a figure")
    figure = Figure(*row)
    if not isinstance(figure.year, str) or not isinstance(figure.judged, bool):
        raise ValueError("not a figure")
    others = figure.others
    if not isinstance(others, list) or not all(
        isinstance(o, list) and len(o) == 2 and isinstance(o[0], str) and isinstance(o[1], int)
        for o in others
    ):
        raise ValueError("not a figure")
    return figure._replace(
        items=_texts(figure.items),
        sources=_texts(figure.sources),
        others=tuple((kind, amount) for kind, amount in others),
    )


def _posting(row: Any) -> Posting:
    if not isinstance(row, list) or len(row) != 6 or not isinstance(row[4], int):
        raise ValueError("not a posting")
    no, start, end, file, index, person = row
    return (
        _text(no),
        dt.date.fromisoformat(_text(start)),
        dt.date.fromisoformat(_text(end)),
        _text(file),
        index,
        _text(person),
    )


def _decode(body: Any) -> Entry:
    """The entry ``body`` holds; raises (anything) when it is not one."""
    if not isinstance(body, dict):
        raise ValueError("not an entry")
    figures = body["figures"]
    if not isinstance(figures, dict):
        raise ValueError("not figures")
    sent = None
    if (group := body["group"]) is not None:
        if not isinstance(group, dict) or not isinstance(group["charter"], dict):
            raise ValueError("not a group")
        sent = Sent(
            _text(group["folder"]),
            _text(group["charter_file"]),
            _texts(group["log_files"]),
            group["charter"],
            _texts(group["unread_logs"]),
            tuple(_posting(row) for row in group["postings"]),
        )
    unloaded = None
    if (row := body["unloaded"]) is not None:
        if not isinstance(row, list) or len(row) != 4:
            raise ValueError("not an unloaded group")
        name = row[1] if row[1] is None else _text(row[1])
        unloaded = UnloadedGroup(_text(row[0]), name, _text(row[2]), _text(row[3]))
    if (sent is None) == (unloaded is None):
        raise ValueError("a group is either loaded or not")
    return Entry(
        _findings(body["load"]),
        _findings(body["rules"]),
        {_text(rule): tuple(_figure(f) for f in rows) for rule, rows in figures.items()},
        sent,
        unloaded,
    )


# ---------------------------------------------------------------------------------------------
# The folder


class Cache:
    """The entries of one run: ``get`` and ``put`` by key, under ``folder``."""

    def __init__(self, folder: str, run: Run) -> None:
        self.folder = os.path.join(folder, f"v{FORMAT}")
        self.base = run_key(run)
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], f"{key}.json")

    def get(self, key: str) -> Entry | None:
        """The entry stored under ``key``, or None: absent, or not to be trusted."""
        try:
            raw = yamlsource.read_bytes(self._path(key))
            head, _, body = raw.partition(b"\n")
            header = json.loads(head)
            if (
                not isinstance(header, dict)
                or header.get(HEADER) != FORMAT
                or header.get("key") != key
                or header.get("sha256") != hashlib.sha256(body).hexdigest()
            ):
                raise ValueError("a foreign or damaged entry")
            entry = _decode(json.loads(body))
        except Exception:  # absent, unreadable, foreign, damaged: a miss, never an error
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, key: str, entry: Entry) -> None:
        """Store ``entry`` under ``key`` atomically; a cache that cannot be written is let be."""
        if not storable(entry):
            return
        try:
            body = _encode(entry)
            header = {HEADER: FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()}
            path = self._path(key)
            folder = os.path.dirname(path)
            os.makedirs(folder, exist_ok=True)
            fd, temporary = tempfile.mkstemp(prefix=".entry-", suffix=".tmp", dir=folder)
            try:
                try:
                    write_all(fd, json.dumps(header).encode() + b"\n" + body)
                finally:
                    os.close(fd)
                os.replace(temporary, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except (OSError, ValueError, TypeError):
            return

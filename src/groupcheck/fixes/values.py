"""Fixes of keys and values, found from the schema's own complaints and made at their spans.

The parsed data is validated against its model (``Charter`` or ``RotationLog``) exactly as the
loader does; each complaint that has an unambiguous mend becomes an edit of the key's or the
value's span in the source, located by a second, position-keeping parse (``SourceMap``):

* a date written ``2022/9/1``, ``2022.9.1``, ``2022年9月1日`` (or ``2022-9-1``) where a date
  belongs → ``2022-09-01`` (safe);
* an unknown key whose "did you mean" has one candidate → that key: safe at edit distance 1
  (``estabished``), unsafe further away (``teacher_count`` → ``teachers``);
* unsafe: an enum word with one canonical value (``Tight`` → ``tight``, ``teacher-training`` →
  ``teacher_training``; ``canonical_enum``), and a value YAML 1.1 reads as a boolean, a number
  or a date where text is meant (``name: no``) quoted as typed (``"no"``).

Each edit carries its expected effect on the data (``Effect``); ``fixes.plan`` checks that
the data parsed after the edit is the data before with exactly those effects.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from groupcheck.findings import YamlPath
from groupcheck.fixes.edits import Edit, Fix, Kind, Lines

# ---------------------------------------------------------------------------------------------
# Where each key and value is in the source


@dataclass(frozen=True)
class Span:
    """A node's place in the text: ``text[start:end]``; ``style`` as PyYAML gives it (None
    for a plain scalar, ``'"'``, ``"'"``, ``"|"``, ``">"``; ``"{"`` for a collection)."""

    start: int
    end: int
    style: str | None


@dataclass
class SourceMap:
    keys: dict[YamlPath, Span]
    values: dict[YamlPath, Span]


class _Opaque:
    """A key that is not text (``1: x``): never equal to a key of the data's paths."""


def source_map(text: str) -> SourceMap:
    """Spans of every key and value, from PyYAML's pure-Python parser (the text has already
    passed groupcheck's own bounded parse, so this one is given nothing hostile)."""
    keys: dict[YamlPath, Span] = {}
    values: dict[YamlPath, Span] = {}
    resolver = yaml.resolver.Resolver()
    # Each open collection: (path, is_mapping, pending key or _NONE, next sequence index).
    stack: list[list[Any]] = []

    def place(span: Span) -> YamlPath:
        """Record a value's span where it belongs; its path."""
        if not stack:
            values[()] = span
            return ()
        top = stack[-1]
        if top[1]:
            path: YamlPath = (*top[0], top[2])
            top[2] = _NONE
        else:
            path = (*top[0], top[3])
            top[3] += 1
        values.setdefault(path, span)
        return path

    try:
        events = list(yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:  # libyaml's reading and PyYAML's differ at a few edges: no spans
        return SourceMap({}, {})
    event: Any  # PyYAML's event classes are loosely typed (a mark may be None)
    for parsed in events:
        event = parsed
        if isinstance(parsed, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop()
            continue
        if not isinstance(parsed, yaml.NodeEvent):
            continue
        opens = isinstance(event, yaml.CollectionStartEvent)
        start: int = event.start_mark.index
        end: int = start if opens else event.end_mark.index
        style = "{" if opens else "*" if isinstance(event, yaml.AliasEvent) else event.style
        span = Span(start, end, style)
        if stack and stack[-1][1] and stack[-1][2] is _NONE:  # a mapping's key
            key: Any = _Opaque()
            if isinstance(event, yaml.ScalarEvent):
                key = event.value
                if event.style is None and event.implicit[0]:
                    tag = resolver.resolve(  # type: ignore[no-untyped-call]
                        yaml.ScalarNode, event.value, (True, False)
                    )
                    key = event.value if tag == "tag:yaml.org,2002:str" else _Opaque()
            stack[-1][2] = key
            path = (*stack[-1][0], key)
            keys.setdefault(path, span)
        else:
            path = place(span)
        if opens:
            stack.append([path, isinstance(event, yaml.MappingStartEvent), _NONE, 0])
    return SourceMap(keys, values)


class _None:
    pass


_NONE = _None()


# ---------------------------------------------------------------------------------------------
# Effects: what an edit does to the data


@dataclass(frozen=True)
class Effect:
    """``set`` the value at ``path`` to ``value``, or ``rename`` the key at ``path`` to
    ``value`` (keeping its value)."""

    action: str
    path: YamlPath
    value: Any


def with_effects(data: Any, effects: Sequence[Effect]) -> Any:
    """A copy of ``data`` with ``effects`` made; raises ``LookupError`` for a path that is not
    in it."""
    result = copy.deepcopy(data)
    for effect in effects:
        parent: Any = result
        for part in effect.path[:-1]:
            parent = parent[part]
        last = effect.path[-1]
        if effect.action == "set":
            if isinstance(parent, dict) and last not in parent:
                raise LookupError(effect.path)
            parent[last] = effect.value
        else:
            if not isinstance(parent, dict) or last not in parent or effect.value in parent:
                raise LookupError(effect.path)
            items = list(parent.items())
            parent.clear()
            for key, value in items:
                parent[effect.value if key == last else key] = value
    return result


# ---------------------------------------------------------------------------------------------
# The fixes


@dataclass(frozen=True)
class Planned:
    edit: Edit
    effect: Effect


_DATE_FORMS = (
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
)
_DATE_ERRORS = {
    "date_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
}


def iso_date(value: str) -> dt.date | None:
    """The date a clerk wrote as ``2022/9/1``, ``2022.9.1``, ``2022-9-1`` or ``2022年9月1日``."""
    for form in _DATE_FORMS:
        match = form.fullmatch(value.strip())
        if match is not None:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return None  # 2023/2/30: a wrong date is for a person to mend
    return None


def canonical_enum(word: str, allowed: Sequence[str]) -> str | None:
    """The one allowed value ``word`` stands for, or None.

    The one place ``fix`` looks words up: the enum's table in ``groupcheck.vocabulary`` (its
    values, Chinese labels, English labels and synonyms), compared with ``word`` ignoring case,
    width (``ｃａｄｒｅ``) and ``-``/``_``/spaces (``Teacher-Training``); only a word that
    names exactly one value is mended.
    """
    from groupcheck.vocabulary import VOCABULARIES

    normal = unicodedata.normalize("NFKC", word).strip()
    words: dict[str, set[str]] = {value: {value} for value in allowed}
    for table in VOCABULARIES:
        if {term.value.value for term in table} != set(allowed):
            continue
        found = table.find(normal, fold_case=True)
        if found is not None:
            return str(found.value)
        for term in table:
            for spelling in (*term.words, term.en):
                words.setdefault(spelling, set()).add(term.value.value)

    def squeeze(value: str) -> str:
        return re.sub(r"[-_\s]+", "", value.lower())

    meant = {
        value
        for spelling, values in words.items()
        if squeeze(spelling) == squeeze(normal)
        for value in values
    }
    return meant.pop() if len(meant) == 1 else None


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def key_candidate(typed: str, known: Sequence[str]) -> str | None:
    """The "did you mean" of an unknown key when it has exactly one candidate (the loader's
    measure: ``difflib`` similarity of at least 0.6)."""
    close = difflib.get_close_matches(typed, known, n=max(len(known), 1), cutoff=0.6)
    return close[0] if len(close) == 1 else None


def value_fixes(text: str, data: Any, model: type[BaseModel]) -> list[Planned]:
    """Every key and value fix the schema's complaints about ``data`` allow, safe or not."""
    from groupcheck.schema_errors import _data_path, _fields_at

    try:
        model.model_validate(data)
    except ValidationError as error:
        details = error.errors()
    else:
        return []
    spans = source_map(text)
    lines = Lines(text)
    planned: list[Planned] = []
    renames: dict[tuple[YamlPath, str], list[Planned]] = {}
    for detail in details:
        kind = detail["type"]
        path = _data_path(data, tuple(detail["loc"]), kind)
        if not path:
            continue
        value = detail.get("input")
        if kind == "extra_forbidden" and isinstance(path[-1], str):
            found = _rename(text, data, path, spans, lines, _fields_at(model, path[:-1]))
            if found is not None:
                renames.setdefault((path[:-1], found.effect.value), []).append(found)
        elif kind in _DATE_ERRORS and isinstance(value, str):
            planned += _replace(text, path, spans, lines, value, _date_fix)
        elif kind == "enum" and isinstance(value, str):
            allowed = re.findall(r"'([^']*)'", str(detail.get("ctx", {}).get("expected", "")))
            planned += _replace(text, path, spans, lines, value, _enum_fix(allowed))
        elif kind == "string_type" and isinstance(value, bool | int | float | dt.date):
            planned += _quote(text, path, spans, lines)
    # Two unknown keys of one mapping mending to the same key would collide: neither is made.
    planned += [found[0] for found in renames.values() if len(found) == 1]
    return planned


def _rename(
    text: str,
    data: Any,
    path: YamlPath,
    spans: SourceMap,
    lines: Lines,
    known: Sequence[str],
) -> Planned | None:
    typed = str(path[-1])
    candidate = key_candidate(typed, known)
    span = spans.keys.get(path)
    if candidate is None or span is None or span.style not in (None, "'", '"'):
        return None
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    if candidate in parent:
        return None
    raw = text[span.start : span.end]
    inner = raw if span.style is None else raw[1:-1]
    if inner != typed or "\n" in raw:
        return None
    replacement = candidate if span.style is None else raw[0] + candidate + raw[-1]
    kind = Kind.KEY if levenshtein(typed, candidate) == 1 else Kind.KEY_FAR
    fix = Fix(kind, lines.line(span.start), typed, candidate)
    return Planned(Edit(span.start, span.end, replacement, fix), Effect("rename", path, candidate))


Mend = Callable[[str, bool], tuple[Kind, str, Any] | None]
"""value as typed, whether it is quoted → (kind of fix, new text, new value) or None."""


def _date_fix(value: str, quoted: bool) -> tuple[Kind, str, Any] | None:
    day = iso_date(value)
    if day is None:
        return None
    return Kind.DATE, day.isoformat(), day.isoformat() if quoted else day


def _enum_fix(allowed: Sequence[str]) -> Mend:
    def mend(value: str, quoted: bool) -> tuple[Kind, str, Any] | None:
        canonical = canonical_enum(value, allowed)
        if canonical is None or canonical == value:
            return None
        return Kind.ENUM, canonical, canonical

    return mend


def _replace(
    text: str, path: YamlPath, spans: SourceMap, lines: Lines, value: str, mend: Mend
) -> list[Planned]:
    """Replace a scalar's text (inside its quotes, if quoted) by what ``mend`` gives."""
    span = spans.values.get(path)
    if span is None or span.style not in (None, "'", '"'):
        return []
    raw = text[span.start : span.end]
    quoted = span.style is not None
    inner = raw[1:-1] if quoted else raw
    if inner != value or "\n" in raw:
        return []  # escapes, or a value folded over lines: left to a person
    found = mend(value, quoted)
    if found is None:
        return []
    kind, new, new_value = found
    replacement = raw[0] + new + raw[-1] if quoted else new
    fix = Fix(kind, lines.line(span.start), value, new)
    return [Planned(Edit(span.start, span.end, replacement, fix), Effect("set", path, new_value))]


def _quote(text: str, path: YamlPath, spans: SourceMap, lines: Lines) -> list[Planned]:
    """``name: no`` → ``name: "no"``: the value as typed, as text."""
    span = spans.values.get(path)
    if span is None or span.style is not None:
        return []
    raw = text[span.start : span.end]
    if not raw or any(c in raw for c in '"\\\n\r'):
        return []
    fix = Fix(Kind.QUOTE, lines.line(span.start), raw, f'"{raw}"')
    return [Planned(Edit(span.start, span.end, f'"{raw}"', fix), Effect("set", path, raw))]

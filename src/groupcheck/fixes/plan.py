"""One file's fixes: from its bytes to the fixed bytes, each step checked by parsing.

1. **Encoding** (``encoding.readings``): UTF-8 as it is, or every plausible reading of
   GBK/GB18030/UTF-16 bytes; a UTF-8 byte-order mark is dropped.
2. **Syntax** (``syntax.syntax_edits``): full-width colons, commas and spaces and tabs where
   YAML syntax belongs. The edited text must parse; an edit on a line where the parse fails,
   or where the result is not the structure it looks like (its key unknown to the schema, a
   repeated key, a list where a mapping belongs), is dropped and the rest tried again. A
   reading whose text does not then parse as a mapping is not plausible after all; when more
   than one reading is left, nothing is done (``Refusal("ambiguous_encoding")``).
3. **Keys and values** (``values.value_fixes``), in rounds (a mended key can reveal a date
   under it): the data parsed after each round must equal the data before it with exactly
   the fixes' effects.

A file is changed only when its fixed text parses; ``Planned.data`` is that data, which the
writer checks again on the bytes read back from disk before the rename (``files.write``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from groupcheck import yamlsource
from groupcheck.fixes import encoding
from groupcheck.fixes.edits import Edit, Fix, Kind, Lines, apply, disjoint
from groupcheck.fixes.syntax import syntax_edits
from groupcheck.fixes.values import (
    Planned as ValueFix,
)
from groupcheck.fixes.values import (
    key_candidate,
    source_map,
    value_fixes,
    with_effects,
)

_ROUNDS = 4
_STRUCTURAL = {"extra_forbidden", "model_type", "model_attributes_type", "dict_type", "list_type"}


@dataclass(frozen=True)
class Refusal:
    """Why fixes a file seemed to need were not made: a ``ui.fix.refused.<key>`` message."""

    key: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Planned:
    """The outcome of planning one file's bytes."""

    original: bytes
    fixed: bytes
    applied: tuple[Fix, ...] = ()
    available: tuple[Fix, ...] = ()
    """Unsafe fixes not made (without ``unsafe``): what ``--unsafe-fixes`` would add."""
    refusal: Refusal | None = None
    data: Any = None
    """The data the fixed bytes parse to (None when nothing changes)."""
    text_before: str = ""
    """The original as text (from its encoding ``encoding_before``), for ``--diff``."""
    encoding_before: str = "UTF-8"

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def parse_text(text: str) -> Any:
    """The data of ``text`` as groupcheck reads it; raises ``SourceProblem`` if it cannot."""
    return yamlsource.parse(yamlsource.decode(text.encode("utf-8")), with_positions=False)


def same_data(a: Any, b: Any) -> bool:
    """Equal data (``.nan`` equal to itself, which ``==`` denies)."""
    return bool(a == b) or repr(a) == repr(b)


def plan_bytes(raw: bytes, model: type[BaseModel], *, unsafe: bool = False) -> Planned:
    """The fixed form of a file's bytes ``raw`` whose data ``model`` describes.

    Planned again on its own result until nothing more changes (an edit dropped because its
    line failed with another can pass once that other is made), so ``fix`` is idempotent.
    """
    result = _plan_once(raw, model, unsafe)
    for _ in range(_ROUNDS):
        if not result.changed:
            break
        again = _plan_once(result.fixed, model, unsafe)
        if not again.changed:
            break
        result = dataclasses.replace(
            result,
            fixed=again.fixed,
            applied=result.applied + again.applied,
            available=again.available,
            data=again.data,
        )
    return result


def _plan_once(raw: bytes, model: type[BaseModel], unsafe: bool) -> Planned:
    unchanged = Planned(raw, raw)
    readings = encoding.readings(raw)
    mended: list[tuple[encoding.Reading, str, list[Fix], Any]] = []
    proposed = False
    for reading in readings:
        text, fixes, data, tried = _mend_syntax(reading.text, model)
        proposed = proposed or tried
        if isinstance(data, dict):
            mended.append((reading, text, fixes, data))
    if len(mended) > 1:
        labels = [reading.label for reading, *_ in mended]
        return Planned(raw, raw, refusal=Refusal("ambiguous_encoding", {"encodings": labels}))
    if not mended:
        if any(r.reencoded or r.bom for r in readings) or proposed:
            return Planned(raw, raw, refusal=Refusal("unparsable"))
        return unchanged
    reading, text, applied, data = mended[0]
    if not reading.fixable:
        return Planned(raw, raw, refusal=Refusal("encoding", {"encoding": reading.label}))
    prefix: list[Fix] = []
    if reading.reencoded:
        prefix.append(Fix(Kind.REENCODE, None, reading.label, "UTF-8"))
    if reading.bom:
        prefix.append(Fix(Kind.BOM, 1))
    applied = prefix + applied
    for _ in range(_ROUNDS):
        found = value_fixes(text, data, model)
        chosen = [p for p in found if unsafe or p.edit.fix.safe]
        if not chosen:
            break
        text, data, made = _apply_values(text, data, chosen)
        if not made:
            break
        applied += made
    available = () if unsafe else _available(text, data, model)
    fixed = text.encode("utf-8")
    if fixed == raw:
        return Planned(raw, raw, available=available)
    label = reading.label + (" with a byte-order mark" if reading.bom else "")
    return Planned(raw, fixed, tuple(applied), available, None, data, reading.text, label)


def _available(text: str, data: Any, model: type[BaseModel]) -> tuple[Fix, ...]:
    return tuple(p.edit.fix for p in value_fixes(text, data, model) if not p.edit.fix.safe)


def _apply_values(text: str, data: Any, chosen: list[ValueFix]) -> tuple[str, Any, list[Fix]]:
    """Make the fixes whose effect on the data is exactly as planned; all at once when they
    pass together, else each one that passes alone."""
    chosen = _disjoint_values(chosen)
    result = _try_values(text, data, chosen)
    if result is not None:
        return result[0], result[1], [p.edit.fix for p in chosen]
    good = [p for p in chosen if _try_values(text, data, [p]) is not None]
    result = _try_values(text, data, good) if good else None
    if result is None:
        return text, data, []
    return result[0], result[1], [p.edit.fix for p in good]


def _disjoint_values(planned: list[ValueFix]) -> list[ValueFix]:
    kept = {id(e) for e in disjoint(p.edit for p in planned)}
    return [p for p in planned if id(p.edit) in kept]


def _try_values(text: str, data: Any, planned: Sequence[ValueFix]) -> tuple[str, Any] | None:
    new_text = apply(text, [p.edit for p in planned])
    try:
        new_data = parse_text(new_text).data
        expected = with_effects(data, [p.effect for p in planned])
    except (yamlsource.SourceProblem, LookupError, TypeError):
        return None
    return (new_text, new_data) if same_data(new_data, expected) else None


def _mend_syntax(text: str, model: type[BaseModel]) -> tuple[str, list[Fix], Any, bool]:
    """``text`` with the syntax edits that survive checking; its data (None if it does not
    parse); whether any edit was proposed."""
    edits = syntax_edits(text)
    proposed = bool(edits)
    kept: list[Edit] = disjoint(edits)
    for _ in range(len(kept) + 1):
        if not kept:
            break
        new = apply(text, kept)
        try:
            parsed = parse_text(new)
        except yamlsource.SourceProblem as problem:
            bad = {problem.line, (problem.line or 0) - 1} if problem.line is not None else set()
            fewer = [e for e in kept if e.fix.line not in bad]
            kept = fewer if len(fewer) < len(kept) else []
            continue
        bad = _misplaced(new, parsed, model, {e.fix.line for e in kept})
        if bad:
            kept = [e for e in kept if e.fix.line not in bad]
            continue
        return new, [e.fix for e in kept], parsed.data, proposed
    try:
        return text, [], parse_text(text).data, proposed
    except yamlsource.SourceProblem:
        return text, [], None, proposed


def _misplaced(
    text: str, parsed: yamlsource.ParsedFile, model: type[BaseModel], touched: set[int | None]
) -> set[int]:
    """Touched lines whose structure came out wrong: a repeated key, or a key the schema does
    not know there (unless it is a near miss the key fix mends), a list for a mapping."""
    from groupcheck.schema_errors import _data_path, _fields_at

    bad = {p.line for p in parsed.problems if p.line in touched and p.line is not None}
    data = parsed.data
    if not isinstance(data, dict):
        return {line for line in touched if line is not None}
    try:
        model.model_validate(data)
    except ValidationError as error:
        details = error.errors()
    else:
        return bad
    spans = source_map(text)
    lines = Lines(text)
    for detail in details:
        # A mapping or a list where the schema wants something else: a colon or a comma
        # mended where it was text after all (``- curriculum：x`` became a mapping).
        nested = isinstance(detail.get("input"), dict | list) and detail["type"] != "missing"
        if detail["type"] not in _STRUCTURAL and not nested:
            continue
        path = _data_path(data, tuple(detail["loc"]), detail["type"])
        if not path:
            continue
        if detail["type"] == "extra_forbidden":
            near = key_candidate(str(path[-1]), _fields_at(model, path[:-1]))
            if near is not None:
                continue
        span = spans.keys.get(path) or spans.values.get(path)
        if span is not None and lines.line(span.start) in touched:
            bad.add(lines.line(span.start))
    return bad

"""pydantic's ValidationError → located GC002 findings, worded in English or Chinese.

The models say *what* is wrong in pydantic's terms (``loc``, ``type``, ``ctx``); this module says
*where* (the YAML line and column of the place, found through the source map) and *in the clerk's
words*: the field as written (``members[2].joined``), what was expected and what YAML made of the
value, a "did you mean" for a misspelt field or a word of another enum, hints for the usual
slips (full-width colons, curly quotes, unquoted staff numbers). The text lives in the message
catalogs.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from groupcheck import vocabulary, yamlsource
from groupcheck.engine import make_finding
from groupcheck.findings import Finding, YamlPath
from groupcheck.messages import Lang, text
from groupcheck.models import SLUG_PATTERN

MAX_SCHEMA_FINDINGS = 100
"""Schema findings (GC002) per file; past this one more finding gives their count, so a file of
20,000 misspelt keys costs a hundred findings, not 20,000."""


def schema_findings(
    error: ValidationError | Iterable[ErrorDetails],
    model: type[BaseModel],
    file: str,
    data: Any,
    raw: bytes,
    lang: Lang,
    more: int = 0,
) -> list[Finding]:
    """One located GC002 finding per place ``error`` names in ``data`` (parsed from ``raw``,
    which is parsed again here with positions), worded in ``lang``; at most
    ``MAX_SCHEMA_FINDINGS``, then their count (with ``more`` errors the caller did not hand
    over: see ``trimmed``). ``error`` may be pydantic's error, or its details one by one (a
    generator keeps only one entry's errors in memory at a time).

    Linear in the number of errors: the file's lines are split once (``_Source``), and a key
    that is not text is found from pydantic's own error, not by scanning its mapping.
    """
    chosen: list[tuple[ErrorDetails, YamlPath]] = []
    seen: set[YamlPath] = set()
    details = error.errors(include_url=False) if isinstance(error, ValidationError) else error
    for detail in details:
        if len(chosen) >= MAX_SCHEMA_FINDINGS:
            more += 1
            continue
        if detail["type"] == "invalid_key":  # ``~: 1`` or ``1: x``: a key YAML read as no text
            parent = _data_path(data, tuple(detail["loc"])[:-1], "")
            chosen.append((detail, cast(YamlPath, (*parent, detail.get("input")))))
            continue
        path = _data_path(data, tuple(detail["loc"]), detail["type"])
        if path in seen:
            continue  # one finding per place: a union reports each of its branches
        seen.add(path)
        chosen.append((detail, path))
    positions = yamlsource.positions_of(raw, [path for _, path in chosen])
    source = _Source(raw, data, positions)
    findings: list[Finding] = []
    last = (1, 1)
    for detail, path in chosen:
        if detail["type"] == "invalid_key":
            findings.append(_bad_key(detail, path[:-1], file, source, lang))
            last = (findings[-1].line or 1, findings[-1].column or 1)
            continue
        found = yamlsource.locate(positions, path)
        line, column = found if found is not None else (1, 1)
        last = (line, column)
        written = source.written(path, found) if found is not None and path else None
        key, args = _describe_error(detail, path, model, lang, written)
        findings.append(schema_finding(key, file, (line, column), path, args, lang))
    if more:
        args = {"count": more, "limit": MAX_SCHEMA_FINDINGS}
        findings.append(schema_finding("more_errors", file, last, (), args, lang))
    return findings


def schema_finding(
    key: str,
    file: str,
    position: tuple[int | None, int | None],
    path: YamlPath,
    args: dict[str, Any],
    lang: Lang,
) -> Finding:
    """One GC002 finding (``GC002.<key>`` in the catalogs) at ``position`` of ``file``."""
    line, column = position
    return make_finding(
        "GC002",
        lang=lang,
        key=key,
        file=file,
        line=line,
        column=column,
        yaml_path=path,
        args=args,
    )


def trimmed(data: Any, model: type[BaseModel]) -> tuple[Any, int]:
    """``data`` without its unknown top-level keys past the first ``MAX_SCHEMA_FINDINGS``,
    and how many were left out: pydantic would build an error for each of a file's 300,000
    misspelt keys, 1 KB apiece, before the first finding is reported."""
    if not isinstance(data, dict) or len(data) <= MAX_SCHEMA_FINDINGS:
        return data, 0
    known = {info.alias or name for name, info in model.model_fields.items()}
    unknown = sum(1 for key in data if not (isinstance(key, str) and key in known))
    if unknown <= MAX_SCHEMA_FINDINGS:
        return data, 0
    kept: dict[Any, Any] = {}
    seen = 0
    for key, value in data.items():
        if not (isinstance(key, str) and key in known):
            seen += 1
            if seen > MAX_SCHEMA_FINDINGS:
                continue
        kept[key] = value
    return kept, unknown - MAX_SCHEMA_FINDINGS


class _Source:
    """One file's text and data; its lines split once, for the errors that need them."""

    def __init__(self, raw: bytes, data: Any, positions: dict[YamlPath, yamlsource.Position]):
        self.raw = raw
        self.data = data
        self.positions = positions
        self._lines: list[bytes] | None = None

    def line(self, line: int) -> str:
        if self._lines is None:
            self._lines = self.raw.split(b"\n")
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1].decode("utf-8", "replace")
        return ""

    def written(self, path: YamlPath, found: tuple[int, int]) -> str | None:
        """The value as typed in the file (``0755``, not 493), for hints; None if not found.

        A mapping value's recorded position is its key's; a list item's is the item's own.
        """
        rest = self.line(found[0])[found[1] - 1 :]
        if isinstance(path[-1], str):
            colon = rest.find(":")
            if colon < 0:
                return None
            rest = rest[colon + 1 :]
        token = re.split(r"\s#|[,\]}]", rest, maxsplit=1)[0].strip()
        return token or None


def _bad_key(detail: Any, parent: YamlPath, file: str, source: _Source, lang: Lang) -> Finding:
    """A mapping key that is not text, at the key's own line."""
    key: Any = detail.get("input")  # the key itself (``loc`` holds its ``str``, or 1 for true)
    positions = source.positions
    found = positions.get(cast(YamlPath, (*parent, key))) or yamlsource.locate(positions, parent)
    prefix = dotted(parent) + "." if parent else ""
    args = {"field": prefix + yamlsource.key_text(key), "found": describe_value(key, lang)}
    return schema_finding("bad_key", file, found or (1, 1), parent, args, lang)


def _data_path(data: Any, loc: tuple[Any, ...], error_type: str) -> YamlPath:
    """The part of pydantic's ``loc`` that names places in the data (drops union branch tags)."""
    path: list[str | int] = []
    node = data
    for item in loc:
        if _has(node, item):
            path.append(item)
            node = node[item]
        elif error_type == "missing" and isinstance(node, dict) and isinstance(item, str):
            path.append(item)
            break
    return tuple(path)


def _has(node: Any, item: Any) -> bool:
    if isinstance(node, dict):
        return item in node
    return isinstance(node, list) and isinstance(item, int) and 0 <= item < len(node)


def dotted(path: YamlPath) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(file)"


_EXPECTED = {
    "string_type": "text",
    "int_type": "whole_number",
    "int_parsing": "whole_number",
    "int_from_float": "whole_number",
    "float_type": "number",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
}
"""pydantic's type errors, by what was expected (worded as ``GC002.expected.*``)."""


def _expected(kind: str, lang: Lang) -> str:
    return text(f"GC002.expected.{_EXPECTED[kind]}", lang)


def describe_value(value: Any, lang: Lang) -> str:
    """What YAML made of a value, for a message: "the boolean true", "文本“x”"."""
    if value is None:
        return text("ui.value.none", lang)
    if isinstance(value, bool):
        return text("ui.value.boolean", lang, value=str(value).lower())
    if isinstance(value, dt.datetime | dt.date):
        return text("ui.value.date", lang, value=value.isoformat())
    if isinstance(value, int | float):
        return text("ui.value.number", lang, value=value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return text("ui.value.text", lang, value=shown)
    if isinstance(value, list):
        return text("ui.value.list", lang)
    if isinstance(value, dict):
        return text("ui.value.mapping", lang)
    if yamlsource.is_merge_key(value):
        return text("ui.value.merge", lang)
    return text("ui.value.text", lang, value=str(value))


def line_text(raw: bytes, line: int | None) -> str:
    """Line ``line`` (1-based) of ``raw``, or "" where there is none."""
    if not raw or line is None:
        return ""
    lines = raw.split(b"\n")
    if 1 <= line <= len(lines):
        return lines[line - 1].decode("utf-8", "replace")
    return ""


def _slug_hint(value: Any, lang: Lang) -> str:
    """Why an id that looks right is refused: full-width letters, curly quotes."""
    if not isinstance(value, str):
        return ""
    normal = unicodedata.normalize("NFKC", value).strip()
    if normal != value and re.fullmatch(SLUG_PATTERN, normal):
        return text("GC002.hint_fullwidth_id", lang, value=normal)
    unquoted = value.strip("“”‘’\"'「」")
    if unquoted != value and re.fullmatch(SLUG_PATTERN, unquoted):
        return text("GC002.hint_quoted_id", lang, value=unquoted)
    return ""


def _describe_error(
    detail: Any,
    path: YamlPath,
    model: type[BaseModel],
    lang: Lang,
    written: str | None = None,
) -> tuple[str, dict[str, Any]]:
    kind = detail["type"]
    value = detail.get("input")
    field_name = dotted(path)
    if kind == "missing":
        return "missing", {"field": field_name}
    if kind == "extra_forbidden":
        return "unknown_field", {
            "field": field_name,
            "suggestion": _suggestion(path, model, lang),
        }
    if kind in (
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    ):
        hint = ""
        if isinstance(value, str) and "年" in value:
            hint = text("GC002.hint_chinese_date", lang)
        return "bad_date", {"field": field_name, "value": _shown(value), "hint": hint}
    if kind == "enum":
        allowed = detail.get("ctx", {}).get("expected", "")
        if lang == "zh":  # pydantic's "'a', 'b' or 'c'"
            allowed = allowed.replace("' or '", "' 或 '").replace("', '", "'、'")
        return "bad_enum", {"field": field_name, "value": _shown(value), "allowed": allowed}
    if kind == "other_enum":
        return "other_enum", _other_enum(detail.get("ctx", {}), field_name, lang)
    if kind == "boolean_number":
        return "wrong_type", {
            "field": field_name,
            "expected": _expected("int_type", lang),
            "found": describe_value(value, lang),
            "hint": "",
        }
    if kind == "int_parsing_size" or (kind in _NUMBER_PARSING and _long_number(value)):
        # a number of thousands of digits (yamlsource keeps one over 100 characters as text)
        return "bad_value", {"field": field_name, "detail": text("GC002.detail.too_large", lang)}
    if kind in _OWN_ERRORS:
        detail_text = text(f"GC002.detail.{kind}", lang, **detail.get("ctx", {}))
        return "bad_value", {"field": field_name, "detail": detail_text}
    if kind == "string_pattern_mismatch":
        if path and path[-1] in ("id", "school", "from", "to", "group"):
            return "bad_slug", {
                "field": field_name,
                "value": _shown(value),
                "hint": _slug_hint(value, lang),
            }
        return "bad_value", {"field": field_name, "detail": _pydantic_detail(detail, value, lang)}
    if kind in _EXPECTED:
        hint = ""
        if kind == "string_type" and isinstance(value, (bool, int, float, dt.date)):
            if written is not None:
                shown = written
            elif isinstance(value, dt.date):
                shown = value.isoformat()
            else:
                shown = str(value).lower() if isinstance(value, bool) else str(value)
            hint = text("GC002.hint_quote", lang, value=shown)
        elif kind in _NUMBER_PARSING and _sexagesimal(value):
            hint = text("GC002.hint_sexagesimal", lang)
        return "wrong_type", {
            "field": field_name,
            "expected": _expected(kind, lang),
            "found": describe_value(value, lang),
            "hint": hint,
        }
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return "bad_number", {
            "field": field_name,
            "value": _shown(value),
            "detail": _pydantic_detail(detail, value, lang),
        }
    return "bad_value", {"field": field_name, "detail": _pydantic_detail(detail, value, lang)}


_NUMBER_PARSING = ("int_parsing", "float_parsing", "int_type", "float_type")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_NUMBER_TEXT = re.compile(
    r"^[-+]?(?:0x[0-9a-fA-F_]+|0b[01_]+|0o?[0-7_]+|[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?$"
)


def _sexagesimal(value: Any) -> bool:
    """Text YAML 1.1 would read as a base-60 number (``1:30``), not over 100 characters: the
    pattern's repeated group costs memory in proportion to the text's length."""
    return (
        isinstance(value, str)
        and len(value) <= yamlsource.MAX_NUMBER_CHARS
        and _SEXAGESIMAL.match(value) is not None
    )


def _long_number(value: Any) -> bool:
    """Text YAML would read as a number, but too long for one (``0xfff…`` of 5,000 digits)."""
    return (
        isinstance(value, str)
        and len(value) > yamlsource.MAX_NUMBER_CHARS
        and _NUMBER_TEXT.match(value) is not None
    )


def _shown(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and len(value) > 60:
        return value[:57] + "..."
    return value


def _other_enum(ctx: dict[str, Any], field_name: str, lang: Lang) -> dict[str, Any]:
    """A word of another enum (``role: 教师发展``): what it is there, and what was meant here."""
    here, there = vocabulary.named(ctx["enum"]), vocabulary.named(ctx["other_enum"])
    word = str(ctx["value"])
    return {
        "field": field_name,
        "value": word,
        "kind": here.name(lang),
        "other": there.name(lang),
        "other_value": ctx["other_value"],
        "suggestion": [_term_shown(term, lang) for term in here.closest(word)],
    }


def _term_shown(term: vocabulary.Term[Any], lang: Lang) -> str:
    return text("GC002.enum_term", lang, value=term.value.value, label=term.zh)


_OWN_ERRORS = ("yuan_amount", "yuan_fraction", "yuan_too_large", "academic_year_pair")
"""The models' own error types (``PydanticCustomError``), worded by the message catalogs."""

_PATTERNS = {
    r"^GC\d{3}$": "rule_id",
    r"^\d{4}-\d{4}$": "academic_year",
}
"""Patterns a clerk cannot be expected to read, by what they stand for."""


def _pydantic_detail(detail: Any, value: Any, lang: Lang) -> str:
    """pydantic's complaint in the clerk's language (its own text only as a last resort)."""
    ctx = detail.get("ctx", {})
    kind = detail["type"]
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        return text(f"GC002.detail.{kind}", lang, bound=bound)
    if kind == "string_too_short":
        return text("GC002.detail.string_too_short", lang)
    if kind == "string_too_long":
        return text("GC002.detail.string_too_long", lang, limit=ctx.get("max_length"))
    if kind == "string_pattern_mismatch":
        meaning = _PATTERNS.get(str(ctx.get("pattern", "")))
        if meaning is not None:
            return text(f"GC002.detail.pattern_{meaning}", lang, value=_shown(value))
        return text("GC002.detail.pattern", lang, pattern=ctx.get("pattern", ""))
    message = str(detail.get("msg", ""))
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    return message


def _suggestion(path: YamlPath, model: type[BaseModel], lang: Lang) -> str:
    known = _fields_at(model, path[:-1])
    if not known or not path:
        return ""
    import difflib  # here: the suggestions are for bad input, not every start

    typed = str(path[-1])
    invisible = [c for c in typed if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp")]
    if invisible:
        chars = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'CONTROL')}" for c in invisible)
        close = difflib.get_close_matches(typed, known, n=1, cutoff=0.6)
        meant = text("GC002.did_you_mean", lang, name=close[0]) if close else ""
        return meant + text("GC002.hint_invisible", lang, chars=chars)
    if "\u3000" in typed:
        return text("GC002.hint_fullwidth_space", lang)
    for mark, hint in (("：", "GC002.hint_fullwidth"), (":", "GC002.hint_colon_space")):
        if mark in typed:
            typed_key = typed.split(mark, 1)[0].strip()
            if typed_key in known:
                return text(hint, lang, key=typed_key)
    close = difflib.get_close_matches(typed, known, n=1, cutoff=0.6)
    if close:
        return text("GC002.did_you_mean", lang, name=close[0])
    if vocabulary.is_word(typed):
        return ""
    return text("GC002.allowed_fields", lang, names=sorted(known))


def _fields_at(model: type[BaseModel], path: YamlPath) -> list[str]:
    """The field names (as written in YAML) that the model accepts at ``path``."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field_info = _field_by_alias(current, part)
        if field_info is None:
            return []
        current = _inner_model(field_info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [info.alias or name for name, info in current.model_fields.items()]
    return []


def _field_by_alias(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info
    return None


def _inner_model(annotation: Any) -> Any:
    """Unwrap ``X | None``, ``list[X]`` and ``Annotated[X, ...]`` down to a model class."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (list, tuple, Sequence) or origin is typing.Union or origin is types.UnionType:
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
        return None
    return annotation

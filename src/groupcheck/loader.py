"""Group sources → models, with every problem in the input as a located finding.

Loading never raises for bad input: a file that cannot be read or parsed, a schema error or a
log that belongs to no charter becomes a finding (GC001–GC005) with its file, line and column,
and the other groups of the run are still loaded. Positions are computed only for files that
have a problem (the file is parsed a second time, with positions, only then).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import types
import typing
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from groupcheck import yamlsource
from groupcheck.discovery import Discovery, GroupSource
from groupcheck.engine import Loaded, UnloadedGroup, make_finding
from groupcheck.findings import Finding, YamlPath
from groupcheck.messages import Lang, text
from groupcheck.models import (
    SLUG_PATTERN,
    SYNONYMS,
    Charter,
    Exchange,
    ExchangeEntry,
    Group,
    RotationLog,
)


@dataclass
class _FileResult:
    data: Any = None
    raw: bytes = b""
    findings: list[Finding] = field(default_factory=list)
    ok: bool = False


def load_discovered(discovery: Discovery, lang: Lang = "en") -> Loaded:
    """Load every group found, and report the orphan logs (GC005)."""
    groups: list[Group] = []
    unloaded: list[UnloadedGroup] = []
    findings: list[Finding] = []
    for source in discovery.groups:
        group, failed, found = load_group(source, lang)
        findings += found
        if group is not None:
            groups.append(group)
        if failed is not None:
            unloaded.append(failed)
    findings += discovery_findings(discovery, lang)
    return Loaded(groups, unloaded, findings, files=discovery.file_count)


def discovery_findings(discovery: Discovery, lang: Lang = "en") -> list[Finding]:
    """GC005 for every rotation log with no charter in its group folder, GC001 for every
    folder that could not be listed."""
    findings = [
        make_finding("GC005", lang=lang, key="no_charter", file=orphan, line=1, column=1)
        for orphan in discovery.orphan_logs
    ]
    findings += [
        make_finding("GC001", lang=lang, key="unreadable_folder", file=folder)
        for folder in discovery.unreadable
    ]
    return findings


def load_group(
    source: GroupSource, lang: Lang = "en"
) -> tuple[Group | None, UnloadedGroup | None, list[Finding]]:
    """Load one group folder: its charter, then each of its logs."""
    charter_result = _read(source.charter, lang)
    findings = list(charter_result.findings)
    fallback_id = _fallback_id(charter_result.data, source.folder)
    fallback_name = _fallback_name(charter_result.data)
    charter: Charter | None = None
    if charter_result.ok:
        charter, schema_findings = _validate_charter(source.charter, charter_result, lang)
        findings += schema_findings
    group_id = charter.id if charter is not None else fallback_id
    findings = [_with_group(f, group_id) for f in findings]
    entries: list[ExchangeEntry] = []
    for log_file in source.logs:
        log_entries, log_findings = _load_log(log_file, group_id, charter is not None, lang)
        entries += log_entries
        findings += [_with_group(f, group_id) for f in log_findings]
    if charter is None:
        return None, UnloadedGroup(group_id, fallback_name, source.folder, source.charter), findings
    group = Group(
        folder=source.folder,
        charter_file=source.charter,
        charter=charter,
        log_files=source.logs,
        exchanges=tuple(entries),
    )
    return group, None, findings


def _with_group(finding: Finding, group_id: str) -> Finding:
    return finding if finding.group == group_id else finding.model_copy(update={"group": group_id})


def _fallback_id(data: Any, folder: str) -> str:
    if isinstance(data, dict) and isinstance(data.get("id"), str) and data["id"].strip():
        return str(data["id"]).strip()
    return os.path.basename(folder.rstrip("/")) or folder


def _fallback_name(data: Any) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("name"), str):
        return str(data["name"])
    return None


def _read(file: str, lang: Lang) -> _FileResult:
    """Read and parse one file; a problem becomes a finding instead of an exception."""
    result = _FileResult()
    try:
        result.raw = yamlsource.decode(yamlsource.read_bytes(file))
        parsed = yamlsource.parse(result.raw)
    except yamlsource.SourceProblem as problem:
        result.findings.append(_problem_finding(problem, file, result.raw, lang))
        return result
    result.findings += [_problem_finding(p, file, result.raw, lang) for p in parsed.problems]
    if not isinstance(parsed.data, dict):
        result.findings.append(
            make_finding(
                "GC001",
                lang=lang,
                key="not_mapping",
                file=file,
                line=1,
                column=1,
                args={"found": _describe(parsed.data, lang), "hint": _text_hint(result.raw, lang)},
            )
        )
        return result
    result.data = parsed.data
    result.ok = True
    return result


def _problem_finding(
    problem: yamlsource.SourceProblem, file: str, raw: bytes, lang: Lang
) -> Finding:
    args = dict(problem.details)
    if "why" in args:  # a reason the catalogs word (GC001.reason.*), not the OS's English
        args["reason"] = text(f"GC001.reason.{args.pop('why')}", lang)
    if problem.key == "syntax":
        args["hint"] = _syntax_hint(raw, problem.line, lang)
        if lang == "zh":
            from groupcheck.messages.zh import YAML_PROBLEMS

            args["problem"] = YAML_PROBLEMS.get(str(args.get("problem")), args.get("problem"))
    return make_finding(
        problem.rule,
        lang=lang,
        key=problem.key,
        file=file,
        line=problem.line,
        column=problem.column,
        yaml_path=problem.yaml_path,
        args=args,
    )


def _line_text(raw: bytes, line: int | None) -> str:
    if not raw or line is None:
        return ""
    lines = raw.split(b"\n")
    if 1 <= line <= len(lines):
        return lines[line - 1].decode("utf-8", "replace")
    return ""


def _syntax_hint(raw: bytes, line: int | None, lang: Lang) -> str:
    here = _line_text(raw, line) + _line_text(raw, (line or 0) - 1)
    if "\t" in here:
        return text("GC001.hint_tab", lang)
    return _text_hint(raw, lang, here)


def _text_hint(raw: bytes, lang: Lang, here: str | None = None) -> str:
    sample = here if here is not None else raw[:4096].decode("utf-8", "replace")
    if "：" in sample or "\u3000" in sample:
        return text("GC001.hint_fullwidth", lang)
    if "“" in sample or "”" in sample:
        return text("GC001.hint_smart_quotes", lang)
    if "\t" in sample:
        return text("GC001.hint_tab", lang)
    return ""


def _validate_charter(
    file: str, result: _FileResult, lang: Lang
) -> tuple[Charter | None, list[Finding]]:
    try:
        return Charter.model_validate(result.data), []
    except ValidationError as error:
        return None, _schema_findings(error, Charter, file, result, lang)


def _load_log(
    file: str, charter_id: str, charter_loaded: bool, lang: Lang
) -> tuple[list[ExchangeEntry], list[Finding]]:
    result = _read(file, lang)
    if not result.ok:
        return [], result.findings
    findings = list(result.findings)
    try:
        log = RotationLog.model_validate(result.data)
        log_group, indexed = log.group, list(enumerate(log.exchanges))
    except ValidationError as error:
        # Salvage the entries that are right: one bad row must not hide the others.
        findings += _schema_findings(error, RotationLog, file, result, lang)
        salvaged = _salvage_log(result.data)
        if salvaged is None:
            return [], findings
        log_group, indexed = salvaged
    if charter_loaded and log_group != charter_id:
        line, column = _position(result, ("group",))
        findings.append(
            make_finding(
                "GC005",
                lang=lang,
                key="group_mismatch",
                file=file,
                yaml_path=("group",),
                line=line,
                column=column,
                args={"log_group": log_group, "charter_group": charter_id},
            )
        )
        return [], findings
    entries = [ExchangeEntry(exchange, file, ("exchanges", index)) for index, exchange in indexed]
    return entries, findings


def _salvage_log(data: dict[str, Any]) -> tuple[str, list[tuple[int, Exchange]]] | None:
    """The log's group and its valid entries (with their index in the file), if it has a group."""
    try:
        envelope = RotationLog.model_validate({"group": data.get("group"), "exchanges": []})
    except ValidationError:
        return None
    raw_exchanges = data.get("exchanges")
    good: list[tuple[int, Exchange]] = []
    for index, item in enumerate(raw_exchanges if isinstance(raw_exchanges, list) else []):
        try:
            good.append((index, Exchange.model_validate(item)))
        except ValidationError:
            continue
    return envelope.group, good


# ---------------------------------------------------------------------------------------------
# Schema errors → findings


def _position(result: _FileResult, path: YamlPath) -> tuple[int | None, int | None]:
    positions = yamlsource.parse(result.raw, with_positions=True).positions or {}
    found = yamlsource.locate(positions, path)
    return found if found is not None else (None, None)


def _schema_findings(
    error: ValidationError,
    model: type[BaseModel],
    file: str,
    result: _FileResult,
    lang: Lang,
) -> list[Finding]:
    positions = yamlsource.parse(result.raw, with_positions=True).positions or {}
    findings: list[Finding] = []
    seen: set[YamlPath] = set()
    for detail in error.errors():
        if detail["type"] == "invalid_key":  # ``~: 1`` or ``1: x``: a key YAML read as no text
            findings.append(_bad_key(detail, file, result, positions, lang))
            continue
        path = _data_path(result.data, tuple(detail["loc"]), detail["type"])
        if path in seen:
            continue  # one finding per place: a union reports each of its branches
        seen.add(path)
        found = yamlsource.locate(positions, path)
        line, column = found if found is not None else (1, 1)
        written = _written(result.raw, path, found) if found is not None and path else None
        key, args = _describe_error(detail, path, model, lang, written)
        findings.append(
            make_finding(
                "GC002",
                lang=lang,
                key=key,
                file=file,
                line=line,
                column=column,
                yaml_path=path,
                args=args,
            )
        )
    return findings


def _bad_key(
    detail: Any,
    file: str,
    result: _FileResult,
    positions: dict[YamlPath, yamlsource.Position],
    lang: Lang,
) -> Finding:
    """A mapping key that is not text, at the key's own line."""
    loc = tuple(detail["loc"])
    parent = _data_path(result.data, loc[:-1], "")
    node: Any = result.data
    for part in parent:
        node = node[part]
    written = loc[-1] if loc else None
    key: Any = (
        next(
            (k for k in node if not isinstance(k, str) and (k == written or str(k) == written)),
            detail.get("input"),
        )
        if isinstance(node, dict)
        else detail.get("input")
    )
    found = positions.get(cast(YamlPath, (*parent, key))) or yamlsource.locate(positions, parent)
    line, column = found if found is not None else (1, 1)
    shown = "~" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
    prefix = _dotted(parent) + "." if parent else ""
    return make_finding(
        "GC002",
        lang=lang,
        key="bad_key",
        file=file,
        line=line,
        column=column,
        yaml_path=parent,
        args={"field": prefix + shown, "found": _describe(key, lang)},
    )


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


def _dotted(path: YamlPath) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(file)"


_EXPECTED = {
    "en": {
        "string_type": "text",
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "int_from_float": "a whole number",
        "float_type": "a number",
        "bool_type": "true or false",
        "bool_parsing": "true or false",
        "list_type": "a list",
        "dict_type": "a mapping of fields",
        "model_type": "a mapping of fields",
        "model_attributes_type": "a mapping of fields",
    },
    "zh": {
        "string_type": "文本",
        "int_type": "整数",
        "int_parsing": "整数",
        "int_from_float": "整数",
        "float_type": "数字",
        "bool_type": "true 或 false",
        "bool_parsing": "true 或 false",
        "list_type": "列表",
        "dict_type": "字段映射",
        "model_type": "字段映射",
        "model_attributes_type": "字段映射",
    },
}


def _describe(value: Any, lang: Lang) -> str:
    zh = lang == "zh"
    if value is None:
        return "空值" if zh else "nothing (an empty value)"
    if isinstance(value, bool):
        return (
            f"布尔值 {str(value).lower()}（YAML 把 yes/no/on/off 读作布尔值）"
            if zh
            else f"the boolean {str(value).lower()} (YAML reads yes/no/on/off as booleans)"
        )
    if isinstance(value, dt.datetime | dt.date):
        return f"日期 {value.isoformat()}" if zh else f"the date {value.isoformat()}"
    if isinstance(value, int):
        return f"数字 {value}" if zh else f"the number {value}"
    if isinstance(value, float):
        return f"数字 {value}" if zh else f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"文本“{shown}”" if zh else f"the text {shown!r}"
    if isinstance(value, list):
        return "列表" if zh else "a list"
    if isinstance(value, dict):
        return "映射" if zh else "a mapping"
    return type(value).__name__


def _written(raw: bytes, path: YamlPath, found: tuple[int, int]) -> str | None:
    """The value as typed in the file (``0755``, not 493), for hints; None if not found.

    A mapping value's recorded position is its key's; a list item's is the item's own.
    """
    rest = _line_text(raw, found[0])[found[1] - 1 :]
    if isinstance(path[-1], str):
        colon = rest.find(":")
        if colon < 0:
            return None
        rest = rest[colon + 1 :]
    token = re.split(r"\s#|[,\]}]", rest, maxsplit=1)[0].strip()
    return token or None


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
    field_name = _dotted(path)
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
        return "bad_enum", {"field": field_name, "value": _shown(value), "allowed": allowed}
    if kind == "boolean_number":
        return "wrong_type", {
            "field": field_name,
            "expected": _EXPECTED[lang]["int_type"],
            "found": _describe(value, lang),
            "hint": "",
        }
    if kind == "int_parsing_size":  # a number of thousands of digits
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
    if kind in _EXPECTED["en"]:
        hint = ""
        if kind == "string_type" and isinstance(value, (bool, int, float, dt.date)):
            if written is not None:
                shown = written
            elif isinstance(value, dt.date):
                shown = value.isoformat()
            else:
                shown = str(value).lower() if isinstance(value, bool) else str(value)
            hint = text("GC002.hint_quote", lang, value=shown)
        return "wrong_type", {
            "field": field_name,
            "expected": _EXPECTED[lang][kind],
            "found": _describe(value, lang),
            "hint": hint,
        }
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return "bad_number", {
            "field": field_name,
            "value": _shown(value),
            "detail": _pydantic_detail(detail, value, lang),
        }
    return "bad_value", {"field": field_name, "detail": _pydantic_detail(detail, value, lang)}


def _shown(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and len(value) > 60:
        return value[:57] + "..."
    return value


_OWN_ERRORS = ("yuan_amount", "yuan_fraction", "academic_year_pair")
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
    typed = str(path[-1])
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
    if typed in SYNONYMS:
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

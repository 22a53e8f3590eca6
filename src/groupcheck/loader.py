"""Group sources → models, with every problem in the input as a located finding.

Loading never raises for bad input: a file that cannot be read or parsed, a schema error or a
log that belongs to no charter becomes a finding (GC001–GC005) with its file, line and column,
and the other groups of the run are still loaded. Positions are computed only for files that
have a problem (the file is parsed a second time, with positions, only then). The wording of
schema errors is ``schema_errors``'s.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from groupcheck import yamlsource
from groupcheck.discovery import Discovery, GroupSource
from groupcheck.engine import Loaded, UnloadedGroup, make_finding
from groupcheck.findings import Finding, YamlPath
from groupcheck.messages import Lang, text
from groupcheck.models import (
    Charter,
    Exchange,
    ExchangeEntry,
    Group,
    RotationLog,
)
from groupcheck.schema_errors import (
    describe_value,
    dotted,
    line_text,
    schema_finding,
    schema_findings,
    trimmed,
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
    """GC005 for every rotation log with no charter in its group folder and every file named
    almost as one (``charter.yml``); GC001 for every folder that could not be listed and every
    link leading out of the checked paths."""
    findings = [
        make_finding("GC005", lang=lang, key="no_charter", file=orphan, line=1, column=1)
        for orphan in discovery.orphan_logs
    ]
    findings += [
        make_finding("GC001", lang=lang, key="unreadable_folder", file=folder)
        for folder in discovery.unreadable
    ]
    findings += [
        make_finding("GC005", lang=lang, key="misnamed", file=file, args={"meant": meant})
        for file, meant in discovery.misnamed
    ]
    findings += [
        make_finding("GC001", lang=lang, key="outside_link", file=link)
        for link in discovery.outside_links
    ]
    return findings


def load_group(
    source: GroupSource, lang: Lang = "en"
) -> tuple[Group | None, UnloadedGroup | None, list[Finding]]:
    """Load one group folder: its charter, then each of its logs.

    Bad input is a finding, never an exception; should a value still find a way to raise
    (a bug), this group becomes a GC001 finding and the rest of a 2,000-group run goes on.
    """
    try:
        return _load_group(source, lang)
    except Exception as error:  # one group must never stop the run
        finding = make_finding(
            "GC001",
            lang=lang,
            key="internal",
            file=source.charter,
            args={"error": type(error).__name__},
        )
        folder_id = os.path.basename(source.folder.rstrip("/")) or source.folder
        return None, UnloadedGroup(folder_id, None, source.folder, source.charter), [finding]


def _load_group(
    source: GroupSource, lang: Lang
) -> tuple[Group | None, UnloadedGroup | None, list[Finding]]:
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
    unread: list[str] = []
    for log_file in source.logs:
        log_entries, log_findings = _load_log(log_file, group_id, charter is not None, lang)
        entries += log_entries
        findings += [_with_group(f, group_id) for f in log_findings]
        if log_findings:  # every finding of a log is a load rule's (GC001–GC005)
            unread.append(log_file)
    if charter is None:
        return None, UnloadedGroup(group_id, fallback_name, source.folder, source.charter), findings
    group = Group(
        folder=source.folder,
        charter_file=source.charter,
        charter=charter,
        log_files=source.logs,
        exchanges=tuple(entries),
        unread_logs=tuple(unread),
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
                args={
                    "found": describe_value(parsed.data, lang),
                    "hint": _text_hint(result.raw, lang),
                },
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
    if problem.key == "not_utf8" and args.get("encoding") == "unknown":
        return make_finding(
            problem.rule,
            lang=lang,
            key="not_utf8_unknown",
            file=file,
            line=problem.line,
            column=problem.column,
        )
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


def _syntax_hint(raw: bytes, line: int | None, lang: Lang) -> str:
    here = line_text(raw, line) + line_text(raw, (line or 0) - 1)
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
    data, more = trimmed(result.data, Charter)
    try:
        charter = Charter.model_validate(data)
    except ValidationError as error:
        return None, schema_findings(error, Charter, file, result.data, result.raw, lang, more)
    return charter, [
        *_repeated_ids(charter, file, result, lang),
        *_date_order_findings(charter, file, result, lang),
    ]


def _repeated_ids(charter: Charter, file: str, result: _FileResult, lang: Lang) -> list[Finding]:
    """GC002 for a school id a charter gives twice (two members, a member and the core school,
    a collaborator and a member): the rules would merge two schools into one."""
    first: dict[str, YamlPath] = {charter.core_school.id: ("core_school",)}
    schools: list[tuple[YamlPath, str]] = [
        (("members", i), m.id) for i, m in enumerate(charter.members)
    ]
    schools += [(("collaborators", i), c.id) for i, c in enumerate(charter.collaborators)]
    repeats: list[tuple[YamlPath, YamlPath, str]] = []
    for here, school_id in schools:
        seen = first.setdefault(school_id, here)
        if seen != here:
            repeats.append(((*here, "id"), seen, school_id))
    if not repeats:
        return []
    positions = yamlsource.positions_of(result.raw, [path for path, _, _ in repeats])
    findings: list[Finding] = []
    for path, seen, school_id in repeats:
        position = yamlsource.locate(positions, path) or (None, None)
        args = {"field": dotted(path), "first": dotted(seen), "value": school_id}
        findings.append(schema_finding("repeated_id", file, position, path, args, lang))
    return findings


def _date_order_findings(
    charter: Charter, file: str, result: _FileResult, lang: Lang
) -> list[Finding]:
    """GC002 for a member whose ``left`` is before its ``joined`` (issue 14, 2).

    The charter still loads (the rest of it is checked); the member counts for nothing
    (``Member.membership`` is None), so a date typo never makes a member of a school.
    """
    findings: list[Finding] = []
    for index, member in enumerate(charter.members):
        if member.left_before_joined:
            path: YamlPath = ("members", index, "left")
            line, column = _position(result, path)
            findings.append(
                make_finding(
                    "GC002",
                    lang=lang,
                    key="left_before_joined",
                    file=file,
                    line=line,
                    column=column,
                    yaml_path=path,
                    args={
                        "field": f"members[{index}].left",
                        "left": str(member.left),
                        "joined": str(member.joined),
                    },
                )
            )
    return findings


def _load_log(
    file: str, charter_id: str, charter_loaded: bool, lang: Lang
) -> tuple[list[ExchangeEntry], list[Finding]]:
    result = _read(file, lang)
    if not result.ok:
        return [], result.findings
    findings = list(result.findings)
    try:
        log: RotationLog | None = RotationLog.model_validate(result.data)
    except ValidationError:
        log = None  # the error itself is let go: for 80,000 bad rows it weighs 10 times the file
    if log is not None:
        log_group, indexed = log.group, list(enumerate(log.exchanges))
    else:
        # Entry by entry: the right ones are kept (one bad row must not hide the others), and
        # only one entry's errors are in memory at a time, whatever the number of bad rows.
        good: list[tuple[int, Exchange]] = []
        data, more = trimmed(result.data, RotationLog)
        errors = _log_errors(data, good)
        findings += schema_findings(errors, RotationLog, file, result.data, result.raw, lang, more)
        envelope = _envelope(data)
        if envelope is None:
            return [], findings
        log_group, indexed = envelope, good
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


def _log_errors(data: dict[Any, Any], good: list[tuple[int, Exchange]]) -> Iterator[ErrorDetails]:
    """A log's schema errors, its top level's first, then each entry's, as pydantic would give
    them for the whole log; the valid entries (with their index) are added to ``good``."""
    exchanges = data.get("exchanges")
    if not isinstance(exchanges, list):
        try:
            RotationLog.model_validate(data)
        except ValidationError as error:
            yield from error.errors(include_url=False)
        return
    try:
        RotationLog.model_validate({**data, "exchanges": []})
    except ValidationError as error:
        yield from error.errors(include_url=False)
    for index, item in enumerate(exchanges):
        try:
            good.append((index, Exchange.model_validate(item)))
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                yield {**detail, "loc": ("exchanges", index, *detail["loc"])}


def _envelope(data: dict[Any, Any]) -> str | None:
    """The log's group, if it names one."""
    try:
        return RotationLog.model_validate({"group": data.get("group"), "exchanges": []}).group
    except ValidationError:
        return None


def _position(result: _FileResult, path: YamlPath) -> tuple[int | None, int | None]:
    positions = yamlsource.positions_of(result.raw, [path])
    found = yamlsource.locate(positions, path)
    return found if found is not None else (None, None)

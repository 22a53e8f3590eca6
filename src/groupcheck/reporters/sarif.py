"""``--format sarif``: SARIF 2.1.0 for code scanning (GitHub ``upload-sarif``, GitLab, IDEs).

``tool.driver.rules`` lists every rule the run enables, with the policy it comes from; each
result carries the rule, level, message, a repository-relative location (``uriBaseId``
``%SRCROOT%``) and ``partialFingerprints`` built without line numbers (``baseline.py``), so a
code-scanning alert survives edits elsewhere in the file. Waived findings are results with an
``external`` suppression whose justification is the waiver's reason; with ``--baseline``
every unwaived result says whether it is ``new`` or ``unchanged``. No timestamps: the same
run, the same bytes.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from groupcheck.findings import Finding, Severity
from groupcheck.messages import Lang
from groupcheck.report import Reportable, RuleInfo, report_of
from groupcheck.reporters.ci import (
    HOMEPAGE,
    numbered,
    repository_path,
    repository_prefix,
    rule_url,
    where,
)

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "groupcheck/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(result: Reportable, *, lang: Lang = "en", prefix: str | None = None, **_: Any) -> str:
    """The run as a SARIF log; ``prefix``: the working folder within the repository."""
    return json.dumps(log(result, lang, prefix), ensure_ascii=False, indent=2) + "\n"


def log(result: Reportable, lang: Lang = "en", prefix: str | None = None) -> dict[str, Any]:
    report = report_of(result)
    the_prefix = repository_prefix() if prefix is None else prefix
    rules = report.shown_rules()
    index = {info.id: i for i, info in enumerate(rules)}
    packs: dict[str, str] = {}
    for group in report.groups:
        packs.setdefault(group.id, group.pack)
    results = [
        _result(
            finding,
            print_,
            index,
            the_prefix,
            report.settings.baseline,
            packs.get(finding.group or "", report.pack.name),
        )
        for finding, print_ in numbered(report)
    ]
    return {
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": report.tool.name,
                        "version": report.tool.version,
                        "semanticVersion": report.tool.version,
                        "informationUri": HOMEPAGE,
                        "rules": [_descriptor(info, lang) for info in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "properties": {
                    "asOf": report.as_of,
                    "policyPack": report.pack.name,
                    "policyPackVersion": report.pack.version,
                    # every pack that judged a group (several under --rules by-jurisdiction;
                    # each result's properties.pack names its group's)
                    "policyPacks": report.packs_in_use(),
                },
                "results": results,
            }
        ],
    }


def _descriptor(info: RuleInfo, lang: Lang) -> dict[str, Any]:
    doc = info.doc
    source = info.source or doc["source"]
    summary = info.summary_in(lang)
    full = doc["what"] or summary
    policy = info.policy_in(lang)
    help_parts = [full]
    if doc["why"]:
        help_parts.append(doc["why"])
    if policy:
        help_parts.append(f"Policy: {policy}" if lang == "en" else f"政策原文：{policy}")
    if source:
        help_parts.append(f"Source: {source}" if lang == "en" else f"出处：{source}")
    remediation = info.remediation_in(lang)
    if remediation:
        help_parts.append(
            f"Remediation: {remediation}" if lang == "en" else f"整改建议：{remediation}"
        )
    url = rule_url(info.id, info.name)
    markdown = [full, *([doc["why"]] if doc["why"] else [])]
    if policy:
        markdown.append(("**Policy:** " if lang == "en" else "**政策原文：**") + policy)
    if source:
        markdown.append(("**Source:** " if lang == "en" else "**出处：**") + source)
    if remediation:
        markdown.append(("**Remediation:** " if lang == "en" else "**整改建议：**") + remediation)
    markdown.append(f"[{info.id} {info.name}]({url})")
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": info.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "helpUri": url,
        "help": {"text": "\n\n".join(help_parts), "markdown": "\n\n".join(markdown)},
        "defaultConfiguration": {"level": LEVELS[info.severity]},
        "properties": {"tags": ["groupcheck", info.family], "policySource": source},
    }
    return descriptor


def _result(
    finding: Finding,
    fingerprint: str,
    index: dict[str, int],
    prefix: str,
    with_baseline: bool,
    pack: str,
) -> dict[str, Any]:
    context = where(finding)
    text = f"{finding.message} ({context})" if context else finding.message
    entry: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": text},
    }
    if finding.rule in index:
        entry["ruleIndex"] = index[finding.rule]
    if finding.file is not None:
        entry["locations"] = [{"physicalLocation": _physical(finding, prefix)}]
    entry["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if finding.waived:
        entry["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": finding.waiver_reason or "",
            }
        ]
    if with_baseline and not finding.waived:  # a waived one is suppressed, never baselined
        entry["baselineState"] = "unchanged" if finding.known else "new"
    properties: dict[str, Any] = {}
    if finding.group is not None:
        properties["group"] = finding.group
    if finding.year is not None:
        properties["year"] = finding.year
    properties["pack"] = pack  # the policy pack that judged the finding's group
    entry["properties"] = properties
    return entry


def _physical(finding: Finding, prefix: str) -> dict[str, Any]:
    assert finding.file is not None
    path = repository_path(finding.file, prefix)
    artifact: dict[str, Any]
    if path.startswith("/"):
        artifact = {"uri": "file://" + quote(path, safe="/", errors="surrogateescape")}
    else:
        artifact = {"uri": quote(path, safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if finding.line is not None and finding.line >= 1:
        region: dict[str, Any] = {"startLine": finding.line}
        if finding.column is not None and finding.column >= 1:
            region["startColumn"] = finding.column
        physical["region"] = region
    return physical

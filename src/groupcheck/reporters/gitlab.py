"""``--format gitlab``: the GitLab Code Quality report (a Code Climate subset).

A JSON array of issues, each with ``description``, ``check_name``, ``fingerprint``,
``severity`` and ``location`` (``path`` relative to the repository root, ``lines.begin``).
GitLab merges issues with equal fingerprints, so each is unique: built without line numbers
(``Finding.fingerprint``) and numbered where two findings would share one
(``baseline.fingerprints``). Waived and known (baseline) findings are ``info``.
"""

from __future__ import annotations

import json
from typing import Any

from groupcheck.findings import Finding, Severity
from groupcheck.messages import Lang, text
from groupcheck.report import Reportable, report_of
from groupcheck.reporters.ci import numbered, repository_path, repository_prefix, where

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result: Reportable, *, lang: Lang = "en", prefix: str | None = None, **_: Any) -> str:
    the_prefix = repository_prefix() if prefix is None else prefix
    issues = [
        _issue(finding, fingerprint, the_prefix, lang)
        for finding, fingerprint in numbered(report_of(result))
    ]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _issue(finding: Finding, fingerprint: str, prefix: str, lang: Lang) -> dict[str, Any]:
    context = where(finding)
    description = f"{finding.rule} {finding.name}: "
    description += f"{context}: {finding.message}" if context else finding.message
    severity = SEVERITIES[finding.severity]
    if finding.waived:
        severity = "info"
        description += f" ({text('ui.ci.waived', lang, reason=finding.waiver_reason or '')})"
    elif finding.known:
        severity = "info"
        description += f" ({text('ui.ci.known', lang)})"
    path = repository_path(finding.file, prefix) if finding.file is not None else "."
    return {
        "type": "issue",
        "description": description,
        "check_name": finding.rule,
        "categories": ["Compliance"],
        "fingerprint": fingerprint,
        "severity": severity,
        "location": {"path": path, "lines": {"begin": finding.line or 1}},
    }

"""Baselines: today's findings recorded, so that CI fails only on new ones.

``groupcheck validate --write-baseline FILE`` records the fingerprint of every standing finding;
``--baseline FILE`` marks the findings whose fingerprint is in it as *known*: still listed, but
failing nothing. A fingerprint (``Finding.fingerprint``) is built from the rule, group, file
within the group, year, YAML path (list indexes left out) and the identifying arguments of the
message, never from line numbers, so editing an unrelated part of a charter keeps the baseline
valid.

Equal fingerprints (two findings of one rule about one place) are numbered in report order:
the second is ``sha256(fp + "#2")``. The same numbering gives GitLab and SARIF unique
fingerprints, and a baseline that knew two such findings lets a third be new.

The file is JSON, sorted, without dates, so that rewriting it with the same findings changes
nothing and its diff in a pull request shows exactly what was accepted::

    {"groupcheck-baseline": 1,
     "findings": [{"fingerprint": "…", "rule": "GC201", "group": "…", "year": "2023-2024",
                   "file": "…", "message": "…"}, …]}
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from groupcheck.errors import GroupcheckError
from groupcheck.findings import Finding

if TYPE_CHECKING:
    from groupcheck.report import Reportable

FORMAT_KEY = "groupcheck-baseline"
FORMAT_VERSION = 1


class BaselineError(GroupcheckError):
    """A baseline file that cannot be read or is not one (a usage error, exit 2)."""

    def describe(self) -> str:
        return f"--baseline: {self}"


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, in order, unique within ``findings``."""
    seen: Counter[str] = Counter()
    unique: list[str] = []
    for finding in findings:
        base = finding.fingerprint()
        seen[base] += 1
        if seen[base] == 1:
            unique.append(base)
        else:
            numbered = f"{base}#{seen[base]}".encode("utf-8", "surrogateescape")
            unique.append(hashlib.sha256(numbered).hexdigest()[:32])
    return unique


def render(result: Reportable) -> str:
    """The baseline of a run: every finding that stands (waived ones need no baseline)."""
    from groupcheck.report import report_of

    findings = report_of(result).findings
    entries: list[dict[str, Any]] = [
        {
            "fingerprint": print_,
            "rule": finding.rule,
            "group": finding.group,
            "year": finding.year,
            "file": finding.file,
            "message": finding.message,
        }
        for finding, print_ in zip(findings, fingerprints(findings), strict=True)
        if not finding.waived
    ]
    entries.sort(key=lambda e: (e["file"] or "", e["rule"], e["fingerprint"]))
    document = {FORMAT_KEY: FORMAT_VERSION, "findings": entries}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read(path: str) -> frozenset[str]:
    """The fingerprints recorded in the baseline ``path``."""
    try:
        with open(path, encoding="utf-8") as stream:
            document = json.load(stream)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a groupcheck baseline (not JSON: {exc})") from None
    if not isinstance(document, dict) or document.get(FORMAT_KEY) != FORMAT_VERSION:
        raise BaselineError(
            f'{path}: not a groupcheck baseline (no "{FORMAT_KEY}": {FORMAT_VERSION}); '
            "write one with --write-baseline"
        )
    entries = document.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise BaselineError(f'{path}: "findings" must be a list of entries with a fingerprint')
    return frozenset(e["fingerprint"] for e in entries)

"""``--format parsable``: ``file:line:col: GCnnn message``, one finding a line.

For editors (a compiler-style error list) and grep. A message never spans lines (newlines in
charter text are written ``\\n``); an unknown position is ``1:1`` (the file itself). Waived and
known findings end with ``[waived: reason]`` / ``[known]`` so grep can drop them.

``statistics()`` is ``--statistics``: a count of standing findings per rule, like
``ruff --statistics``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from groupcheck.findings import Finding
from groupcheck.messages import Lang, text
from groupcheck.report import Reportable, report_of


def render(result: Reportable, *, lang: Lang = "en", **_: Any) -> str:
    return "".join(line(finding, lang) + "\n" for finding in report_of(result).findings)


def line(finding: Finding, lang: Lang = "en") -> str:
    position = f"{finding.line or 1}:{finding.column or 1}"
    year = f"{finding.year}: " if finding.year else ""
    message = f"{finding.rule} {year}{one_line(finding.message)}"
    if finding.waived:
        reason = one_line(finding.waiver_reason or "")
        message += f" [{text('ui.ci.waived', lang, reason=reason)}]"
    elif finding.known:
        message += f" [{text('ui.ci.known', lang)}]"
    return f"{finding.file or '-'}:{position}: {message}"


def one_line(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")


def statistics(result: Reportable, *, lang: Lang = "en") -> str:
    """``count  GCnnn  name  severity`` per rule with standing findings, most first."""
    rows = _counts(result)
    if not rows:
        return text("ui.ci.no_findings", lang) + "\n"
    width = max(len(str(count)) for _, count in rows)
    name_width = max(len(name) for (_, name, _), _ in rows)
    return "".join(
        f"{count:>{width}}  {rule}  {name:<{name_width}}  {severity}\n"
        for (rule, name, severity), count in rows
    )


def statistics_json(result: Reportable) -> str:
    """``--statistics --format json``: the same counts as a JSON list (as ruff does), most
    first: ``[{"rule", "name", "severity", "count"}]``."""
    import json

    listed = [
        {"rule": rule, "name": name, "severity": severity, "count": count}
        for (rule, name, severity), count in _counts(result)
    ]
    return json.dumps(listed, ensure_ascii=False, indent=2) + "\n"


def _counts(result: Reportable) -> list[tuple[tuple[str, str, str], int]]:
    """((rule, name, severity), count) of the standing findings, most first."""
    standing = [f for f in report_of(result).findings if not f.waived and not f.known]
    counts = Counter((f.rule, f.name, f.severity.value) for f in standing)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

"""``--format markdown``: a summary table and the list of failures, for a pull-request comment.

Also what ``--format github`` appends to ``$GITHUB_STEP_SUMMARY``: it carries every finding,
since GitHub shows only about ten annotations of each level. Charter text is escaped so that
it stays text: Markdown punctuation gets a backslash, ``<``, ``>`` and ``&`` become entities
(no HTML gets through), ``|`` cannot end a table cell, and a newline becomes ``<br>``;
control characters are escaped and ``@mentions``, ``#123`` and bare URLs defused
(``escaping.markdown_text``).
"""

from __future__ import annotations

import os
import re
from typing import Any

from groupcheck.escaping import markdown_text, terminal
from groupcheck.findings import Finding, Severity
from groupcheck.messages import Lang, text
from groupcheck.report import Report, Reportable, report_of
from groupcheck.reporters.table import not_checked_lines

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
"""Markdown punctuation that acts mid-line (emphasis, code, links, table cells, strikes)."""


def render(result: Reportable, *, lang: Lang = "en", **_: Any) -> str:
    report = report_of(result)
    summary = report.summary
    failed = report.failed()
    lines = [
        f"## {'❌' if failed else '✅'} "
        + text("ui.ci.title_fail" if failed else "ui.ci.title_pass", lang),
        "",
        escape(summary.line(lang))
        + " · "
        + escape(
            text(
                "ui.ci.context",
                lang,
                version=report.tool.version,
                as_of=report.as_of,
                pack=report.pack.name,
            )
        ),
        "",
    ]
    lines += _groups_table(report, lang)
    not_checked = not_checked_lines(report, lang)
    if not_checked:
        lines += ["", *(f"- {escape(line)}" for line in not_checked)]
    standing = [f for f in report.findings if not f.waived and not f.known]
    waived = [f for f in report.findings if f.waived]
    known = [f for f in report.findings if f.known and not f.waived]
    lines += ["", f"### {text('ui.ci.failures', lang, count=len(standing))}", ""]
    lines += [_item(f) for f in standing] or [escape(text("ui.ci.no_findings", lang))]
    if waived:
        lines += ["", f"### {text('ui.ci.waived_list', lang, count=len(waived))}", ""]
        lines += [
            _item(f) + " — " + escape(text("ui.ci.waived", lang, reason=f.waiver_reason or ""))
            for f in waived
        ]
    if known:
        lines += ["", f"### {text('ui.ci.known_list', lang, count=len(known))}", ""]
        lines += [_item(f) for f in known]
    return "\n".join(lines) + "\n"


def _groups_table(report: Report, lang: Lang) -> list[str]:
    groups = report.groups
    if not groups:
        return [escape(text("ui.no_groups", lang))]
    sharing: dict[str, int] = {}
    for group in groups:
        sharing[group.id] = sharing.get(group.id, 0) + 1
    header = [
        text("ui.group", lang),
        text("ui.status", lang),
        text("ui.ci.errors", lang),
        text("ui.ci.warnings", lang),
        text("ui.ci.waived_column", lang),
    ]
    lines = ["| " + " | ".join(header) + " |", "| --- | --- | ---: | ---: | ---: |"]
    for group in groups:
        folder = os.path.dirname(group.file)
        # Two folders with one id (GC402): each row counts its own folder's findings.
        errors, warnings, waived = group.errors, group.warnings, group.waived
        shown = group.id if sharing[group.id] == 1 else f"{group.id} ({folder})"
        mark = (
            "❌ " + text("ui.fail", lang)
            if group.status == "fail"
            else "✅ " + text("ui.pass", lang)
        )
        lines.append(f"| {escape(shown)} | {mark} | {errors} | {warnings} | {waived} |")
    return lines


def _item(finding: Finding) -> str:
    where = f"{finding.file or '-'}:{finding.line or 1}:{finding.column or 1}"
    context = " · ".join(escape(part) for part in (finding.group, finding.year) if part)
    severity = "" if finding.severity is Severity.ERROR else f" ({finding.severity.value})"
    return (
        f"- **{finding.rule}** {escape(finding.name)}{severity} — {code(where)}"
        + (f" — {context}" if context else "")
        + f": {escape(finding.message)}"
    )


def escape(value: str) -> str:
    """Plain text that Markdown shows as written (and never as HTML): no control character,
    and no live ``@mention``, ``#123`` or bare URL (``escaping.markdown_text``)."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return markdown_text(value)


def code(value: str) -> str:
    """``value`` as inline code, fenced with more backticks than it holds."""
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {value} " if value.startswith("`") or value.endswith("`") else value
    shown = terminal(padded.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    return f"{fence}{shown}{fence}"

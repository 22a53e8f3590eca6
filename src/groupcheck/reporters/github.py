"""``--format github``: GitHub Actions workflow commands, one per finding.

``::error file=…,line=…,col=…,title=GC201::…`` turns a finding into an annotation on the pull
request's diff. GitHub shows only about ten annotations of each level per step, so the CLI
also appends ``summary()`` (the Markdown report, every finding) to ``$GITHUB_STEP_SUMMARY``.

Escaping follows the runner's own rules (actions/toolkit ``command.ts``): in the message
``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``; in a property also ``:`` → ``%3A`` and ``,`` →
``%2C``. A charter text holding ``::warning::`` or a newline therefore cannot start a
command of its own. Waived and known (baseline) findings are ``::notice`` lines.
"""

from __future__ import annotations

from typing import Any

from groupcheck.escaping import keeping_lines
from groupcheck.findings import Finding, Severity
from groupcheck.messages import Lang, text
from groupcheck.report import Reportable, report_of
from groupcheck.reporters.ci import repository_path, repository_prefix, where

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(result: Reportable, *, lang: Lang = "en", prefix: str | None = None, **_: Any) -> str:
    the_prefix = repository_prefix() if prefix is None else prefix
    lines = [annotation(finding, the_prefix, lang) for finding in report_of(result).findings]
    return "".join(line + "\n" for line in lines)


SUMMARY_LIMIT = 1_000_000
"""Bytes a step summary may take: GitHub drops the whole of one above 1 MiB (1,048,576)."""


def summary(
    result: Reportable,
    *,
    lang: Lang = "en",
    limit: int = SUMMARY_LIMIT,
    full_report: str | None = None,
    **_: Any,
) -> str:
    """What goes to ``$GITHUB_STEP_SUMMARY``: the Markdown report, with every finding, or, when
    that passes ``limit`` bytes, as many groups as fit (failing ones first, with their
    findings) and a line saying how many were left out and where the full report is
    (``full_report``, a file this run wrote, else the step's log)."""
    from groupcheck.reporters import markdown

    report = report_of(result)
    whole = markdown.render(report, lang=lang)
    if len(whole.encode("utf-8", "surrogateescape")) <= limit:
        return whole
    ordered = sorted(report.groups, key=lambda g: g.status != "fail")  # stable: fails first
    owned = {index for group in report.groups for index in group.findings}
    loose = [i for i in range(len(report.findings)) if i not in owned]

    def cut(kept: int) -> str:
        groups = ordered[:kept]
        indexes = sorted({*loose, *(i for group in groups for i in group.findings)})
        part = report.model_copy(
            update={"groups": groups, "findings": [report.findings[i] for i in indexes]}
        )
        where = full_report or text("ui.ci.summary_log", lang)
        note = text("ui.ci.summary_cut", lang, count=len(ordered) - kept, where=where)
        return markdown.render(part, lang=lang) + "\n> " + markdown.escape(note) + "\n"

    low, high = 0, len(ordered) - 1  # the most groups that fit lies in [low, high]
    while low < high:
        middle = (low + high + 1) // 2
        if len(cut(middle).encode("utf-8", "surrogateescape")) <= limit:
            low = middle
        else:
            high = middle - 1
    return cut(low)


def annotation(finding: Finding, prefix: str = "", lang: Lang = "en") -> str:
    command = COMMANDS[finding.severity]
    message = finding.message
    context = where(finding)
    if context:
        message = f"{context}: {message}"
    message = f"{finding.name}: {message}"
    if finding.waived:
        command = "notice"
        note = text("ui.ci.waived", lang, reason=finding.waiver_reason or "")
        message = f"{message} ({note})"
    elif finding.known:
        command = "notice"
        message = f"{message} ({text('ui.ci.known', lang)})"
    properties: list[tuple[str, str]] = []
    if finding.file is not None:
        properties.append(("file", repository_path(finding.file, prefix)))
        if finding.line is not None and finding.line >= 1:
            properties.append(("line", str(finding.line)))
            if finding.column is not None and finding.column >= 1:
                properties.append(("col", str(finding.column)))
    properties.append(("title", finding.rule))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{command} {joined}::{escape_data(message)}"


def escape_data(value: str) -> str:
    """The runner's escaping, after every control character but CR and LF is made visible
    (``escaping.keeping_lines``): the job log shows ESC as colours and titles otherwise."""
    value = keeping_lines(value)
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")

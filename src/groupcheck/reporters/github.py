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

from groupcheck.findings import Finding, Severity
from groupcheck.messages import Lang, text
from groupcheck.report import Reportable, report_of
from groupcheck.reporters.ci import repository_path, repository_prefix, where

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(result: Reportable, *, lang: Lang = "en", prefix: str | None = None, **_: Any) -> str:
    the_prefix = repository_prefix() if prefix is None else prefix
    lines = [annotation(finding, the_prefix, lang) for finding in report_of(result).findings]
    return "".join(line + "\n" for line in lines)


def summary(result: Reportable, *, lang: Lang = "en", **_: Any) -> str:
    """What goes to ``$GITHUB_STEP_SUMMARY``: the Markdown report, with every finding."""
    from groupcheck.reporters import markdown

    return markdown.render(result, lang=lang)


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
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")

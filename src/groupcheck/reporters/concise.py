"""``--format concise``: the findings that stand, ``file:line:col: GCnnn message`` one a line,
then the summary line: what the pre-commit hook prints (ruff's ``concise`` output).

Waived and baseline-known findings are left out (they fail nothing); the summary counts them.
"""

from __future__ import annotations

from typing import Any

from groupcheck.messages import Lang, text
from groupcheck.report import Reportable, report_of
from groupcheck.reporters.parsable import line


def render(result: Reportable, *, lang: Lang = "en", **_: Any) -> str:
    report = report_of(result)
    lines = [line(f, lang) for f in report.findings if not f.waived and not f.known]
    return "".join(f"{each}\n" for each in lines) + summary_line(result, lang) + "\n"


def summary_line(result: Reportable, lang: Lang = "en") -> str:
    """``17 groups, 40 files: 1 error, 0 warnings, 2 waived`` (and the known ones, if any)."""
    summary = report_of(result).summary
    said = text(
        "ui.summary",
        lang,
        groups=summary.groups,
        files=summary.files,
        errors=summary.errors,
        warnings=summary.warnings,
        waived=summary.waived,
    )
    if summary.known:
        said += text("ui.summary_known", lang, known=summary.known)
    return said

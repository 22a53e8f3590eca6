"""``--format concise``: the findings that stand, ``file:line:col: GCnnn message`` one a line,
then the summary line: what the pre-commit hook prints (ruff's ``concise`` output).

Waived and baseline-known findings are left out (they fail nothing); the summary counts them.
"""

from __future__ import annotations

from typing import Any

from groupcheck.messages import Lang
from groupcheck.report import Reportable, report_of
from groupcheck.reporters.parsable import line


def render(result: Reportable, *, lang: Lang = "en", **_: Any) -> str:
    report = report_of(result)
    lines = [line(f, lang) for f in report.findings if not f.waived and not f.known]
    return "".join(f"{each}\n" for each in lines) + summary_line(result, lang) + "\n"


def summary_line(result: Reportable, lang: Lang = "en") -> str:
    """The summary line (``Summary.line``), the known ones counted when there are any."""
    return report_of(result).summary.line(lang)

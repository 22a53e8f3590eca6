"""One module per output format. A reporter renders a finished run; it never decides.

``render(name, result, ...)`` imports the chosen module only when it is used, so a run pays
for no format it does not write.
"""

from __future__ import annotations

import importlib
from typing import Any

from groupcheck.report import Reportable

FORMATS: dict[str, str] = {
    "table": "groupcheck.reporters.table",
    "json": "groupcheck.reporters.json_report",
    "html": "groupcheck.reporters.html",
    "sarif": "groupcheck.reporters.sarif",
    "junit": "groupcheck.reporters.junit",
    "github": "groupcheck.reporters.github",
    "gitlab": "groupcheck.reporters.gitlab",
    "markdown": "groupcheck.reporters.markdown",
    "parsable": "groupcheck.reporters.parsable",
}
"""Text formats; ``report --format pdf`` is bytes, from ``reporters.pdf.render_bytes``."""


CI_FORMATS: tuple[str, ...] = (
    "table",
    "json",
    "sarif",
    "junit",
    "github",
    "gitlab",
    "markdown",
    "parsable",
)
"""What ``groupcheck validate --format`` writes (and a config file's ``format`` may name)."""

MACHINE_FORMATS = frozenset({"json", "sarif", "junit", "gitlab"})
"""Formats a program parses: nothing else may be mixed into them on standard output."""


def render(name: str, result: Reportable, **options: Any) -> str:
    """The run's report rendered in format ``name`` as text (every format reads only the
    report: ``groupcheck.report``)."""
    module = importlib.import_module(FORMATS[name])
    rendered: str = module.render(result, **options)
    return rendered

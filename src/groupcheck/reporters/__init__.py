"""One module per output format. A reporter renders a finished run; it never decides.

``render(name, result, ...)`` imports the chosen module only when it is used, so a run pays
for no format it does not write.
"""

from __future__ import annotations

import importlib
from typing import Any

from groupcheck.engine import RunResult

FORMATS: dict[str, str] = {
    "table": "groupcheck.reporters.table",
    "json": "groupcheck.reporters.json_report",
    "html": "groupcheck.reporters.html",
}
"""Text formats; ``report --format pdf`` is bytes, from ``reporters.pdf.render_bytes``."""


def render(name: str, result: RunResult, **options: Any) -> str:
    """The run rendered in format ``name`` as text."""
    module = importlib.import_module(FORMATS[name])
    rendered: str = module.render(result, **options)
    return rendered

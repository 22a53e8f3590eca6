"""``--format json``: the report model, dumped. The shape is the contract in README.md."""

from __future__ import annotations

import json
from typing import Any

from groupcheck.engine import RunResult


def render(result: RunResult, **_: Any) -> str:
    return json.dumps(result.report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

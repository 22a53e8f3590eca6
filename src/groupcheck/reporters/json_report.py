"""``--format json``: the report model, dumped. The shape is the contract in README.md."""

from __future__ import annotations

import json
from typing import Any

from pydantic_core import PydanticSerializationError

from groupcheck.report import Reportable, report_of


def render(result: Reportable, **_: Any) -> str:
    report = report_of(result)
    try:
        # pydantic's serializer writes the same bytes as json.dumps(indent=2,
        # ensure_ascii=False) for this model (strings, integers, booleans and nulls only), ten
        # times faster: seconds on a nation-sized report.
        return report.model_dump_json(indent=2) + "\n"
    except PydanticSerializationError:
        # A path that is not valid UTF-8 (an undecodable file name) holds a lone surrogate,
        # which pydantic refuses; the standard library passes it on to the output layer.
        return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

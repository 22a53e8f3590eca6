"""Findings: what a rule or the loader says about one place in one file.

A finding is the unit every reporter renders. Its public fields are exactly the JSON report's
``findings[]`` shape (the contract other tools read); the fields marked ``exclude=True`` are
kept for reporters and baselines but never serialised.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

YamlPath = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse; used to sort and to compare against ``--fail-on``."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule: str
    name: str
    severity: Severity
    group: str | None
    file: str | None
    line: int | None
    column: int | None
    year: str | None
    message: str
    waived: bool = False

    # Not part of the JSON contract: where in the YAML the finding points, the catalog key and
    # arguments the message was rendered from (so a report can re-render it in another
    # language), and the waiver that covers it.
    yaml_path: YamlPath = Field(default=(), exclude=True)
    key: str = Field(default="", exclude=True)
    args: dict[str, Any] = Field(default_factory=dict, exclude=True)
    waiver_reason: str | None = Field(default=None, exclude=True)

    def sort_key(self) -> tuple[Any, ...]:
        """Stable order for every output: file, position, rule, year, message."""
        return (
            self.file or "",
            self.line if self.line is not None else -1,
            self.column if self.column is not None else -1,
            self.rule,
            self.group or "",
            self.year or "",
            self.message,
        )

    def fingerprint(self) -> str:
        """Identity that survives edits elsewhere in the file: rule, group, year, YAML path, key.

        Line numbers are deliberately left out so that a baseline (and SARIF's
        ``partialFingerprints``) stays valid when unrelated lines move.
        """
        parts = [
            self.rule,
            self.group or "",
            self.file or "" if self.group is None else "",
            self.year or "",
            "/".join(str(p) for p in self.yaml_path),
            self.key,
            _stable_args(self.args),
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _stable_args(args: dict[str, Any]) -> str:
    """The identifying arguments of a message: names and ids, not counts that drift."""
    keep = ("person", "school", "field", "document", "entry", "use", "other_group", "waiver_rule")
    return ",".join(f"{k}={args[k]}" for k in keep if k in args)

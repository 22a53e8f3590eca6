"""Findings: what a rule or the loader says about one place in one file.

A finding is the unit every reporter renders. Its public fields are exactly the JSON report's
``findings[]`` shape (the contract other tools read); the fields marked ``exclude=True`` are
kept for reporters and baselines but never serialised.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

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
    model_config = ConfigDict(frozen=True, defer_build=True)  # built when a run finds one

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
    known: bool = Field(default=False, exclude=True)
    """In the baseline given with ``--baseline``: listed, but it fails nothing."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def baseline(self) -> bool:
        """The JSON report's ``"baseline"``: ``known`` under the contract's name."""
        return self.known

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
        """Identity that survives edits elsewhere: rule, group, file, year, YAML path, key.

        Line numbers are deliberately left out so that a baseline (and SARIF's
        ``partialFingerprints``) stays valid when unrelated lines move. So are list indexes
        (``("exchanges", 7)`` counts as ``("exchanges", [])``): inserting an exchange or a
        member above another would otherwise renumber every finding below it. The entry is
        told apart by the identifying arguments (person, school, document...) instead; two
        findings left equal are numbered in order by ``baseline.fingerprints``. The file is
        taken relative to its group folder (``rotations/2023-2024.yaml``), so moving a group
        folder keeps its fingerprints.
        """
        import hashlib  # here: a run that writes no fingerprint pays nothing for OpenSSL's

        parts = [
            self.rule,
            self.group or "",
            _file_in_group(self.file) if self.group is not None else self.file or "",
            self.year or "",
            "/".join("[]" if isinstance(p, int) else str(p) for p in self.yaml_path),
            self.key,
            _stable_args(self.args),
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[
            :32
        ]


def _file_in_group(file: str | None) -> str:
    """``a/b/g/rotations/2023-2024.yaml`` → ``rotations/2023-2024.yaml``; ``…/g/charter.yaml`` →
    ``charter.yaml``: the file as its group folder names it."""
    if file is None:
        return ""
    parts = file.replace("\\", "/").split("/")
    if len(parts) >= 2 and parts[-2] == "rotations":
        return "/".join(parts[-2:])
    return parts[-1]


def _stable_args(args: dict[str, Any]) -> str:
    """The identifying arguments of a message: names and ids, not counts that drift."""
    keep = (
        "person",
        "school",
        "school_id",
        "field",
        "document",
        "entry",
        "use",
        "other_group",
        "others",
        "waiver_rule",
        "waiver_year",
    )
    return ",".join(f"{k}={args[k]}" for k in keep if k in args)

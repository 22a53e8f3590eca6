"""``groupcheck fix``: mend what clerks' editors do to charters, safely (the library API).

::

    from groupcheck import fixes
    run = fixes.plan(["charters"])              # nothing is written yet
    for item in run.changed:
        print(item.shown, [f.kind for f in item.applied])
        print(fixes.diff(item))
    results = fixes.write(run)                  # each changed file, atomically and checked

**Safe fixes** give the value the clerk meant, unambiguously: a GBK/GB18030/UTF-16 file
re-encoded as UTF-8 (only from a clean decode that no other encoding rivals), a UTF-8
byte-order mark dropped, full-width colons, commas and spaces and tabs where YAML syntax belongs
made ASCII, dates written ``2022/9/1``, ``2022.9.1`` or ``2022年9月1日`` made ISO, a key with one
"did you mean" at edit distance 1 made that key. **Unsafe fixes** (``unsafe=True``) change
what the file says: a key with one candidate further away, an enum word made its canonical
value, a YAML 1.1 boolean or number where text is meant quoted as typed. Nothing that needs a
person is ever touched: a missing field, a wrong number, a policy failure.

Every fix is an edit at a located span of the source; the rest of the file stays byte for
byte. A file is written only when its fixed bytes, read back from disk, parse to the data
planned (the data before plus exactly the fixes); never through a link out of the named tree;
never when it changed while being fixed. ``fix`` is idempotent: a second run finds nothing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel

from groupcheck import yamlsource
from groupcheck.fixes import files
from groupcheck.fixes.edits import SYNTAX, UNSAFE, Fix, Kind
from groupcheck.fixes.files import Outcome, Snapshot, Target
from groupcheck.fixes.plan import Planned, Refusal, parse_text, plan_bytes, same_data
from groupcheck.fixes.values import canonical_enum

__all__ = [
    "SYNTAX",
    "UNSAFE",
    "FileFix",
    "Fix",
    "FixRun",
    "Kind",
    "Outcome",
    "Planned",
    "Refusal",
    "Written",
    "canonical_enum",
    "diff",
    "model_for",
    "plan",
    "plan_bytes",
    "write",
]


def model_for(kind: str) -> type[BaseModel]:
    """The model of a file's data: ``Charter`` for a charter, ``RotationLog`` for a log."""
    from groupcheck.models import Charter, RotationLog

    return Charter if kind == "charter" else RotationLog


@dataclass(frozen=True)
class FileFix:
    """One file of the run and what fixing it would do."""

    target: Target
    planned: Planned | None = None
    """None when the file could not be read (the re-check reports why) or is out of bounds."""
    snapshot: Snapshot | None = None
    refusal: Refusal | None = None

    @property
    def shown(self) -> str:
        return self.target.shown

    @property
    def changed(self) -> bool:
        return self.planned is not None and self.planned.changed

    @property
    def applied(self) -> tuple[Fix, ...]:
        return self.planned.applied if self.planned is not None else ()

    @property
    def available(self) -> tuple[Fix, ...]:
        return self.planned.available if self.planned is not None else ()


@dataclass
class FixRun:
    files: list[FileFix] = field(default_factory=list)
    unsafe: bool = False

    @property
    def changed(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]


@dataclass(frozen=True)
class Written:
    file: FileFix
    outcome: Outcome
    reason: str = ""


def plan(paths: Sequence[str], *, unsafe: bool = False) -> FixRun:
    """What fixing the charters and logs under ``paths`` would do; nothing is written.

    Raises ``discovery.PathNotFound`` for a path that does not exist.
    """
    run = FixRun(unsafe=unsafe)
    for target in files.targets(paths):
        run.files.append(_plan_one(target, unsafe))
    return run


def _plan_one(target: Target, unsafe: bool) -> FileFix:
    if not target.inside:
        return FileFix(target, refusal=Refusal("outside"))
    try:
        snapshot = files.read(target.path)
    except yamlsource.SourceProblem:
        return FileFix(target)
    planned = plan_bytes(snapshot.data, model_for(target.kind), unsafe=unsafe)
    return FileFix(target, planned, snapshot, planned.refusal)


def write(run: FixRun) -> list[Written]:
    """Write every changed file of ``run``; see ``files.write`` for the checks made first."""
    results: list[Written] = []
    for item in run.changed:
        assert item.planned is not None and item.snapshot is not None
        expected = item.planned.data

        def reads_back(data: bytes, expected: object = expected) -> bool:
            try:
                return same_data(parse_text(data.decode("utf-8")).data, expected)
            except (UnicodeDecodeError, yamlsource.SourceProblem):
                return False

        outcome, reason = files.write(
            item.target.path, item.snapshot, item.planned.fixed, reads_back
        )
        results.append(Written(item, outcome, reason))
    return results


_LINE_ENDS = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


def diff(item: FileFix) -> str:
    """A unified diff of what fixing ``item`` changes ('' when nothing). A file whose text is
    the same and only its encoding changes gets the two header lines, naming the encodings."""
    planned = item.planned
    if planned is None or not planned.changed:
        return ""
    old, new = f"a/{item.shown}", f"b/{item.shown}"
    if planned.encoding_before != "UTF-8":
        old += f"\t({planned.encoding_before})"
        new += "\t(UTF-8)"
    before = [part for part in _LINE_ENDS.split(planned.text_before) if part]
    after = [part for part in _LINE_ENDS.split(planned.fixed.decode("utf-8")) if part]
    out: list[str] = []
    for line in difflib.unified_diff(before, after, old, new):
        if line.endswith("\n"):
            out.append(line)
        elif line.endswith("\r"):
            out.append(line + "\n")
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out) or f"--- {old}\n+++ {new}\n"

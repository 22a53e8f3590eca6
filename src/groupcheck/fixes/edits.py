"""What every fix is made of: an edit of a span of the source text, and the fix it belongs to.

Fixes never re-dump YAML: each is a replacement of a few characters at a place located in the
source, so comments, key order, quoting and every other byte of the file stay as they were.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """The kinds of fix, in the order ``groupcheck fix`` reports them."""

    REENCODE = "reencode"
    BOM = "bom"
    FULLWIDTH_COLON = "fullwidth_colon"
    FULLWIDTH_COMMA = "fullwidth_comma"
    FULLWIDTH_SPACE = "fullwidth_space"
    TAB_INDENT = "tab_indent"
    DATE = "date"
    KEY = "key"
    # Unsafe: they change what the file says (only with --unsafe-fixes).
    KEY_FAR = "key_far"
    ENUM = "enum"
    QUOTE = "quote"


UNSAFE = frozenset({Kind.KEY_FAR, Kind.ENUM, Kind.QUOTE})
SYNTAX = frozenset({Kind.FULLWIDTH_COLON, Kind.FULLWIDTH_COMMA, Kind.FULLWIDTH_SPACE})
SYNTAX |= {Kind.TAB_INDENT}


@dataclass(frozen=True)
class Fix:
    """One fix, applied or available: where (the line an editor shows), and what it changes."""

    kind: Kind
    line: int | None = None
    before: str = ""
    after: str = ""

    @property
    def safe(self) -> bool:
        return self.kind not in UNSAFE


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``, for ``fix``."""

    start: int
    end: int
    replacement: str
    fix: Fix


def apply(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` made (they must not overlap; see ``disjoint``)."""
    out: list[str] = []
    at = 0
    for edit in sorted(edits, key=lambda e: e.start):
        out.append(text[at : edit.start])
        out.append(edit.replacement)
        at = edit.end
    out.append(text[at:])
    return "".join(out)


def disjoint(edits: Iterable[Edit]) -> list[Edit]:
    """The edits in source order, dropping any that overlaps one before it."""
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept


_BREAK = re.compile(r"\r\n|[\r\n]")


class Lines:
    """Character index → the line an editor shows (LF, CRLF and a lone CR end a line)."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    def line(self, index: int) -> int:
        return bisect.bisect_right(self.starts, index)

"""Full-width punctuation and tabs where YAML needs its own ASCII syntax: found, line by line.

A clerk typing with a Chinese input method writes ``id：x`` (U+FF1A), indents with ideographic
spaces (U+3000), separates a flow list with ``，`` (U+FF0C), and an editor's Tab key puts tabs
where YAML allows only spaces. These are YAML *syntax*, never the clerk's text, only where the
scanner below says so:

* a full-width colon right after a key written as a field name (``[A-Za-z_][A-Za-z0-9_-]*``)
  at the start of a line, after the indentation and any ``-`` of a list, or after ``{`` / ``,``
  in a flow mapping; never one inside a value (``name: 泰安：一中``), in quotes or a comment;
* a full-width comma between the items of a flow collection (``[教研，课程建设]``), outside
  quotes;
* a full-width space in the indentation, right after a ``-`` or a colon that needs a space, or
  between a key and its colon; never one inside a value;
* a tab in the indentation (one tab is one step of the file's own indentation, 2 spaces when no
  line shows it), or right after a ``-``.

Lines inside a block scalar (``|``, ``>``), a quoted scalar or a multi-line plain value are never
touched. What the scanner proposes is then checked by parsing (``fixes.plan``): an edit on a
line that does not come out as the structure it looks like is dropped.
"""

from __future__ import annotations

import re
from collections import Counter

from groupcheck.fixes.edits import Edit, Fix, Kind, Lines

KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_FW_COLON = "："
_FW_COMMA = "，"
_FW_SPACE = "\u3000"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|[\r\n]|$)")
_BLANKS = " \t" + _FW_SPACE


def indent_unit(text: str) -> int:
    """The file's indentation step: how far a key's children are indented, most often (2)."""
    steps: Counter[int] = Counter()
    parent: int | None = None
    for match in _LINE.finditer(text):
        line = match.group().rstrip("\r\n")
        body = line.lstrip(_BLANKS)
        if not body or body.startswith("#"):
            continue
        lead = line[: len(line) - len(body)]
        spaces_only = lead.strip(" ") == ""
        if parent is not None and spaces_only and len(lead) > parent:
            steps[len(lead) - parent] += 1
        head = body.split(" #", 1)[0].rstrip(_BLANKS)
        parent = len(lead) if spaces_only and head.endswith((":", _FW_COLON)) else None
    if not steps:
        return 2
    return min(steps, key=lambda step: (-steps[step], step))


class Scanner:
    """One pass over the text, proposing the syntax edits described in the module's doc."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = Lines(text)
        self.unit = indent_unit(text)
        self.edits: list[Edit] = []
        self.block: int | None = None  # inside a block scalar: its parent's indentation
        self.plain: int | None = None  # after a plain value: its key's indentation
        self.quote: str | None = None  # inside a quoted scalar that spans lines
        self.flow: list[str] = []  # the open flow collections, innermost last ([ or {)

    def scan(self) -> list[Edit]:
        for match in _LINE.finditer(self.text):
            if match.start() == len(self.text) and match.group() == "":
                break
            start = match.start()
            end = start + len(match.group().rstrip("\r\n"))
            self._line(start, end)
        return self.edits

    # -- helpers ---------------------------------------------------------------------------

    def _edit(self, start: int, end: int, replacement: str, kind: Kind) -> None:
        before = self.text[start:end]
        fix = Fix(kind, self.lines.line(start), before, replacement)
        self.edits.append(Edit(start, end, replacement, fix))

    def _width(self, lead: str) -> int:
        return sum(self.unit if c == "\t" else 1 for c in lead)

    def _fix_lead(self, start: int, lead: str) -> None:
        """Tabs and full-width spaces of an indentation, as spaces."""
        for offset, char in enumerate(lead):
            if char == "\t":
                self._edit(start + offset, start + offset + 1, " " * self.unit, Kind.TAB_INDENT)
            elif char == _FW_SPACE:
                self._edit(start + offset, start + offset + 1, " ", Kind.FULLWIDTH_SPACE)

    # -- one line --------------------------------------------------------------------------

    def _line(self, start: int, end: int) -> None:
        text = self.text
        at = start
        while at < end and text[at] in _BLANKS:
            at += 1
        lead = text[start:at]
        width = self._width(lead)
        if self.block is not None:
            if at == end or width > self.block:
                return  # a block scalar's own text
            self.block = None
        if self.quote is not None:
            closed = _close_quote(text, start, end, self.quote)
            if closed is None:
                return
            self.quote = None
            if self.flow:
                self._flow(closed, end)
            return
        if self.flow:  # whitespace between flow items is not indentation: spaces will do
            self._fix_lead(start, lead)
            self._flow(at, end)
            return
        if at == end or text[at] == "#":  # blank or a comment: whitespace only matters
            self._fix_lead(start, lead)
            return
        if self.plain is not None and width > self.plain:
            self._fix_lead(start, lead)  # leading whitespace of a continuation folds away
            return
        self.plain = None
        if start == at and (text.startswith(("---", "...", "%"), at)):
            return  # document markers and directives
        self._fix_lead(start, lead)
        self._content(at, end, width)

    def _content(self, at: int, end: int, indent: int) -> None:
        """From the first character after the indentation: list dashes, then a key or value."""
        text = self.text
        column = owner = indent
        while text[at] == "-" and (at + 1 == end or text[at + 1] in _BLANKS):
            if at + 1 == end:
                return
            if text[at + 1] == "\t":
                self._edit(at + 1, at + 2, " ", Kind.TAB_INDENT)
            elif text[at + 1] == _FW_SPACE:
                self._edit(at + 1, at + 2, " ", Kind.FULLWIDTH_SPACE)
            owner = column
            at += 2
            column += 2
            while at < end and text[at] == " ":
                at += 1
                column += 1
            if at == end:
                return
        self._node(at, end, column, owner, key_allowed=True)

    def _node(self, at: int, end: int, column: int, owner: int, *, key_allowed: bool) -> None:
        """A node starting at ``at`` (in ``column``): quoted, flow, block scalar, or plain
        (maybe a key). ``owner`` is the indentation its block scalar or continued plain text
        must go beyond."""
        text = self.text
        while at < end and text[at] in "&!":  # an anchor or a tag before the node
            while at < end and text[at] not in " \t":
                at += 1
            while at < end and text[at] in " \t":
                at += 1
        if at >= end or text[at] == "#":
            return
        char = text[at]
        if char in "\"'":
            closed = _close_quote(text, at + 1, end, char)
            if closed is None:
                self.quote = char
                return
            if key_allowed:
                after = closed
                while after < end and text[after] == " ":
                    after += 1
                if after < end and text[after] == _FW_COLON:
                    self._value(self._colon(after, end), end, column)
                elif after < end and text[after] == ":":
                    self._value(after + 1, end, column)
            return
        if char in "[{":
            self._flow(at, end)
            return
        if char in "|>":
            self.block = owner
            return
        if char == "*":
            return
        if not key_allowed:
            self.plain = owner
            return
        self._plain_key(at, end, column, owner)

    def _plain_key(self, at: int, end: int, column: int, owner: int) -> None:
        """A plain scalar at a key's place: a key if a colon follows; else a value."""
        text = self.text
        index = at
        while index < end:
            char = text[index]
            if char == ":" and (index + 1 == end or text[index + 1] in " \t" + _FW_SPACE):
                named = KEY.fullmatch(text[at:index].rstrip(" " + _FW_SPACE))
                self._key_end(at, index)
                if named and index + 1 < end and text[index + 1] == _FW_SPACE:
                    self._edit(index + 1, index + 2, " ", Kind.FULLWIDTH_SPACE)
                self._value(index + 1, end, column)
                return
            if char == _FW_COLON:
                if KEY.fullmatch(text[at:index].rstrip(" " + _FW_SPACE)):
                    self._key_end(at, index)
                    after = self._colon(index, end)
                    self._value(after, end, column)
                    return
                break
            if char == "#" and index > at and text[index - 1] in " \t":
                break
            index += 1
        self.plain = owner  # a plain value: more indented lines continue it

    def _key_end(self, at: int, colon: int) -> None:
        """Full-width spaces between a field name and its colon (``model　:``)."""
        key = self.text[at:colon]
        name = key.rstrip(" " + _FW_SPACE)
        if not KEY.fullmatch(name):
            return
        for offset in range(len(name), len(key)):
            if key[offset] == _FW_SPACE:
                self._edit(at + offset, at + offset + 1, " ", Kind.FULLWIDTH_SPACE)

    def _colon(self, index: int, end: int) -> int:
        """Mend the full-width colon at ``index``; return where its value starts."""
        text = self.text
        following = text[index + 1] if index + 1 < end else ""
        if following == ":" and _indicator(text, index + 1, end, bool(self.flow)):
            # ``teachers：: 120``: the ASCII colon is the syntax already. Only when YAML reads
            # it as one: in ``name：:0`` the value is the plain text ``:0`` (a colon not
            # followed by a blank is text), and dropping ``：`` would make ``name:0`` one word.
            self._edit(index, index + 1, "", Kind.FULLWIDTH_COLON)
            return index + 2
        if following == _FW_SPACE:
            self._edit(index, index + 2, ": ", Kind.FULLWIDTH_COLON)
            return index + 2
        if following in ("", " ", "\t"):
            self._edit(index, index + 1, ":", Kind.FULLWIDTH_COLON)
            return index + 1
        self._edit(index, index + 1, ": ", Kind.FULLWIDTH_COLON)
        return index + 1

    def _value(self, at: int, end: int, owner: int) -> None:
        text = self.text
        while at < end and text[at] in " \t":
            at += 1
        if at >= end or text[at] == "#":
            return  # the value is on the lines below
        self._node(at, end, owner + 1, owner, key_allowed=False)

    def _flow(self, at: int, end: int) -> None:
        """Inside ``[...]`` / ``{...}``: full-width commas, colons and spaces as syntax."""
        text = self.text
        token = at  # where the current item began
        index = at
        while index < end:
            char = text[index]
            if char in "[{":
                self.flow.append(char)
                token = index + 1
            elif char in "]}":
                if self.flow:
                    self.flow.pop()
                token = index + 1
                if not self.flow:
                    return
            elif char == "," or (char == ":" and (index + 1 == end or text[index + 1] in " \t")):
                token = index + 1
            elif char in "\"'" and text[token:index].strip(_BLANKS) == "":
                closed = _close_quote(text, index + 1, end, char)
                if closed is None:
                    self.quote = char
                    return
                index = closed
                continue
            elif char == "#" and (index == at or text[index - 1] in " \t"):
                return
            elif char == _FW_COMMA:
                following = text[index + 1] if index + 1 < end else ""
                if following == _FW_SPACE:
                    self._edit(index, index + 2, ", ", Kind.FULLWIDTH_COMMA)
                    index += 1
                elif following in ("", " ", "\t"):
                    self._edit(index, index + 1, ",", Kind.FULLWIDTH_COMMA)
                else:
                    self._edit(index, index + 1, ", ", Kind.FULLWIDTH_COMMA)
                token = index + 1
            elif char == _FW_COLON and self.flow and self.flow[-1] == "{":  # a key's colon
                if KEY.fullmatch(text[token:index].strip(" " + _FW_SPACE)):
                    index = token = self._colon(index, end)  # the value starts a new token:
                    continue  # a quote right after ``：`` opens a scalar (``no：'{'}``)
            elif char == _FW_SPACE and _beside_indicator(text, index, at, end):
                self._edit(index, index + 1, " ", Kind.FULLWIDTH_SPACE)
            index += 1


def _indicator(text: str, index: int, end: int, flow: bool) -> bool:
    """Whether the ASCII colon at ``index`` is a mapping indicator, as YAML reads it: followed
    by a blank or the line's end (or, in a flow collection, by ``,``, ``]`` or ``}``)."""
    following = text[index + 1] if index + 1 < end else ""
    return following in ("", " ", "\t") or (flow and following in ",]}")


def _beside_indicator(text: str, index: int, start: int, end: int) -> bool:
    """Whether the run of full-width spaces around ``index`` touches flow syntax directly
    (``[a,　b]``, ``{id:　x}``); after an ASCII space it begins the value, and stays."""
    before = index - 1
    while before >= start and text[before] == _FW_SPACE:
        before -= 1
    after = index + 1
    while after < end and text[after] == _FW_SPACE:
        after += 1
    return (before >= start and text[before] in "[{,:") or (after < end and text[after] in ",]}")


def _close_quote(text: str, at: int, end: int, quote: str) -> int | None:
    """The index just after the quote that closes a scalar opened before ``at``; None when it
    goes on past ``end`` (the line's end)."""
    index = at
    while index < end:
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and index + 1 < end and text[index + 1] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return None


def syntax_edits(text: str) -> list[Edit]:
    """The syntax edits the scanner proposes for ``text`` (not yet checked by a parse)."""
    return Scanner(text).scan()

"""Bytes → Python data, with the safety bounds and the source positions groupcheck needs.

Why not ``yaml.load(..., Loader=CSafeLoader)``: it keeps the last of two equal keys silently,
builds shared objects for aliases (a billion-laughs file then explodes in whatever walks the
data), recurses once per nesting level, and throws positions away. This module drives libyaml's
C parser event by event and builds plain dicts, lists and scalars itself, iteratively, so that:

* a repeated key is reported (GC003) at the repeated key's line;
* any tag that would build an object (``!!python/...``, local tags) is refused (GC004) and never
  constructed;
* expansion through aliases is bounded (GC004), and so is nesting depth;
* positions are recorded only when asked for (``positions=...``): the happy path pays for no
  line numbers, and a finding's line is found later by re-reading just that file (``locate``).

Scalars are resolved with PyYAML's own YAML 1.1 implicit resolvers and constructors, so values
mean exactly what they mean to every other PyYAML user (``no`` is ``False``, ``0755`` is 493).
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml._yaml import CParser

from groupcheck.findings import YamlPath

# Documented bounds (docs/format.md, "Limits").
MAX_FILE_BYTES = 32 * 1024 * 1024
"""A charter or rotation log larger than this is refused (GC004) without being read whole."""
MAX_DEPTH = 64
"""Nesting deeper than this is refused (GC004); a real charter is about six levels deep."""
MAX_ALIAS_EXPANSION = 10_000
"""Values re-used through aliases may add at most this many nodes in all (GC004)."""

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_MERGE = _TAG + "merge"
_ALLOWED_SCALAR_TAGS = {
    _TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "merge")
}
_ALLOWED_COLLECTION_TAGS = {_TAG + "seq", _TAG + "map"}

_IMPLICIT_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_SCALAR_BUILDER = yaml.constructor.SafeConstructor()

Position = tuple[int, int]
"""A 1-based (line, column)."""


@dataclass(eq=False)
class SourceProblem(Exception):
    """A located problem found while reading or parsing; becomes a GC001/GC003/GC004 finding."""

    rule: str
    key: str
    line: int | None = None
    column: int | None = None
    details: dict[str, Any] = field(default_factory=dict)
    yaml_path: YamlPath = ()


@dataclass
class ParsedFile:
    """The data of one YAML file, and the non-fatal problems (duplicate keys) found in it."""

    data: Any
    problems: list[SourceProblem]
    positions: dict[YamlPath, Position] | None = None


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
"""Non-blocking: a file swapped for a FIFO after the ``stat`` must not hang the run."""


def read_bytes(path: str) -> bytes:
    """Read a file within the size bound, refusing what is not a regular, readable file.

    Read with ``os.read`` for the size the file has: ``open().read(limit)`` would allocate the
    whole 32 MB bound for every file, a fifth of the time a nation-sized run spends reading.
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _os_problem(exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise SourceProblem("GC001", "is_directory")
    if not stat.S_ISREG(st.st_mode):
        raise SourceProblem("GC001", "not_regular_file")
    if st.st_size > MAX_FILE_BYTES:
        raise SourceProblem(
            "GC004", "too_large", details={"size": st.st_size, "limit": MAX_FILE_BYTES}
        )
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _os_problem(exc) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the stat
            raise SourceProblem("GC001", "not_regular_file")
        parts: list[bytes] = []
        total = 0
        while total <= MAX_FILE_BYTES:  # the file may have grown since the stat
            chunk = os.read(fd, max(st.st_size + 1 - total, 1 << 16))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _os_problem(exc) from None
    finally:
        os.close(fd)
    if total > MAX_FILE_BYTES:  # grew while we looked
        raise SourceProblem("GC004", "too_large", details={"size": total, "limit": MAX_FILE_BYTES})
    return b"".join(parts)


def _os_problem(exc: OSError) -> SourceProblem:
    if isinstance(exc, PermissionError):
        return SourceProblem("GC001", "unreadable", details={"why": "permission"})
    if exc.errno == 40:  # ELOOP: a symlink loop
        return SourceProblem("GC001", "unreadable", details={"why": "link_loop"})
    return SourceProblem("GC001", "unreadable", details={"reason": exc.strerror or str(exc)})


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def decode(data: bytes) -> bytes:
    """Check the bytes are UTF-8 text; return them without a BOM, ready for libyaml."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith(_UTF32_BOMS):
        raise SourceProblem("GC004", "not_utf8", line=1, column=1, details={"encoding": "UTF-32"})
    elif data.startswith(_UTF16_BOMS):
        raise SourceProblem("GC004", "not_utf8", line=1, column=1, details={"encoding": "UTF-16"})
    if not data.strip():
        raise SourceProblem("GC001", "empty", line=1, column=1)
    if b"\x00" in data:
        if _looks_like_utf16(data):
            raise SourceProblem(
                "GC004", "not_utf8", line=1, column=1, details={"encoding": "UTF-16"}
            )
        raise SourceProblem("GC001", "binary", line=1, column=1)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = _guess_encoding(data)
        raise SourceProblem(
            "GC004", "not_utf8", line=line, column=column, details={"encoding": guess}
        ) from None
    return data


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:200]
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def _guess_encoding(data: bytes) -> str:
    for name in ("gb18030", "big5"):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return "GBK" if name == "gb18030" else "Big5"
    return "unknown"


def parse(data: bytes, *, with_positions: bool = False) -> ParsedFile:
    """Parse one YAML document from UTF-8 bytes (see ``decode``)."""
    builder = _Builder(with_positions)
    parser = CParser(data)
    try:
        result = builder.run(parser) if with_positions else builder.run_fast(parser)
    except yaml.MarkedYAMLError as exc:
        line, column = _error_position(data, exc)
        problem = str(exc.problem or exc.context or "").strip()
        if "maximum nesting depth" in problem:  # libyaml's own bound (1,000), met while scanning
            raise SourceProblem(
                "GC004", "too_deep", line=line, column=column, details={"limit": MAX_DEPTH}
            ) from None
        raise SourceProblem(
            "GC001", "syntax", line=line, column=column, details={"problem": problem}
        ) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML forbids (a control character pasted from a spreadsheet): libyaml
        # gives its byte offset only.
        prefix = data[: exc.position].decode("utf-8", "replace")
        line, column = _editor_position(prefix, len(prefix))
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise SourceProblem(
            "GC001",
            "syntax",
            line=line,
            column=column,
            details={"problem": f"character U+{code:04X} is not allowed: {exc.reason}"},
        ) from None
    except yaml.YAMLError as exc:
        raise SourceProblem("GC001", "syntax", details={"problem": str(exc).strip()}) from None
    except SourceProblem as problem:
        if _has_yaml_only_breaks(data):
            _to_editor_lines(data, [problem], None)
        raise
    finally:
        parser.dispose()
    if _has_yaml_only_breaks(data):
        _to_editor_lines(data, builder.problems, builder.positions)
    return ParsedFile(result, builder.problems, builder.positions)


# libyaml counts NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks (YAML 1.1); editors
# and terminals do not. A finding must name the line the clerk sees, so positions in a file
# holding one of them are converted (a rare case: the happy path pays one substring search).
_YAML_ONLY_BREAK_BYTES = tuple(b.encode("utf-8") for b in ("\x85", "\u2028", "\u2029"))


def _has_yaml_only_breaks(data: bytes) -> bool:
    return any(b in data for b in _YAML_ONLY_BREAK_BYTES)


_EDITOR_BREAK = re.compile(r"\r\n|[\r\n]")
_YAML_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def _line_starts(text: str, pattern: re.Pattern[str]) -> list[int]:
    """Character index where each line starts."""
    return [0, *(m.end() for m in pattern.finditer(text))]


def _editor_position(text: str, index: int, starts: list[int] | None = None) -> Position:
    table = starts if starts is not None else _line_starts(text, _EDITOR_BREAK)
    row = bisect.bisect_right(table, index) - 1
    return row + 1, index - table[row] + 1


def _error_position(data: bytes, exc: yaml.MarkedYAMLError) -> tuple[int | None, int | None]:
    """Where a syntax error is, as an editor counts lines, and never past the last character.

    libyaml reports an error found at the end of the input (``could not find expected ':'``)
    on a line after the last one; the context mark (``while scanning a simple key``) is where
    the clerk should look then.
    """
    mark, context = exc.problem_mark, exc.context_mark
    if mark is None:
        mark = context
    if mark is None:
        return None, None
    text = data.decode("utf-8", "replace")
    end = len(text.rstrip())
    index = mark.index
    # At the end of the input, or "while scanning a simple key": the key's own line (``id：x``
    # one line above the line where libyaml gave up) is where the mistake is.
    if (
        context is not None
        and context.index < end
        and (index >= end or exc.context == "while scanning a simple key")
    ):
        index = context.index
    return _editor_position(text, min(index, end))


def _to_editor_lines(
    data: bytes, problems: list[SourceProblem], positions: dict[YamlPath, Position] | None
) -> None:
    text = data.decode("utf-8", "replace")
    yaml_starts = _line_starts(text, _YAML_BREAK)
    editor_starts = _line_starts(text, _EDITOR_BREAK)

    def convert(line: int, column: int) -> Position:
        index = yaml_starts[min(line, len(yaml_starts)) - 1] + column - 1
        return _editor_position(text, index, editor_starts)

    for problem in problems:
        if problem.line is not None and problem.column is not None:
            problem.line, problem.column = convert(problem.line, problem.column)
    if positions is not None:
        for key, (line, column) in positions.items():
            positions[key] = convert(line, column)


def load(path: str, *, with_positions: bool = False) -> ParsedFile:
    """Read, check and parse one file; raises ``SourceProblem`` for a file that cannot be used."""
    return parse(decode(read_bytes(path)), with_positions=with_positions)


def locate(positions: dict[YamlPath, Position], path: YamlPath) -> Position | None:
    """The position of ``path``, or of its nearest recorded ancestor when it does not exist."""
    for end in range(len(path), -1, -1):
        found = positions.get(path[:end])
        if found is not None:
            return found
    return None


class _Frame:
    """One open mapping or sequence while building."""

    __slots__ = ("anchor", "container", "is_map", "key", "key_pos", "merges", "path", "weight")

    def __init__(self, container: Any, is_map: bool, anchor: str | None, path: YamlPath) -> None:
        self.container = container
        self.is_map = is_map
        self.anchor = anchor
        self.path = path
        self.key: Any = _NO_KEY
        self.key_pos: Position | None = None
        self.merges: list[dict[Any, Any]] | None = None
        self.weight = 1


_NO_KEY = object()


class _Builder:
    def __init__(self, with_positions: bool) -> None:
        self.positions: dict[YamlPath, Position] | None = {} if with_positions else None
        self.problems: list[SourceProblem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        self.documents = 0

    def run(self, parser: Any) -> Any:
        get_event = parser.get_event
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        positions = self.positions
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                value = self._scalar(event)
                self._add(stack, value, 1, event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                if not stack:
                    root = value
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                is_map = kind is yaml.MappingStartEvent
                self._check_collection_tag(event)
                if len(stack) >= MAX_DEPTH:
                    raise SourceProblem(
                        "GC004",
                        "too_deep",
                        line=event.start_mark.line + 1,
                        column=event.start_mark.column + 1,
                        details={"limit": MAX_DEPTH},
                    )
                path: YamlPath = ()
                if positions is not None:
                    path = self._child_path(stack)
                    if not stack:
                        positions[()] = (event.start_mark.line + 1, event.start_mark.column + 1)
                    elif not stack[-1].is_map:
                        positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
                frame = _Frame({} if is_map else [], is_map, event.anchor, path)
                stack.append(frame)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.merges:
                    for merged in frame.merges:
                        for k, v in merged.items():
                            frame.container.setdefault(k, v)
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.container, frame.weight)
                if stack:
                    self._add(stack, frame.container, frame.weight, event, start=False)
                else:
                    root = frame.container
            elif kind is yaml.AliasEvent:
                target = self.anchors.get(event.anchor)
                if target is None:
                    raise SourceProblem(
                        "GC001",
                        "unknown_alias",
                        line=event.start_mark.line + 1,
                        column=event.start_mark.column + 1,
                        details={"alias": event.anchor},
                    )
                value, weight = target
                self.expanded += weight
                if self.expanded > MAX_ALIAS_EXPANSION:
                    raise SourceProblem(
                        "GC004",
                        "alias_bomb",
                        line=event.start_mark.line + 1,
                        column=event.start_mark.column + 1,
                        details={"limit": MAX_ALIAS_EXPANSION},
                    )
                self._add(stack, value, weight, event)
                if not stack:
                    root = value
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise SourceProblem(
                        "GC001",
                        "multiple_documents",
                        line=event.start_mark.line + 1,
                        column=event.start_mark.column + 1,
                    )
            elif kind is yaml.StreamEndEvent:
                break
        if documents == 0:
            raise SourceProblem("GC001", "empty", line=1, column=1)
        return root

    def run_fast(self, parser: Any) -> Any:
        """``run`` without positions: the happy path, where parsing is most of a run's time.

        The same data, problems and bounds as ``run``, with the per-event work inlined: plain
        scalars that PyYAML's resolvers could turn into something other than text are resolved
        once per distinct spelling (``_PLAIN_CACHE``), and everything unusual (tags, merge keys,
        aliases, a non-scalar key) goes through the same helpers ``run`` uses.
        """
        get_event = parser.get_event
        scalar_event = yaml.ScalarEvent
        mapping_start = yaml.MappingStartEvent
        sequence_start = yaml.SequenceStartEvent
        resolvers_for = _IMPLICIT_RESOLVERS.get
        cache = _PLAIN_CACHE
        if len(cache) > _PLAIN_CACHE_LIMIT:
            cache.clear()
        no_key = _NO_KEY
        merge_key = _MERGE_KEY
        problems = self.problems
        stack: list[_Frame] = []
        root: Any = None
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                value: Any = event.value
                tag = event.tag
                if tag is None and event.implicit[0]:
                    if resolvers_for(value[:1]) is not None:
                        found = cache.get(value, no_key)
                        if found is no_key:
                            found = self._scalar(event)
                            if type(found) is not float:  # two NaN keys are two keys
                                cache[value] = found
                        value = found
                elif tag is not None:
                    value = self._scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                if not stack:
                    root = value
                    continue
                frame = stack[-1]
                frame.weight += 1
                if not frame.is_map:
                    frame.container.append(value)
                elif frame.key is no_key:
                    if value in frame.container:
                        mark = event.start_mark
                        problems.append(
                            SourceProblem(
                                "GC003",
                                "duplicate_key",
                                line=mark.line + 1,
                                column=mark.column + 1,
                                details={"key": str(value)},
                                yaml_path=(value,),
                            )
                        )
                    frame.key = value
                    if value is merge_key:  # where a bad merge is reported
                        mark = event.start_mark
                        frame.key_pos = (mark.line + 1, mark.column + 1)
                else:
                    key = frame.key
                    frame.key = no_key
                    if key is merge_key:
                        self._merge(frame, value, event)
                    else:
                        frame.container[key] = value
            elif kind is mapping_start or kind is sequence_start:
                self._check_collection_tag(event)
                if len(stack) >= MAX_DEPTH:
                    raise SourceProblem(
                        "GC004",
                        "too_deep",
                        line=event.start_mark.line + 1,
                        column=event.start_mark.column + 1,
                        details={"limit": MAX_DEPTH},
                    )
                is_map = kind is mapping_start
                stack.append(_Frame({} if is_map else [], is_map, event.anchor, ()))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.merges:
                    for merged in frame.merges:
                        for k, v in merged.items():
                            frame.container.setdefault(k, v)
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.container, frame.weight)
                if stack:
                    self._add(stack, frame.container, frame.weight, event, start=False)
                else:
                    root = frame.container
            elif kind is yaml.AliasEvent or kind is yaml.DocumentStartEvent:
                root = self._rare_event(event, stack, root)
            elif kind is yaml.StreamEndEvent:
                break
        if self.documents == 0:
            raise SourceProblem("GC001", "empty", line=1, column=1)
        return root

    def _rare_event(self, event: Any, stack: list[_Frame], root: Any) -> Any:
        """Aliases and document starts, as ``run`` handles them; returns the new root."""
        if type(event) is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                mark: Any = event.start_mark
                raise SourceProblem(
                    "GC001", "multiple_documents", line=mark.line + 1, column=mark.column + 1
                )
            return root
        target = self.anchors.get(event.anchor)
        if target is None:
            raise SourceProblem(
                "GC001",
                "unknown_alias",
                line=event.start_mark.line + 1,
                column=event.start_mark.column + 1,
                details={"alias": event.anchor},
            )
        value, weight = target
        self.expanded += weight
        if self.expanded > MAX_ALIAS_EXPANSION:
            raise SourceProblem(
                "GC004",
                "alias_bomb",
                line=event.start_mark.line + 1,
                column=event.start_mark.column + 1,
                details={"limit": MAX_ALIAS_EXPANSION},
            )
        self._add(stack, value, weight, event)
        return value if not stack else root

    @staticmethod
    def _child_path(stack: list[_Frame]) -> YamlPath:
        if not stack:
            return ()
        parent = stack[-1]
        if parent.is_map:
            return (*parent.path, parent.key) if parent.key is not _NO_KEY else parent.path
        return (*parent.path, len(parent.container))

    def _add(
        self, stack: list[_Frame], value: Any, weight: int, event: Any, *, start: bool = True
    ) -> None:
        if not stack:
            return
        frame = stack[-1]
        frame.weight += weight
        if not frame.is_map:
            if self.positions is not None and start:
                mark = event.start_mark
                self.positions[(*frame.path, len(frame.container))] = (
                    mark.line + 1,
                    mark.column + 1,
                )
            frame.container.append(value)
            return
        if frame.key is _NO_KEY:
            self._set_key(frame, value, event)
            return
        key = frame.key
        frame.key = _NO_KEY
        if key is _MERGE_KEY:
            self._merge(frame, value, event)
            return
        frame.container[key] = value

    def _set_key(self, frame: _Frame, key: Any, event: Any) -> None:
        mark = event.start_mark
        position = (mark.line + 1, mark.column + 1)
        if isinstance(key, (dict, list)):
            raise SourceProblem("GC001", "complex_key", line=position[0], column=position[1])
        if key in frame.container:
            self.problems.append(
                SourceProblem(
                    "GC003",
                    "duplicate_key",
                    line=position[0],
                    column=position[1],
                    details={"key": str(key)},
                    yaml_path=(*frame.path, key),
                )
            )
        frame.key = key
        frame.key_pos = position
        if self.positions is not None and key is not _MERGE_KEY:
            self.positions.setdefault((*frame.path, key), position)

    def _merge(self, frame: _Frame, value: Any, event: Any) -> None:
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(s, dict) for s in sources):
            line, column = frame.key_pos or (event.start_mark.line + 1, event.start_mark.column + 1)
            raise SourceProblem("GC001", "bad_merge", line=line, column=column)
        if frame.merges is None:
            frame.merges = []
        frame.merges.extend(sources)

    def _scalar(self, event: Any) -> Any:
        tag = event.tag
        value: str = event.value
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return value  # quoted, or a block scalar: always a string
            resolved = _resolve_plain(value)
        elif tag in _ALLOWED_SCALAR_TAGS:
            resolved = tag
        else:
            raise SourceProblem(
                "GC004",
                "unsafe_tag",
                line=event.start_mark.line + 1,
                column=event.start_mark.column + 1,
                details={"tag": _short_tag(tag)},
            )
        if resolved == _STR:
            return value
        if resolved == _MERGE:
            return _MERGE_KEY
        return _construct_scalar(resolved, value)

    @staticmethod
    def _check_collection_tag(event: Any) -> None:
        tag = event.tag
        if tag is None or tag == "!" or tag in _ALLOWED_COLLECTION_TAGS:
            return
        raise SourceProblem(
            "GC004",
            "unsafe_tag",
            line=event.start_mark.line + 1,
            column=event.start_mark.column + 1,
            details={"tag": _short_tag(tag)},
        )


class _MergeKey:
    """The ``<<`` key of a YAML 1.1 merge."""

    def __repr__(self) -> str:
        return "<<"


_MERGE_KEY = _MergeKey()


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


_PLAIN_CACHE: dict[str, Any] = {}
"""Plain scalar spelling → its value (immutable: int, float, bool, None, date, text)."""
_PLAIN_CACHE_LIMIT = 100_000


def _resolve_plain(value: str) -> str:
    resolvers = _IMPLICIT_RESOLVERS.get(value[0] if value else "")
    if resolvers:
        for tag, regexp in resolvers:
            if regexp.match(value):
                return str(tag)
    return _STR


_CONSTRUCTORS: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    _TAG + "null": _SCALAR_BUILDER.construct_yaml_null,
    _TAG + "bool": _SCALAR_BUILDER.construct_yaml_bool,
    _TAG + "int": _SCALAR_BUILDER.construct_yaml_int,
    _TAG + "float": _SCALAR_BUILDER.construct_yaml_float,
    _TAG + "timestamp": _SCALAR_BUILDER.construct_yaml_timestamp,
}


def _construct_scalar(tag: str, value: str) -> Any:
    constructor = _CONSTRUCTORS.get(tag)
    if constructor is None:  # YAML 1.1's ``=`` (the "value" key): plain text here
        return value
    try:
        return constructor(yaml.ScalarNode(tag, value))
    except (ValueError, OverflowError):
        # A timestamp-shaped value that is no real date (2023-02-30), or an explicit ``!!int``
        # on text: keep the text, so the schema reports it at its own line.
        return value

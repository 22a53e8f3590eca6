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
  line numbers, and a finding's line is found later by re-reading just that file (``locate``);
* the builder reads events as small tuples. In a process groupcheck owns (the ``groupcheck``
  command, a parallel run's workers) libyaml's C parser builds those tuples itself
  (``install_lean_events``): parsing is most of a nation-sized run, and building PyYAML's event
  objects was a quarter of it. Anywhere else (a program calling ``groupcheck.run``) PyYAML is
  left exactly as it is and its own events are turned into tuples as they come: slower, and no
  other code of that program can notice groupcheck (see "Where the events come from" below).
  A PyYAML built without libyaml works too, on PyYAML's Python parser: slower still.

Scalars are resolved with PyYAML's own YAML 1.1 implicit resolvers and constructors, so values
mean exactly what they mean to every other PyYAML user (``no`` is ``False``, ``0755`` is 493).
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import yaml
import yaml.events as stock_events

from groupcheck.findings import YamlPath

_yaml: ModuleType | None
try:  # libyaml's binding: absent from a PyYAML built without libyaml (an sdist on a new Python)
    from yaml import _yaml
except ImportError:
    _yaml = None

# Documented bounds (docs/format.md, "Limits").
MAX_FILE_BYTES = 32 * 1024 * 1024
"""A charter or rotation log larger than this is refused (GC004) without being read whole."""
MAX_DEPTH = 64
"""Nesting deeper than this is refused (GC004); a real charter is about six levels deep."""
MAX_ALIAS_EXPANSION = 10_000
"""Values re-used through aliases may add at most this many nodes in all (GC004)."""
MAX_NUMBER_CHARS = 100
"""A plain scalar longer than this is never read as a number: it stays the text it is, which
the schema reports where a number belongs. Building a 100,000-digit integer takes quadratic
time, and turning it back into text for a message fails past Python's digit limit."""
MAX_KEY_PROBLEMS = 100
"""Repeated keys reported per file (GC003); past this only their count is kept, so a file of
half a million repeated keys costs no more memory than one of a hundred."""

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


_OVERLAY: dict[str, bytes] = {}
"""Contents read in place of files (``overlay``), by absolute path."""


def overlay(path: str, content: bytes) -> None:
    """Read ``content`` wherever ``path`` is read, in this process: ``validate -`` checks an
    editor's unsaved buffer, piped in, as the file it will be saved to."""
    _OVERLAY[os.path.abspath(path)] = content


def overlaid() -> tuple[str, ...]:
    """The paths read from an ``overlay`` in this process (absolute)."""
    return tuple(_OVERLAY)


def has_overlays() -> bool:
    """Whether any file is read from an ``overlay`` in this process."""
    return bool(_OVERLAY)


def has_overlay(path: str) -> bool:
    """Whether ``path`` is read from an ``overlay`` (its bytes are not the file's)."""
    return bool(_OVERLAY) and os.path.abspath(path) in _OVERLAY


def read_bytes(path: str) -> bytes:
    """Read a file within the size bound, refusing what is not a regular, readable file.

    Read with ``os.read`` for the size the file has: ``open().read(limit)`` would allocate the
    whole 32 MB bound for every file, a fifth of the time a nation-sized run spends reading.
    """
    if _OVERLAY and (given := _OVERLAY.get(os.path.abspath(path))) is not None:
        if len(given) > MAX_FILE_BYTES:
            raise SourceProblem(
                "GC004", "too_large", details={"size": len(given), "limit": MAX_FILE_BYTES}
            )
        return given
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


def prefetch(paths: Iterable[str]) -> None:
    """Ask the kernel to start reading ``paths`` into its page cache, and return at once.

    A parallel run calls this for each chunk as the walk hands it to the workers, so that on a
    cold cache the disk reads ahead of the parsing instead of the workers waiting for it file by
    file. Only regular files are touched (a FIFO or a device is never opened here); anything
    that fails is left for ``read_bytes`` to report.
    """
    if not hasattr(os, "posix_fadvise"):  # not on this platform
        return
    for path in paths:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                continue
            fd = os.open(path, _OPEN_FLAGS)
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


def file_problem(problem: SourceProblem) -> str:
    """A ``read_bytes`` refusal in a line of English, for the files that are not charters (a
    baseline, a configuration) whose problems are usage errors, not findings."""
    details = problem.details
    if problem.key == "too_large":
        return f"{details['size']} bytes, over the {details['limit']}-byte limit"
    if problem.key == "is_directory":
        return "it is a folder"
    if problem.key == "not_regular_file":
        return "not a regular file (a device, a named pipe or a socket)"
    why = details.get("why")
    if why == "permission":
        return "permission denied"
    if why == "link_loop":
        return "symbolic link loop"
    return str(details.get("reason", problem.key.replace("_", " ")))


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


def parse(
    data: bytes, *, with_positions: bool = False, only: Container[YamlPath] | None = None
) -> ParsedFile:
    """Parse one YAML document from UTF-8 bytes (see ``decode``); with positions, of the paths
    in ``only`` if given (a file of 300,000 keys with ten errors needs ten positions, and all of
    them would weigh twenty times the file)."""
    builder = _Builder(with_positions, only)
    try:
        result = _build(builder, data)
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
    if (builder.problems or builder.positions) and _has_yaml_only_breaks(data):
        _to_editor_lines(data, builder.problems, builder.positions)
    return ParsedFile(result, builder.problems, builder.positions)


# libyaml counts NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks (YAML 1.1); editors
# and terminals do not. A finding must name the line the clerk sees, so positions in a file
# holding one of them are converted (a rare case; the happy path, with no position to convert,
# does not even look).
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


def positions_of(data: bytes, paths: Iterable[YamlPath]) -> dict[YamlPath, Position]:
    """The positions ``locate`` needs for ``paths`` in ``data`` (each path and its ancestors),
    and no others: a file of 300,000 keys with ten errors needs ten."""
    wanted = {path[:end] for path in paths for end in range(len(path) + 1)}
    return parse(data, with_positions=True, only=wanted).positions or {}


def locate(positions: dict[YamlPath, Position], path: YamlPath) -> Position | None:
    """The position of ``path``, or of its nearest recorded ancestor when it does not exist."""
    for end in range(len(path), -1, -1):
        found = positions.get(path[:end])
        if found is not None:
            return found
    return None


# Where the events come from.
#
# libyaml's C parser (``yaml._yaml.CParser``) hands each event to Python by calling the event
# classes of ``yaml.events``, which it looks up as globals of ``yaml._yaml`` at every call.
# Building those objects (a Python ``__init__`` setting six attributes each) is about a quarter
# of parsing. ``install_lean_events`` points those globals, once and for good, at the functions
# below, which build the tuples ``_Builder`` reads: (kind, ...), the mark last but one or last.
# That changes PyYAML for the whole process (another caller of ``yaml.parse`` would get tuples
# too), so it is done only where groupcheck owns the process: by the ``groupcheck`` command at
# start-up, before any thread exists, and by each worker of a parallel run; a program that calls
# groupcheck may opt in. It is never undone: no lock, nothing to restore after a parse, nothing
# a Ctrl-C or a signal handler can catch half-done. Everywhere else each stock event object is
# turned into the same tuple as it arrives (``_TO_TUPLE``), and a PyYAML without libyaml parses
# with its Python parser, through the same conversion.
_SCALAR, _START, _END, _ALIAS, _DOCUMENT, _STREAM_END, _OTHER = range(7)
_OTHER_EVENT = (_OTHER,)
_STREAM_END_EVENT = (_STREAM_END,)
Event = tuple[Any, ...]


def _scalar_event(
    anchor: str | None,
    tag: str | None,
    implicit: tuple[bool, bool],
    value: str,
    start_mark: Any,
    end_mark: Any,
    style: str | None,
) -> Event:
    return (_SCALAR, value, tag, implicit[0], anchor, start_mark)


def _mapping_start_event(
    anchor: str | None, tag: str | None, implicit: bool, start_mark: Any, *_rest: Any
) -> Event:
    return (_START, True, anchor, tag, start_mark)


def _sequence_start_event(
    anchor: str | None, tag: str | None, implicit: bool, start_mark: Any, *_rest: Any
) -> Event:
    return (_START, False, anchor, tag, start_mark)


def _collection_end_event(start_mark: Any, end_mark: Any) -> Event:
    return (_END, start_mark)


def _alias_event(anchor: str, start_mark: Any, end_mark: Any) -> Event:
    return (_ALIAS, anchor, start_mark)


def _document_start_event(start_mark: Any, *_rest: Any) -> Event:
    return (_DOCUMENT, start_mark)


def _stream_end_event(start_mark: Any, end_mark: Any) -> Event:
    return _STREAM_END_EVENT


def _other_event(*_args: Any) -> Event:
    """The stream start and a document end: nothing to build."""
    return _OTHER_EVENT


_LEAN_EVENTS: dict[str, Callable[..., Event]] = {
    "ScalarEvent": _scalar_event,
    "MappingStartEvent": _mapping_start_event,
    "SequenceStartEvent": _sequence_start_event,
    "MappingEndEvent": _collection_end_event,
    "SequenceEndEvent": _collection_end_event,
    "AliasEvent": _alias_event,
    "DocumentStartEvent": _document_start_event,
    "DocumentEndEvent": _other_event,
    "StreamStartEvent": _other_event,
    "StreamEndEvent": _stream_end_event,
}
_STOCK_EVENTS: dict[str, Any] = {name: getattr(stock_events, name) for name in _LEAN_EVENTS}

# The same tuples from PyYAML's own event objects (tests/test_yamlsource.py compares the two
# ways event by event). A tuple passes as it is: lean events installed while a parse is under
# way (a program opting in from one thread while another parses) change nothing for it.
_TO_TUPLE: dict[type, Callable[[Any], Event]] = {
    stock_events.ScalarEvent: lambda e: (
        _SCALAR,
        e.value,
        e.tag,
        e.implicit[0],
        e.anchor,
        e.start_mark,
    ),
    stock_events.MappingStartEvent: lambda e: (_START, True, e.anchor, e.tag, e.start_mark),
    stock_events.SequenceStartEvent: lambda e: (_START, False, e.anchor, e.tag, e.start_mark),
    stock_events.MappingEndEvent: lambda e: (_END, e.start_mark),
    stock_events.SequenceEndEvent: lambda e: (_END, e.start_mark),
    stock_events.AliasEvent: lambda e: (_ALIAS, e.anchor, e.start_mark),
    stock_events.DocumentStartEvent: lambda e: (_DOCUMENT, e.start_mark),
    stock_events.DocumentEndEvent: lambda e: _OTHER_EVENT,
    stock_events.StreamStartEvent: lambda e: _OTHER_EVENT,
    stock_events.StreamEndEvent: lambda e: _STREAM_END_EVENT,
    tuple: lambda e: e,
}


def _as_tuples(get_event: Callable[[], Any]) -> Callable[[], Event]:
    convert = _TO_TUPLE

    def next_event() -> Event:
        event = get_event()
        return convert[type(event)](event)

    return next_event


class _PythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python parser, for a PyYAML without libyaml (no composer, no constructor)."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


def _lean_events_installed() -> bool:
    lean = _LEAN_EVENTS["StreamEndEvent"]
    return _yaml is not None and _yaml.__dict__.get("StreamEndEvent") is lean


def _build(builder: _Builder, data: bytes) -> Any:
    """``builder``'s data from ``data``'s events, from the fastest source this process has."""
    if _yaml is None:
        return _build_with_python_parser(builder, data)
    parser = _yaml.CParser(data)
    try:
        if _lean_events_installed():
            return builder.build(parser.get_event)
        return builder.build(_as_tuples(parser.get_event))
    finally:
        parser.dispose()


# PyYAML's Python scanner and parser word their errors differently from libyaml. The findings
# must not depend on how PyYAML was built, so the errors a clerk's file commonly has (a
# full-width colon, smart quotes, a tab, a key or item out of line, a pasted control character)
# are put in libyaml's words; rarer ones keep the Python parser's. (context, problem) → words.
_LIBYAML_WORDING: tuple[tuple[str | None, re.Pattern[str], str], ...] = (
    (
        None,
        re.compile("mapping values are not allowed here"),
        "mapping values are not allowed in this context",
    ),
    (
        "while parsing a block mapping",
        re.compile("expected <block end>, .*"),
        "did not find expected key",
    ),
    (
        "while parsing a block collection",
        re.compile("expected <block end>, .*"),
        "did not find expected '-' indicator",
    ),
    (None, re.compile("expected '<document start>', .*"), "did not find expected <document start>"),
    (None, re.compile("expected the node content, .*"), "did not find expected node content"),
    (None, re.compile("expected (.*), but (?:found|got) .*"), r"did not find expected \1"),
    (
        None,
        re.compile("found character .* that cannot start any token"),
        "found character that cannot start any token",
    ),
)


def _in_libyaml_words(exc: yaml.MarkedYAMLError, text: str) -> None:
    for context, pattern, words in _LIBYAML_WORDING:
        found = pattern.fullmatch(exc.problem or "")
        if found is not None and context in (None, exc.context):
            exc.problem = found.expand(words)
            break
    mark = exc.problem_mark
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        # ``name: 张三`` then a line indented with a tab: libyaml meets the tab while the plain
        # value might go on to that line, and has its own words for it.
        value = text[: mark.index].rstrip()
        line = value[value.rfind("\n") + 1 :]
        if (
            value[-1:] not in ("", *":-\"'|>[]{},")
            and "\n" in text[len(value) : mark.index]
            and not re.search(r"(^|\s)#", line)
        ):
            exc.problem = "found a tab character that violates indentation"


def _build_with_python_parser(builder: _Builder, data: bytes) -> Any:
    text = data.decode("utf-8")  # checked by ``decode``
    parser: _PythonParser | None = None
    try:
        parser = _PythonParser(text)  # checks every character first
        return builder.build(_as_tuples(parser.get_event))
    except yaml.reader.ReaderError as exc:
        # libyaml gives a byte offset, the Python reader a character index.
        exc.position = len(text[: exc.position].encode("utf-8"))
        exc.reason = "control characters are not allowed"
        raise
    except yaml.MarkedYAMLError as exc:
        _in_libyaml_words(exc, text)
        raise
    finally:
        if parser is not None:
            parser.dispose()


def install_lean_events() -> bool:
    """Let libyaml hand groupcheck's parser tuples instead of event objects, for good.

    Parsing is then about a quarter faster, but PyYAML changes for the whole process: any other
    code calling ``yaml.parse`` or emitting events (``yaml.emit``, ``yaml.serialize``) with the
    C classes would get or need tuples. So the ``groupcheck`` command calls this at start-up and
    a parallel run's workers when they start; a program that calls groupcheck and uses PyYAML's
    C event API nowhere else may call it too (README.md, "Library use"). Call it before starting
    threads that parse.

    First checks that the running PyYAML can take them: a small document must give the same
    data and positions both ways. Returns whether lean events are in use (False: no libyaml, or
    a PyYAML whose C parser does not call the event classes as 6.x does; parsing then goes on
    with the stock events, slower).
    """
    if _yaml is None:
        return False
    if _lean_events_installed():
        return True
    try:
        expected = _probe(_as_tuples)
        _yaml.__dict__.update(_LEAN_EVENTS)
        works = _probe(lambda get_event: get_event) == expected
    except Exception:  # any failure is a PyYAML we do not know: keep it stock
        works = False
    if not works:
        _yaml.__dict__.update(_STOCK_EVENTS)
    return works


_PROBE = (
    "%YAML 1.1\n---\nid: g1\nyears: [2023, 2024.5, ~, yes, '7', !!str 8, 2024-09-01]\n"
    "base: &b {role: cadre}\nuse: *b\nmerged:\n  <<: *b\n  name: 李明\n"
    "text: |\n  two\n  lines\n...\n"
).encode()
"""A document with every kind of event (and so every lean event function) in it."""


def _probe(
    events: Callable[[Callable[[], Any]], Callable[[], Event]],
) -> tuple[Any, dict[YamlPath, Position] | None]:
    """The probe's data and positions, from libyaml's events as ``events`` hands them on."""
    assert _yaml is not None
    builder = _Builder(with_positions=True)
    parser = _yaml.CParser(_PROBE)
    try:
        return builder.build(events(parser.get_event)), builder.positions
    finally:
        parser.dispose()


def parser_in_use() -> tuple[str, str]:
    """How this process parses YAML, and a note (``--show-settings`` prints both)."""
    version = f"PyYAML {yaml.__version__}"
    if _yaml is None:
        return "PyYAML without libyaml", f"{version}: slower, its Python parser"
    if _lean_events_installed():
        return "libyaml, lean events", version
    return "libyaml, stock events", f"{version}: slower, lean events not installed"


def _position(mark: Any) -> Position:
    return mark.line + 1, mark.column + 1


def _problem_at(mark: Any, rule: str, key: str, **details: Any) -> SourceProblem:
    """A problem located at libyaml's ``mark``."""
    line, column = _position(mark)
    return SourceProblem(rule, key, line=line, column=column, details=details)


_NO_KEY = object()


class _Only(dict[YamlPath, Position]):
    """A positions map that keeps only the paths it was asked for."""

    def __init__(self, only: Container[YamlPath]) -> None:
        super().__init__()
        self.only = only

    def __setitem__(self, path: YamlPath, position: Position) -> None:
        if path in self.only:
            super().__setitem__(path, position)

    def setdefault(self, path: YamlPath, position: Position) -> Position:
        if path in self.only:
            return super().setdefault(path, position)
        return position


class _Builder:
    """One document's data from event tuples, iteratively, with the checks the module doc lists."""

    def __init__(self, with_positions: bool, only: Container[YamlPath] | None = None) -> None:
        self.positions: dict[YamlPath, Position] | None = None
        if with_positions:
            self.positions = {} if only is None else _Only(only)
        self.problems: list[SourceProblem] = []
        self.keep = only is None
        """Whether the values are kept: a parse for some positions (``positions_of``, of a
        file already parsed, whose data is still alive) builds only the skeleton (keys, and
        one ``None`` per item so that indexes count), not a second copy of the data."""

    def build(self, get_event: Callable[[], Any]) -> Any:
        """The document's root value.

        One loop over the events, the hot path of a run: plain scalars that PyYAML's resolvers
        could turn into something other than text are resolved once per distinct spelling
        (``_PLAIN_CACHE``); the open collection's state is kept in local variables and pushed on
        ``stack`` when a child opens. Every finished value (scalar, alias, closed collection)
        reaches the same place at the loop's end, where it is added to the open collection.
        Positions and YAML paths are recorded only when asked for.
        """
        positions = self.positions
        problems = self.problems
        keep = self.keep
        resolvers_for = _IMPLICIT_RESOLVERS.get
        cache = _PLAIN_CACHE
        if len(cache) > _PLAIN_CACHE_LIMIT:
            cache.clear()
        no_key = _NO_KEY
        merge_key = _MERGE_KEY
        anchors: dict[str, tuple[Any, int]] = {}
        merges: dict[int, list[dict[Any, Any]]] = {}  # id(mapping) -> what `<<` merges into it
        merge_marks: dict[int, Any] = {}  # id(mapping) -> where its `<<` key is
        stack: list[tuple[Any, bool, Any, YamlPath, str | None, int]] = []
        # The open collection (None at the document level), whether it is a mapping, the key
        # waiting for its value, its YAML path (with positions only), its anchor, and the node
        # count where it began.
        container: Any = None
        is_map = False
        key: Any = no_key
        path: YamlPath = ()
        anchor: str | None = None
        began = 0
        nodes = 0  # so far, an alias counting as many as it repeats: an anchored value's weight
        expanded = 0
        documents = 0
        repeated = 0  # keys met a second time in their mapping
        root: Any = None
        value: Any
        while True:
            event = get_event()
            kind = event[0]
            if kind == _SCALAR:
                value = event[1]
                mark = event[5]
                if event[2] is not None:
                    value = _scalar_value(value, event[2], event[3], mark)
                elif event[3] and resolvers_for(value[:1]) is not None:
                    found = cache.get(value, no_key)
                    if found is no_key:
                        found = _scalar_value(value, None, True, mark)
                        # two NaN keys are two keys; a file of 400,000 numbers fills no cache
                        if type(found) is not float and len(cache) < _PLAIN_CACHE_LIMIT:
                            cache[value] = found
                    value = found
                nodes += 1
                if event[4] is not None:
                    anchors[event[4]] = (value, 1)
            elif kind == _END:
                value = container
                mark = event[1]
                if merges and id(value) in merges:
                    for merged in merges.pop(id(value)):
                        for k, v in merged.items():
                            value.setdefault(k, v)
                if anchor is not None:
                    anchors[anchor] = (value, nodes - began + 1)
                container, is_map, key, path, anchor, began = stack.pop()
            elif kind == _START:
                mark = event[4]
                tag = event[3]
                if tag is not None and tag != "!" and tag not in _ALLOWED_COLLECTION_TAGS:
                    raise _problem_at(mark, "GC004", "unsafe_tag", tag=_short_tag(tag))
                if len(stack) >= MAX_DEPTH:
                    raise _problem_at(mark, "GC004", "too_deep", limit=MAX_DEPTH)
                child = path
                if positions is not None:
                    if container is None:
                        positions[()] = _position(mark)
                    elif not is_map:
                        child = (*path, len(container))
                        positions[child] = _position(mark)
                    elif key is not no_key:
                        child = (*path, key)
                stack.append((container, is_map, key, path, anchor, began))
                nodes += 1
                is_map = event[1]
                container = {} if is_map else []
                key = no_key
                path = child
                anchor = event[2]
                began = nodes
                continue
            elif kind == _ALIAS:
                mark = event[2]
                target = anchors.get(event[1])
                if target is None:
                    raise _problem_at(mark, "GC001", "unknown_alias", alias=event[1])
                value, weight = target
                expanded += weight
                if expanded > MAX_ALIAS_EXPANSION:
                    raise _problem_at(mark, "GC004", "alias_bomb", limit=MAX_ALIAS_EXPANSION)
                nodes += weight
            elif kind == _DOCUMENT:
                documents += 1
                if documents > 1:
                    raise _problem_at(event[1], "GC001", "multiple_documents")
                continue
            elif kind == _STREAM_END:
                break
            else:
                continue

            # A finished value: into the open collection.
            if container is None:
                root = value
            elif not is_map:
                if positions is not None and kind != _END:  # a collection's was at its start
                    positions[(*path, len(container))] = _position(mark)
                container.append(value if keep else None)
            elif key is no_key:
                if kind != _SCALAR and isinstance(value, (dict, list)):
                    raise _problem_at(mark, "GC001", "complex_key")
                if keep and value in container:
                    repeated += 1
                    if repeated <= MAX_KEY_PROBLEMS:
                        problems.append(_repeated_key(event, kind, value, mark, path))
                key = value
                if value is merge_key:
                    merge_marks[id(container)] = mark  # where a bad merge is reported
                elif positions is not None:
                    positions.setdefault((*path, value), _position(mark))
            elif key is merge_key:
                sources = value if isinstance(value, list) else [value]
                if not all(isinstance(s, dict) for s in sources):
                    raise _problem_at(merge_marks[id(container)], "GC001", "bad_merge")
                merges.setdefault(id(container), []).extend(sources)
                key = no_key
            else:
                if keep:
                    container[key] = value
                key = no_key
        if documents == 0:
            raise SourceProblem("GC001", "empty", line=1, column=1)
        if repeated > MAX_KEY_PROBLEMS:
            last = problems[-1]
            problems.append(
                SourceProblem(
                    "GC003",
                    "more_duplicates",
                    line=last.line,
                    column=last.column,
                    details={"count": repeated - MAX_KEY_PROBLEMS, "limit": MAX_KEY_PROBLEMS},
                )
            )
        return root


def _repeated_key(event: Event, kind: int, key: Any, mark: Any, path: YamlPath) -> SourceProblem:
    """GC003 for ``key`` met again: named as written (``yes``, not ``True``), and located by a
    path of text and numbers only (a ``~`` or date key is named by its spelling)."""
    line, column = _position(mark)
    written = event[1] if kind == _SCALAR else key_text(key)
    return SourceProblem(
        "GC003",
        "duplicate_key",
        line=line,
        column=column,
        details={"key": written},
        yaml_path=tuple(part if _is_path_part(part) else key_text(part) for part in (*path, key)),
    )


def _is_path_part(part: Any) -> bool:
    return type(part) is str or type(part) is int


def key_text(key: Any) -> str:
    """A key YAML read as something other than text, as a clerk would write it."""
    if key is None:
        return "~"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, _MergeKey):
        return "<<"
    if hasattr(key, "isoformat"):
        return str(key.isoformat())
    return str(key)


def _scalar_value(value: str, tag: str | None, plain: bool, mark: Any) -> Any:
    """A scalar's value as PyYAML's safe loader gives it; tags that build objects refused."""
    if tag is None or tag == "!":
        if not plain:
            return value  # quoted, or a block scalar: always a string
        resolved = _resolve_plain(value)
    elif tag in _ALLOWED_SCALAR_TAGS:
        resolved = tag
    else:
        raise _problem_at(mark, "GC004", "unsafe_tag", tag=_short_tag(tag))
    if resolved == _STR:
        if plain and len(value) <= MAX_NUMBER_CHARS and _YAML12_NUMBER.match(value):
            return _yaml12_number(value)
        return value
    if resolved == _MERGE:
        return _MERGE_KEY
    if resolved in _NUMBER_TAGS and (len(value) > MAX_NUMBER_CHARS or ":" in value):
        # YAML 1.1's base 60 (``1:30`` is 90) means nothing to a clerk, and its build is
        # quadratic; a number too long to be real: both stay the text that was written.
        return value
    return _construct_scalar(resolved, value)


_YAML12_NUMBER = re.compile(r"[-+]?[0-9]+\Z")
"""Digits that YAML 1.2 (the editors' YAML) reads as an integer."""


def _yaml12_number(value: str) -> int:
    """Digits that YAML 1.1 leaves as text (a leading zero and an 8 or 9: ``06199``) read as
    YAML 1.2 and the editor read them, an integer, so an unquoted digit-only staff number is
    reported (quote it) exactly where the editor's schema check marks it. Everything else
    reads as PyYAML reads it."""
    return int(value, 10)


class _MergeKey:
    """The ``<<`` key of a YAML 1.1 merge."""

    def __repr__(self) -> str:
        return "<<"


_MERGE_KEY = _MergeKey()


def is_merge_key(value: Any) -> bool:
    """Whether ``value`` is YAML's ``<<`` written where a value belongs."""
    return value is _MERGE_KEY


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


_PLAIN_CACHE: dict[str, Any] = {}
"""Plain scalar spelling → its value (immutable: int, float, bool, None, date, text)."""
_PLAIN_CACHE_LIMIT = 100_000


def _resolve_plain(value: str) -> str:
    if len(value) > MAX_NUMBER_CHARS:
        # Only a number could be this long, and one this long stays text (``_scalar_value``);
        # PyYAML's base-60 pattern alone, matched over a 4 MB scalar, takes 200 MB.
        return _STR
    resolvers = _IMPLICIT_RESOLVERS.get(value[0] if value else "")
    if resolvers:
        for tag, regexp in resolvers:
            if regexp.match(value):
                return str(tag)
    return _STR


_NUMBER_TAGS = frozenset({_TAG + "int", _TAG + "float"})
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
    except (ValueError, OverflowError, KeyError, IndexError, AttributeError, TypeError):
        # A timestamp-shaped value that is no real date (2023-02-30), or an explicit tag on
        # the wrong kind of text (``!!int ""``, ``!!bool foo``, ``!!timestamp hello``), which
        # PyYAML's constructors meet with whatever exception their code happens to raise:
        # keep the text, so the schema reports it at its own line.
        return value

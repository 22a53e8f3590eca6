"""What a charter's text may not do to the one who reads a report: one function per reader.

Every value an output shows (names, messages, file and folder names, waiver reasons) comes from
files the checked repository controls, so a pull request controls it. Each kind of reader has
its own dangerous characters, and each kind has its one function here, used by every reporter
of that kind:

- ``terminal``: a terminal, a CI log, an editor's error list (``table``, ``parsable``,
  ``--show-files``, messages on stderr). Control characters (ESC, OSC 52 clipboard writes,
  window titles, BEL, CR, newlines), the Unicode line and paragraph separators and the bidi
  overrides are written as visible escapes (``\\x1b``, ``\\u2028``), so one finding is one
  line and nothing reaches the terminal as a command.
- ``workflow_safe``: under ``GITHUB_ACTIONS``, a line of output that would start a workflow
  command (``::error …``, ``::stop-commands::``) starts ``\\x3a:`` instead; only the
  ``github`` format writes commands.
- ``spreadsheet``: a csv or xlsx cell (OWASP's CSV-injection rule): a text starting with
  ``=``, ``+``, ``-``, ``@``, tab or CR gets a ``'`` in front in csv, and in xlsx is a cell
  typed as text with Excel's "quote prefix"; control characters that a workbook cannot hold
  are escaped.
- ``markdown_text``: a pull-request comment or job summary: control characters escaped,
  ``@mentions``, ``#123`` references and bare URLs defused (``@<!-- -->name``), so a charter
  cannot notify people or plant a link.
- ``markup``: HTML and XML text (the report, PDF): control characters other than tab and
  LF are escaped, never written raw.

Lone surrogates (a file name that is not UTF-8) become their ``\\udcb0`` escape in all of them
(``printable``).
"""

from __future__ import annotations

import os
import re

_CONTROLS = "\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""C0, DEL, C1, the line and paragraph separators and the bidi marks and overrides."""

_TERMINAL = re.compile(f"[{_CONTROLS}]")
_KEEP_LINES = re.compile(
    "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_WORKBOOK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MARKUP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
_COMMAND_LINE = re.compile(r"^([ \t]*):(?=:)", re.MULTILINE)
_MENTION = re.compile(r"([@#])(?=[0-9A-Za-z_])")
_URL = re.compile(r"(?i)\b(https?|ftps?|mailto|file|javascript|data|www)(?=:|\.)")


def printable(text: str) -> str:
    """``text`` as valid Unicode: a lone surrogate (a file name that is not UTF-8, such as a
    GBK folder name from a Windows zip, decodes to one) becomes its escape ``\\udcb0``.

    JSON readers read that escape back as the same character; every other format shows it as
    text. Without this, writing the report would fail for the whole run.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def visible(character: str) -> str:
    """A character as its escape: ``\\x1b`` below U+0100, ``\\u2028`` above."""
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape(pattern: re.Pattern[str], value: str) -> str:
    return pattern.sub(lambda match: visible(match.group()), printable(value))


def terminal(value: str) -> str:
    """``value`` for a terminal or a line-based reader: every control character (newlines
    included) written as its escape, so it can neither drive the terminal nor start a line."""
    return _escape(_TERMINAL, value)


def workflow_safe(rendered: str) -> str:
    """``rendered`` with no line that GitHub's runner would read as a workflow command, when
    running under ``GITHUB_ACTIONS`` (elsewhere unchanged).

    The runner takes any line whose first non-blank characters are ``::`` as a command; such a
    line keeps its text with the first colon written ``\\x3a``.
    """
    if not os.environ.get("GITHUB_ACTIONS"):
        return rendered
    return _COMMAND_LINE.sub(r"\1\\x3a", rendered)


def formula_like(value: str) -> bool:
    """Whether a spreadsheet would read ``value`` as a formula (OWASP's list of leads)."""
    return value.startswith(_FORMULA_LEADS)


def spreadsheet(value: str, *, quote: bool = True) -> str:
    """``value`` as a csv cell shows it, never as a formula: a ``'`` before a leading ``=``,
    ``+``, ``-``, ``@``, tab or CR (OWASP), and control characters other than tab and newlines
    escaped (a workbook cannot hold them). ``quote=False`` for an xlsx cell, which is typed as
    text and marked "quote prefix" instead (``formula_like``), so it shows as written."""
    value = _escape(_WORKBOOK, value)
    return "'" + value if quote and formula_like(value) else value


def markdown_text(value: str) -> str:
    """Control characters escaped (newlines kept for the caller), ``@name``, ``#123`` and URL
    schemes broken by an empty HTML comment, which GitHub neither shows nor links across."""
    value = _escape(_KEEP_LINES, value)
    value = _MENTION.sub(r"\1<!-- -->", value)
    return _URL.sub(r"\1<!-- -->", value)


def markup(value: str) -> str:
    """``value`` for HTML or XML text: every control character but tab and LF (which XML 1.0
    cannot hold, a browser shows as nothing, and grep takes for a binary file; CR included)
    written as its escape."""
    return _escape(_MARKUP, value)


def keeping_lines(value: str) -> str:
    """As ``terminal`` but LF and CR kept, for a format that escapes those itself (``github``
    writes them ``%0A``/``%0D``)."""
    return _escape(_KEEP_LINES, value)

"""``groupcheck report --format pdf``: the HTML report printed to PDF by WeasyPrint.

The PDF is the very document ``--format html`` writes (same template, same print stylesheet,
same page breaks and footer), laid out by WeasyPrint, which embeds subsets of the fonts it
uses. WeasyPrint was chosen over headless Chromium because it installs from PyPI and needs only
Pango from Debian (about 16 MB), where Chromium is about 690 MB (see
docs in README, "Audit reports").

Two things can go wrong on a fresh machine, and both are reported as ``PdfUnavailable`` with the
exact Debian packages to install (the CLI prints it and exits 2):

* Pango's libraries are missing: WeasyPrint's import fails with ``OSError: cannot load
  library ...``.
* No font has Chinese glyphs: WeasyPrint still writes a PDF, with empty boxes ("tofu") where
  the Chinese text should be, and only logs a ``.notdef glyph rendered`` warning. We listen
  for that warning and refuse the unreadable PDF rather than hand it to an inspector.
"""

from __future__ import annotations

import contextlib
import glob
import io
import logging
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from groupcheck.errors import GroupcheckError
from groupcheck.reporters import html

LIBRARY_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0")
"""Debian 12 packages WeasyPrint loads at import (they bring GLib, HarfBuzz and fontconfig)."""

FONT_PACKAGES = ("fonts-noto-cjk",)
"""A CJK font with real bold; ``fonts-wqy-microhei`` (5 MB, no bold) works as well."""

_CJK_FONT_FILES = (
    "NotoSansCJK*",
    "NotoSerifCJK*",
    "SourceHanSans*",
    "SourceHanSerif*",
    "wqy-*",
    "uming*",
    "ukai*",
    "DroidSansFallback*",
)
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts"))


class PdfUnavailable(GroupcheckError):
    """The PDF cannot be made on this machine; the message names what to install."""

    def describe(self) -> str:
        return f"cannot write a PDF: {self}"

    def __init__(self, message: str, packages: tuple[str, ...]) -> None:
        super().__init__(message)
        self.packages = packages


def render_bytes(
    result: html.Printable,
    on_missing: Callable[[list[str]], None] | None = None,
    **options: Any,
) -> bytes:
    """The run's report as PDF bytes (the HTML report, printed); see ``html_to_pdf``."""
    return html_to_pdf(html.render(result, **options), on_missing)


def html_to_pdf(document: str, on_missing: Callable[[list[str]], None] | None = None) -> bytes:
    """Print an HTML document (with no external resources) to PDF bytes (``print_html``)."""
    return print_html(document, on_missing).data


@dataclass(frozen=True)
class Printed:
    """A printed PDF and its number of pages (the CLI's one line on success says it)."""

    data: bytes
    pages: int


def print_html(
    document: str,
    on_missing: Callable[[list[str]], None] | None = None,
    on_progress: Callable[[str, int], None] | None = None,
) -> Printed:
    """Print an HTML document (with no external resources) to PDF with WeasyPrint.

    With no Chinese font installed the report would be empty boxes: that is refused
    (``PdfUnavailable``, naming the package). With one installed, a few characters no font has
    (a rare 𠀀 of CJK Extension B, a control character typed into a name) do not cost the whole
    report: they are drawn as boxes, and ``on_missing`` is told which they were.
    ``on_progress(stage, page)`` follows the printer: ``("layout", n)`` as page n is laid out
    (again from 1 when page references make WeasyPrint lay the pages out once more), then
    ``("pdf", pages)`` while the file is written (a progress bar's feed).
    """
    from groupcheck.output import printable

    document = printable(document)
    weasyprint = _import_weasyprint()
    with _missing_glyphs() as missing, _progress(on_progress):
        laid_out = weasyprint.HTML(string=document, base_url=None).render()
        pdf: bytes = laid_out.write_pdf()
    if missing:
        characters = sorted(set(missing))
        if not has_cjk_font():
            raise PdfUnavailable(
                "no installed font has the Chinese characters of this report (for example "
                f"{describe_characters(characters[:12])}); the PDF would show empty boxes. "
                f"Install a CJK font: sudo apt-get install {' '.join(FONT_PACKAGES)}",
                FONT_PACKAGES,
            )
        if on_missing is not None:
            on_missing(characters)
    return Printed(pdf, len(laid_out.pages))


def describe_characters(characters: list[str]) -> str:
    """``U+20000 𠀀, U+0001``: code points, with the character itself where it is printable."""
    return ", ".join(
        f"U+{ord(c):04X} {c}" if len(c) == 1 and c.isprintable() else f"U+{ord(c[:1] or '?'):04X}"
        for c in characters
    )


def _import_weasyprint() -> Any:
    """Import WeasyPrint, turning its library errors into an install instruction."""
    captured = io.StringIO()
    try:
        # WeasyPrint prints a troubleshooting banner on stdout before it re-raises; keep the
        # CLI's stdout clean and say it in our own words instead.
        with contextlib.redirect_stdout(captured):
            import weasyprint  # type: ignore[import-untyped]
    except ImportError:
        raise PdfUnavailable(
            "the Python package weasyprint is not installed; install groupcheck with its "
            "dependencies (pip install -e '.[dev]', or pip install weasyprint)",
            (),
        ) from None
    except OSError as exc:
        packages = LIBRARY_PACKAGES + (() if has_cjk_font() else FONT_PACKAGES)
        raise PdfUnavailable(
            f"the PDF printer (WeasyPrint) cannot load its system libraries ({exc}); "
            f"install them once: sudo apt-get install {' '.join(packages)}",
            packages,
        ) from None
    return weasyprint


@contextlib.contextmanager
def _missing_glyphs() -> Iterator[list[str]]:
    """Collect the characters WeasyPrint drew as ``.notdef`` (no font had them)."""
    found: list[str] = []

    class Listener(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if ".notdef" in message:
                quoted = message.split('"')
                found.append(quoted[1] if len(quoted) > 2 else "?")

    logger = logging.getLogger("weasyprint")
    listener = Listener(level=logging.WARNING)
    logger.addHandler(listener)
    try:
        yield found
    finally:
        logger.removeHandler(listener)


@contextlib.contextmanager
def _progress(on_progress: Callable[[str, int], None] | None) -> Iterator[None]:
    """Feed ``on_progress`` from WeasyPrint's progress log ("Step 5 - Creating layout - Page
    %d", "Step 6 - Creating PDF"), at INFO level for the call only and kept from propagating,
    so no handler of the caller's prints WeasyPrint's steps."""
    if on_progress is None:
        yield
        return
    tell = on_progress
    pages = 0

    class Listener(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            nonlocal pages
            message = str(record.msg)
            if message.startswith("Step 5") and "Page" in message and record.args:
                first = record.args[0] if isinstance(record.args, tuple) else None
                if isinstance(first, int):
                    pages = max(pages, first)
                    tell("layout", first)
            elif message.startswith("Step 6"):
                tell("pdf", pages)

    logger = logging.getLogger("weasyprint.progress")
    listener = Listener(level=logging.INFO)
    level, propagate = logger.level, logger.propagate
    logger.addHandler(listener)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(listener)
        logger.setLevel(level)
        logger.propagate = propagate


def has_cjk_font() -> bool:
    """Whether a font with Chinese glyphs is installed (fontconfig when present, else files)."""
    fc_list = shutil.which("fc-list")
    if fc_list is not None:
        try:
            listed = subprocess.run(
                [fc_list, ":lang=zh", "family"],
                capture_output=True,
                text=True,
                check=False,
                timeout=30,
            )
        except (OSError, subprocess.SubprocessError):
            listed = None
        if listed is not None and listed.returncode == 0:
            return bool(listed.stdout.strip())
    return any(
        glob.glob(os.path.join(folder, "**", pattern), recursive=True)
        for folder in _FONT_DIRS
        for pattern in _CJK_FONT_FILES
    )

"""The printed report's layout, read back from the PDF word by word (issue 16, item 4).

The bundled ``charters/`` are printed once per language (Chinese and English), and one group
with a waiver in ``--detail full`` (the old per-rule tables, the widest); poppler's
``pdftotext -bbox-layout`` gives every word's box on every page, the text of the SVG charts
included (WeasyPrint draws it as PDF text). Two things must hold on every page:

* no word leaves the page's text area: the content box of ``@page`` in report.css across, and
  the page less a printer's unprintable edge (5 mm) down, where the running header and footer
  stand in the margins;
* no two words' boxes overlap (a label printed over its value, a slug over the next column,
  a chart's title over its axis), beyond a fraction of a point.

Each PDF is rendered once per test session, even when pytest-xdist spreads these tests over
several workers: the first worker to need a language renders it under a file lock in the
session's shared temporary folder, the others read that file.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHARTERS = ROOT / "charters"
FULL_GROUP = CHARTERS / "shandong-jinan-shizhong" / "jinan-nanshangshan-group"
"""A group with a waiver (the widest table, seven columns), failures and every evidence table."""
CSS = ROOT / "src" / "groupcheck" / "reporters" / "templates" / "report.css"
AS_OF = "2026-11-24"
MM = 72 / 25.4
TOLERANCE = 0.5
"""Points two boxes may share, or a box may stand past an edge: pdftotext's boxes come from
the fonts' ascent and descent, so touching lines can meet by a hair."""
PRINTER_EDGE = 5 * MM

pytestmark = pytest.mark.slow

FORMAL = {
    "zh": ["--authority", "泰山区人民政府教育督导室", "--number", "泰山督〔2026〕3号",
           "--inspector", "林督学", "--inspector", "王督学", "--rectify-by", "2027-03-31"],
    "en": ["--authority", "Education Inspection Office of Taishan District", "--number",
           "Taishan Insp. [2026] No. 3", "--inspector", "Lin Hua", "--inspector", "Wang Li",
           "--rectify-by", "2027-03-31"],
}  # fmt: skip
"""The issue's own command: every formal part printed, so each is laid out too."""

_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def __str__(self) -> str:
        return (
            f"p{self.page} {self.text!r} "
            f"({self.x0:.1f}, {self.y0:.1f})–({self.x1:.1f}, {self.y1:.1f})"
        )


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]


def page_margins() -> tuple[float, float, float, float]:
    """``@page``'s margin in report.css (top, right, bottom, left) in points."""
    css = CSS.read_text(encoding="utf-8")
    block = re.search(r"@page\s*\{(.*?)\n\}", css, re.S)
    assert block, "report.css has no @page rule"
    margin = re.search(r"^\s*margin:\s*([^;]+);", block.group(1), re.M)
    assert margin, "report.css's @page sets no margin"
    values = [float(v.removesuffix("mm")) * MM for v in margin.group(1).split()]
    while len(values) < 4:
        values.append(values[len(values) - 2] if len(values) >= 2 else values[0])
    top, right, bottom, left = values
    return top, right, bottom, left


def render(variant: str, shared: Path) -> Path:
    """A variant (``zh``, ``en``: the bundled charters; ``zh-full``, ``en-full``: one group with
    a waiver, failures and evidence, ``--detail full``) as a PDF: rendered once per session,
    under a lock."""
    lang, _, detail = variant.partition("-")
    pdf = shared / f"layout-{variant}.pdf"
    with open(shared / f"layout-{variant}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not pdf.exists():
            partial = shared / f"layout-{variant}.partial.pdf"
            what = [str(FULL_GROUP), "--detail", "full"] if detail else [str(CHARTERS)]
            run = subprocess.run(
                [sys.executable, "-m", "groupcheck", "report", *what,
                 "--output", str(partial), "--as-of", AS_OF, "--lang", lang, *FORMAL[lang]],
                cwd=ROOT, capture_output=True, text=True, check=False, timeout=900,
            )  # fmt: skip
            assert run.returncode == 0, run.stderr
            assert partial.read_bytes().startswith(b"%PDF-")
            partial.rename(pdf)
    return pdf


def words_of(pdf: Path) -> list[Page]:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is needed (poppler-utils; python3 tools/test.py installs it)"
    run = subprocess.run(
        [tool, "-bbox-layout", str(pdf), "-"], capture_output=True, check=False, timeout=300
    )
    assert run.returncode == 0, run.stderr
    tree = ET.fromstring(run.stdout)
    pages = []
    for number, page in enumerate(tree.iter(f"{_XHTML}page"), start=1):
        words = tuple(
            Word(
                number,
                word.text or "",
                float(word.attrib["xMin"]),
                float(word.attrib["yMin"]),
                float(word.attrib["xMax"]),
                float(word.attrib["yMax"]),
            )
            for word in page.iter(f"{_XHTML}word")
        )
        pages.append(Page(number, float(page.attrib["width"]), float(page.attrib["height"]), words))
    return pages


def outside(page: Page) -> list[Word]:
    """Words standing out of the text area, or across the edge of the body's box."""
    top, right, bottom, left = page_margins()
    body_top, body_bottom = top, page.height - bottom
    found = []
    for word in page.words:
        across = word.x0 < left - TOLERANCE or word.x1 > page.width - right + TOLERANCE
        down = word.y0 < PRINTER_EDGE or word.y1 > page.height - PRINTER_EDGE
        astride = any(
            word.y0 < edge - TOLERANCE and word.y1 > edge + TOLERANCE
            for edge in (body_top, body_bottom)
        )
        if across or down or astride:
            found.append(word)
    return found


def overlapping(page: Page) -> list[tuple[Word, Word]]:
    """Pairs of words whose boxes share more than ``TOLERANCE`` both across and down."""
    words = sorted(page.words, key=lambda w: w.y0)
    pairs = []
    for index, word in enumerate(words):
        for other in words[index + 1 :]:
            if other.y0 >= word.y1 - TOLERANCE:
                break
            shared_x = min(word.x1, other.x1) - max(word.x0, other.x0)
            shared_y = min(word.y1, other.y1) - max(word.y0, other.y0)
            if shared_x > TOLERANCE and shared_y > TOLERANCE:
                pairs.append((word, other))
    return pairs


@pytest.fixture(scope="module", params=["zh", "en", "zh-full", "en-full"])
def printed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[Page]]:
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    pdf = render(str(request.param), shared)
    return pdf, words_of(pdf)


def test_no_word_leaves_the_text_area(printed: tuple[Path, list[Page]]) -> None:
    _, pages = printed
    assert len(pages) > 1
    stray = [str(word) for page in pages for word in outside(page)]
    assert not stray, "\n".join(stray[:40])


def test_no_two_words_overlap(printed: tuple[Path, list[Page]]) -> None:
    _, pages = printed
    clashes = [f"{a}  ×  {b}" for page in pages for a, b in overlapping(page)]
    assert not clashes, "\n".join(clashes[:40])


def test_the_charts_words_are_read_too(printed: tuple[Path, list[Page]]) -> None:
    """The two checks above see the charts: the years under a cadre chart's bars are words
    (the SVG draws them as 22-23; every table writes 2022-2023)."""
    _, pages = printed
    texts = {word.text for page in pages for word in page.words}
    assert {"22-23", "23-24"} <= texts


def test_charts_draw_chinese_in_the_reports_sc_font(printed: tuple[Path, list[Page]]) -> None:
    """No Japanese CJK font and no second sans font: the charts name the report's font."""
    pdf, _ = printed
    tool = shutil.which("pdffonts")
    assert tool, "pdffonts is needed (poppler-utils)"
    fonts = subprocess.run([tool, str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0].split("+", 1)[-1] for line in fonts.splitlines()[2:]]
    assert any(name.startswith("Noto-Sans-CJK-SC") for name in names), names
    assert not [n for n in names if re.search(r"CJK-(JP|KR|TC|HK)", n)], names
    assert not [n for n in names if n.startswith("DejaVu-Sans") and "Mono" not in n], names


def test_the_checks_catch_a_clash_and_an_overflow() -> None:
    """The two checks themselves, on made-up words: they are not vacuous."""
    _, right, bottom, left = page_margins()
    width, height = 595.28, 841.89
    label = Word(1, "teachers", 368.8, 223.5, 408.7, 238.0)
    value = Word(1, "142", 396.3, 223.5, 412.9, 238.0)
    next_word = Word(1, "school", 412.6, 223.5, 440.0, 238.0)  # touching: 0.3 pt
    below = Word(1, "below", 368.8, 238.2, 400.0, 252.0)
    page = Page(1, width, height, (label, value, below))
    assert overlapping(page) == [(label, value)]
    assert overlapping(Page(1, width, height, (value, next_word, below))) == []
    off = Word(1, "reason", width - right - 5, 300.0, width - right + 20, 314.0)
    cut = Word(1, "foot", left + 10, height - bottom - 5, left + 40, height - bottom + 9)
    header = Word(1, "header", left, 20.0, left + 50, 31.0)
    assert outside(Page(1, width, height, (off, cut, header))) == [off, cut]

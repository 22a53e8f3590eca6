"""Small charts for the audit report as inline SVG, drawn here in Python.

No JavaScript and no external files: the SVG is part of the HTML, so the browser, the printer
and WeasyPrint all draw the same picture. Every text in a chart is escaped; every chart carries
a ``<title>`` and an ``aria-label``, and the report prints the same figures as a table beside
it, so nothing is known only from a picture.

The colours encode verdicts the engine already made (pass, fail, waived, in progress): a chart
never decides anything.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal
from unicodedata import east_asian_width

from markupsafe import Markup

State = Literal["pass", "fail", "waived", "progress", "info"]

COLOURS: dict[str, str] = {
    "pass": "#2e7d4f",
    "fail": "#c0392b",
    "waived": "#d4a017",
    "progress": "#9aa5b1",
    "info": "#5b7db1",
}
INK = "#1f2933"
MUTED = "#616e7c"
GRID = "#d9dee3"
THRESHOLD = "#b03a2e"

FONT_FAMILY = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', "
    "'Microsoft YaHei', 'Noto Sans', sans-serif"
)
"""The report's font stack (``html`` in report.css), named on every chart's root: an SVG text
with no font is drawn in fontconfig's default, which picks Noto Sans CJK **JP** for shared Han
code points such as 值 (Japanese glyph forms in a Chinese report, and a second font embedded).
WeasyPrint does not choose fonts by ``lang``, so the family is what makes the SC forms."""


def _root(width: float, height: float, title: str, lang: str, css_class: str) -> str:
    """The ``<svg>`` start tag: size, accessible name, the report's font and language."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" '
        f'viewBox="0 0 {_fmt(width)} {_fmt(height)}" role="img" aria-label="{escape(title)}" '
        f'preserveAspectRatio="xMinYMin meet" font-family="{FONT_FAMILY}" '
        f'lang="{escape(lang)}" xml:lang="{escape(lang)}">'
    )


def _finish(parts: list[str], lang: str) -> Markup:
    """The chart as markup; each ``<text>`` carries the language too, not only the root (a
    renderer that reads ``lang`` per text, as a screen reader does, needs no inheritance)."""
    return Markup("".join(parts).replace("<text ", f'<text lang="{escape(lang)}" '))


def text_width(text: str, font_size: float, *, bold: bool = False) -> float:
    """A generous estimate of ``text``'s drawn width: a wide (CJK) character is one em, any
    other character 0.6 em (0.64 in bold), above the Latin average of the report's fonts
    (about 0.5 em), so a text measured to fit does fit."""
    narrow = 0.64 if bold else 0.6
    return sum(font_size if east_asian_width(c) in ("W", "F") else font_size * narrow for c in text)


def wrap(text: str, font_size: float, width: float, *, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` (by ``text_width``): broken at spaces, and
    between any two characters of a word too long for a line (Chinese has no spaces)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, font_size, bold=bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
            line = ""
        for char in word:
            if line and text_width(line + char, font_size, bold=bold) > width:
                lines.append(line)
                line = ""
            line += char
    if line or not lines:
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Bar:
    """One bar: its axis label, its value, the verdict it shows and the text printed on it."""

    label: str
    value: float
    state: State
    text: str


def _fmt(value: float) -> str:
    """A coordinate with at most one decimal, so the SVG stays small and diff-stable."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def _nice_axis(value: float, *, integer: bool) -> tuple[float, int]:
    """A round axis top at or above ``value`` and its number of steps (3 to 5).

    Steps are 1, 2, 2.5 or 5 times a power of ten; counts of people get whole steps only.
    """
    value = max(value, 1.0 if integer else 0.0) or 1.0
    best: tuple[float, int] | None = None
    power = 10.0 ** (len(str(int(value))) - 2) if value >= 10 else 0.1
    for scale in (power / 10, power, power * 10, power * 100):
        for step in (1.0, 2.0, 2.5, 5.0):
            size = step * scale
            if integer and (size < 1 or size != int(size)):
                continue
            for steps in (3, 4, 5):
                top = size * steps
                if top >= value and (best is None or top < best[0]):
                    best = (top, steps)
    return best if best is not None else (value, 4)


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    chart_id: str,
    threshold: float | None,
    threshold_text: str,
    axis_text: str = "",
    integer: bool = False,
    lang: str = "zh-CN",
) -> Markup:
    """Vertical bars, one per year, with a dashed threshold line.

    A bar of the year in progress is drawn hatched in grey: it is reported, not judged.
    ``lang`` is the report's language tag (``zh-CN``, ``en``), set on the chart's root.
    """
    width = 380
    left, right, bottom = 40, 40, 34
    # Lines 1.5 em apart: a CJK font's box (ascent + descent) is about 1.45 em tall.
    title_size, title_gap = 11.0, 16.5
    # The title wraps (never clipped by the viewBox): the plot moves down one line per line.
    title_lines = wrap(title, title_size, width - left - 4, bold=True)
    top = 28 + title_gap * (len(title_lines) - 1)
    height = top + 128 + bottom
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([b.value for b in bars] + [threshold or 0.0, 0.0])
    axis_top, steps = _nice_axis(peak * 1.12, integer=integer)
    title_spans = "".join(
        f'<tspan x="{left}" y="{_fmt(16 + title_gap * index)}">{escape(line)}</tspan>'
        for index, line in enumerate(title_lines)
    )
    parts: list[str] = [
        _root(width, height, title, lang, "chart"),
        f"<title>{escape(title)}</title>",
        "<defs>"
        f'<pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#eef1f4"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{COLOURS["progress"]}" stroke-width="3"/>'
        "</pattern></defs>",
        f'<text font-size="{_fmt(title_size)}" fill="{INK}" font-weight="bold">'
        f"{title_spans}</text>",
    ]
    for step in range(steps + 1):
        value = axis_top * step / steps
        y = top + plot_h - plot_h * step / steps
        parts.append(
            f'<line x1="{left}" y1="{_fmt(y)}" x2="{width - right}" y2="{_fmt(y)}" '
            f'stroke="{GRID}" stroke-width="0.8"/>'
        )
        parts.append(
            f'<text x="{left - 5}" y="{_fmt(y + 3.5)}" font-size="9" fill="{MUTED}" '
            f'text-anchor="end">{escape(_axis_number(value))}{escape(axis_text)}</text>'
        )
    if bars:
        slot = plot_w / len(bars)
        bar_w = min(44.0, slot * 0.62)
        for index, bar in enumerate(bars):
            x = left + slot * index + (slot - bar_w) / 2
            bar_h = plot_h * min(bar.value, axis_top) / axis_top
            if bar.state == "progress":
                bar_h = max(bar_h, 3.0)  # an empty year in progress still shows its hatch
            y = top + plot_h - bar_h
            fill = f"url(#{chart_id}-hatch)" if bar.state == "progress" else COLOURS[bar.state]
            parts.append(
                f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(bar_w)}" '
                f'height="{_fmt(max(bar_h, 0.0))}" fill="{fill}" rx="1.5"/>'
            )
            parts.append(
                f'<text x="{_fmt(x + bar_w / 2)}" y="{_fmt(y - 4)}" font-size="9.5" '
                f'fill="{INK}" text-anchor="middle">{escape(bar.text)}</text>'
            )
            parts.append(
                f'<text x="{_fmt(x + bar_w / 2)}" y="{height - bottom + 14}" font-size="9" '
                f'fill="{INK}" text-anchor="middle">{escape(bar.label)}</text>'
            )
    if threshold is not None:
        y = top + plot_h - plot_h * min(threshold, axis_top) / axis_top
        parts.append(
            f'<line x1="{left}" y1="{_fmt(y)}" x2="{width - right}" y2="{_fmt(y)}" '
            f'stroke="{THRESHOLD}" stroke-width="1.4" stroke-dasharray="5 3"/>'
        )
        parts.append(
            f'<text x="{width - right + 4}" y="{_fmt(y + 3)}" font-size="9" fill="{THRESHOLD}" '
            f'text-anchor="start">{escape(threshold_text)}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return _finish(parts, lang)


def _axis_number(value: float) -> str:
    return _fmt(value)


@dataclass(frozen=True)
class RateRow:
    """One rule's results across groups: how many passed, were waived, failed."""

    label: str
    passed: int
    waived: int
    failed: int

    @property
    def total(self) -> int:
        return self.passed + self.waived + self.failed


def rate_chart(rows: Sequence[RateRow], *, title: str, lang: str = "zh-CN") -> Markup:
    """Horizontal stacked bars: the share of groups passing each rule (waived in amber).

    The label column is as wide as the longest label needs (the chart scales to the page), so
    a long English rule name is never cut at the chart's left edge.
    """
    label_size = 9.5
    label_w = max([190.0] + [math.ceil(text_width(row.label, label_size)) + 12.0 for row in rows])
    bar_w, count_w = 390, 70
    row_h, top = 14, 6
    width = label_w + bar_w + count_w
    height = top + row_h * len(rows) + 22
    parts: list[str] = [
        _root(width, height, title, lang, "chart chart-wide"),
        f"<title>{escape(title)}</title>",
    ]
    for step in range(5):
        x = label_w + bar_w * step / 4
        parts.append(
            f'<line x1="{_fmt(x)}" y1="{top - 4}" x2="{_fmt(x)}" y2="{top + row_h * len(rows)}" '
            f'stroke="{GRID}" stroke-width="0.8"/>'
        )
        parts.append(
            f'<text x="{_fmt(x)}" y="{top + row_h * len(rows) + 13}" font-size="9" '
            f'fill="{MUTED}" text-anchor="middle">{step * 25}%</text>'
        )
    for index, row in enumerate(rows):
        y = top + row_h * index
        parts.append(
            f'<text x="{_fmt(label_w - 6)}" y="{y + 10.5}" font-size="9.5" fill="{INK}" '
            f'text-anchor="end">{escape(row.label)}</text>'
        )
        x = label_w
        for count, state in ((row.passed, "pass"), (row.waived, "waived"), (row.failed, "fail")):
            if not count or not row.total:
                continue
            segment = bar_w * count / row.total
            parts.append(
                f'<rect x="{_fmt(x)}" y="{y + 2}" width="{_fmt(segment)}" height="{row_h - 4}" '
                f'fill="{COLOURS[state]}"/>'
            )
            x += segment
        rate = round(100 * row.passed / row.total) if row.total else 0
        parts.append(
            f'<text x="{_fmt(label_w + bar_w + 6)}" y="{y + 10.5}" font-size="9.5" fill="{INK}">'
            f"{rate}%  {row.passed}/{row.total}</text>"
        )
    parts.append("</svg>")
    return _finish(parts, lang)

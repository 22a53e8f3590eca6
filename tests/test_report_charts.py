"""The SVG charts of the printed report: the report's font and language, and no clipped text.

The PDF's fonts and every word's box are checked on the printed report itself
(tests/test_report_layout.py); these are the charts' own promises, on the SVG.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from groupcheck.reporters import charts

SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CSS = "src/groupcheck/reporters/templates/report.css"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def bars() -> list[charts.Bar]:
    return [
        charts.Bar("22-23", 2, "pass", "2"),
        charts.Bar("23-24", 1, "fail", "1"),
        charts.Bar("26-27", 0, "progress", "0"),
    ]


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_every_chart_names_the_reports_font_and_language(lang: str) -> None:
    drawn = [
        charts.bar_chart(
            bars(), title="交流干部人数（阈值 2 人）", chart_id="c", threshold=2,
            threshold_text="≥ 2", lang=lang,
        ),
        charts.rate_chart(
            [charts.RateRow("GC201 干部交流人数", 15, 1, 1)], title="通过率", lang=lang
        ),
    ]  # fmt: skip
    for markup in drawn:
        root = parse(markup)
        assert root.get("lang") == lang and root.get(XML_LANG) == lang
        family = root.get("font-family") or ""
        assert family.startswith("'Noto Sans CJK SC'")
        # the texts inherit the font (none names another) and carry the language themselves
        texts = list(root.iter(f"{SVG}text"))
        assert texts and not [t for t in texts if t.get("font-family")]
        assert {t.get("lang") for t in texts} == {lang}


def test_the_charts_font_stack_is_the_report_css_stack() -> None:
    from pathlib import Path

    css = (Path(__file__).resolve().parent.parent / CSS).read_text(encoding="utf-8")
    stack = re.search(r"^html \{\s*font-family:\s*([^;]+);", css, re.M)
    assert stack
    in_css = [f.strip().strip('"') for f in stack.group(1).split(",")]
    in_svg = [f.strip().strip("'") for f in charts.FONT_FAMILY.split(",")]
    assert in_svg == in_css


def test_a_long_title_wraps_inside_the_chart() -> None:
    title = "Teachers sent in the first year, share of core teachers (threshold 15%)"
    root = parse(
        charts.bar_chart(
            bars(), title=title, chart_id="t", threshold=15, threshold_text="≥ 15%", lang="en"
        )
    )
    width = float((root.get("viewBox") or "").split()[2])
    heading = next(t for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold")
    lines = [span.text or "" for span in heading.iter(f"{SVG}tspan")]
    assert len(lines) == 2 and " ".join(lines) == title
    for span in heading.iter(f"{SVG}tspan"):
        assert (
            float(span.get("x") or 0) + charts.text_width(span.text or "", 11, bold=True) <= width
        )
    ys = [float(span.get("y") or 0) for span in heading.iter(f"{SVG}tspan")]
    assert ys[1] - ys[0] >= 1.45 * 11  # lines do not overlap
    # the plot moved down: the topmost grid line lies below the title's last line
    grid = [line for line in root.iter(f"{SVG}line") if line.get("stroke") == charts.GRID]
    grid_top = min(float(line.get("y1") or 0) for line in grid)
    assert grid_top > ys[-1] + 4


def test_a_short_title_stays_on_one_line() -> None:
    root = parse(
        charts.bar_chart(
            bars(), title="专项经费（万元）", chart_id="f", threshold=None, threshold_text=""
        )
    )
    assert [s.text for s in root.iter(f"{SVG}tspan")] == ["专项经费（万元）"]
    assert root.get("viewBox") == "0 0 380 190"


@pytest.mark.parametrize(
    ("text", "size", "width", "expected"),
    [
        ("abc def", 10, 100, ["abc def"]),
        ("abc def", 10, 20, ["abc", "def"]),
        ("专项经费标准", 10, 30, ["专项经", "费标准"]),
        ("", 10, 30, [""]),
    ],
)
def test_wrap(text: str, size: float, width: float, expected: list[str]) -> None:
    assert charts.wrap(text, size, width) == expected


def test_a_long_rule_name_widens_the_label_column_instead_of_leaving_the_chart() -> None:
    label = "GC999 A very long English rule title that no fixed column holds"
    root = parse(charts.rate_chart([charts.RateRow(label, 1, 0, 1)], title="Pass rate", lang="en"))
    text = next(t for t in root.iter(f"{SVG}text") if t.text == label)
    assert text.get("text-anchor") == "end"
    assert float(text.get("x") or 0) - charts.text_width(label, 9.5) >= 0

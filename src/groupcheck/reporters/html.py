"""``groupcheck report --format html``: the 督导意见书 as one self-contained HTML file.

The document is built in two steps. ``inspection.build`` turns a finished run into a
format-neutral view model (every label already in the report's language, every verdict taken
from the run's findings: a reporter never decides); the jinja2 template
``templates/report.html.j2`` lays it out with autoescape on, so every charter text is
HTML-escaped. CSS and the SVG charts are inline, the fonts are the system's (a CJK stack), and
there is no script: the file opens offline, prints on A4, and is what ``--format pdf`` hands to
WeasyPrint. The docx reporter renders the same view model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, partial
from typing import Any

import jinja2
from markupsafe import Markup

from groupcheck.escaping import markup
from groupcheck.messages import Lang
from groupcheck.reporters import charts
from groupcheck.reporters.inspection import (
    Chart,
    InspectionOptions,
    InspectionReport,
    Printable,
    UnknownGroup,
    anchor_of,
    build,
)

__all__ = ["Printable", "UnknownGroup", "anchor_of", "render", "render_model"]


def render(
    result: Printable,
    *,
    lang: Lang = "zh",
    options: InspectionOptions | None = None,
    inspector: str | None = None,
    groups: Sequence[str] | None = None,
    **_: Any,
) -> str:
    """The run's 督导意见书 as one self-contained HTML document (UTF-8 text).

    ``options`` carries the inspector's additions (``inspection.InspectionOptions``);
    ``inspector`` and ``groups`` are shorthands for a caller that needs only those.
    """
    if options is None:
        options = InspectionOptions(
            inspectors=(inspector,) if inspector else (), groups=tuple(groups or ())
        )
    return render_model(build(result, options, lang))


def render_model(document: InspectionReport) -> str:
    """The view model laid out by the template."""
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            doc=document,
            t=document.labels,
            draw=partial(draw, lang=document.lang_code),
            css=css_text,
        )
    )


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("groupcheck.reporters", "templates"),
        autoescape=True,
        finalize=_shown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _shown(value: Any) -> Any:
    """Every ``{{ value }}`` of the templates: text without raw control characters
    (``escaping.markup``), before autoescape makes it HTML."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return markup(value)
    return value


def draw(chart: Chart, lang: str = "zh-CN") -> Markup:
    """A chart of the view model as inline SVG, its text in the report's language
    (``lang``: ``zh-CN`` or ``en``, the document's ``lang_code``) and font."""
    if chart.kind == "rates":
        return charts.rate_chart(chart.rates, title=chart.title, lang=lang)
    return charts.bar_chart(
        chart.bars,
        title=chart.title,
        chart_id=chart.chart_id,
        threshold=chart.threshold,
        threshold_text=chart.threshold_text,
        axis_text=chart.axis_text,
        integer=chart.integer,
        lang=lang,
    )


def css_text(text: str) -> Markup:
    """A text as a CSS ``content`` value; ``{page}`` and ``{pages}`` become page counters.

    Only the catalog's words and dates go through here (never charter data), and quotes and
    backslashes are escaped, so marking the result safe for the ``<style>`` element is sound.
    """
    out = []
    for piece in re.split(r"(\{page\}|\{pages\})", text):
        if piece == "{page}":
            out.append("counter(page)")
        elif piece == "{pages}":
            out.append("counter(pages)")
        elif piece:
            escaped = piece.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
            out.append(f'"{escaped}"')
    return Markup(" ".join(out))

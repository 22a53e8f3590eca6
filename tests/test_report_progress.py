"""The PDF report's progress bar: pages as WeasyPrint lays them out, on a terminal only."""

from __future__ import annotations

import io
import logging

from groupcheck.progress import PrintBar
from groupcheck.reporters import pdf


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_shows_the_page_being_laid_out_on_a_terminal() -> None:
    stream = Terminal()
    with PrintBar("en", stream=stream, after=0) as bar:
        bar.update("layout", 1)
        bar.update("layout", 7)
        assert "laying out the PDF" in stream.getvalue() and "page 7" in stream.getvalue()
        bar.update("pdf", 7)
        assert "writing the PDF" in stream.getvalue()


def test_the_bar_speaks_chinese_in_a_chinese_report() -> None:
    stream = Terminal()
    with PrintBar("zh", stream=stream, after=0) as bar:
        bar.update("layout", 12)
        assert "正在排版 PDF" in stream.getvalue() and "第12页" in stream.getvalue()


def test_nothing_is_drawn_on_a_pipe_or_before_the_delay() -> None:
    pipe = io.StringIO()
    with PrintBar("en", stream=pipe, after=0) as bar:
        bar.update("layout", 3)
    assert pipe.getvalue() == ""
    terminal = Terminal()
    with PrintBar("en", stream=terminal, after=60) as bar:
        bar.update("layout", 3)
    assert terminal.getvalue() == ""


def test_the_printer_reports_each_page_then_the_writing() -> None:
    pages = "".join(f'<p style="break-after: page">{n}</p>' for n in range(1, 4))
    document = f"<!DOCTYPE html><html><body>{pages}</body></html>"
    events: list[tuple[str, int]] = []
    logger = logging.getLogger("weasyprint.progress")
    before = (logger.level, logger.propagate, list(logger.handlers))
    printed = pdf.print_html(document, on_progress=lambda stage, page: events.append((stage, page)))
    assert printed.pages == 3
    layout = [page for stage, page in events if stage == "layout"]
    assert layout[:3] == [1, 2, 3]
    assert events[-1] == ("pdf", 3)
    assert (logger.level, logger.propagate, list(logger.handlers)) == before

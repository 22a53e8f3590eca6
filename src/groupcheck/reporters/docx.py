"""``groupcheck report --format docx``: the 督导意见书 as an editable Word document.

It renders the very view model the HTML and PDF print (``inspection.InspectionReport``), in the
same order: title and number, the numbered parts, 存在问题, 整改意见, the reply boxes, the
annex, the signature block. An inspector opens it in Word or WPS, adds remarks, prints, signs.

Typesetting as 公文 (GB/T 9704-2012) does it: A4, margins 37 mm top, 35 mm bottom, 28 mm left
and 26 mm right; the body in 仿宋, the title in 宋体 (小标宋 where installed is for the
typist to choose), headings in 黑体; Latin text in Times New Roman. Word picks a run's font per
script, so every style names its East Asian font (``w:eastAsia``) beside the Latin one, and the
font table gives each Chinese font its Windows name as ``w:altName`` (仿宋 → FangSong), which
Word and LibreOffice use when the Chinese name is not installed. The footer holds 第X页 共Y页 as
PAGE and NUMPAGES fields, so the numbers stay right after the inspector's edits.

Charts are not drawn: each chart of the model stands beside a table of the same figures (an
evidence table, or here the pass rates as a table), and a table is what one edits in Word.
Text is passed through ``escaping.markup`` (XML 1.0 has no place for control characters).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from groupcheck.escaping import markup
from groupcheck.reporters.inspection import (
    AnnexGroup,
    Chart,
    Entry,
    EvidenceTable,
    InspectionReport,
    Problem,
    Remedy,
    Verdict,
)

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
ALT_NAMES = {"仿宋": "FangSong", "宋体": "SimSun", "黑体": "SimHei"}
"""The Windows names of the Chinese fonts: the font table's ``w:altName``, the fallback a word
processor uses when the Chinese name is not installed."""

MARGINS_MM = (37, 35, 28, 26)
"""Top, bottom, left, right: the 公文 page of GB/T 9704-2012 (版心 156 mm × 225 mm)."""

SEAL_MM = 42
"""A county-level administrative body's seal is 42 mm across."""

INK = RGBColor(0x1F, 0x29, 0x33)
MUTED = RGBColor(0x61, 0x6E, 0x7C)
STATE_COLOURS = {
    "pass": RGBColor(0x2E, 0x7D, 0x4F),
    "fail": RGBColor(0xC0, 0x39, 0x2B),
    "waived": RGBColor(0x8A, 0x65, 0x08),
    "unverifiable": RGBColor(0xC0, 0x39, 0x2B),
}
HEADER_FILL = "F3F5F7"


def render_bytes(model: InspectionReport) -> bytes:
    """The report as the bytes of a .docx file."""
    out = io.BytesIO()
    render(model).save(out)
    return out.getvalue()


def render(model: InspectionReport) -> DocxDocument:
    """The report as a python-docx ``Document`` (to save, or to read back in a test)."""
    document = Document()
    _page(document, model)
    _styles(document, model)
    _font_table(document)
    writer = _Writer(document, model)
    writer.write()
    properties = document.core_properties
    properties.title = _text(model.title)
    properties.language = model.lang_code
    properties.author = _text(model.author) or "groupcheck"
    properties.comments = ""
    return document


# ---------------------------------------------------------------------------------------------
# Page, styles and fonts


def _page(document: DocxDocument, model: InspectionReport) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance, section.footer_distance = Mm(15), Mm(20)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(header, model.header, size=9, colour=MUTED)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_numbers(footer, model.footer)


def _page_numbers(paragraph: Paragraph, text: str) -> None:
    """``第{page}页 共{pages}页`` with the placeholders as PAGE and NUMPAGES fields."""
    for piece in re.split(r"(\{page\}|\{pages\})", text):
        if piece == "{page}":
            _field(paragraph, "PAGE")
        elif piece == "{pages}":
            _field(paragraph, "NUMPAGES")
        elif piece:
            _run(paragraph, piece, size=10.5)


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A complex field (begin, instruction, separator, a placeholder result, end)."""
    run = paragraph.add_run()
    _set_fonts(run._r.get_or_add_rPr(), BODY_FONT, LATIN_FONT)
    run.font.size = Pt(10.5)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    result = OxmlElement("w:t")
    result.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, result, end):
        run._r.append(element)


def _styles(document: DocxDocument, model: InspectionReport) -> None:
    """Normal, Title and Heading 1–4 in the report's fonts and sizes, black, not theme blue."""
    lang = model.lang_code
    sizes = {
        "Normal": (BODY_FONT, 12.0, False),
        "Title": (TITLE_FONT, 22.0, True),
        "Heading 1": (HEADING_FONT, 16.0, False),
        "Heading 2": (HEADING_FONT, 14.0, False),
        "Heading 3": (HEADING_FONT, 12.0, False),
        "Heading 4": (HEADING_FONT, 12.0, False),
    }
    for name, (east_asian, size, bold) in sizes.items():
        style = document.styles[name]
        assert isinstance(style, ParagraphStyle)
        style.font.name = LATIN_FONT
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = INK
        rpr = style.element.get_or_add_rPr()
        _set_fonts(rpr, east_asian, LATIN_FONT)
        language = rpr.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            rpr.append(language)
        language.set(qn("w:val"), lang)
        language.set(qn("w:eastAsia"), "zh-CN")
        paragraph = style.paragraph_format
        paragraph.space_after = Pt(6 if name == "Normal" else 8)
        paragraph.space_before = Pt(0 if name in ("Normal", "Title") else 10)
        if name != "Normal":
            paragraph.keep_with_next = True
    title = document.styles["Title"]
    assert isinstance(title, ParagraphStyle)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The default template draws a blue rule under the title: a 公文 title has none.
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _set_fonts(rpr: BaseOxmlElement, east_asian: str, latin: str) -> None:
    """``w:rFonts`` with the Latin font for ASCII and other scripts, ``east_asian`` for CJK
    (the theme's fonts, which would override them, removed)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _font_table(document: DocxDocument) -> None:
    """Declare the Chinese fonts with their Windows names (``w:altName``) and the GB2312
    character set, so a machine without the Chinese name substitutes the right face."""
    part = document.part
    font_part = next(
        (rel.target_part for rel in part.rels.values() if rel.reltype.endswith("/fontTable")),
        None,
    )
    if font_part is None:
        return
    root = parse_xml(font_part.blob)
    for name, alternative in ALT_NAMES.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt = OxmlElement("w:altName")
        alt.set(qn("w:val"), alternative)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        family = OxmlElement("w:family")
        family.set(qn("w:val"), "modern" if name != "黑体" else "swiss")
        pitch = OxmlElement("w:pitch")
        pitch.set(qn("w:val"), "fixed" if name != "黑体" else "variable")
        for child in (alt, charset, family, pitch):
            font.append(child)
        root.append(font)
    font_part._blob = serialize_part_xml(root)


# ---------------------------------------------------------------------------------------------
# Text


def _text(value: str) -> str:
    return markup(value)


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    colour: RGBColor | None = None,
    font: str | None = None,
) -> None:
    if not text:
        return
    run = paragraph.add_run(_text(text))
    run.bold = bold or None
    if size is not None:
        run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour
    if font is not None:
        _set_fonts(run._r.get_or_add_rPr(), font, LATIN_FONT)


class _Writer:
    """Writes the model's parts into the document, in the order of the HTML template."""

    def __init__(self, document: DocxDocument, model: InspectionReport) -> None:
        self.doc = document
        self.model = model
        self.t = model.labels
        self.zh = model.lang == "zh"
        # Styles looked up once: python-docx finds a style by name with an XPath query over the
        # styles part on every paragraph, a third of the time of a 200-group report.
        self.styles = {
            name: document.styles[name]
            for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Table Grid")
        }

    def write(self) -> None:
        self.title()
        self.particulars()
        self.basis()
        self.method()
        self.overview()
        self.problems()
        self.remedies()
        self.replies()
        self.annex()
        self.signature()

    # -- small pieces -------------------------------------------------------------------------

    def para(self, text: str = "", *, style: str | None = None, size: float | None = None,
             colour: RGBColor | None = None, bold: bool = False) -> Paragraph:  # fmt: skip
        paragraph: Paragraph = self.doc.add_paragraph(
            style=self.styles[style] if style is not None else None
        )
        _run(paragraph, text, size=size, colour=colour, bold=bold)
        return paragraph

    def heading(self, text: str, level: int) -> Paragraph:
        heading: Paragraph = self.doc.add_paragraph(
            _text(text), style=self.styles[f"Heading {level}"]
        )
        return heading

    def ids(self, *parts: str) -> Paragraph:
        """The small gray line of ids (rule, group id, file and line)."""
        paragraph = self.para(" ".join(p for p in parts if p), size=9, colour=MUTED)
        paragraph.paragraph_format.space_after = Pt(3)
        return paragraph

    def verdict(self, paragraph: Paragraph, verdict: Verdict, size: float | None = None) -> None:
        _run(
            paragraph,
            verdict.text,
            bold=True,
            size=size,
            colour=STATE_COLOURS.get(verdict.state, MUTED),
        )

    def colon(self) -> str:
        return self.t["colon"]

    def table(
        self, headings: Sequence[str], rows: Sequence[Sequence[str | Verdict]],
        widths: Sequence[float] | None = None,
    ) -> Table:  # fmt: skip
        """A grid with a repeated, shaded header row; a ``Verdict`` cell is its coloured word."""
        table: Table = self.doc.add_table(rows=1 + len(rows), cols=len(headings))
        table.style = self.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        _repeat_header(header._tr)
        for cell, heading in zip(header.cells, headings, strict=True):
            _shade(cell, HEADER_FILL)
            _cell_text(cell, heading, bold=True)
        for values, table_row in zip(rows, table.rows[1:], strict=True):
            for cell, value in zip(table_row.cells, values, strict=True):
                if isinstance(value, Verdict):
                    paragraph = cell.paragraphs[0]
                    self.verdict(paragraph, value, size=10.5)
                else:
                    _cell_text(cell, value)
        if widths:
            total = sum(widths)
            usable = 210 - MARGINS_MM[2] - MARGINS_MM[3]
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=True):
                    cell.width = Mm(usable * width / total)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)
        return table

    def entries(self, entries: Sequence[Entry]) -> Table:
        """Label and value; an empty value is a line to fill by hand (a bottom border)."""
        table: Table = self.doc.add_table(rows=len(entries), cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        usable = 210 - MARGINS_MM[2] - MARGINS_MM[3]
        for entry, row in zip(entries, table.rows, strict=True):
            cells = row.cells
            _cell_text(cells[0], entry.label, colour=MUTED)
            _cell_text(cells[1], entry.value)
            _bottom_border(cells[1])
            cells[0].width, cells[1].width = Mm(usable * 0.3), Mm(usable * 0.7)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)
        return table

    # -- the parts ----------------------------------------------------------------------------

    def title(self) -> None:
        self.doc.add_paragraph(_text(self.model.title), style=self.styles["Title"])
        number = self.para(style=None)
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(number, f"{self.model.number.label}{self.colon()}")
        _run(number, self.model.number.value or "_" * 16)

    def particulars(self) -> None:
        self.heading(self.model.headings.particulars, 1)
        self.entries(self.model.particulars)

    def basis(self) -> None:
        self.heading(self.model.headings.basis, 1)
        for section in self.model.basis:
            if section.heading:
                self.heading(section.heading, 3)
            for item in section.items:
                self.para(f"[{item.number}] {item.text}")

    def method(self) -> None:
        self.heading(self.model.headings.method, 1)
        for text in self.model.method:
            self.body(text)

    def body(self, text: str) -> Paragraph:
        """A body paragraph, indented two characters as a 公文 paragraph is."""
        paragraph = self.para(text)
        if self.zh:
            paragraph.paragraph_format.first_line_indent = Pt(24)
        return paragraph

    def overview(self) -> None:
        overview = self.model.overview
        t = self.t
        self.heading(self.model.headings.overview, 1)
        self.verdict(self.para(), overview.verdict, size=13)
        for text in overview.paragraphs:
            self.body(text)
        if len(overview.by_jurisdiction) > 1 or len(overview.groups) != 1:
            self.table(
                [t["jurisdiction"], t["groups_count"], t["passed_count"], t["failed_count"],
                 t["unverifiable_count"], t["rate_col"]],
                [[j.name, str(j.groups), str(j.passed), str(j.failed), str(j.unverifiable), j.rate]
                 for j in overview.by_jurisdiction],
                widths=(38, 12, 12, 12, 14, 12),
            )  # fmt: skip
        self.table(
            [t["group"], t["jurisdiction"], t["status"], t["problems_col"]],
            [[f"{g.name}\n{g.group_id}", g.jurisdiction, g.verdict, g.problems]
             for g in overview.groups],
            widths=(36, 22, 16, 26),
        )  # fmt: skip
        if overview.rate_chart is not None:
            self.heading(t["pass_rate_chart"], 3)
            self.para(t["pass_rate_note"], size=10, colour=MUTED)
            self.rates(overview.rate_chart)

    def rates(self, chart: Chart) -> None:
        """The pass-rate chart as the table of its figures."""
        t = self.t
        self.table(
            [t["rule"], t["passed_count"], self.model.legend[2].text, t["failed_count"],
             t["rate_col"]],
            [[row.label, str(row.passed), str(row.waived), str(row.failed),
              f"{round(100 * row.passed / row.total) if row.total else 0}%"]
             for row in chart.rates],
            widths=(44, 14, 14, 14, 14),
        )  # fmt: skip

    def statement(self, title: str, year: str, text: str, number: int | None = None) -> None:
        """``1. 标题：2023-2024学年，text`` as the template words a problem or a waiver."""
        paragraph = self.para()
        if number is not None:
            _run(paragraph, f"{number}. ")
        _run(paragraph, title, bold=True)
        _run(paragraph, self.colon())
        if year:
            _run(paragraph, year + ("，" if self.zh else ": "))
        _run(paragraph, text)
        paragraph.paragraph_format.space_after = Pt(1)

    def problem_list(self, problems: Sequence[Problem]) -> None:
        for problem in problems:
            self.statement(problem.title, problem.year, problem.text, problem.number)
            self.ids(problem.basis, problem.rule, problem.where)

    def problems(self) -> None:
        t = self.t
        self.heading(self.model.headings.problems, 1)
        if not self.model.problems and not self.model.run_problems:
            self.body(self.model.no_problems)
        for group in self.model.problems:
            heading = self.heading(f"{group.name} ", 2)
            self.verdict(heading, group.verdict)
            self.ids(group.group_id)
            if group.note:
                self.para(group.note, bold=True)
            self.problem_list(group.problems)
            if group.notices:
                self.heading(t["notices_heading"], 3)
                self.problem_list(group.notices)
            if group.waived:
                self.heading(t["waived_heading"], 3)
                for waived in group.waived:
                    self.statement(waived.title, waived.year, waived.text)
                    self.para(waived.approval, size=10.5, colour=STATE_COLOURS["waived"])
                    self.ids(waived.rule)
            if group.unchecked:
                self.heading(t["unchecked_heading"], 3)
                for unchecked in group.unchecked:
                    paragraph = self.para()
                    _run(paragraph, f"{unchecked.title}{self.colon()}{unchecked.reason} ")
                    _run(paragraph, unchecked.rule, size=9, colour=MUTED)
        if self.model.run_problems:
            self.heading(self.model.headings.run_problems, 2)
            self.problem_list(self.model.run_problems)

    def remedies(self) -> None:
        self.heading(self.model.headings.remedies, 1)
        self.body(self.model.remedies_note)
        for group in self.model.remedies:
            self.heading(group.name, 2)
            self.remedy_list(group.items)
            self.body(group.deadline)
        if self.model.run_remedies:
            self.heading(self.model.headings.run_problems, 2)
            self.remedy_list(self.model.run_remedies)

    def remedy_list(self, items: Sequence[Remedy]) -> None:
        for item in items:
            paragraph = self.para()
            _run(paragraph, f"{item.number}. ")
            _run(paragraph, item.problem, bold=True)
            _run(paragraph, f"{self.colon()}{item.measure}")

    def replies(self) -> None:
        if not self.model.replies:
            return
        self.heading(self.model.headings.replies, 1)
        for reply in self.model.replies:
            self.heading(reply.heading, 2)
            self.para(self.t["reply_prompt"], size=10, colour=MUTED)
            box = self.doc.add_table(rows=1, cols=1)
            box.style = self.styles["Table Grid"]
            _row_height(box.rows[0], Mm(45))
            _keep_row(box.rows[0], with_next=True)
            _cell_text(box.rows[0].cells[0], "")
            lines = self.doc.add_table(rows=2, cols=3)
            _cell_text(lines.rows[0].cells[0], reply.signature)
            _bottom_border(lines.rows[0].cells[1])
            _cell_text(lines.rows[0].cells[2], reply.seal, colour=MUTED)
            _cell_text(lines.rows[1].cells[0], reply.date)
            _bottom_border(lines.rows[1].cells[1])
            for index, row in enumerate(lines.rows):
                _row_height(row, Mm(12))
                _keep_row(row, with_next=index == 0)
            self.doc.add_paragraph()

    def annex(self) -> None:
        t = self.t
        heading = self.heading(self.model.headings.annex, 1)
        heading.paragraph_format.page_break_before = True
        self.para(self.model.annex_note, size=10, colour=MUTED)
        if self.model.annex:
            legend = self.para(f"{t['legend']}{self.colon()}", size=10, colour=MUTED)
            for index, verdict in enumerate(self.model.legend):
                if index:
                    _run(legend, "  ", size=10)
                self.verdict(legend, verdict, size=10)
        for number, group in enumerate(self.model.annex):
            if self.model.detail == "full" and number:
                self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            self.annex_group(group)

    def annex_group(self, group: AnnexGroup) -> None:
        t = self.t
        self.heading(f"{group.number}. {group.name}", 2)
        self.ids(group.group_id)
        status = self.para()
        _run(status, f"{t['status']}{self.colon()}")
        self.verdict(status, group.verdict)
        if group.note:
            self.para(group.note, bold=True)
        if group.key_figures:
            self.entries(group.key_figures)
        if group.identity:
            self.heading(t["identity"], 3)
            self.entries(group.identity)
        if group.schools:
            self.heading(t["schools"], 3)
            self.table(
                [t["school"], t["kind"], t["relation"], t["joined"], t["left"],
                 t["member_state"]],
                [[f"{s.name}\n{s.school_id}", s.kind, s.relation, s.joined, s.left, s.state]
                 for s in group.schools],
                widths=(32, 12, 11, 15, 15, 15),
            )  # fmt: skip
        if group.rules:
            self.heading(t["compliance"], 3)
            self.table(
                [t["rules_not_met"], t["result"], t["clause"]],
                [[f"{r.title}\n{r.summary}\n{r.rule}", r.verdict, "\n".join(
                    x for x in (r.years, r.clause, r.source) if x)] for r in group.rules],
                widths=(40, 18, 42),
            )  # fmt: skip
        if group.rest:
            self.body(group.rest)
        for index, table in enumerate(group.evidence):
            if index == 0:
                self.heading(t["evidence"], 3)
                self.para(t["evidence_note"], size=10, colour=MUTED)
            self.evidence(table)
        if group.waivers:
            self.heading(t["waivers"], 3)
            self.table(
                [t["rule"], t["waiver_year"], t["waiver_reason"], t["approver"],
                 t["document_no"], t["expires"], t["status"]],
                [[w.rule, w.year, w.reason, w.approver, w.document_no, w.expires, w.state]
                 for w in group.waivers],
                widths=(10, 12, 26, 16, 14, 12, 10),
            )  # fmt: skip
        if group.findings:
            self.heading(t["findings"], 3)
            self.table(
                [t["rule"], t["severity"], t["year"], t["message"]],
                [[f"{f.title}\n{f.rule} {f.location}".strip(), f.severity, f.year,
                  f"{f.message}\n{f.waived}".strip()] for f in group.findings],
                widths=(26, 12, 14, 48),
            )  # fmt: skip

    def evidence(self, table: EvidenceTable) -> None:
        t = self.t
        self.heading(table.title, 4)
        if table.note:
            self.para(table.note, size=10, colour=MUTED)
        if not table.rows:
            self.para(t["no_years"], colour=MUTED)
            return
        first = 58 - 14 * (len(table.headings) - 1)
        rest = [14.0] * (len(table.headings) - 1)
        self.table(
            [t["year"], t["year_state"], *table.headings, t["result"]],
            [[row.year, row.judged.text, *row.cells, row.verdict] for row in table.rows],
            widths=(15, 11, first, *rest, 12),
        )

    def signature(self) -> None:
        """The signature block, never alone on a page: the annex's last lines keep with its
        heading, the heading with the table, and each row of the table with the next."""
        signature = self.model.signature
        self._keep_last_with_next()
        self.heading(self.model.headings.signature, 1)
        rows = max(len(signature.entries), 1)
        table = self.doc.add_table(rows=rows, cols=3)
        usable = 210 - MARGINS_MM[2] - MARGINS_MM[3]
        for row, entry in zip(table.rows, signature.entries, strict=False):
            _cell_text(row.cells[0], entry.label)
            _cell_text(row.cells[1], entry.value)
            _bottom_border(row.cells[1])
            _row_height(row, Mm(12))
        seal_cell = table.cell(0, 2).merge(table.cell(rows - 1, 2))
        for text in signature.seals:
            paragraph = seal_cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_before = Pt(30)
            paragraph.paragraph_format.space_after = Pt(30)
            _run(paragraph, text, colour=MUTED)
        for index, row in enumerate(table.rows):
            _keep_row(row, with_next=index < rows - 1)
            row.cells[0].width = Mm(30)
            row.cells[1].width = Mm(usable - 30 - SEAL_MM - 8)
        seal_cell.width = Mm(SEAL_MM + 8)

    def _keep_last_with_next(self) -> None:
        """The last lines before the signature keep with it: the trailing paragraphs, and the
        last row of a table that ends the annex."""
        body = self.doc.element.body
        for element in reversed(list(body.iterchildren())):
            if element.tag == qn("w:sectPr"):
                continue
            if element.tag == qn("w:tbl"):
                table = Table(element, self.doc)
                _keep_row(table.rows[-1], with_next=True)
                break
            if element.tag == qn("w:p"):
                paragraph = Paragraph(element, self.doc)
                paragraph.paragraph_format.keep_with_next = True
                if paragraph.text.strip():
                    break


# ---------------------------------------------------------------------------------------------
# Table cells


def _cell_text(
    cell: _Cell, text: str, *, bold: bool = False, colour: RGBColor | None = None
) -> None:
    """A cell's text, one paragraph per line; a second line (an id, a summary) smaller."""
    lines = text.split("\n") if text else [""]
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        if index == 0:
            _run(paragraph, line, bold=bold, size=10.5, colour=colour)
        else:
            _run(paragraph, line, size=9, colour=MUTED)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _bottom_border(cell: _Cell) -> None:
    """A line under the cell: where a name, a date or a reply is written by hand."""
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    cell._tc.get_or_add_tcPr().append(borders)


def _repeat_header(tr: CT_Row) -> None:
    """The header row repeats on every page the table runs onto."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr.get_or_add_trPr().append(header)


def _keep_row(row: _Row, *, with_next: bool) -> None:
    """A row never split over two pages (``w:cantSplit``); ``with_next``: kept on the page of
    the row after it, as Word keeps a table's rows together (its paragraphs keep with next)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    if with_next:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _row_height(row: _Row, height: Length) -> None:
    row.height = height
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST

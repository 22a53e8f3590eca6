"""``groupcheck report --format docx``: the 督导意见书 as Word, read back with python-docx.

The document renders the same view model as the HTML and PDF (``inspection.build``), so the
tests compare what Word would show with that model: the headings in the model's order, the
tables, every problem of 存在问题 with its number, the reply boxes, the signature; and the
typesetting an inspector's Word or WPS needs (A4, 公文 margins, East Asian fonts named,
第X页 共Y页 as fields). Converting to PDF with LibreOffice is benchmarks/docx_to_pdf.py's,
where LibreOffice is installed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Mm

import groupcheck
from groupcheck.reporters import docx as docx_reporter
from groupcheck.reporters import inspection
from groupcheck.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CHARTERS = ROOT / "charters"
AS_OF = dt.date(2026, 11, 24)
OPTIONS = inspection.InspectionOptions(
    authority="泰山区人民政府教育督导室",
    number="泰山督〔2026〕3号",
    inspectors=("林督学", "王督学"),
    rectify_by=dt.date(2027, 3, 31),
)


@pytest.fixture(scope="module")
def result() -> groupcheck.RunResult:
    return groupcheck.run(Settings(paths=(str(CHARTERS),), as_of=AS_OF))


@pytest.fixture(scope="module", params=["zh", "en"])
def rendered(
    request: pytest.FixtureRequest, result: groupcheck.RunResult
) -> tuple[inspection.InspectionReport, DocxDocument, bytes]:
    model = inspection.build(result, OPTIONS, request.param)
    data = docx_reporter.render_bytes(model)
    return model, Document(io.BytesIO(data)), data


def headings(document: DocxDocument) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith(("Title", "Heading"))
    ]


def test_headings_follow_the_model_in_order(
    rendered: tuple[inspection.InspectionReport, DocxDocument, bytes],
) -> None:
    model, document, _ = rendered
    found = headings(document)
    assert found[0] == ("Title", model.title)
    h = model.headings
    parts = [h.particulars, h.basis, h.method, h.overview, h.problems, h.remedies]
    parts += [h.replies] if model.replies else []
    parts += [h.annex, h.signature]
    assert [text for style, text in found if style == "Heading 1"] == parts
    annex = [text for style, text in found if style == "Heading 2" and text[:1].isdigit()]
    assert annex == [f"{a.number}. {a.name}" for a in model.annex]


def test_every_problem_is_listed_with_its_number_under_its_group(
    rendered: tuple[inspection.InspectionReport, DocxDocument, bytes],
) -> None:
    model, document, _ = rendered
    texts = [p.text for p in document.paragraphs]
    start = texts.index(model.headings.problems)
    end = texts.index(model.headings.remedies)
    section = texts[start + 1 : end]  # below the part's own numbered heading
    problems = [problem for group in model.problems for problem in group.problems]
    assert problems  # every bundled group fails GC107
    position = 0
    for group in model.problems:
        position = next(
            i for i in range(position, len(section)) if section[i].startswith(group.name)
        )
        for problem in group.problems:
            line = next(
                i
                for i in range(position, len(section))
                if section[i].startswith(f"{problem.number}. ")
            )
            assert problem.title in section[line] and problem.text in section[line]
            position = line
    assert [int(m.group(1)) for t in section if (m := re.match(r"(\d+)\. ", t))] == list(
        range(1, len(problems) + 1)
    )  # fmt: skip


def test_remedies_and_deadline_and_reply_boxes(
    rendered: tuple[inspection.InspectionReport, DocxDocument, bytes],
) -> None:
    model, document, _ = rendered
    texts = [p.text for p in document.paragraphs]
    for group in model.remedies:
        assert group.deadline in texts
        for item in group.items:
            assert any(t.startswith(f"{item.number}. ") and item.measure in t for t in texts)
    replies = [
        text for style, text in headings(document) if text in {r.heading for r in model.replies}
    ]
    assert replies == [r.heading for r in model.replies] and len(replies) == 17
    # each reply box is a one-cell table at least 45 mm high, followed by signature lines
    boxes = [t for t in document.tables if len(t.rows) == 1 and len(t.columns) == 1]
    assert len(boxes) == len(model.replies)
    assert all(box.rows[0].height is not None and box.rows[0].height >= Mm(44.9) for box in boxes)


def cells(document: DocxDocument) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]


def test_tables_hold_the_particulars_the_groups_and_the_evidence(
    rendered: tuple[inspection.InspectionReport, DocxDocument, bytes],
) -> None:
    model, document, _ = rendered
    tables = cells(document)
    particulars = next(t for t in tables if t[0][0] == model.particulars[0].label)
    assert [row[0] for row in particulars] == [e.label for e in model.particulars]
    assert [row[1] for row in particulars] == [e.value for e in model.particulars]
    assert any("泰山区人民政府教育督导室" in row[1] for row in particulars)
    groups = next(t for t in tables if t[0][0] == model.labels["group"] and len(t) == 18)
    assert [row[0].split("\n")[-1] for row in groups[1:]] == [
        g.group_id for g in model.overview.groups
    ]
    assert [row[2] for row in groups[1:]] == [g.verdict.text for g in model.overview.groups]
    evidence = [e for a in model.annex for e in a.evidence if e.rows]
    for table in evidence:
        rows = next(
            t for t in tables
            if t[0][0] == model.labels["year"] and t[0][2:-1] == list(table.headings)
            and [r[0] for r in t[1:]] == [y.year for y in table.rows]
        )  # fmt: skip
        assert [r[-1] for r in rows[1:]] == [y.verdict.text for y in table.rows]
    # the header row of every grid repeats on each page
    grids = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    assert grids
    for table in grids:
        if len(table.columns) > 1:
            assert table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None


def test_signature_block_names_the_team_and_keeps_with_the_text_before(
    rendered: tuple[inspection.InspectionReport, DocxDocument, bytes],
) -> None:
    model, document, _ = rendered
    body = list(document.element.body.iterchildren())
    last_table = document.tables[-1]
    assert body[-2] is last_table._tbl  # the signature table ends the document (then sectPr)
    rows = [[c.text for c in row.cells] for row in last_table.rows]
    assert [r[0] for r in rows] == [e.label for e in model.signature.entries]
    assert "林督学" in rows[0][1] and "王督学" in rows[1][1]
    assert all(seal in rows[0][2] for seal in model.signature.seals)
    heading = document.paragraphs[-1]
    assert heading.text == model.headings.signature
    assert heading.paragraph_format.keep_with_next or heading.style.paragraph_format.keep_with_next
    before = [p for p in document.paragraphs[:-1] if p.text.strip()][-1]
    assert before.paragraph_format.keep_with_next
    for row in last_table.rows[:-1]:
        assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)


def east_asian(element: object) -> str | None:
    fonts = element.find(qn("w:rPr")).find(qn("w:rFonts"))  # type: ignore[attr-defined]
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_east_asian_fonts_are_set_with_their_windows_names(
    rendered: tuple[inspection.InspectionReport, DocxDocument, bytes],
) -> None:
    _, document, data = rendered
    styles = document.styles
    assert east_asian(styles["Normal"].element) == "仿宋"
    assert east_asian(styles["Title"].element) == "宋体"
    for level in range(1, 5):
        assert east_asian(styles[f"Heading {level}"].element) == "黑体"
    for name in ("Normal", "Title", "Heading 1"):
        fonts = styles[name].element.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:ascii")) == "Times New Roman"
        assert fonts.get(qn("w:eastAsiaTheme")) is None  # the theme's font would win
    # no run names another East Asian font
    runs = document.element.body.iter(qn("w:r"))
    named = {f.get(qn("w:eastAsia")) for r in runs for f in r.iter(qn("w:rFonts"))}
    assert named <= {None, "仿宋", "宋体", "黑体"}
    table = zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml").decode()
    for name, alternative in (("仿宋", "FangSong"), ("宋体", "SimSun"), ("黑体", "SimHei")):
        assert re.search(
            rf'<w:font w:name="{name}"><w:altName w:val="{alternative}"/>'
            r'<w:charset w:val="86"/>', table
        )  # fmt: skip


def test_a4_gongwen_margins_and_page_x_of_y_fields(
    rendered: tuple[inspection.InspectionReport, DocxDocument, bytes],
) -> None:
    model, document, _ = rendered
    section = document.sections[0]
    sizes = (section.page_width, section.page_height)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(length.mm, 1) for length in (*sizes, *margins)] == [210, 297, 37, 35, 28, 26]
    footer = section.footer.paragraphs[0]._p
    codes = [code.text.strip() for code in footer.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    words = "".join(t.text for t in footer.iter(qn("w:t")))
    page, pages = (
        model.footer.split("{page}")[0],
        model.footer.split("{page}")[1].split("{pages}")[0],
    )
    assert words.startswith(page) and pages in words
    if model.lang == "zh":
        assert model.footer == "第{page}页 共{pages}页"
    assert section.header.paragraphs[0].text == model.header
    assert document.core_properties.title == model.title


def test_the_english_document_is_english(
    rendered: tuple[inspection.InspectionReport, DocxDocument, bytes],
) -> None:
    model, document, _ = rendered
    found = [text for style, text in headings(document) if style == "Heading 1"]
    if model.lang == "en":
        assert found[0] == "1. The inspection"
        assert not any(re.search(r"[一二三四五六七]、", text) for text in found)
    else:
        assert found[0] == "一、督导检查基本情况"


def test_control_characters_in_data_do_not_break_the_document(tmp_path: Path) -> None:
    source = CHARTERS / "hunan-chenzhou" / "chenzhou-no1-middle-group" / "charter.yaml"
    (tmp_path / "g").mkdir()
    text = source.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name: "))
    (tmp_path / "g" / "charter.yaml").write_text(
        text.replace(name, 'name: "郴州\\x01集团\\x1b[31m"', 1), encoding="utf-8"
    )
    run = groupcheck.run(Settings(paths=(str(tmp_path),), as_of=AS_OF))
    data = docx_reporter.render_bytes(inspection.build(run, None, "zh"))
    document = Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "郴州\\x01集团\\x1b[31m督导意见书"


def report(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "groupcheck", "report", *args],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip


@pytest.mark.parametrize("how", [["--format", "docx"], []])
def test_the_cli_writes_docx_by_flag_or_suffix(tmp_path: Path, how: list[str]) -> None:
    out = tmp_path / ("audit.docx" if not how else "audit.out")
    group = CHARTERS / "shandong-taian-taishan" / "taian-no6-group"
    run = report(
        str(group), "-o", str(out), "--as-of", AS_OF.isoformat(), *how,
        "--authority", "泰山区人民政府教育督导室", "--inspector", "林督学",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert str(out) in run.stderr and run.stdout == ""
    document = Document(str(out))
    assert document.paragraphs[0].text == "泰安第六中学教育集团督导意见书"
    assert any(
        "泰山区人民政府教育督导室" in c.text
        for t in document.tables
        for r in t.rows
        for c in r.cells
    )


def test_a_problem_of_no_group_has_its_remedy_in_the_document(tmp_path: Path) -> None:
    group = CHARTERS / "shandong-taian-taishan" / "taian-dongyue-middle-group"
    shutil.copytree(group, tmp_path / group.name)
    (tmp_path / "stray").mkdir()
    shutil.copy(group / "rotations.yaml", tmp_path / "stray" / "rotations.yaml")
    run = groupcheck.run(Settings(paths=(str(tmp_path),), as_of=AS_OF))
    model = inspection.build(run, None, "zh")
    [remedy] = model.run_remedies
    texts = [p.text for p in Document(io.BytesIO(docx_reporter.render_bytes(model))).paragraphs]
    remedies = texts[texts.index(model.headings.remedies) :]
    heading = remedies.index(model.headings.run_problems)
    assert remedies[heading + 1] == f"{remedy.number}. {remedy.problem}：{remedy.measure}"

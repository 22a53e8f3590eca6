"""``groupcheck report --format pdf``: the printout read back with poppler, as a person would.

``pdftotext`` alone is not enough: it extracts Chinese text even from a PDF whose glyphs are
empty boxes (see shared notes on PDF and Chinese text), so the fonts are checked with
``pdffonts`` (a CJK font, embedded) and pages are rendered with ``pdftoppm`` and looked at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from conftest import built_once
from test_report_html import PARTS

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ROOT / "tests" / "report_groups"
AS_OF = "2026-11-25"

pytestmark = pytest.mark.slow


def tool(name: str, *args: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is needed (poppler-utils; python3 tools/test.py installs it)"
    run = subprocess.run([path, *args], capture_output=True, text=True, check=False, timeout=300)
    assert run.returncode == 0, run.stderr
    return run.stdout


def report(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "groupcheck", "report", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env=env,
    )


@pytest.fixture(scope="session")
def pdf(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The bundled report groups as a PDF with every formal flag, rendered once per test run
    for every pytest-xdist worker (``conftest.built_once``): a module-scoped fixture would
    render it again in each worker that takes one of this file's tests."""

    def render(base: Path) -> None:
        out = base / "audit.pdf"
        run = report(
            str(GROUPS), "--format", "pdf", "--output", str(out), "--as-of", AS_OF,
            "--inspector", "林督学", "--authority", "泰山区人民政府教育督导室",
            "--number", "泰山督〔2026〕3号", "--rectify-by", "2027-03-31",
        )  # fmt: skip
        assert run.returncode == 0, run.stderr  # written: a success, whatever it found
        assert run.stdout == ""
        pages = pages_of(out)
        assert run.stderr.splitlines() == [f"已生成 {out}（{pages}页）：2个集团，1个不符合要求"]

    return built_once(tmp_path_factory, worker_id, "report-pdf", render) / "audit.pdf"


def pages_of(pdf: Path) -> int:
    info = tool("pdfinfo", str(pdf))
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert match
    return int(match.group(1))


def page_text(pdf: Path, page: int) -> str:
    return tool("pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-")


def test_a4_pdf_with_embedded_cjk_fonts(pdf: Path) -> None:
    info = tool("pdfinfo", str(pdf))
    assert "595.276 x 841.89 pts (A4)" in info
    assert re.search(r"^Title:\s+集团化办学督导意见书$", info, re.M)
    fonts = tool("pdffonts", str(pdf)).splitlines()[2:]
    cjk = [line for line in fonts if re.search(r"CJK|WenQuanYi|Hei|Song|Han", line)]
    assert cjk, fonts
    for line in cjk:
        emb = line.split()[-5]  # columns: name type encoding emb sub uni object ID
        assert emb == "yes", line


def test_chinese_names_come_back_as_text(pdf: Path) -> None:
    text = re.sub(r"\s+", "", tool("pdftotext", str(pdf), "-"))  # table cells wrap
    names = ("泰安示范教育集团", "济南示范教育集团", "泰安示范中学", "济南示范中学", "孙建国")
    for name in names:
        assert name in text
    for words in ("核查结果", "逐年证据", "已豁免", "存在问题", "整改意见", "督导组签字", "盖章"):
        assert words in text
    assert "泰山教函〔2024〕9号" in text
    assert "rotations.yaml:3" in text  # file:line, in the small gray line


def test_footer_numbers_every_page(pdf: Path) -> None:
    total = pages_of(pdf)
    assert total >= 5
    for page in range(1, total + 1):
        assert f"第{page}页 共{total}页" in page_text(pdf, page)


def test_the_parts_in_order_and_the_signature_never_alone(pdf: Path) -> None:
    texts = [page_text(pdf, page) for page in range(1, pages_of(pdf) + 1)]
    whole = re.sub(r"\s+", "", "".join(texts))
    parts = ["集团化办学督导意见书", "编号：泰山督〔2026〕3号", *PARTS]
    where = [whole.index(part) for part in parts]
    assert where == sorted(where)
    assert "请于2027年3月31日前完成整改" in whole
    # The annex starts a page; the signature's page carries the text before it.
    annex = next(i for i, text in enumerate(texts) if "附件：各集团核查情况" in text)
    assert "附件：各集团核查情况" in texts[annex].split("\n", 3)[-1].lstrip()[:40]
    last = texts[-1]
    body = last.split("\n", 1)[1]  # below the running header
    before = body[: body.index("督导组签字")]
    assert re.sub(r"\s+", "", before), "the signature stands alone on its page"


def test_the_annex_heading_keeps_with_the_first_group(tmp_path: Path) -> None:
    """A single group's report: the group (kept whole where it fits) once left 附件 and the legend
    alone on a page, the group starting on the next."""
    out = tmp_path / "one.pdf"
    group = ROOT / "charters" / "shandong-taian-taishan" / "taian-dongyue-middle-group"
    run = report(str(group), "-o", str(out), "--as-of", AS_OF)
    assert run.returncode == 0, run.stderr
    texts = [page_text(out, page) for page in range(1, pages_of(out) + 1)]
    [annex] = [text for text in texts if "附件：各集团核查情况" in text]
    assert "1. 泰安东岳中学教育集团" in annex and "核心校" in annex


def test_pages_render_to_non_blank_images(pdf: Path, tmp_path: Path) -> None:
    tool("pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page"))
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages_of(pdf)
    for image_path in images:
        image = Image.open(image_path).convert("L")
        dark = sum(image.histogram()[:160]) / (image.width * image.height)
        assert dark > 0.002, image_path.name  # every page carries text


def test_missing_cjk_font_is_refused_with_the_package_to_install(tmp_path: Path) -> None:
    # A machine with Pango but only a Latin font: DejaVu, which Debian's fontconfig pulls in.
    latin = sorted(Path("/usr/share/fonts").glob("**/DejaVuSans.ttf"))
    assert latin, "fonts-dejavu-core (a dependency of fontconfig) is expected"
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(latin[0], fonts / latin[0].name)
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    out = tmp_path / "tofu.pdf"
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    run = report(
        str(GROUPS), "--group", "test-beta-group", "-o", str(out), "--as-of", AS_OF, env=env
    )
    assert run.returncode == 2
    assert "sudo apt-get install fonts-noto-cjk" in run.stderr
    assert not out.exists()


def test_missing_system_libraries_name_the_debian_packages(tmp_path: Path) -> None:
    # A stand-in for WeasyPrint on a machine without Pango: its import fails the way the real
    # one does (cffi's dlopen raising OSError after printing a banner on stdout).
    fake = tmp_path / "site" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "print('WeasyPrint could not import some external libraries.')\n"
        "raise OSError(\"cannot load library 'libgobject-2.0-0': libgobject-2.0-0: "
        'cannot open shared object file: No such file or directory")\n',
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(fake.parent), str(ROOT / "src")])}
    out = tmp_path / "r.pdf"
    run = report(str(GROUPS), "--format", "pdf", "-o", str(out), "--as-of", AS_OF, env=env)
    assert run.returncode == 2
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0" in run.stderr
    assert "libgobject-2.0-0" in run.stderr
    assert run.stdout == ""
    assert not out.exists()


def test_html_to_stdout_and_pdf_to_stdout(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "groupcheck", "report", str(GROUPS), "--group",
         "test-beta-group", "--format", "pdf", "--output", "-", "--as-of", AS_OF],
        cwd=ROOT, capture_output=True, check=False, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0
    assert run.stdout.startswith(b"%PDF-")
    (tmp_path / "beta.pdf").write_bytes(run.stdout)
    assert "济南示范教育集团" in tool("pdftotext", str(tmp_path / "beta.pdf"), "-")


def test_a_character_no_font_has_costs_a_box_not_the_report(tmp_path: Path) -> None:
    """With a Chinese font installed, a rare character (CJK Extension B) or a control
    character typed into a name is drawn as a box and named in a warning; the PDF is written."""
    source = ROOT / "charters" / "hunan-chenzhou" / "chenzhou-no1-middle-group" / "charter.yaml"
    (tmp_path / "g").mkdir()
    text = source.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name: "))
    (tmp_path / "g" / "charter.yaml").write_text(
        text.replace(name, 'name: "𠀀集团\\x01"', 1), encoding="utf-8"
    )
    out = tmp_path / "rare.pdf"
    run = report(str(tmp_path), "--output", str(out), "--as-of", AS_OF, "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "warning: no installed font has" in run.stderr and "U+20000" in run.stderr
    assert "\x01" not in run.stderr  # named by code point, never printed raw

"""``groupcheck report``: the 督导意见书 an inspector signs, read from the HTML file (issue 16).

The groups in tests/report_groups are judged as of 2026-11-25 (see its README): alpha fails
GC201 in 2023-2024, has a waived GC301 shortfall in 2024, and nobody on exchange yet in the year
in progress; beta passes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ROOT / "tests" / "report_groups"
AS_OF = "2026-11-25"
FORMAL = (
    "--authority", "泰山区人民政府教育督导室", "--number", "泰山督〔2026〕3号",
    "--inspector", "林督学", "--inspector", "王督学", "--rectify-by", "2027-03-31",
    "--inspection-dates", "2026年11月20日至25日",
)  # fmt: skip


PARTS = (
    "一、督导检查基本情况",
    "二、检查依据",
    "三、检查方式",
    "四、总体情况",
    "五、存在问题",
    "六、整改意见",
    "七、被督导单位意见",
    "附件：各集团核查情况",
    "督导组签字",
)
"""The headings of a 督导意见书's parts, in order (issue 16, item 1)."""


def report(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "groupcheck", "report", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


class Page(HTMLParser):
    """The page's visible text (``text``; ``words`` without ids, paths and style), its
    headings in order, and every table row as cell texts keyed by the nearest id."""

    VOID = frozenset({"meta", "br", "img", "link", "col", "hr", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.words: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.rows: dict[str, list[list[str]]] = {}
        self.tags: list[str] = []
        self.ids: list[str] = []
        self._open: list[tuple[str, str | None, bool]] = []
        self._heading: list[str] | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag in self.VOID:
            return
        classes = (found.get("class") or "").split()
        self._open.append((tag, found.get("id"), "ids" in classes or "mono" in classes))
        if tag in ("h1", "h2", "h3"):
            self._heading = []
        if tag == "tr":
            self._row = []
        if tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3") and self._heading is not None:
            self.headings.append((tag, "".join(self._heading).strip()))
            self._heading = None
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._row is not None:
            where = next((i for t, i, _ in reversed(self._open) if i and t != "tr"), "")
            self.rows.setdefault(where, []).append(self._row)
            self._row = None
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if any(tag in ("style", "title") for tag, _, _ in self._open):
            return
        self.text.append(data)
        if not any(hidden for _, _, hidden in self._open):
            self.words.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def all_text(self) -> str:
        return re.sub(r"\s+", "", "".join(self.text))

    def rows_under(self, suffix: str) -> list[list[str]]:
        return [row for key, rows in self.rows.items() if key.endswith(suffix) for row in rows]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def district(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("html") / "audit.html"
    run = report(str(GROUPS), "--output", str(out), "--as-of", AS_OF, *FORMAL)
    return out.read_text(encoding="utf-8"), run


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("html") / "full.html"
    run = report(str(GROUPS), "-o", str(out), "--as-of", AS_OF, "--detail", "full", *FORMAL)
    assert run.returncode == 0, run.stderr
    return out.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The command


def test_written_is_exit_0_with_one_line_on_stderr(district: tuple[str, Any]) -> None:
    html, run = district
    assert run.returncode == 0  # alpha's GC201 problem stands, and the report is written
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        f"已生成 {run.args[run.args.index('--output') + 1]}：2个集团，1个不符合要求"
    ]
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html


def test_fail_on_findings_restores_exit_1(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    failing = report(str(GROUPS), "-o", str(out), "--as-of", AS_OF, "--fail-on-findings")
    assert failing.returncode == 1 and out.exists()
    passing = report(
        str(GROUPS), "-o", str(out), "--as-of", AS_OF, "--group", "test-beta-group",
        "--fail-on-findings",
    )  # fmt: skip
    assert passing.returncode == 0, passing.stderr


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("zh", "：2个集团，1个不符合要求，1个无法核查"),
        ("en", ": 2 groups, 1 not meeting the requirements, 1 could not be verified"),
    ],
)
def test_the_written_line_counts_as_the_report_does(tmp_path: Path, lang: str, line: str) -> None:
    """A group whose rotations log cannot be read is 无法核查 in the report, and in the line."""
    shutil.copytree(GROUPS, tmp_path / "groups")
    log = tmp_path / "groups" / "beta" / "rotations.yaml"  # beta passes when it can be read
    with log.open("a", encoding="utf-8") as handle:
        handle.write("\n  - person: [oops\n")
    out = tmp_path / "r.html"
    run = report(str(tmp_path / "groups"), "-o", str(out), "--as-of", AS_OF, "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().endswith(line), run.stderr
    assert ("无法核查" if lang == "zh" else "could not be verified") in out.read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "odt"], "--format 只能是 html, pdf, docx 之一，不能是“odt”"),
        (["--detail", "brief"], "--detail 只能是 summary, full 之一，不能是“brief”"),
        (["--rectify-by", "2027-02-30"], "--rectify-by 应为 YYYY-MM-DD 格式的日期"),
        (["--as-of", "2026-13-01"], "--as-of 应为 YYYY-MM-DD 格式的日期"),
        (["--lang", "fr"], "--lang 只能是 en 或 zh，不能是“fr”"),
        (["--group", "no-such-group"], "--group no-such-group："),
    ],
)
def test_usage_errors_exit_2_in_chinese(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "r.html"
    run = report(str(GROUPS), "-o", str(out), *args)
    assert run.returncode == 2
    assert message in run.stderr, run.stderr
    assert not out.exists()


def test_usage_errors_in_english_with_lang_en(tmp_path: Path) -> None:
    run = report(str(GROUPS), "-o", str(tmp_path / "r.html"), "--lang", "en", "--detail", "x")
    assert run.returncode == 2
    assert "--detail must be one of summary, full, not 'x'" in run.stderr


def test_an_unknown_suffix_is_a_usage_error_before_any_work(tmp_path: Path) -> None:
    out = tmp_path / "audit.odt"
    # the path does not exist either: the suffix is said first, nothing is read
    run = report(str(tmp_path / "nowhere"), "-o", str(out))
    assert run.returncode == 2
    assert "无法从输出文件名" in run.stderr and "--format" in run.stderr
    assert not out.exists()
    run = report(str(GROUPS), "-o", str(out), "--format", "html", "--as-of", AS_OF)
    assert run.returncode == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE")


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("zh", "--format docx 与输出文件名"),
        ("en", "--format docx does not match the output name"),
    ],
)
def test_a_format_the_suffix_contradicts_is_a_usage_error(
    tmp_path: Path, lang: str, message: str
) -> None:
    out = tmp_path / "x.pdf"
    # the path does not exist either: the contradiction is said first, nothing is read
    run = report(str(tmp_path / "nowhere"), "-o", str(out), "--format", "docx", "--lang", lang)
    assert run.returncode == 2
    assert message in run.stderr and "pdf" in run.stderr, run.stderr
    assert not out.exists()


def test_docx_is_a_format(tmp_path: Path) -> None:
    import importlib.util

    out = tmp_path / "audit.docx"
    run = report(str(GROUPS), "-o", str(out), "--as-of", AS_OF)
    if importlib.util.find_spec("groupcheck.reporters.docx") is None:
        assert run.returncode == 2 and "Word" in run.stderr and not out.exists()
    else:
        assert run.returncode == 0, run.stderr
        assert out.read_bytes().startswith(b"PK")  # never HTML in a .docx


def test_missing_path_and_output_folder_exit_2_before_the_run(tmp_path: Path) -> None:
    run = report(str(tmp_path / "nowhere"), "-o", str(tmp_path / "r.html"))
    assert run.returncode == 2 and "路径不存在" in run.stderr
    missing = tmp_path / "no" / "dir" / "r.pdf"
    run = report(str(GROUPS), "-o", str(missing), "--as-of", AS_OF)
    assert run.returncode == 2
    assert f"文件夹 {missing.parent} 不存在" in run.stderr
    assert "已生成" not in run.stderr


def test_format_from_the_output_suffix_and_atomic_replace(tmp_path: Path) -> None:
    out = tmp_path / "r.htm"
    out.write_text("old", encoding="utf-8")
    run = report(str(GROUPS), "-o", str(out), "--as-of", AS_OF)
    assert run.returncode == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.htm"]  # no temporary left


def test_help_documents_the_flags_and_exit_codes() -> None:
    run = report("--help")
    assert run.returncode == 0
    text = re.sub(r"[\s│]+", " ", run.stdout)
    for flag in (
        "--authority", "--number", "--inspector", "--inspection-dates", "--rectify-by",
        "--title", "--detail", "--fail-on-findings",
    ):  # fmt: skip
        assert flag in text
    assert "0 when the report is written" in text


# ---------------------------------------------------------------------------------------------
# The structure of a 督导意见书 (item 1)


def test_the_parts_come_in_order(district: tuple[str, Any]) -> None:
    page = parse(district[0])
    titles = [text for tag, text in page.headings if tag in ("h1", "h2")]
    assert titles == ["集团化办学督导意见书", *PARTS]
    ids = page.ids
    order = ["title", "particulars", "basis", "method", "overview", "problems", "remedies"]
    order += ["replies", "annex", "signature"]
    assert [i for i in ids if i in order] == order


def test_title_number_and_particulars(district: tuple[str, Any]) -> None:
    page = parse(district[0])
    text = page.all_text
    assert "编号：泰山督〔2026〕3号" in text
    rows = {row[0]: row[1] for row in page.rows_under("particulars")}
    assert rows["督导单位"] == "泰山区人民政府教育督导室"
    assert rows["督导组"] == "林督学（组长）、王督学"
    assert rows["检查日期"] == "2026年11月20日至25日"
    assert rows["检查范围"] == "2个集团，4份文件（章程2份，轮岗交流名册2份）"
    assert rows["检查基准日"] == "2026年11月25日"


def test_blank_lines_where_no_flag_was_given(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert report(str(GROUPS), "-o", str(out), "--as-of", AS_OF).returncode == 0
    html = out.read_text(encoding="utf-8")
    page = parse(html)
    rows = {row[0]: row[1] for row in page.rows_under("particulars")}
    assert rows["督导单位"] == rows["督导组"] == rows["检查日期"] == ""
    assert html.count('<span class="fill"></span>') >= 4  # number, body, team, dates
    assert "请于　　　　年　　月　　日前完成整改" in "".join(page.text)


def test_basis_method_and_overview(district: tuple[str, Any]) -> None:
    page = parse(district[0])
    text = page.all_text
    assert "[1]《教育督导条例》（国务院令第624号，2012年）" in text
    assert "自行填报" in text and "未作实地核验" in text
    assert "本次共检查2个集团，其中符合要求1个，存在问题1个，无法核查0个，符合率50%。" in text
    by_place = {row[0]: row[1:] for row in page.rows_under("overview") if len(row) == 6}
    assert by_place["山东省泰安市泰山区"] == ["1", "0", "1", "0", "0%"]
    assert by_place["山东省济南市市中区"] == ["1", "1", "0", "0", "100%"]
    listed = {row[0][:8]: row for row in page.rows_under("overview") if len(row) == 5}
    assert listed["泰安示范教育集团"][2:4] == ["不符合", "干部交流人数"]
    assert listed["济南示范教育集团"][2] == "符合"


def test_problems_grouped_by_group_with_waivers_apart(district: tuple[str, Any]) -> None:
    page = parse(district[0])
    html = district[0]
    problems = html[html.index('id="problems"') : html.index('id="remedies"')]
    text = parse(problems).all_text
    assert "泰安示范教育集团" in text and "济南示范教育集团" not in text  # beta has none
    assert "1.干部交流人数：2023—2024学年，交流干部1名（孙建国）" in text
    # the waived shortfall: 已豁免 with its approval, wrapped, never a problem
    assert "经批准豁免的事项" in text
    assert "已豁免（泰山区教育和体育局，泰山教函〔2024〕9号，有效期至2027年8月31日）" in text
    assert "2.专项经费" not in text
    assert 'class="waiver-note"' in problems and "nowrap" not in problems
    assert "GC201" in "".join(page.text) and "GC201" not in "".join(page.words)  # ids: gray


def test_remedies_with_the_rules_measure_and_the_deadline(district: tuple[str, Any]) -> None:
    from groupcheck.engine import registry

    html = district[0]
    remedies = parse(html[html.index('id="remedies"') : html.index('id="replies"')]).all_text
    measure = re.sub(r"\s+", "", registry()["GC201"].doc.remediation_zh)
    assert measure and measure.replace(" ", "")[:12] in remedies
    assert "请于2027年3月31日前完成整改，并将整改情况书面报送泰山区人民政府教育督导室。" in remedies


def test_a_reply_box_per_failing_group(district: tuple[str, Any]) -> None:
    html = district[0]
    replies = html[html.index('id="replies"') : html.index('id="annex"')]
    assert replies.count('class="reply-box"') == 1
    text = parse(replies).all_text
    assert "泰安示范教育集团意见" in text and "负责人（签字）" in text and "日期" in text


def test_annex_summary_shows_failed_rules_evidence_and_one_line_for_the_rest(
    district: tuple[str, Any],
) -> None:
    page = parse(district[0])
    assert "group-1-test-alpha-group-cadres" in page.ids  # GC201 failed: its evidence
    assert "group-1-test-alpha-group-funding" not in page.ids  # waived: its row only
    assert not [i for i in page.ids if i.startswith("group-2-test-beta-group-")]
    alpha = page.rows_under("group-1-test-alpha-group")
    rules = [row for row in alpha if len(row) == 3 and row[1].startswith(("不符合", "已豁免"))]
    assert [row[0][:6] for row in rules] == ["干部交流人数", "专项经费每个"]
    text = page.all_text
    assert re.search(r"其余\d+项核查均符合要求。", text)
    beta = {row[0]: row[1] for row in page.rows_under("group-2-test-beta-group")}
    assert beta["结论"] == "符合" and beta["核心校"] == "济南示范中学"
    assert "2022—2023学年2人（符合）" in beta["干部交流人数"]


def test_signature_block_after_the_annex(district: tuple[str, Any]) -> None:
    html = district[0]
    signature = html[html.rindex("<section", 0, html.index('id="signature"')) :]
    rows = {row[0]: row[1] for row in parse(signature).rows_under("signature")}
    assert rows["督导组组长（签字）"] == "林督学"
    assert rows["督导组成员（签字）"] == "王督学"
    assert rows["督导单位"] == "泰山区人民政府教育督导室"
    assert signature.count('class="seal"') == 2
    assert "督导单位（盖章）" in signature and "被督导单位（盖章）" in signature
    assert "width: 44mm" in html and "height: 44mm" in html  # a 42 mm seal fits


def test_detail_full_restores_every_table(full: str) -> None:
    page = parse(full)
    alpha = page.rows_under("group-1-test-alpha-group")
    cells = {row[0]: row[1:] for row in alpha if row}
    assert cells["核心校"] == ["泰安示范中学"]
    assert cells["成立日期"] == ["2022年7月1日"]
    assert cells["理事长"] == ["王立群"]
    schools = [row for row in alpha if row and row[0].startswith("泰安示范东校")]
    assert schools and schools[0][1:4] == ["成员校", "融合型", "2022年7月1日"]
    rule_rows = [
        row for row in alpha if len(row) == 3 and row[1].startswith(("符合", "不符合", "已豁免"))
    ]
    assert len(rule_rows) > 15  # every rule, not only the failed ones
    waiver = next(row for row in alpha if row and row[0] == "GC301" and len(row) == 7)
    assert waiver[1:] == [
        "2024",
        "2024年区财政预算调整，经费于2025年补足",
        "泰山区教育和体育局",
        "泰山教函〔2024〕9号",
        "2027年8月31日",
        "有效",
    ]
    findings = "".join(page.text)
    assert "tests/report_groups/alpha/rotations.yaml:3" in findings
    assert "tests/report_groups/alpha/charter.yaml:46" in findings
    assert "group-2-test-beta-group-funding" in page.ids


def test_evidence_per_year_and_the_year_in_progress(full: str) -> None:
    page = parse(full)
    cadres = {row[0]: row for row in page.rows_under("group-1-test-alpha-group-cadres")[1:]}
    assert list(cadres) == ["2022-2023", "2023-2024", "2024-2025", "2025-2026", "2026-2027"]
    assert cadres["2022-2023"][2] == "周海燕、孙建国"  # by start date
    assert cadres["2022-2023"][-1] == "符合"
    assert cadres["2023-2024"][2:] == ["孙建国", "1 / ≥2", "不符合"]
    # Nobody on exchange yet in 2026-2027: in progress, never failed.
    assert cadres["2026-2027"][1:] == ["进行中", "无", "0 / ≥2", "进行中"]
    (teachers,) = page.rows_under("group-1-test-alpha-group-teachers")[1:]
    assert teachers[0] == "首年：2022年7月1日至2023年6月30日"
    assert teachers[3:] == ["6", "6 / 40 = 15%", "符合"]  # exactly 15% passes
    funds = {row[0]: row for row in page.rows_under("group-1-test-alpha-group-funding")[1:]}
    assert funds["2024"][3:] == ["150,000", "无", "200,000", "已豁免"]
    assert funds["2025"][3:] == ["260,000", "无", "200,000", "符合"]
    assert funds["2026"][1] == "进行中" and funds["2026"][-1] == "进行中"
    assert "≥ 2</text>" in full and "≥ 15%</text>" in full and "≥ 20</text>" in full


def test_self_contained_no_script_no_external_resource(full: str) -> None:
    page = parse(full)
    assert "script" not in page.tags
    assert not {"link", "img", "iframe", "object", "embed"} & set(page.tags)
    assert "http://" not in full.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in full
    assert "url(" not in full.replace("url(#", "")  # only in-document SVG pattern fills
    assert "@import" not in full
    assert page.tags.count("svg") >= 7  # the pass-rate chart and 3 per group


# ---------------------------------------------------------------------------------------------
# Layout (item 4) and words (item 3)


def test_print_css_a4_footer_and_what_is_kept_together(district: tuple[str, Any]) -> None:
    html = district[0]
    assert "size: A4" in html
    assert '"第" counter(page) "页 共" counter(pages) "页"' in html
    assert "thead { display: table-header-group; }" in html
    for heading in ("h2 {", "h3 {", "h4 {"):
        block = html[html.index(heading) : html.index("}", html.index(heading))]
        assert "break-after: avoid" in block, heading
    signature = html[html.index(".sig-block {") : html.index("}", html.index(".sig-block {"))]
    assert "break-before: avoid" in signature and "break-inside: avoid" in signature
    assert 'class="evidence keep"' in html  # a chart and its table in one block
    assert (
        "nowrap"
        not in html[html.index(".waiver-note") : html.index("}", html.index(".waiver-note"))]
    )


def test_one_group_has_a_title_too(tmp_path: Path) -> None:
    out = tmp_path / "one.html"
    run = report(str(GROUPS), "--group", "test-beta-group", "--output", str(out), "--as-of", AS_OF)
    assert run.returncode == 0, run.stderr
    page = parse(out.read_text(encoding="utf-8"))
    assert page.headings[0] == ("h1", "济南示范教育集团督导意见书")
    assert "经核查，未发现问题。" in page.all_text
    assert "泰安示范教育集团" not in page.all_text


def test_title_flag(tmp_path: Path) -> None:
    out = tmp_path / "t.html"
    run = report(
        str(GROUPS), "-o", str(out), "--as-of", AS_OF, "--title", "泰山区集团化办学专项督导意见书"
    )
    assert run.returncode == 0
    html = out.read_text(encoding="utf-8")
    assert parse(html).headings[0] == ("h1", "泰山区集团化办学专项督导意见书")
    assert "<title>泰山区集团化办学专项督导意见书</title>" in html


def test_english(tmp_path: Path) -> None:
    out = tmp_path / "en.html"
    run = report(str(GROUPS), "--lang", "en", "-o", str(out), "--as-of", AS_OF, *FORMAL)
    assert run.returncode == 0
    assert run.stderr.strip().endswith("2 groups, 1 not meeting the requirements")
    html = out.read_text(encoding="utf-8")
    page = parse(html)
    titles = [text for tag, text in page.headings if tag in ("h1", "h2")]
    assert titles[:3] == ["Inspection report on education groups", "1. The inspection", "2. Basis"]
    assert '<html lang="en">' in html and '"Page " counter(page) " of " counter(pages)' in html
    # English apart from the data: no Chinese left once the charters' own texts, the flags'
    # values and the basis documents' titles (the pack's data) are taken out
    import datetime as dt

    import groupcheck
    from groupcheck.settings import Settings

    settings = Settings(paths=(str(GROUPS),), as_of=dt.date.fromisoformat(AS_OF), lang="en")
    titles = {d.citation() for d in groupcheck.run(settings).report.pack.documents}
    leftover = "".join(page.words)
    for value in sorted(_scalars(GROUPS) | set(FORMAL) | titles, key=len, reverse=True):
        leftover = leftover.replace(value, "")
    assert re.findall(r"[\u4e00-\u9fff]+", leftover) == []


def _scalars(folder: Path) -> set[str]:
    """Every text a charter or log under ``folder`` holds (what the report prints as data)."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, str):
            found.add(node)

    for path in folder.rglob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def _ascii_words(html: str) -> list[str]:
    """The words of four or more Latin letters in the visible text, outside ids and paths."""
    return re.findall(r"[A-Za-z_]{4,}", " ".join(parse(html).words))


def test_the_chinese_report_has_no_english_word() -> None:
    run = report("charters", "--output", "-", "--as-of", AS_OF, *FORMAL)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count('<section class="annex-group') == 17
    assert _ascii_words(run.stdout) == []


def test_no_parameter_literal_slug_or_pack_name_is_printed(full: str) -> None:
    words = " ".join(parse(full).words)
    for leak in (
        "min_cadres",
        "cadre-exchange-minimum",
        "default",
        "政策包",
        "错误",
        "不评判",
    ):
        assert leak not in words, leak
    assert not re.search(r"[a-z_]+ = \w", words)  # no "count_collaborators = False"
    spaced = re.compile(r"[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]")  # 2名, not 2 名
    assert [node for node in parse(full).words if spaced.search(node.strip())] == []


def test_report_words_exist_in_both_languages_with_the_same_placeholders() -> None:
    import string

    from groupcheck.engine import registry
    from groupcheck.reporters.report_text import EN, ZH

    def placeholders(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    assert sorted(set(EN) ^ set(ZH)) == []
    assert {k: placeholders(EN[k]) for k in EN} == {k: placeholders(ZH[k]) for k in ZH}
    assert [r for r in registry() if f"rule.{r}" not in ZH] == []  # every rule has a short name


def test_every_charter_text_is_escaped(tmp_path: Path) -> None:
    group = tmp_path / "g"
    group.mkdir()
    hostile = '<script>alert("x")</script>&<b>集团</b>'
    charter = (GROUPS / "beta" / "charter.yaml").read_text(encoding="utf-8")
    charter = charter.replace("name: 济南示范教育集团", f"name: '{hostile}'")
    charter = charter.replace("chair: 张文华", "chair: '<img src=x onerror=alert(1)>'")
    (group / "charter.yaml").write_text(charter, encoding="utf-8")
    out = tmp_path / "x.html"
    report(
        str(group), "-o", str(out), "--as-of", AS_OF, "--inspector", "</style><i>",
        "--detail", "full", "--authority", "<b>x</b>",
    )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;&lt;b&gt;集团&lt;/b&gt;" in html
    assert "&lt;/style&gt;&lt;i&gt;" in html
    assert "".join(parse(html).text).count(hostile) >= 2  # the title and the annex


# ---------------------------------------------------------------------------------------------
# What could not be checked, and what belongs to no group (item 8)


def test_a_broken_charter_is_unverifiable_with_its_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "charter.yaml").write_text(
        "id: broken-group\nname: 损坏教育集团\nmodel: [\n", encoding="utf-8"
    )
    out = tmp_path / "r.html"
    run = report(str(tmp_path), str(GROUPS), "-o", str(out), "--as-of", AS_OF)
    assert run.returncode == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    text = parse(html).all_text
    assert re.search(r"章程文件\S*/broken/charter\.yaml无法读取，该集团无法核查", text)
    assert "泰安示范教育集团" in text and "济南示范教育集团" in text
    problems = parse(html[html.index('id="problems"') : html.index('id="remedies"')]).all_text
    assert "未检查的项目" in problems and "干部交流人数：未检查（章程无法读取）" in problems
    assert "无法核查" in problems


def test_a_finding_of_no_group_is_a_problem_before_the_signature(tmp_path: Path) -> None:
    shutil.copytree(GROUPS / "beta", tmp_path / "beta")
    (tmp_path / "stray").mkdir()
    shutil.copy(GROUPS / "alpha" / "rotations.yaml", tmp_path / "stray" / "rotations.yaml")
    out = tmp_path / "r.html"
    run = report(str(tmp_path), "-o", str(out), "--as-of", AS_OF, "--fail-on-findings")
    assert run.returncode == 1
    html = out.read_text(encoding="utf-8")
    own = html.index('id="run-problems"')
    assert html.index('id="problems"') < own < html.index('id="remedies"')
    assert own < html.index('id="signature"')
    section = parse(html[own : html.index('id="remedies"')]).all_text
    assert "不属于任何集团的问题" in section and "stray/rotations.yaml" in section

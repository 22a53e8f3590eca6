"""``groupcheck report --format html``: what an inspector's printout holds, read from the file.

The groups in tests/report_groups are judged as of 2026-11-25 (see its README): alpha fails
GC201 in 2023-2024, has a waived GC301 shortfall in 2024, and nobody on exchange yet in the year
in progress; beta passes.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ROOT / "tests" / "report_groups"
AS_OF = "2026-11-25"


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
    """The text of the page, and every table row as cell texts keyed by the nearest id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.rows: dict[str, list[list[str]]] = {}
        self.tags: list[str] = []
        self.ids: list[str] = []
        self._id_stack: list[str | None] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs).get("id")
        if found:
            self.ids.append(found)
        if tag in ("section", "div"):
            self._id_stack.append(found)
        if tag == "style":
            self.in_style = True
        if tag == "tr":
            self._row = []
        if tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("section", "div") and self._id_stack:
            self._id_stack.pop()
        if tag == "style":
            self.in_style = False
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        if tag == "tr" and self._row is not None:
            where = next((i for i in reversed(self._id_stack) if i), "")
            self.rows.setdefault(where, []).append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self.in_style:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def rows_under(self, suffix: str) -> list[list[str]]:
        return [row for key, rows in self.rows.items() if key.endswith(suffix) for row in rows]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    out = tmp_path_factory.mktemp("html") / "audit.html"
    run = report(
        str(GROUPS), "--format", "html", "--output", str(out), "--as-of", AS_OF,
        "--inspector", "林督学",
    )  # fmt: skip
    assert run.stderr == ""
    return out.read_text(encoding="utf-8"), run.returncode


def test_exit_code_follows_validate_and_the_file_is_written(district: tuple[str, int]) -> None:
    html, code = district
    assert code == 1  # alpha's GC201 failure stands
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in html


def test_self_contained_no_script_no_external_resource(district: tuple[str, int]) -> None:
    html, _ = district
    page = parse(html)
    assert "script" not in page.tags
    assert not {"link", "img", "iframe", "object", "embed"} & set(page.tags)
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    assert "url(" not in html.replace("url(#", "")  # only in-document SVG pattern fills
    assert "@import" not in html
    assert page.tags.count("svg") >= 7  # the pass-rate chart and 3 per group


def test_cover_lists_groups_with_status_and_links(district: tuple[str, int]) -> None:
    page = parse(district[0])
    text = "".join(page.text)
    for heading in ("集团化办学督导检查报告", "区域汇总", "检查基准日", "政策包", "检查工具"):
        assert heading in text
    assert "2026年11月25日" in text
    assert "山东省泰安市泰山区" in text and "山东省济南市市中区" in text
    group_list = [row for row in page.rows_under("summary") if len(row) == 6][1:]
    listed = {row[0].split("test-")[0]: row[3] for row in group_list}
    assert group_list[0][4] == "GC201 干部交流人数"  # alpha's failed rule, by id and name
    assert listed.get("泰安示范教育集团") == "不通过"
    assert listed.get("济南示范教育集团") == "通过"
    for anchor in ("group-1-test-alpha-group", "group-2-test-beta-group"):
        assert anchor in page.ids
        assert f'href="#{anchor}"' in district[0]


def test_counts_by_model_and_level(district: tuple[str, int]) -> None:
    rows = parse(district[0]).rows_under("summary")
    model_rows = {row[0]: row[1:] for row in rows if row and row[0] in ("紧密型", "合计")}
    assert model_rows["紧密型"][-1] == "2"
    assert model_rows["合计"][-1] == "2"


def test_group_page_identity_members_and_compliance(district: tuple[str, int]) -> None:
    page = parse(district[0])
    alpha = page.rows_under("group-1-test-alpha-group")
    cells = {row[0]: row[1:] for row in alpha if row}
    assert cells["核心校"] == ["泰安示范中学"]
    assert cells["成立日期"] == ["2022年7月1日"]
    assert cells["理事长"] == ["王立群"]
    schools = [row for row in alpha if row and row[0].startswith("泰安示范东校")]
    assert schools and schools[0][1:4] == ["成员校", "融合型", "2022年7月1日"]
    west = [row for row in alpha if row and row[0].startswith("泰安示范西校")]
    assert west[0][2] == "联合型"
    rule_rows = {
        row[0].split()[0]: row for row in alpha if len(row) == 3 and row[0].startswith("GC")
    }
    assert rule_rows["GC201"][1].startswith("不通过")
    assert "2023-2024" in rule_rows["GC201"][1]
    assert rule_rows["GC301"][1] == "已豁免"
    assert "000_06d86b8654769ff0.txt" in rule_rows["GC201"][2]  # the source document
    assert "不少于2名" in rule_rows["GC201"][2] or "2名" in rule_rows["GC201"][2]


def test_evidence_per_year_and_the_year_in_progress(district: tuple[str, int]) -> None:
    page = parse(district[0])
    cadres = {row[0]: row for row in page.rows_under("group-1-test-alpha-group-cadres")[1:]}
    assert list(cadres) == ["2022-2023", "2023-2024", "2024-2025", "2025-2026", "2026-2027"]
    assert cadres["2022-2023"][2] == "周海燕、孙建国"  # by start date
    assert cadres["2022-2023"][-1] == "通过"
    assert cadres["2023-2024"][2:] == ["孙建国", "1 / ≥2", "不通过"]
    # Nobody on exchange yet in 2026-2027: in progress, never failed.
    assert cadres["2026-2027"][1:] == ["进行中", "无", "0 / ≥2", "进行中"]
    # GC203 judges the group's first twelve months, one row (issue 14, 6).
    (teachers,) = page.rows_under("group-1-test-alpha-group-teachers")[1:]
    assert teachers[0] == "第一年：2022年7月1日 至 2023年6月30日"
    assert teachers[3:] == ["6", "6 / 40 = 15%", "通过"]  # exactly 15% passes
    funds = {row[0]: row for row in page.rows_under("group-1-test-alpha-group-funding")[1:]}
    # counted (finance), other channels (none here), required, verdict
    assert funds["2024"][3:] == ["150,000", "无", "200,000", "已豁免"]
    assert funds["2025"][3:] == ["260,000", "无", "200,000", "通过"]
    assert funds["2026"][1] == "进行中" and funds["2026"][-1] == "进行中"
    assert "不通过" not in " ".join(cadres["2026-2027"] + funds["2026"])


def test_charts_carry_threshold_lines(district: tuple[str, int]) -> None:
    html = district[0]
    assert "≥ 2</text>" in html  # GC201
    assert "≥ 15%</text>" in html  # GC203
    assert "≥ 20</text>" in html  # GC301, in 10,000 yuan


def test_waivers_and_findings_with_file_and_line(district: tuple[str, int]) -> None:
    page = parse(district[0])
    alpha = page.rows_under("group-1-test-alpha-group")
    waiver = next(row for row in alpha if row and row[0] == "GC301" and len(row) == 7)
    assert waiver[1:] == [
        "2024",
        "2024年区财政预算调整，经费于2025年补足",
        "泰山区教育和体育局",
        "泰山教函〔2024〕9号",
        "2027年8月31日",
        "有效",
    ]
    locations = [row[0] for row in alpha if row and row[0].startswith("tests/")]
    assert "tests/report_groups/alpha/rotations.yaml:3" in locations
    assert "tests/report_groups/alpha/charter.yaml:46" in locations


def test_signature_block(district: tuple[str, int]) -> None:
    page = parse(district[0])
    alpha = {row[0]: row[1:] for row in page.rows_under("group-1-test-alpha-group") if row}
    assert alpha["督导检查人员（签字）"] == ["林督学"]
    assert alpha["集团理事长（签字）"] == ["王立群"]
    assert "日期" in alpha
    assert district[0].count('class="seal"') == 3  # the cover and each group


def test_print_css_a4_breaks_and_footer(district: tuple[str, int]) -> None:
    html = district[0]
    assert "size: A4" in html
    assert '"第 " counter(page) " 页 / 共 " counter(pages) " 页"' in html
    assert "thead { display: table-header-group; }" in html
    assert "break-inside: avoid" in html
    assert "section.group { break-before: page" in html
    assert 'name="viewport"' in html


def test_one_group_has_no_cover_and_its_name_in_the_title(tmp_path: Path) -> None:
    out = tmp_path / "one.html"
    run = report(str(GROUPS), "--group", "test-beta-group", "--output", str(out), "--as-of", AS_OF)
    assert run.returncode == 0, run.stderr  # beta passes, and only beta is reported
    html = out.read_text(encoding="utf-8")
    assert "<title>济南示范教育集团 督导检查报告</title>" in html
    assert 'id="summary"' not in html
    assert "泰安示范教育集团" not in html


def test_english(tmp_path: Path) -> None:
    out = tmp_path / "en.html"
    run = report(str(GROUPS), "--lang", "en", "-o", str(out), "--as-of", AS_OF)
    assert run.returncode == 1
    html = out.read_text(encoding="utf-8")
    for heading in ("Education group audit report", "Compliance", "Evidence by year", "Waivers"):
        assert heading in html
    assert '<html lang="en">' in html
    assert "in progress" in html
    assert '"Page " counter(page) " of " counter(pages)' in html


def test_every_charter_text_is_escaped(tmp_path: Path) -> None:
    group = tmp_path / "g"
    group.mkdir()
    hostile = '<script>alert("x")</script>&<b>集团</b>'
    charter = (GROUPS / "beta" / "charter.yaml").read_text(encoding="utf-8")
    charter = charter.replace("name: 济南示范教育集团", f"name: '{hostile}'")
    charter = charter.replace("chair: 张文华", "chair: '<img src=x onerror=alert(1)>'")
    (group / "charter.yaml").write_text(charter, encoding="utf-8")
    out = tmp_path / "x.html"
    report(str(group), "-o", str(out), "--as-of", AS_OF, "--inspector", "</style><i>")
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;&lt;b&gt;集团&lt;/b&gt;" in html
    assert "&lt;/style&gt;&lt;i&gt;" in html
    assert "".join(parse(html).text).count(hostile) >= 2  # the heading and the identity row


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "docx"], "--format must be one of html, pdf"),
        (["--group", "no-such-group"], "--group no-such-group: no such group"),
        (["--as-of", "2026-13-01"], "--as-of must be a date"),
        (["--lang", "fr"], "--lang must be en or zh"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "r.html"
    run = report(str(GROUPS), "-o", str(out), *args)
    assert run.returncode == 2
    assert message in run.stderr
    assert not out.exists()


def test_missing_path_and_unwritable_output_exit_2(tmp_path: Path) -> None:
    run = report(str(tmp_path / "nowhere"), "-o", str(tmp_path / "r.html"))
    assert run.returncode == 2 and "path not found" in run.stderr
    run = report(str(GROUPS), "-o", str(tmp_path / "no" / "dir" / "r.html"), "--as-of", AS_OF)
    assert run.returncode == 2 and "cannot write" in run.stderr


def test_format_from_the_output_suffix_and_atomic_replace(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")
    run = report(str(GROUPS), "-o", str(out), "--as-of", AS_OF)
    assert run.returncode == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]  # no temporary left


def test_bundled_charters_render() -> None:
    run = report("charters", "--format", "html", "--output", "-", "--as-of", AS_OF)
    assert run.returncode in (0, 1), run.stderr
    page = parse(run.stdout)
    assert "泰安第六中学教育集团" in "".join(page.text)
    assert len([i for i in page.ids if i.startswith("group-") and i.count("-") >= 2]) >= 17


def test_report_words_exist_in_both_languages_with_the_same_placeholders() -> None:
    import string

    from groupcheck.engine import registry
    from groupcheck.reporters.report_text import EN, ZH

    def placeholders(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    assert sorted(set(EN) ^ set(ZH)) == []
    assert {k: placeholders(EN[k]) for k in EN} == {k: placeholders(ZH[k]) for k in ZH}
    assert [r for r in registry() if f"rule.{r}" not in ZH] == []  # every rule has a short name


def test_a_broken_charter_gets_a_page_of_its_findings_beside_good_groups(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "charter.yaml").write_text(
        "id: broken-group\nname: 损坏教育集团\nmodel: [\n", encoding="utf-8"
    )
    out = tmp_path / "r.html"
    run = report(str(tmp_path), str(GROUPS), "-o", str(out), "--as-of", AS_OF)
    assert run.returncode == 1
    page = parse(out.read_text(encoding="utf-8"))
    text = "".join(page.text)
    assert "章程无法读取，未作政策检查" in text
    assert "泰安示范教育集团" in text and "济南示范教育集团" in text
    own = next(
        rows for key, rows in page.rows.items() if key.endswith("-broken")
    )  # the folder name
    located = [row[0] for row in own if len(row) == 5 and row[1].startswith("GC001")]
    assert located and re.fullmatch(r".*/broken/charter\.yaml:\d+", located[0]), located
    statuses = {row[0].split()[0]: row[1] for row in own if len(row) == 3}
    assert statuses["GC201"] == "未检查" and statuses["GC001"] == "不通过"

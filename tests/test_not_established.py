"""A group established after --as-of is not yet established (issue 19, item 7; review W1).

No policy rule judges it: each is ``skip`` with the reason "not yet established" in every
output, in English and Chinese, and one information finding (GC006, at ``established``) says
so; the file and format checks (GC0xx) still run. The cases under tests/cases/GC006/ pin the
day before, on and after the as-of date; these tests run the real command over each format.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groupcheck import parallel, reporters
from groupcheck.cli import app
from groupcheck.settings import Settings

CASES = Path(__file__).parent / "cases" / "GC006"
FUTURE = CASES / "established-day-after-as-of"
AS_OF = "2026-11-25"
WORDS = {
    "en": ("the group is not yet established on the as-of date", "not yet established"),
    "zh": ("检查基准日时集团尚未成立", "集团尚未成立"),
}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The future group ``g`` beside a group ``h`` established long before the as-of date."""
    shutil.copytree(FUTURE / "g", tmp_path / "g")
    shutil.copytree(CASES / "established-day-before-as-of" / "g", tmp_path / "h")
    for name in ("charter.yaml", "rotations.yaml"):
        file = tmp_path / "h" / name
        text = file.read_text(encoding="utf-8").replace("id: g", "id: h")
        file.write_text(text.replace("group: g", "group: h"), encoding="utf-8")
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    quiet = ["--no-progress"] if args[0] == "validate" else []
    result = CliRunner().invoke(app, [*args, "--as-of", AS_OF, *quiet])
    return result.exit_code, result.stdout


def test_json_every_policy_rule_skips_and_one_info_finding(tree: Path) -> None:
    code, out = _run("validate", str(tree), "--format", "json")
    report = json.loads(out)
    of_g = [f for f in report["findings"] if f["group"] == "g"]
    assert [(f["rule"], f["severity"], f["line"]) for f in of_g] == [("GC006", "info", 8)]
    statuses = {g["id"]: g["rules"] for g in report["groups"]}
    policy = [rule for rule in statuses["g"] if not rule.startswith("GC0")]
    assert {statuses["g"][rule] for rule in policy} == {"skip"}
    assert statuses["g"]["GC001"] == statuses["g"]["GC002"] == "pass"  # format checks ran
    assert statuses["h"]["GC104"] == "fail"  # the other group is judged
    assert code == 1  # by h's errors; g alone passes
    code, out = _run("validate", str(tree / "g"), "--format", "json")
    assert code == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_markdown_and_junit_give_the_reason(tree: Path, lang: str) -> None:
    reason, _ = WORDS[lang]
    for fmt in ("table", "markdown", "junit", "concise"):
        _, out = _run("validate", str(tree), "--lang", lang, "--format", fmt)
        assert reason in out or WORDS[lang][1] in out, fmt
    _, table = _run("validate", str(tree), "--lang", lang)
    assert "GC101, GC102" in table and "GC501, GC502, GC503" in table


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_ci_format_carries_the_finding(tree: Path, lang: str) -> None:
    _, words = WORDS[lang]
    for fmt in ("sarif", "github", "gitlab", "parsable"):
        _, out = _run("validate", str(tree), "--lang", lang, "--format", fmt)
        assert "GC006" in out and words in out, fmt


@pytest.mark.parametrize(("lang", "words"), [("en", "not yet established"), ("zh", "集团尚未成立")])
def test_html_report_and_export_say_so(
    tree: Path, tmp_path_factory: pytest.TempPathFactory, lang: str, words: str
) -> None:
    out = tmp_path_factory.mktemp("out")
    page = out / "report.html"
    _run("report", str(tree), "--format", "html", "--lang", lang, "-o", str(page))
    assert words in page.read_text(encoding="utf-8")
    table = out / "out.csv"
    _run("export", str(tree), "--format", "csv", "--lang", lang, "-o", str(table))
    assert words in table.read_text(encoding="utf-8-sig")


def test_the_information_finding_stays_under_select_like_every_load_rule(tree: Path) -> None:
    _, out = _run("validate", str(tree / "g"), "--format", "json", "--select", "GC1")
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["GC006"]
    _, out = _run("validate", str(tree / "g"), "--format", "json", "--ignore", "GC006")
    assert json.loads(out)["findings"] == []


def test_parallel_workers_skip_as_one_process_does(tree: Path) -> None:
    settings = Settings(paths=(str(tree),), as_of=dt.date.fromisoformat(AS_OF), lang="en")
    two = parallel.run(settings, 2, serial_below=0)
    one = parallel.run(settings, 1)
    assert reporters.render("json", two, lang="en") == reporters.render("json", one, lang="en")
    skipped = {g.id: g.skipped for g in two.report.groups}
    assert set(skipped["g"].values()) == {"not_established"} and skipped["h"] == {}

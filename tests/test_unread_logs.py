"""A rotation log that cannot be read makes no policy verdict (issue 14, item 11).

The rules that read exchanges (GC201–GC206) report nothing for the group and their verdicts are
``skip`` with the reason "a rotation log could not be read"; the GC001/GC002 finding still fails
the run, every output says "not checked", and a baseline written then records no phantom.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import groupcheck
from groupcheck import parallel, reporters
from groupcheck.cli import app
from groupcheck.settings import Settings

CASE = Path(__file__).parent / "cases" / "GC201" / "log-unreadable-no-verdict"
AS_OF = "2026-11-25"
EXCHANGE_RULES = ("GC201", "GC202", "GC203", "GC204", "GC205")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The case's group (its only log has ``role: "cadre``) and a good group beside it."""
    shutil.copytree(CASE / "g", tmp_path / "g")
    good = (CASE / "g" / "charter.yaml").read_text(encoding="utf-8")
    (tmp_path / "h").mkdir()
    (tmp_path / "h" / "charter.yaml").write_text(
        good.replace("id: g", "id: h").replace("g-m", "h-m"), encoding="utf-8"
    )
    log = (CASE / "g" / "rotations.yaml").read_text(encoding="utf-8")
    (tmp_path / "h" / "rotations.yaml").write_text(
        log.replace('"cadre', "cadre")
        .replace("group: g", "group: h")
        .replace("g-m", "h-m")
        .replace('staff_no: "', 'staff_no: "h-'),  # other people (GC204 compares numbers)
        encoding="utf-8",
    )
    return tmp_path


def _validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", *args, "--as-of", AS_OF, "--no-progress"])
    return result.exit_code, result.stdout


def test_json_rules_say_skip_and_only_the_load_finding_stands(broken: Path) -> None:
    code, out = _validate(str(broken), "--format", "json")
    assert code == 1  # the GC001 still fails the run
    report = json.loads(out)
    of_g = [f["rule"] for f in report["findings"] if f["group"] == "g"]
    assert "GC001" in of_g
    assert not [rule for rule in of_g if rule.startswith("GC2")]
    statuses = {g["id"]: g["rules"] for g in report["groups"]}
    assert [statuses["g"][rule] for rule in EXCHANGE_RULES] == ["skip"] * len(EXCHANGE_RULES)
    assert statuses["g"]["GC101"] == "pass"  # the charter's rules still judge
    assert [statuses["h"][rule] for rule in EXCHANGE_RULES] == ["pass"] * len(EXCHANGE_RULES)
    assert "skipped" not in report["groups"][0]  # the JSON contract's shape is unchanged


def test_the_reason_is_in_the_report(broken: Path) -> None:
    loaded = groupcheck.load([str(broken / "g"), str(broken / "h")], "en")
    result = groupcheck.check(loaded, as_of=dt.date.fromisoformat(AS_OF), lang="en")
    by_id = {g.id: g for g in result.report.groups}
    assert by_id["g"].skipped == dict.fromkeys(EXCHANGE_RULES, "logs_unread")
    assert by_id["h"].skipped == {}


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "not checked (a rotation log could not be read)"), ("zh", "未检查（名册无法读取）")],
)
def test_table_and_markdown_say_not_checked(broken: Path, lang: str, words: str) -> None:
    code, out = _validate(str(broken), "--lang", lang)
    assert code == 1
    assert words in out
    assert "GC201, GC202, GC203, GC204, GC205" in out
    _, markdown = _validate(str(broken), "--lang", lang, "--format", "markdown")
    assert words.replace("(", "\\(").replace(")", "\\)") in markdown or words in markdown


def test_junit_skips_with_the_reason(broken: Path) -> None:
    _, out = _validate(str(broken), "--format", "junit")
    assert 'name="GC201 cadre-exchange-minimum"' in out
    assert "a rotation log could not be read" in out


def test_html_report_says_not_checked(broken: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = CliRunner().invoke(
        app,
        ["report", str(broken), "--format", "html", "--output", str(target), "--as-of", AS_OF],
    )
    assert result.exit_code == 0, result.output  # written (issue 16: --fail-on-findings for 1)
    page = target.read_text(encoding="utf-8")
    assert "未检查（名册无法读取）" in page
    assert "无法核查" in page and "rotations.yaml" in page  # the group, and the file


def test_baseline_written_then_records_no_phantom(broken: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    _validate(str(broken), "--write-baseline", str(baseline))
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    rules = {f["rule"] for f in recorded}
    assert "GC001" in rules and not [rule for rule in rules if rule.startswith("GC2")]
    # Once the log is mended, what the exchange rules find is new, not known.
    log = broken / "g" / "rotations.yaml"
    log.write_text(log.read_text(encoding="utf-8").replace('"cadre', "teacher"), encoding="utf-8")
    code, out = _validate(str(broken), "--baseline", str(baseline), "--format", "json")
    report = json.loads(out)
    assert code == 1
    of_g = [f["rule"] for f in report["findings"] if f["group"] == "g"]
    assert [rule for rule in of_g if rule.startswith("GC2")] == ["GC201"] * 4


def test_parallel_workers_skip_as_one_process_does(broken: Path) -> None:
    paths = (str(broken),)
    settings = Settings(paths=paths, as_of=dt.date.fromisoformat(AS_OF), lang="en")
    two = parallel.run(settings, 2, serial_below=0)
    one = parallel.run(settings, 1)
    assert reporters.render("json", two, lang="en") == reporters.render("json", one, lang="en")
    assert {g.id: g.skipped for g in two.report.groups}["g"]

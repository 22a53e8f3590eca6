"""How rule findings read: the table's per-rule marks, the evidence under it, both languages,
and --no-waivers through the real command."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from rich.cells import cell_len

import groupcheck
from groupcheck.reporters import render

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
AS_OF = dt.date(2026, 11, 25)


def result_of(case: str, lang: str = "en") -> groupcheck.RunResult:
    folder = CASES / case
    groups = sorted(str(p.parent) for p in folder.glob("*/charter.yaml"))
    return groupcheck.check(groupcheck.load(groups), as_of=AS_OF, lang=lang)  # type: ignore[arg-type]


def test_failure_shows_year_and_evidence() -> None:
    text = render("table", result_of("GC201/fail-one-cadre"), lang="en", width=120)
    assert "2023-2024: 1 cadre on exchange (李明), at least 2 required" in text


def test_failure_in_chinese() -> None:
    text = render("table", result_of("GC201/fail-one-cadre", "zh"), lang="zh", width=120)
    assert "2023-2024: 交流干部1名（李明），应不少于2名" in text


def test_first_year_share_evidence() -> None:
    text = render("table", result_of("GC203/fail-below-15-percent"), lang="en", width=120)
    assert (
        "2022-2023: 3 teachers sent from the core school to members (14.3% of 21), "
        "at least 15% required (4 teachers)"
    ) in text


def test_funding_evidence() -> None:
    text = render("table", result_of("GC301/fail-below"), lang="en", width=120)
    assert (
        "2023: special funds from finance total 150,000 yuan, at least 200,000 yuan required"
        in text
    )


def test_a_column_per_rule_when_wide_and_per_family_when_narrow() -> None:
    result = result_of("GC201/fail-one-cadre")
    wide = render("table", result, lang="en", width=220)
    header = next(line for line in wide.splitlines() if "GC101" in line)
    assert "GC201" in header and "GC503" in header and "GC206" not in header  # GC206 is off
    row = next(line for line in wide.splitlines() if line.startswith("│ g "))
    marks = [cell.strip() for cell in row.strip("│").split("│")][4:]
    assert marks.count("✗") == 1  # GC201 only
    narrow = render("table", result, lang="en", width=110)
    narrow_header = narrow.splitlines()[2]
    assert "GC101" not in narrow_header
    assert "Governance" in narrow_header and "Exchanges" in narrow_header
    narrow_row = next(line for line in narrow.splitlines() if line.startswith("│ g "))
    assert [cell.strip() for cell in narrow_row.strip("│").split("│")][4:] == [
        "✓",
        "✓",
        "✗",
        "✓",
        "✓",
        "✓",
    ]


def test_the_table_shows_id_name_model_and_members() -> None:
    """Issue 2: "one row a group: id, name, model, members, and a ✓/✗ column per rule family"."""
    result = result_of("GC201/fail-one-cadre")
    for lang, headers, model in (
        ("en", ["Group", "Name", "Model", "Members"], "tight"),
        ("zh", ["集团", "名称", "模式", "成员校"], "紧密型"),
    ):
        text = render("table", result, lang=lang, width=150)
        header = next(line for line in text.splitlines() if headers[0] in line)
        cells = [cell.strip() for cell in header.strip("┃").split("┃")]
        assert cells[:4] == headers
        row = next(line for line in text.splitlines() if line.startswith("│ g "))
        assert [cell.strip() for cell in row.strip("│").split("│")][2] == model


def test_narrow_tables_keep_every_column_and_every_mark() -> None:
    """A 120-column pipe keeps all ten columns, whole ids and every mark (headers and names may
    be shortened); at 150 columns every header is whole."""
    result = groupcheck.run(groupcheck.Settings(paths=(str(ROOT / "charters"),), as_of=AS_OF))
    for width in (80, 100, 120, 150):
        text = render("table", result, lang="en", width=width)
        rows = [line for line in text.splitlines() if line.startswith("│ ")]
        assert len(rows) == len(result.report.groups)
        for line in [*rows, next(line for line in text.splitlines() if "Group" in line)]:
            assert cell_len(line) <= width
        for row in rows:
            cells = [cell.strip() for cell in row.strip("│").split("│")]
            assert len(cells) == 10
            assert all(mark in ("✓", "✗", "W", "–") for mark in cells[4:]), row
        if width >= 100:
            ids = {row.strip("│").split("│")[0].strip() for row in rows}
            assert ids == {g.id for g in result.report.groups}
    header = next(
        line for line in render("table", result, width=150).splitlines() if "Group" in line
    )
    for family in ("Load", "Governance", "Exchanges", "Funding", "Cross-group", "Waivers"):
        assert f" {family} " in header


def test_waived_mark() -> None:
    result = result_of("waivers/matching")
    wide = render("table", result, lang="en", width=220)
    row = next(line for line in wide.splitlines() if line.startswith("│ g "))
    assert "W" in row
    assert result.report.summary.waived == 1


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "groupcheck", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1"},
        timeout=120,
    )


def test_no_waivers_shows_what_they_hide() -> None:
    folder = str(CASES / "waivers" / "matching")
    with_waivers = cli("validate", folder, "-f", "json", "--as-of", "2026-11-25")
    inspector = cli("validate", folder, "-f", "json", "--as-of", "2026-11-25", "--no-waivers")
    waived = [f for f in json.loads(with_waivers.stdout)["findings"] if f["rule"] == "GC301"]
    shown = [f for f in json.loads(inspector.stdout)["findings"] if f["rule"] == "GC301"]
    assert [f["waived"] for f in waived] == [True]
    assert [f["waived"] for f in shown] == [False]
    assert (with_waivers.returncode, inspector.returncode) == (0, 1)


def test_bundled_charters_are_judged_by_every_rule() -> None:
    run = cli("validate", "charters", "-f", "json", "--as-of", "2026-11-25")
    report = json.loads(run.stdout)
    assert report["summary"]["groups"] >= 17
    for group in report["groups"]:
        judged = {r for r, s in group["rules"].items() if s != "skip"}
        assert {"GC101", "GC201", "GC301", "GC502"} <= judged
    failing = {f["rule"] for f in report["findings"] if not f["waived"]}
    assert {"GC101", "GC201", "GC301"} <= failing
    assert run.returncode == 1


def test_waived_findings_say_so_in_the_chosen_language() -> None:
    english = render("table", result_of("waivers/matching"), lang="en", width=120)
    chinese = render("table", result_of("waivers/matching", "zh"), lang="zh", width=120)
    assert "[waived: 区财政2023年预算调整" in english
    assert "[已豁免: 区财政2023年预算调整" in chinese

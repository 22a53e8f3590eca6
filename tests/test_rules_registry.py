"""What a reviewer checks of the rule catalog: ids and names as the issue fixes them, every rule
documented and citing a source, a passing and a failing case per rule, docs/rules.md current,
and the ``rules`` / ``explain`` commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from groupcheck import policy
from groupcheck.cli import app
from groupcheck.cli.rules import docs_markdown
from groupcheck.engine import registry

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"

# The user's contract (issue 3): ids, names, default severities.
CATALOG = {
    "GC101": ("member-limit", "error"),
    "GC102": ("five-documents", "error"),
    "GC103": ("plan-horizon", "error"),
    "GC104": ("council-filed", "error"),
    "GC105": ("approval", "error"),
    "GC106": ("annual-evaluation", "error"),
    "GC107": ("plan-current", "error"),
    "GC201": ("cadre-exchange-minimum", "error"),
    "GC202": ("exchange-term", "error"),
    "GC203": ("first-year-teacher-share", "error"),
    "GC204": ("exchange-overlap", "error"),
    "GC205": ("exchange-endpoints", "error"),
    "GC206": ("annual-rotation-share", "error"),
    "GC301": ("funding-minimum", "error"),
    "GC302": ("funding-use", "warning"),
    "GC401": ("school-in-two-groups", "warning"),
    "GC402": ("duplicate-group-id", "error"),
    "GC501": ("waiver-expired", "warning"),
    "GC502": ("waiver-unused", "warning"),
    "GC503": ("waiver-expiring", "info"),
}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``groupcheck ARGS`` run from the repository's root as from a plain pipe (no colour, the
    terminal's width unknown). ``rules`` and ``explain`` run in this process (typer's runner,
    the app the program runs, without an interpreter's start-up per call; an exception is
    raised, as a traceback would be); ``validate``, which the program parses in ``cli.fast``
    and not through typer, runs as the program."""
    if args[:1] == ("validate",):
        return subprocess.run(
            [sys.executable, "-m", "groupcheck", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1"},
            timeout=120,
        )
    env = {"LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": None, "LINES": None}
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        done = CliRunner(env=env).invoke(app, list(args), catch_exceptions=False)
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(list(args), done.exit_code, done.stdout, done.stderr)


def test_catalog_ids_names_and_severities_are_the_issues() -> None:
    specs = registry()
    policy_rules = {rule_id: spec for rule_id, spec in specs.items() if spec.check is not None}
    assert {r: (s.name, s.severity.value) for r, s in policy_rules.items()} == CATALOG
    names = [spec.name for spec in specs.values()]
    assert len(names) == len(set(names))
    assert sorted(specs) == list(specs)


def test_run_scope_rules() -> None:
    specs = registry()
    assert {r for r, s in specs.items() if s.scope == "run"} == {"GC101", "GC401", "GC402"}
    assert all(not specs[r].waivable for r in ("GC501", "GC502", "GC503"))


@pytest.mark.parametrize("rule_id", sorted(CATALOG))
def test_every_rule_is_documented_and_cites_a_source(rule_id: str) -> None:
    doc = registry()[rule_id].doc
    for section in ("summary", "summary_zh", "what", "why", "source", "how", "passes", "fails"):
        assert getattr(doc, section).strip(), f"{rule_id} has no {section}"
    assert doc.policy_zh.strip() and doc.policy_en.strip()
    assert doc.passes != doc.fails
    # Passes/fails are charter or log fragments: they parse as YAML.
    yaml.safe_load(doc.passes)
    yaml.safe_load(doc.fails)


def seed_rules_cite_a_seed() -> list[str]:
    return [r for r in CATALOG if r not in ("GC204", "GC205", "GC402", "GC501", "GC502", "GC503")]


@pytest.mark.parametrize("rule_id", seed_rules_cite_a_seed())
def test_policy_rules_cite_a_seed_file_or_the_national_opinion(rule_id: str) -> None:
    source = registry()[rule_id].doc.source
    assert any(
        seed in source for seed in ("000_", "001_", "002_", "003_", "004_", "教师〔2014〕4号")
    )


def _cases() -> list[dict[str, object]]:
    out = []
    for expected in sorted(CASES.glob("*/*/expected.yaml")):
        data = yaml.safe_load(expected.read_text(encoding="utf-8"))
        data["_name"] = f"{expected.parent.parent.name}/{expected.parent.name}"
        out.append(data)
    return out


@pytest.mark.parametrize("rule_id", sorted(CATALOG))
def test_every_rule_has_a_passing_and_a_failing_case(rule_id: str) -> None:
    passing, failing = [], []
    for case in _cases():
        if rule_id not in case["rules"]:  # type: ignore[operator]
            continue
        hits = [f for f in case["findings"] or [] if f["rule"] == rule_id]  # type: ignore[attr-defined]
        (failing if hits else passing).append(case["_name"])
    assert passing, f"{rule_id} has no passing case"
    assert failing, f"{rule_id} has no failing case"


def test_failing_cases_pin_a_line() -> None:
    for case in _cases():
        for finding in case["findings"] or []:  # type: ignore[attr-defined]
            assert isinstance(finding["line"], int) and finding["line"] > 0, case["_name"]


def test_docs_rules_md_is_current() -> None:
    """Regenerate with: groupcheck rules --format markdown -o docs/rules.md"""
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == docs_markdown(policy.load_pack(None)), (
        "docs/rules.md is stale: run groupcheck rules --format markdown -o docs/rules.md"
    )


def test_docs_mention_every_rule() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule_id, (name, _severity) in CATALOG.items():
        assert f"## {rule_id} {name}" in text


def test_rules_command_lists_the_catalog() -> None:
    run = cli("rules")
    assert run.returncode == 0, run.stderr
    for rule_id, (name, _severity) in CATALOG.items():
        assert rule_id in run.stdout and name in run.stdout
    assert "min_cadres=2" in run.stdout
    assert "003_dc5c7efb57eb3707.txt" in run.stdout


def test_rules_command_shows_the_selected_pack() -> None:
    run = cli("rules", "--rules", "beijing-2016")
    assert run.returncode == 0, run.stderr
    assert "beijing-2016" in run.stdout
    assert "min_years=1, max_years=3" in run.stdout
    assert "北京市教育委员会" in run.stdout


def test_rules_command_marks_disabled_rules() -> None:
    run = cli("rules")
    line = next(line for line in run.stdout.splitlines() if "GC206" in line)
    assert "off" in line


@pytest.mark.parametrize("rule_id", sorted(CATALOG))
def test_explain_prints_every_section(rule_id: str) -> None:
    run = cli("explain", rule_id, "--lang", "en")
    assert run.returncode == 0, run.stderr
    doc = registry()[rule_id].doc
    for heading in (
        "What it checks",
        "Why",
        "Policy text (Chinese)",
        "Policy text (English)",
        "How it counts",
        "Parameters",
        "Passes",
        "Fails",
    ):
        assert heading in run.stdout, (rule_id, heading)
    assert doc.policy_zh in run.stdout
    assert doc.passes.splitlines()[0] in run.stdout


def test_explain_gc201_in_chinese() -> None:
    run = cli("explain", "gc201", "--lang", "zh")
    assert run.returncode == 0
    assert "政策原文（中文）" in run.stdout
    assert "不少于2名" in run.stdout
    assert "min_cadres: 2" in run.stdout


def test_explain_by_name_and_under_a_pack() -> None:
    run = cli("explain", "exchange-term", "--rules", "beijing-2016")
    assert run.returncode == 0
    assert "min_years: 1" in run.stdout and "教师每期交流轮岗的期限原则上为1至3年" in run.stdout


def test_explain_unknown_rule_is_a_usage_error() -> None:
    run = cli("explain", "GC999")
    assert run.returncode == 2
    assert "GC999" in run.stderr
    assert run.stdout == ""

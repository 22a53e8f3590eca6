"""Policy packs: the bundled packs, extends, and every kind of bad pack as a usage error (exit 2)
naming the pack's file and line, through the real command."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import groupcheck
from groupcheck import policy
from groupcheck.engine import registry

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
CHARTERS = ROOT / "charters"


def groupcheck_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "groupcheck", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1"},
        timeout=120,
    )


def configurable_ids() -> list[str]:
    return [rule_id for rule_id, spec in registry().items() if spec.check is not None]


def test_default_pack_lists_every_rule_with_its_registry_defaults_and_a_source() -> None:
    """The pack states the numbers; the Params models hold the same defaults (one truth)."""
    raw = yaml.safe_load((RULES / "default.yaml").read_text(encoding="utf-8"))
    assert raw["academic_year_start"] == "09-01"
    assert sorted(raw["rules"]) == sorted(configurable_ids())
    pack = policy.load_pack(None)
    for rule_id, spec in registry().items():
        if spec.check is None:
            continue
        entry = pack.rules[rule_id]
        assert entry.params == spec.params(), rule_id
        assert entry.severity is spec.severity, rule_id
        assert entry.enabled is spec.enabled, rule_id
        assert entry.waivable is spec.waivable, rule_id
        assert entry.source is not None and entry.source.text(), rule_id


def test_default_severities_are_the_issues() -> None:
    pack = policy.load_pack(None)
    severities = {rule_id: entry.severity.value for rule_id, entry in pack.rules.items()}
    assert severities["GC302"] == "warning"
    assert severities["GC401"] == "warning"
    assert severities["GC501"] == "warning"
    assert severities["GC502"] == "warning"
    assert severities["GC503"] == "info"
    others = set(severities) - {"GC302", "GC401", "GC501", "GC502", "GC503"}
    assert {severities[r] for r in others} == {"error"}
    assert pack.rules["GC206"].enabled is False


def test_national_2014_enables_gc206_and_changes_nothing_else() -> None:
    default = policy.load_pack(None)
    national = policy.load_pack("national-2014")
    assert national.name == "national-2014"
    assert national.rules["GC206"].enabled is True
    params = national.rules["GC206"].params
    assert (params.min_percent, params.min_backbone_percent) == (10, 20)  # type: ignore[attr-defined]
    assert "教师〔2014〕4号" in (national.rules["GC206"].source or policy.Source()).text()
    for rule_id in configurable_ids():
        if rule_id != "GC206":
            assert national.rules[rule_id] == default.rules[rule_id], rule_id
    assert national.chain[-1].endswith("default.yaml")


def test_beijing_2016_terms_of_one_to_three_years() -> None:
    beijing = policy.load_pack(str(RULES / "beijing-2016.yaml"))
    term = beijing.rules["GC202"].params
    assert (term.min_years, term.max_years) == (1, 3)  # type: ignore[attr-defined]
    assert beijing.rules["GC206"].enabled is True
    assert "北京市教育委员会" in (beijing.rules["GC206"].source or policy.Source()).text()


def test_bundled_packs_are_reachable_from_the_package() -> None:
    assert set(policy.bundled_packs()) >= {"default", "national-2014", "beijing-2016"}
    assert (policy.bundled_dir() / "default.yaml").read_bytes() == (
        RULES / "default.yaml"
    ).read_bytes()


def test_extends_overrides_one_parameter_and_keeps_the_rest(tmp_path: Path) -> None:
    pack_file = tmp_path / "district.yaml"
    pack_file.write_text(
        "pack: district\nextends: default.yaml\nrules:\n  GC203:\n    params:\n"
        "      min_percent: 20\n",
        encoding="utf-8",
    )
    pack = policy.load_pack(str(pack_file))
    assert pack.rules["GC203"].params.min_percent == 20  # type: ignore[attr-defined]
    assert pack.rules["GC203"].source == policy.load_pack(None).rules["GC203"].source
    assert pack.version == "1"  # inherited
    info = pack.info()
    assert info.name == "district" and info.academic_year_start == (9, 1)


def test_extends_a_sibling_file_before_the_bundled_one(tmp_path: Path) -> None:
    (tmp_path / "default.yaml").write_text(
        "pack: local-default\nacademic_year_start: '08-15'\n", encoding="utf-8"
    )
    (tmp_path / "child.yaml").write_text("pack: child\nextends: default.yaml\n", encoding="utf-8")
    pack = policy.load_pack(str(tmp_path / "child.yaml"))
    assert pack.academic_year_start == (8, 15)


DOCUMENT = """\
pack: x
documents:
  - id: opinion
    issuer: 某区教育局
    title: 关于推进集团化办学的意见
    kind: normative
rules:
  GC201:
    source:
      basis: opinion
      clause_zh: 三（一）
"""
"""A pack with one basis document (issue 16), which BAD_PACKS spoils one key at a time."""

BAD_PACKS = [
    (DOCUMENT.replace("basis: opinion", "basis: opinoin"), 10, "basis 'opinoin' is not an id"),
    (DOCUMENT.replace("kind: normative", "kind: law"), 6, "kind 'law' is not one of"),
    (DOCUMENT.replace("    title: 关于推进集团化办学的意见\n", ""), 3, "title is missing"),
    (
        DOCUMENT.replace("    title: 关于推进集团化办学的意见\n", "    title: ''\n"),
        5,
        "title is missing",
    ),
    (DOCUMENT.replace("    issuer: 某区教育局\n", ""), 3, "issuer is missing"),
    (DOCUMENT.replace("    kind: normative\n", ""), 3, "kind is missing"),
    (DOCUMENT.replace("    kind: normative\n", "    kind: normative\n    page: 3\n"), 7, "page"),
    (
        DOCUMENT.replace("rules:", "  - {id: opinion, issuer: 甲, title: 乙, kind: plan}\nrules:"),
        7,
        "id 'opinion' appears twice",
    ),
    ("pack: x\ndocuments: 关于推进集团化办学的意见\n", 2, "must be a list"),
    ("pack: x\ndocuments:\n  - 关于推进集团化办学的意见\n", 3, "must be a mapping"),
    (
        "pack: x\nextends: default.yaml\nrules:\n  GC999:\n    enabled: false\n",
        4,
        "unknown rule id 'GC999'",
    ),
    (
        "pack: x\nextends: default.yaml\nrules:\n  GC201:\n    params:\n      min_cadre: 3\n",
        6,
        "no parameter 'min_cadre'; did you mean min_cadres?",
    ),
    (
        "pack: x\nextends: default.yaml\nrules:\n  GC201:\n    params:\n      count: weekly\n",
        6,
        "count",
    ),
    ("pack: x\nrules:\n  GC301:\n    severity: fatal\n", 4, "not one of error, warning, info"),
    ("pack: x\nrules:\n  GC301:\n    enable: false\n", 4, "did you mean enabled?"),
    ("pack: x\nversoin: '2'\n", 2, "unknown key 'versoin'"),
    ("pack: x\nacademic_year_start: '13-01'\n", 2, "academic_year_start"),
    ("pack: x\nextends: nowhere.yaml\n", 2, "nowhere.yaml"),
    ("pack: x\nrules:\n  GC204:\n    params:\n      days: 3\n", 5, "it takes no parameters"),
    ("pack: x\nrules:\n  GC001:\n    enabled: false\n", 3, "unknown rule id 'GC001'"),
    ("pack: x\nrules:\n  GC201:\n    enabled: yes please\n", 4, "true or false"),
    ("pack: x\npack: y\n", 2, "appears twice"),
]


@pytest.mark.parametrize(("text", "line", "needle"), BAD_PACKS)
def test_bad_pack_is_a_usage_error_naming_file_and_line(
    tmp_path: Path, text: str, line: int, needle: str
) -> None:
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(policy.PackError) as raised:
        policy.load_pack(str(tmp_path / "bad.yaml"))
    assert raised.value.line == line
    assert needle in raised.value.message
    run = groupcheck_cli("validate", str(CHARTERS), "--rules", str(tmp_path / "bad.yaml"))
    assert run.returncode == 2, run.stderr
    assert f"bad.yaml:{line}:" in run.stderr
    assert needle in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""


def test_circular_extends_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("pack: a\nextends: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("pack: b\nextends: a.yaml\n", encoding="utf-8")
    with pytest.raises(policy.PackError, match="circle"):
        policy.load_pack(str(tmp_path / "a.yaml"))


def test_missing_pack_file_is_a_usage_error() -> None:
    run = groupcheck_cli("validate", str(CHARTERS), "--rules", "no-such-pack.yaml")
    assert run.returncode == 2
    assert "no-such-pack.yaml" in run.stderr and "bundled packs" in run.stderr


def test_validate_with_national_2014_judges_gc206() -> None:
    default = groupcheck_cli("validate", str(CHARTERS), "-f", "json", "--as-of", "2026-11-25")
    national = groupcheck_cli(
        "validate",
        str(CHARTERS),
        "-f",
        "json",
        "--as-of",
        "2026-11-25",
        "--rules",
        "national-2014",
    )
    default_rules = {f["rule"] for f in json.loads(default.stdout)["findings"]}
    national_report = json.loads(national.stdout)
    assert "GC206" not in default_rules
    assert "GC206" in {f["rule"] for f in national_report["findings"]}
    assert all(g["rules"]["GC206"] != "skip" for g in national_report["groups"])
    assert national.returncode == 1


def test_api_run_uses_the_settings_pack() -> None:
    result = groupcheck.run(
        groupcheck.Settings(
            paths=(str(CHARTERS),),
            as_of=dt.date(2026, 11, 25),
            lang="en",
            rules_file="beijing-2016",
        )
    )
    assert result.run.pack.name == "beijing-2016"
    assert result.run.pack.rules["GC206"].enabled

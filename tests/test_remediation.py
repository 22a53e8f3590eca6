"""Every rule says what a failing group must do (issue 16: 整改意见), in English and in plain
Chinese, with the pack's numbers filled in; ``explain``, docs/rules.md, SARIF and the report
carry it."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

import groupcheck
from groupcheck import policy
from groupcheck.engine import registry
from groupcheck.settings import Settings
from test_rules_registry import cli

ROOT = Path(__file__).resolve().parent.parent
RULES = sorted(registry())
ASCII_WORD = re.compile(r"[A-Za-z_]{4,}")


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("rule_id", RULES)
def test_every_rule_has_both_remediations(rule_id: str) -> None:
    spec = registry()[rule_id]
    doc = spec.doc
    zh, en = doc.remediation_zh, doc.remediation
    assert zh.strip() and en.strip(), rule_id
    # The registry's texts are plain text, the rule's defaults filled in: plain Chinese (no
    # ASCII word of 4+ letters: an enum value or a YAML key shows as its Chinese label) …
    assert "{" not in zh + en and "}" not in zh + en, rule_id
    assert ASCII_WORD.findall(zh) == [], (rule_id, zh)
    assert re.search(r"[\u4e00-\u9fff]", zh) and zh.endswith("。"), (rule_id, zh)
    # … and plain English: no Chinese, a capitalised imperative ending in a full stop.
    assert not re.search(r"[\u4e00-\u9fff]", en), rule_id
    assert en[0].isupper() and en.endswith("."), (rule_id, en)
    assert doc.remediation_for("zh") == zh and doc.remediation_for("en") == en
    # A template's placeholders are the rule's own parameters, the same in both languages.
    assert fields(doc.remediation_template) <= set(spec.params.model_fields), rule_id
    assert fields(doc.remediation_template_zh) == fields(doc.remediation_template), rule_id
    assert doc.remediation_for("zh", spec.params()) == zh, rule_id


def test_labels_not_keys_fill_the_placeholders() -> None:
    specs = registry()
    assert "{min_cadres}名" in specs["GC201"].doc.remediation_template_zh
    assert "不少于2名" in specs["GC201"].doc.remediation_zh
    gc102 = specs["GC102"].doc.remediation_for("zh", specs["GC102"].params())
    assert "三年发展规划" in gc102 and "development_plan" not in gc102
    gc106 = specs["GC106"].doc.remediation_for("zh", specs["GC106"].params())
    assert "发展潜能" in gc106
    gc301 = specs["GC301"].doc
    assert "不少于20万元（财政拨款）" in gc301.remediation_for("zh", specs["GC301"].params())
    assert "at least 200,000 yuan (finance)" in gc301.remediation_for("en", specs["GC301"].params())
    en106 = specs["GC106"].doc.remediation_for("en", specs["GC106"].params())
    assert "social recognition and development potential" in en106


def test_the_report_holds_the_remediation_with_the_packs_numbers() -> None:
    """RuleInfo.remediation is filled from the pack in force: Beijing's 1-3 year terms."""
    report = groupcheck.run(
        Settings(paths=(str(ROOT / "charters"),), rules_file="beijing-2016", lang="zh")
    ).report
    gc202 = report.rules["GC202"]
    assert gc202.remediation_in("zh") == "按1至3年确定交流期限，并更正轮岗交流名册中的起止日期。"
    assert gc202.remediation_in("en").startswith("Set each exchange's term at 1 to 3 years")
    assert set(gc202.remediation) == {"en", "zh"}
    for info in report.rules.values():
        assert info.remediation_in("zh") and info.remediation_in("en"), info.id


def test_explain_prints_the_remediation_in_both_languages() -> None:
    zh = cli("explain", "GC301", "--lang", "zh", "--rules", "chenzhou")
    assert zh.returncode == 0, zh.stderr
    assert (
        "整改建议\n    补足当年专项经费至不少于20万元（财政拨款），并将拨付凭证报督导部门。"
        in zh.stdout
    )
    en = cli("explain", "GC201", "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert "Remediation\n    Send at least 2 cadres from the core school" in en.stdout


def test_docs_rules_md_shows_every_remediation() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    pack = policy.load_pack()
    for rule_id, spec in registry().items():
        entry = pack.rules.get(rule_id)
        params = entry.params if entry else spec.params()
        assert spec.doc.remediation_for("zh", params) in text, rule_id


def test_sarif_help_carries_the_remediation() -> None:
    run = cli("validate", "charters", "--format", "sarif", "--lang", "zh")
    assert run.returncode == 1, run.stderr
    rules = json.loads(run.stdout)["runs"][0]["tool"]["driver"]["rules"]
    by_id = {rule["id"]: rule for rule in rules}
    assert "整改建议：" in by_id["GC201"]["help"]["text"]
    assert "核心校每学年向成员校选派交流干部不少于2名" in by_id["GC201"]["help"]["markdown"]

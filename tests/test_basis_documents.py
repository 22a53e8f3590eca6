"""检查依据 (issue 16 item 2): each pack lists the documents its rules rest on, by issuer, title
and 文号 where there is one; every policy rule names its document (``source: basis:``) and the
clause in Chinese; the loader refuses a bad list with the pack's file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

import groupcheck
from groupcheck import policy
from groupcheck.engine import registry
from groupcheck.report import BASIS_KINDS, BasisDocument
from groupcheck.settings import Settings
from test_policy_packs import DOCUMENT, groupcheck_cli

ROOT = Path(__file__).resolve().parent.parent
CHARTERS = ROOT / "charters"
FORMAT_AND_TOOL_RULES = {"GC204", "GC205", "GC402", "GC501", "GC502", "GC503"}
"""Rules that check the data, not a policy: they rest on no document."""


@pytest.mark.parametrize("name", policy.bundled_packs())
def test_every_policy_rule_of_a_bundled_pack_names_its_document_and_clause(name: str) -> None:
    pack = policy.load_pack(name)
    for rule_id, entry in pack.rules.items():
        if rule_id in FORMAT_AND_TOOL_RULES or entry.source is None:
            continue
        assert entry.source.basis in pack.basis, (name, rule_id)
        assert entry.source.clause_zh, (name, rule_id)
    for rule_id in FORMAT_AND_TOOL_RULES:
        entry = pack.rules[rule_id]
        assert entry.source is None or not entry.source.basis, (name, rule_id)
    enabled = [
        rule_id
        for rule_id, entry in pack.rules.items()
        if entry.enabled and rule_id not in FORMAT_AND_TOOL_RULES
    ]
    assert enabled and pack.info().documents, name


@pytest.mark.parametrize("name", policy.bundled_packs())
def test_bundled_documents_are_cited_as_the_seeds_give_them(name: str) -> None:
    for document in policy.load_pack(name).basis.values():
        assert document.kind in BASIS_KINDS
        assert document.issuer and document.title
        assert "《" not in document.title and "》" not in document.title
        # No invented 文号: the only one the sources give is the 2014 national opinion's.
        assert document.number in ("", "教师〔2014〕4号"), document
        # The English-language seeds are back-translations, and say so.
        if document.seed[:3] in ("000", "001", "002"):
            assert document.kind == "translation", document
        if document.kind == "news":
            assert document.seed or document.reported_by, document


def test_the_packs_documents_are_the_ones_its_enabled_rules_rest_on() -> None:
    default = policy.load_pack("default").info()
    ids = [d.id for d in default.documents]
    # GC206 is off in the default pack: the 2014 opinion is listed but not cited.
    assert "moe-2014" in policy.load_pack("default").basis and "moe-2014" not in ids
    assert ids[0] == "taishan-report"
    national = [d.id for d in policy.load_pack("national-2014").info().documents]
    assert national == [*ids, "moe-2014"]  # inherited through extends, then its own
    (opinion,) = (d for d in policy.load_pack("national-2014").info().documents if d.number)
    assert opinion.citation() == (
        "教育部 财政部 人力资源社会保障部《关于推进县（区）域内义务教育学校校长教师交流轮岗的意见》"
        "（教师〔2014〕4号）"
    )
    assert not opinion.hearsay
    chenzhou = policy.load_pack("chenzhou").info().documents
    assert [d.id for d in chenzhou] == ["chenzhou-report"] and chenzhou[0].hearsay


def test_the_report_carries_documents_basis_and_clause() -> None:
    report = groupcheck.run(
        Settings(paths=(str(CHARTERS),), rules_file="plan-003-district", lang="zh")
    ).report
    (document,) = report.pack.documents
    assert isinstance(document, BasisDocument)
    assert (document.id, document.kind) == ("district-plan", "plan")
    assert document.title == "关于进一步推进公办义务教育学校集团化办学的实施方案"
    gc105 = report.rules["GC105"]
    assert gc105.basis == "district-plan"
    assert gc105.clause_in("zh") == "三（二）"
    assert gc105.clause["en"] == "district plan 三(二)"
    assert report.pack.document("district-plan") is document
    assert report.rules["GC204"].basis == "" and report.rules["GC001"].basis == ""
    assert report.rules["GC501"].clause == {}


def test_by_jurisdiction_each_pack_reports_its_own_documents() -> None:
    report = groupcheck.run(Settings(paths=(str(CHARTERS),), rules_file="by-jurisdiction")).report
    taishan = report.packs["taishan"]
    assert [d.id for d in taishan.documents] == ["taishan-report"]
    assert taishan.rules["GC201"].clause_in("zh") == "关于干部教师管理的段落"
    assert [d.id for d in report.packs["jinan-shizhong"].documents] == ["jinan-shizhong-report"]


def test_extends_inherits_and_replaces_documents(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(DOCUMENT, encoding="utf-8")
    (tmp_path / "child.yaml").write_text(
        "pack: child\nextends: base.yaml\ndocuments:\n"
        "  - {id: opinion, issuer: 某区人民政府, title: 关于推进集团化办学的意见（修订）, "
        "kind: normative, number: 某政发〔2024〕1号, date: 2024-03-01}\n",
        encoding="utf-8",
    )
    base = policy.load_pack(str(tmp_path / "base.yaml"))
    child = policy.load_pack(str(tmp_path / "child.yaml"))
    assert base.basis["opinion"].issuer == "某区教育局"
    assert child.basis["opinion"].number == "某政发〔2024〕1号"
    assert child.basis["opinion"].date == "2024-03-01"  # an unquoted date is read as its text
    assert child.rules["GC201"].source is not None
    assert child.rules["GC201"].source.basis == "opinion"
    assert [d.citation() for d in child.info().documents] == [
        "某区人民政府《关于推进集团化办学的意见（修订）》（某政发〔2024〕1号）"
    ]


def test_explain_names_the_basis_document_and_clause() -> None:
    run = groupcheck_cli("explain", "GC105", "--lang", "zh", "--rules", "plan-003-district")
    assert run.returncode == 0, run.stderr
    cited = "district-plan XX区《关于进一步推进公办义务教育学校集团化办学的实施方案》, 三（二）"
    assert f"检查依据\n    {cited}" in run.stdout


def test_every_registered_policy_rule_is_covered_by_the_default_packs_basis() -> None:
    pack = policy.load_pack("default")
    policy_rules = [
        rule_id
        for rule_id, spec in registry().items()
        if spec.check is not None and rule_id not in FORMAT_AND_TOOL_RULES
    ]
    assert all(pack.rules[rule_id].source is not None for rule_id in policy_rules)
    assert {pack.rules[r].source.basis for r in policy_rules if pack.rules[r].source} <= set(
        pack.basis
    )


def test_a_pack_citing_its_own_document_quotes_it(tmp_path: Path) -> None:
    """A rule resting on another document than the default pack's prints the pack's quote
    (``quote``; ``quote_zh`` for Chinese where the document is not), or no policy text when
    the pack quotes none: never the rule's documentation, which quotes another document. A
    pack citing the default's own document keeps the documentation's text."""
    own = DOCUMENT.replace(
        "      clause_zh: 三（一）\n",
        "      clause_zh: 三（一）\n"
        "      quote: Two cadres a year.\n"
        "      quote_zh: 每年两名干部。\n",
    )
    (tmp_path / "own.yaml").write_text(own, encoding="utf-8")
    (tmp_path / "bare.yaml").write_text(DOCUMENT, encoding="utf-8")
    (tmp_path / "same.yaml").write_text(
        "pack: same\nextends: default.yaml\nrules:\n  GC201:\n    source:\n"
        "      basis: taishan-report\n      seed: 000_06d86b8654769ff0.txt\n"
        "      clause_zh: 第二段\n      quote: not less than two cadres\n",
        encoding="utf-8",
    )
    gc201 = {
        name: groupcheck.run(
            Settings(paths=(str(CHARTERS / "henan-shangqiu-liangyuan"),), rules_file=str(path))
        ).report.pack.rules["GC201"]
        for name, path in (
            ("own", tmp_path / "own.yaml"),
            ("bare", tmp_path / "bare.yaml"),
            ("same", tmp_path / "same.yaml"),
        )
    }
    assert gc201["own"].quote == {"en": "Two cadres a year.", "zh": "每年两名干部。"}
    assert (gc201["own"].policy_in("zh"), gc201["own"].policy_in("en")) == (
        "每年两名干部。",
        "Two cadres a year.",
    )
    assert gc201["bare"].quote == {} and gc201["bare"].policy_in("zh") == ""
    assert gc201["same"].quote is None
    assert gc201["same"].policy_in("zh") == gc201["same"].doc["policy_zh"]


def test_quote_zh_is_the_chinese_even_when_the_quote_holds_a_chinese_word(
    tmp_path: Path,
) -> None:
    """A mostly English quote naming a Chinese term keeps the pack's Chinese for a Chinese
    report (one CJK character once made the whole quote count as Chinese)."""
    mixed = DOCUMENT.replace(
        "      clause_zh: 三（一）\n",
        "      clause_zh: 三（一）\n"
        '      quote: the "five one" (五个一) working system\n'
        "      quote_zh: “五个一”工作制度\n",
    )
    (tmp_path / "mixed.yaml").write_text(mixed, encoding="utf-8")
    settings = Settings(
        paths=(str(CHARTERS / "henan-shangqiu-liangyuan"),), rules_file=str(tmp_path / "mixed.yaml")
    )
    gc201 = groupcheck.run(settings).report.pack.rules["GC201"]
    assert gc201.policy_in("zh") == "“五个一”工作制度"
    assert gc201.policy_in("en") == 'the "five one" (五个一) working system'

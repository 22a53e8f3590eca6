"""``--rules by-jurisdiction``: each group judged by the pack of its charter's jurisdiction.

Every folder under tests/jurisdiction_cases/ is a case: group folders, optionally a
groupcheck.toml, and ``expected.yaml`` listing runs (``rules``, ``fallback_rules`` or
``config``) and, per group, the pack that judged it and its verdicts (``status`` and per rule).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

import groupcheck
from groupcheck import config, parallel, policy
from groupcheck.baseline import fingerprints
from groupcheck.reporters import json_report, junit, sarif
from groupcheck.settings import Settings

AS_OF = dt.date(2026, 11, 25)
CASES = Path(__file__).parent / "jurisdiction_cases"
CHARTERS = Path(__file__).parent.parent / "charters"
ROOT = CHARTERS.parent


def _settings(case: Path, run: dict[str, Any], jobs: int = 1) -> Settings:
    if "config" in run:
        flags = config.Flags(paths=(str(case),), config=str(case / run["config"]), jobs=jobs)
        return dataclasses.replace(config.resolve(flags), as_of=AS_OF, lang="en")
    rules = run["rules"]
    return Settings(
        paths=(str(case),),
        as_of=AS_OF,
        lang="en",
        rules_file=None if rules == "default" else rules,
        fallback_rules=run.get("fallback_rules"),
        jobs=jobs,
    )


@pytest.mark.parametrize("case", sorted(p.parent for p in CASES.glob("*/expected.yaml")), ids=str)
def test_case(case: Path) -> None:
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    for run in expected["runs"]:
        report = groupcheck.run(_settings(case, run)).report
        groups = {g.id: g for g in report.groups}
        for group_id, wanted in run["groups"].items():
            group = groups[group_id]
            got: dict[str, Any] = {"pack": group.pack, "status": group.status}
            got.update(group.rules)
            assert {k: got[k] for k in wanted} == wanted, (run, group_id)


def test_every_district_pack_loads_and_names_its_jurisdictions() -> None:
    packs = {name: policy.load_pack(name) for name in policy.bundled_packs()}
    assert packs["taishan"].jurisdictions == ("山东省泰安市泰山区",)
    assert packs["jinan-shizhong"].jurisdictions == ("山东省济南市市中区",)
    assert packs["chenzhou"].jurisdictions == ("湖南省郴州市",)
    assert packs["shangqiu"].jurisdictions == ("河南省商丘市",)
    assert packs["plan-003-district"].jurisdictions == ()
    assert packs["default"].jurisdictions == ()
    # Each district pack enables only what its document sets, each with its source.
    for name in ("taishan", "shangqiu", "chenzhou", "jinan-shizhong", "plan-003-district"):
        for rule_id, entry in packs[name].rules.items():
            if entry.enabled:
                assert entry.source is not None, (name, rule_id)
    assert not packs["jinan-shizhong"].rules["GC201"].enabled
    assert packs["chenzhou"].rules["GC301"].params.model_dump()["min_yuan"] == 200000


def test_jobs_one_and_two_give_the_same_report() -> None:
    settings = Settings(
        paths=(str(CHARTERS),), as_of=AS_OF, lang="en", rules_file="by-jurisdiction"
    )
    one = parallel.run(settings, jobs=1)
    two = parallel.run(settings, jobs=2, serial_below=1)
    assert json_report.render(one) == json_report.render(two)
    assert {g.pack for g in one.report.groups} == {
        "taishan",
        "jinan-shizhong",
        "chenzhou",
        "shangqiu",
    }


def test_outputs_name_each_groups_pack() -> None:
    settings = Settings(
        paths=(str(CHARTERS),), as_of=AS_OF, lang="en", rules_file="by-jurisdiction"
    )
    result = groupcheck.run(settings)
    data = json.loads(json_report.render(result))
    by_id = {g["id"]: g["pack"] for g in data["groups"]}
    assert by_id["jinan-weier-group"] == "jinan-shizhong"
    assert by_id["taian-no6-group"] == "taishan"
    log = sarif.log(result, prefix="")
    packs = {r["properties"]["pack"] for r in log["runs"][0]["results"]}
    assert "jinan-shizhong" in packs and "chenzhou" in packs
    assert log["runs"][0]["properties"]["policyPacks"] == [
        "chenzhou", "jinan-shizhong", "shangqiu", "taishan"
    ]  # fmt: skip
    suites = ET.fromstring(junit.render(result))
    suite_pack = {
        props["group"]: props["policy-pack"]
        for suite in suites.iter("testsuite")
        if "group" in (props := {p.get("name"): p.get("value") for p in suite.iter("property")})
    }
    assert suite_pack["jinan-weier-group"] == "jinan-shizhong"
    assert suite_pack["taian-no6-group"] == "taishan"


def test_fingerprints_do_not_change_with_the_pack() -> None:
    case = CASES / "chenzhou-below"
    own = groupcheck.run(_settings(case, {"rules": "by-jurisdiction"})).report
    default = groupcheck.run(_settings(case, {"rules": "default"})).report
    pick = [f for f in own.findings if f.rule == "GC301"]
    same = [f for f in default.findings if f.rule == "GC301"]
    assert fingerprints(pick) == fingerprints(same)


def test_a_bad_mapping_is_a_located_usage_error(tmp_path: Path) -> None:
    (tmp_path / "groupcheck.toml").write_text(
        'rules = "by-jurisdiction"\n[jurisdictions]\n"山东省" = "no-such-pack"\n', encoding="utf-8"
    )
    settings = config.resolve(
        config.Flags(paths=(str(CHARTERS),), config=str(tmp_path / "groupcheck.toml"))
    )
    with pytest.raises(policy.PackError) as caught:
        groupcheck.run(settings)
    assert "jurisdictions" in caught.value.describe()
    assert "no-such-pack" in str(caught.value)


def test_fallback_without_by_jurisdiction_is_refused() -> None:
    with pytest.raises(config.ConfigError):
        config.resolve(config.Flags(paths=(".",), fallback_rules="default", config=None))


def _groupcheck(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "groupcheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "200", "LANG": "C.UTF-8"},
        check=False,
    )


def test_rules_lists_a_district_pack() -> None:
    run = _groupcheck("rules", "--rules", "taishan")
    assert run.returncode == 0, run.stderr
    assert "taishan" in run.stdout
    assert "000_06d86b8654769ff0.txt" in run.stdout
    fund = next(line for line in run.stdout.splitlines() if "GC301" in line)
    assert "off" in fund  # Chenzhou's fund is not Taishan's
    cadres = next(line for line in run.stdout.splitlines() if "GC201" in line)
    assert "off" not in cadres and "min_cadres=2" in cadres


def test_show_settings_lists_the_mapping() -> None:
    case = CASES / "longest-prefix"
    run = _groupcheck(
        "validate", str(case), "--config", str(case / "groupcheck.toml"), "--show-settings"
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert any(
        line.startswith('jurisdictions."山东省济南市市中区" = "jinan-shizhong"') for line in lines
    )
    mapped = next(line for line in lines if line.startswith('jurisdictions."山东省" = "chenzhou"'))
    assert "groupcheck.toml" in mapped
    assert any(line.startswith('fallback-rules = "default"') for line in lines)


def test_the_table_names_each_groups_pack_when_several_are_in_use() -> None:
    case = str(CASES / "longest-prefix")
    several = _groupcheck(
        "validate",
        case,
        "--config",
        str(CASES / "longest-prefix/groupcheck.toml"),
        "--as-of",
        "2026-11-25",
    )
    assert "jinan [jinan-shizhong]" in several.stdout
    assert "qingdao [chenzhou]" in several.stdout
    one = _groupcheck("validate", case, "--rules", "default", "--as-of", "2026-11-25")
    assert "[default]" not in one.stdout


def test_the_printed_report_states_each_groups_documents() -> None:
    """检查依据 per pack when the groups were judged under several (issue 16): the regulation
    first, then for each pack the jurisdictions it judged and its documents."""
    from groupcheck.reporters import inspection

    settings = Settings(
        paths=(str(CHARTERS),), as_of=AS_OF, lang="en", rules_file="by-jurisdiction"
    )
    result = groupcheck.run(settings)
    report = result.report
    document = inspection.build(result, None, "en")
    in_use = report.packs_in_use()
    assert len(in_use) > 1
    regulation, *per_pack = document.basis
    assert regulation.heading == "" and "Decree No. 624" in regulation.items[0].text
    assert len(per_pack) == len(in_use)
    for name, section in zip(in_use, per_pack, strict=True):
        pack = report.packs[name]
        places = {
            g.charter.jurisdiction
            for g in result.groups
            if report.pack_of(next(e for e in report.groups if e.file == g.charter_file)) is pack
        }
        assert all(place in section.heading for place in places), (name, section.heading)
        cited = [item.text for item in section.items]
        assert [d.citation() for d in pack.documents] == [c.split(" (")[0] for c in cited]
    # The basis documents by issuer and title (issue 16), not the seed files' hashed names.
    sections = dict(zip(in_use, (s.items for s in per_pack), strict=True))
    jinan = "舜网《济南市市中区中小学集团化办学签约仪式在泉景中学举行》"
    assert any(item.text.startswith(jinan) for item in sections["jinan-shizhong"])
    chenzhou = "郴州日报《郴州市成立三大教育集团 推动优质资源共建共享》（2022-06-30）"
    assert any(item.text.startswith(chenzhou) for item in sections["chenzhou"])
    # and on each group's own annex page: the documents of the pack that judged it
    entries = {e.id: e for e in report.groups}
    for annex in document.annex:
        pack = report.pack_of(entries[annex.group_id])
        (stated,) = [f.value for f in annex.key_figures if f.label == "Judged against"]
        assert stated == ", ".join(d.citation() for d in pack.documents), annex.group_id


DISTRICT_PACKS = (
    "taishan",
    "shangqiu",
    "chenzhou",
    "jinan-shizhong",
    "plan-003-district",
    "plan-003-county",
)


@pytest.mark.parametrize("name", DISTRICT_PACKS)
def test_a_district_pack_states_every_rule(name: str) -> None:
    """A district pack extends nothing, so a rule it does not state would run with the
    registry's defaults: every rule is stated, on with its source or off (a new rule must be
    added to each pack)."""
    raw = yaml.safe_load(policy.resolve(name).read_text(encoding="utf-8"))
    assert "extends" not in raw
    assert set(raw["rules"]) == set(policy.configurable())


def test_two_packs_sharing_a_name_are_a_usage_error(tmp_path: Path) -> None:
    """Every output names a group's pack by its name: a config pack called like a bundled pack
    in use (taishan, for the Tai'an groups) would be the same pack to every reader."""
    (tmp_path / "mine.yaml").write_text(
        'pack: taishan\nversion: "1"\nextends: taishan.yaml\n', encoding="utf-8"
    )
    (tmp_path / "groupcheck.toml").write_text(
        'rules = "by-jurisdiction"\n[jurisdictions]\n"山东省济南市" = "mine.yaml"\n',
        encoding="utf-8",
    )
    settings = config.resolve(
        config.Flags(paths=(str(CHARTERS),), config=str(tmp_path / "groupcheck.toml"))
    )
    with pytest.raises(policy.PackError) as caught:
        groupcheck.run(settings)
    assert "'taishan'" in str(caught.value) and "mine.yaml" in str(caught.value)
    # the same bundled pack named twice (the config's prefix and its own) is one pack
    (tmp_path / "groupcheck.toml").write_text(
        'rules = "by-jurisdiction"\n[jurisdictions]\n"山东省泰安市" = "taishan"\n',
        encoding="utf-8",
    )
    settings = config.resolve(
        config.Flags(paths=(str(CHARTERS),), config=str(tmp_path / "groupcheck.toml"))
    )
    assert groupcheck.run(settings).report.groups


def test_the_docs_example_is_what_the_bundled_charters_give() -> None:
    """docs/rules.md, "Which pack for which group": the counts it states, at its as-of date."""
    text = (ROOT / "docs/rules.md").read_text(encoding="utf-8")
    found = re.search(
        r"--as-of (\d{4}-\d\d-\d\d)` fails (\d+) groups instead of the default pack's (\d+)",
        text.replace("\n", " "),
    )
    assert found, "the example's sentence is gone from docs/rules.md"
    as_of = dt.date.fromisoformat(found[1])

    def failing(rules: str | None) -> set[str]:
        settings = Settings(paths=(str(CHARTERS),), as_of=as_of, lang="en", rules_file=rules)
        return {g.id for g in groupcheck.run(settings).report.groups if g.status == "fail"}

    own, default = failing("by-jurisdiction"), failing(None)
    assert (len(own), len(default)) == (int(found[2]), int(found[3]))
    example = text[text.index("## Which pack for which group") :]
    for group in default - own:  # every group that passes by its own pack is named
        assert f"`{group}`" in example or group.startswith("jinan-"), group

"""Every CI format over charters with every kind of finding, validated against the real schemas.

The charters (``make_charters``) hold: a load error (GC001), a rotation log with no charter
(GC005, a finding of no group), a waived finding whose reason holds quotes, ``<``, ``::``,
``%``, commas and a newline, yearly failures naming a person whose name needs escaping in
every format, a school in two groups (GC401) and two folders with one group id (GC402).
SARIF is validated with ``jsonschema`` against the OASIS schema and JUnit with ``lxml``
against the Ant XSD (both in tests/data, see its README).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
BASE = ROOT / "tests" / "cases" / "waivers" / "matching" / "g"
AS_OF = "2026-11-25"

PERSON = '李"明" <b>x</b> ::error::50%, 逗号'
"""A cadre's name: quotes, markup, a workflow-command lookalike, a percent sign and a comma."""
PERSON_YAML = '"李\\"明\\" <b>x</b> ::error::50%, 逗号"'
REASON = '财政"延迟" <拨付> ::warning:: 100%, 见\n第二行'
REASON_YAML = '"财政\\"延迟\\" <拨付> ::warning:: 100%, 见\\n第二行"'
NAME_YAML = '"甲集团 <script>alert(1)</script> & ::"'


def _variant(text: str, group: str, core: str, member_prefix: str) -> str:
    return (
        text.replace("id: g\n", f"id: {group}\n", 1)
        .replace("group: g\n", f"group: {group}\n", 1)
        .replace("g-m", member_prefix)
        .replace("id: core\n", f"id: {core}\n")
        .replace("school: core\n", f"school: {core}\n")
        .replace("from: core\n", f"from: {core}\n")
        # Each folder's staff are its own people: one staff number in two groups' logs at once
        # is a GC204 error (issue 14, 8).
        .replace('staff_no: "', f'staff_no: "{core}-')
    )


def make_charters(root: Path) -> Path:
    """Write the groups described in the module docstring under ``root``; return ``root``."""
    charter = (BASE / "charter.yaml").read_text(encoding="utf-8")
    log = (BASE / "rotations.yaml").read_text(encoding="utf-8")
    groups: dict[str, dict[str, str]] = {}
    # alpha: GC301 2023 waived (reason needing escapes), GC201 failing every judged year (one
    # cadre, whose name needs escapes), a member shared with beta (GC401).
    alpha_charter = _variant(charter, "alpha", "core-a", "shared-m")
    alpha_charter = alpha_charter.replace("name: 测试集团g", f"name: {NAME_YAML}", 1)
    alpha_charter = alpha_charter.replace(
        "reason: 区财政2023年预算调整，经区教育局同意延期拨付", f"reason: {REASON_YAML}"
    )
    alpha_log = _variant(log, "alpha", "core-a", "shared-m").replace(
        "person: 李明", f"person: {PERSON_YAML}"
    )
    alpha_log = alpha_log.replace(
        'staff_no: "core-a-c2"\n    role: cadre', 'staff_no: "core-a-c2"\n    role: teacher'
    )
    groups["alpha"] = {"charter.yaml": alpha_charter, "rotations.yaml": alpha_log}
    # beta: passes on its own; its first member is alpha's too (GC401 in both).
    beta_charter = _variant(charter, "beta", "core-b", "beta-m").replace(
        "id: beta-m1", "id: shared-m1"
    )
    beta_charter = beta_charter.replace("school: beta-m1", "school: shared-m1")
    beta_log = _variant(log, "beta", "core-b", "beta-m").replace("to: beta-m1", "to: shared-m1")
    groups["beta"] = {"charter.yaml": beta_charter, "rotations.yaml": beta_log}
    # gamma-one and gamma-two: two folders, one group id (GC402).
    for folder, prefix in (("gamma-one", "g1-m"), ("gamma-two", "g2-m")):
        groups[folder] = {
            "charter.yaml": _variant(charter, "gamma", f"core-{folder}", prefix),
            "rotations.yaml": _variant(log, "gamma", f"core-{folder}", prefix),
        }
    # broken: not YAML (GC001); orphan: a rotation log with no charter (GC005).
    groups["broken"] = {"charter.yaml": "id: broken\nname: [\n"}
    groups["orphan"] = {"rotations.yaml": "group: orphan\nexchanges: []\n"}
    for folder, files in groups.items():
        for name, text in files.items():
            path = root / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return root


def groupcheck(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command, in ``cwd``, outside GitHub Actions unless ``env`` says otherwise."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "LANG": "C.UTF-8"}
    for variable in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        environment.pop(variable, None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "groupcheck", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=environment,
        check=False,
        timeout=300,
    )


FORMATS = ("sarif", "junit", "github", "gitlab", "markdown", "parsable", "json", "table")


@pytest.fixture(scope="module")
def charters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_charters(tmp_path_factory.mktemp("charters"))


@pytest.fixture(scope="module")
def outputs(charters: Path) -> dict[str, str]:
    """One run writing every format to its own file (``--format F --output FILE`` pairs)."""
    args = ["validate", ".", "--as-of", AS_OF]
    for name in FORMATS:
        args += ["--format", name, "--output", f"../out-{charters.name}.{name}"]
    run = groupcheck(*args, cwd=charters)
    assert run.returncode == 1, run.stderr
    assert run.stdout == ""  # every format went to its file
    return {
        name: (charters.parent / f"out-{charters.name}.{name}").read_text(encoding="utf-8")
        for name in FORMATS
    }


def test_the_charters_hold_every_kind_of_finding(outputs: dict[str, str]) -> None:
    report = json.loads(outputs["json"])
    rules = {f["rule"] for f in report["findings"]}
    assert {"GC001", "GC005", "GC201", "GC301", "GC401", "GC402"} <= rules
    assert any(f["waived"] for f in report["findings"])
    assert any(f["group"] is None for f in report["findings"])  # the orphan log


def test_each_format_alone_on_stdout_is_what_the_pair_wrote(
    charters: Path, outputs: dict[str, str]
) -> None:
    """A second run, one format at a time: byte-identical (deterministic, no timestamps)."""
    for name in FORMATS:
        run = groupcheck("validate", ".", "--as-of", AS_OF, "-f", name, cwd=charters)
        assert run.returncode == 1, (name, run.stderr)
        assert run.stdout == outputs[name], name


# ---------------------------------------------------------------------------------------------
# SARIF


def sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    return schema


def test_sarif_validates_against_the_official_schema(outputs: dict[str, str]) -> None:
    log = json.loads(outputs["sarif"])
    jsonschema.Draft4Validator(
        sarif_schema(), format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    ).validate(log)
    assert log["version"] == "2.1.0"


def test_sarif_schema_check_can_fail(outputs: dict[str, str]) -> None:
    """The validation above is not vacuous: a result without a message is refused."""
    log = json.loads(outputs["sarif"])
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, sarif_schema())


def test_sarif_rules_are_every_enabled_rule_with_its_policy(outputs: dict[str, str]) -> None:
    import groupcheck

    driver = json.loads(outputs["sarif"])["runs"][0]["tool"]["driver"]
    pack = groupcheck.default_pack()
    from groupcheck.engine import registry

    enabled = [rid for rid, spec in registry().items() if pack.setting(spec).enabled]
    assert [r["id"] for r in driver["rules"]] == enabled
    gc201 = next(r for r in driver["rules"] if r["id"] == "GC201")
    assert gc201["name"] == "cadre-exchange-minimum"
    assert gc201["shortDescription"]["text"] and gc201["fullDescription"]["text"]
    assert "000_06d86b8654769ff0.txt" in gc201["help"]["text"]  # the policy source
    assert gc201["defaultConfiguration"]["level"] == "error"
    gc401 = next(r for r in driver["rules"] if r["id"] == "GC401")
    assert gc401["defaultConfiguration"]["level"] == "warning"


def test_sarif_results_carry_location_fingerprint_and_suppression(
    outputs: dict[str, str],
) -> None:
    run = json.loads(outputs["sarif"])["runs"][0]
    results = run["results"]
    rules = run["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["region"]["startLine"] >= 1
        assert location["region"]["startColumn"] >= 1
        assert result["partialFingerprints"]["groupcheck/v1"]
    prints = [r["partialFingerprints"]["groupcheck/v1"] for r in results]
    assert len(set(prints)) == len(prints)
    waived = [r for r in results if "suppressions" in r]
    assert len(waived) == 4  # GC301 2023 in alpha, beta and both gamma folders
    alpha = next(
        r
        for r in waived
        if "alpha" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    )
    assert alpha["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": REASON}
    ]
    person = [r for r in results if r["ruleId"] == "GC201"]
    assert len(person) == 4 and all(PERSON in r["message"]["text"] for r in person)


def test_sarif_uri_is_relative_to_the_repository_root(charters: Path) -> None:
    """Run from a sub-folder of a git repository, the uri still starts at the repository root."""
    repository = charters.parent / "repository"
    if not repository.exists():
        (repository / "policy" / "groups").mkdir(parents=True)
        (repository / ".git").mkdir()
        make_charters(repository / "policy" / "groups")
    run = groupcheck(
        "validate", "groups", "--as-of", AS_OF, "-f", "sarif", cwd=repository / "policy"
    )
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(run.stdout)["runs"][0]["results"]
    }
    assert "policy/groups/broken/charter.yaml" in uris


def test_files_outside_the_working_folder_are_still_repository_relative(tmp_path: Path) -> None:
    """``validate ../groups`` from a sibling sub-folder: SARIF, GitLab and GitHub all name the
    files from the repository root, not absolutely."""
    repository = tmp_path / "repository"
    (repository / "groups").mkdir(parents=True)
    (repository / "elsewhere").mkdir()
    (repository / ".git").mkdir()
    make_charters(repository / "groups")
    here = repository / "elsewhere"
    sarif = groupcheck("validate", "../groups", "--as-of", AS_OF, "-f", "sarif", cwd=here)
    artifacts = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]
        for r in json.loads(sarif.stdout)["runs"][0]["results"]
        if r.get("locations")
    ]
    assert {"uri": "groups/broken/charter.yaml", "uriBaseId": "%SRCROOT%"} in artifacts
    assert all(not a["uri"].startswith("file:") for a in artifacts)
    gitlab = groupcheck("validate", "../groups", "--as-of", AS_OF, "-f", "gitlab", cwd=here)
    paths = {issue["location"]["path"] for issue in json.loads(gitlab.stdout)}
    assert "groups/broken/charter.yaml" in paths and not any(p.startswith("/") for p in paths)
    github = groupcheck("validate", "../groups", "--as-of", AS_OF, "-f", "github", cwd=here)
    assert "file=groups/broken/charter.yaml," in github.stdout
    assert f"file={repository}" not in github.stdout


def test_sarif_fingerprints_survive_moved_lines(charters: Path, tmp_path: Path) -> None:
    moved = make_charters(tmp_path / "moved")
    for name in ("alpha/charter.yaml", "alpha/rotations.yaml"):
        path = moved / name
        path.write_text(
            "# 新增的注释\n# another line\n" + path.read_text(encoding="utf-8"), encoding="utf-8"
        )

    def prints(folder: Path) -> dict[str, tuple[int, str]]:
        run = groupcheck("validate", ".", "--as-of", AS_OF, "-f", "sarif", cwd=folder)
        found = {}
        for result in json.loads(run.stdout)["runs"][0]["results"]:
            location = result["locations"][0]["physicalLocation"]
            found[result["partialFingerprints"]["groupcheck/v1"]] = (
                location["region"]["startLine"],
                location["artifactLocation"]["uri"],
            )
        return found

    before, after = prints(charters), prints(moved)
    assert set(before) == set(after)
    lines_moved = [p for p in before if before[p][1].startswith("alpha/")]
    assert lines_moved and all(after[p][0] == before[p][0] + 2 for p in lines_moved)


# ---------------------------------------------------------------------------------------------
# JUnit


def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(DATA / "junit.xsd")))


def test_junit_validates_against_the_xsd(outputs: dict[str, str]) -> None:
    document = etree.fromstring(outputs["junit"].encode("utf-8"))
    schema = junit_schema()
    assert schema.validate(document), schema.error_log


def test_junit_schema_check_can_fail(outputs: dict[str, str]) -> None:
    document = etree.fromstring(outputs["junit"].encode("utf-8"))
    del document[0].attrib["timestamp"]
    assert not junit_schema().validate(document)


def test_junit_has_a_suite_per_group_and_a_case_per_rule_and_year(
    outputs: dict[str, str],
) -> None:
    document = etree.fromstring(outputs["junit"].encode("utf-8"))
    assert document.tag == "testsuites"
    suites = {s.get("name"): s for s in document.findall("testsuite")}
    assert set(suites) == {
        "alpha",
        "beta",
        "broken",
        "gamma (gamma-one)",
        "gamma (gamma-two)",
        "(no group)",
    }
    alpha = suites["alpha"]
    cases = {c.get("name"): c for c in alpha.findall("testcase")}
    # GC201 is yearly: one case per judged academic year (established 2022-07-30, as of
    # 2026-11-25: 2022-2023 … 2025-2026), each failing and naming the cadre intact.
    yearly = sorted(n for n in cases if n.startswith("GC201 "))
    assert yearly == [
        "GC201 cadre-exchange-minimum 2022-2023",
        "GC201 cadre-exchange-minimum 2023-2024",
        "GC201 cadre-exchange-minimum 2024-2025",
        "GC201 cadre-exchange-minimum 2025-2026",
    ]
    failure = cases["GC201 cadre-exchange-minimum 2023-2024"].find("failure")
    assert failure is not None and PERSON in failure.get("message", "")
    # GC301 is yearly by calendar year: 2023 … 2025 (2022, when the group was set up on
    # 2022-07-30, is not judged: issue 14, 5); 2023 is waived (skipped, with the reason).
    assert sorted(n for n in cases if n.startswith("GC301 ")) == [
        f"GC301 funding-minimum {y}" for y in (2023, 2024, 2025)
    ]
    skipped = cases["GC301 funding-minimum 2023"].find("skipped")
    assert skipped is not None and REASON in skipped.get("message", "")
    passing = cases["GC301 funding-minimum 2024"]
    assert len(passing) == 0  # a pass is an empty test case
    assert cases["GC401 school-in-two-groups"].find("failure") is not None
    # The broken charter: its load case fails, its policy cases are skipped, not passed.
    broken = {c.get("name"): c for c in suites["broken"].findall("testcase")}
    assert broken["GC001 yaml-syntax"].find("failure") is not None
    assert broken["GC101 member-limit"].find("skipped") is not None
    # Names are unique (GitLab drops duplicates) within the whole report.
    names = [(c.get("classname"), c.get("name")) for c in document.iter("testcase")]
    assert len(names) == len(set(names))
    for suite in document.findall("testsuite"):
        counted = suite.findall("testcase")
        assert int(suite.get("tests")) == len(counted)
        assert int(suite.get("failures")) == sum(
            1 for c in counted if c.find("failure") is not None
        )
        assert int(suite.get("skipped")) == sum(1 for c in counted if c.find("skipped") is not None)


def test_junit_keeps_markup_as_text(outputs: dict[str, str]) -> None:
    assert "<b>x</b>" not in outputs["junit"]
    assert "<script>" not in outputs["junit"]
    document = etree.fromstring(outputs["junit"].encode("utf-8"))
    names = [p.get("value") for p in document.iter("property") if p.get("name") == "name"]
    assert "甲集团 <script>alert(1)</script> & ::" in names


# ---------------------------------------------------------------------------------------------
# GitHub, GitLab, Markdown, parsable


def test_github_commands_escape_what_the_charter_holds(outputs: dict[str, str]) -> None:
    lines = outputs["github"].splitlines()
    report = json.loads(outputs["json"])
    assert len(lines) == len(report["findings"])  # one a finding
    for line in lines:
        command, _, rest = line.partition(" ")
        assert command in ("::error", "::warning", "::notice")
        _properties, separator, message = rest.partition("::")
        assert separator
        assert "\n" not in message and "\r" not in message
    gc201 = [line for line in lines if "title=GC201::" in line]
    assert len(gc201) == 4
    assert gc201[0].startswith("::error file=alpha/rotations.yaml,line=2,col=1,title=GC201::")
    assert '李"明" <b>x</b> ::error::50%25, 逗号' in gc201[0]
    waived = next(line for line in lines if "alpha/charter.yaml" in line and "GC301" in line)
    assert waived.startswith("::notice ")
    assert "见%0A第二行" in waived and "100%25" in waived


def test_github_property_escaping() -> None:
    from groupcheck.reporters.github import escape_data, escape_property

    assert escape_property("a:b,c%d\r\ne") == "a%3Ab%2Cc%25d%0D%0Ae"
    assert escape_data("a:b,c%d\r\ne") == "a:b,c%25d%0D%0Ae"


def test_gitlab_code_quality_shape_and_unique_fingerprints(outputs: dict[str, str]) -> None:
    issues = json.loads(outputs["gitlab"])
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] and not issue["location"]["path"].startswith("/")
        assert issue["location"]["lines"]["begin"] >= 1
    prints = [i["fingerprint"] for i in issues]
    assert len(set(prints)) == len(prints)
    gc402 = [i for i in issues if i["check_name"] == "GC402"]
    assert len(gc402) == 2 and gc402[0]["fingerprint"] != gc402[1]["fingerprint"]
    assert any(PERSON in i["description"] for i in issues)
    assert {i["severity"] for i in issues if i["check_name"] == "GC301"} == {"info"}  # waived


def test_markdown_escapes_markup_and_carries_every_finding(outputs: dict[str, str]) -> None:
    text = outputs["markdown"]
    assert "<b>" not in text and "&lt;b&gt;x&lt;/b&gt;" in text
    assert "&lt;拨付&gt;" in text and "见<br>第二行" in text
    assert "| alpha | ❌ fail | 4 | 1 | 1 |" in text
    assert "| gamma (gamma-one) | ❌ fail | 1 | 0 | 1 |" in text  # one id, two folders (GC402)
    report = json.loads(outputs["json"])
    items = [line for line in text.splitlines() if line.startswith("- **GC")]
    assert len(items) == len(report["findings"])


def test_parsable_is_one_finding_a_line(outputs: dict[str, str]) -> None:
    lines = outputs["parsable"].splitlines()
    report = json.loads(outputs["json"])
    assert len(lines) == len(report["findings"])
    assert "alpha/rotations.yaml:2:1: GC201 2022-2023: 1 cadre on exchange (" + PERSON in lines[2]
    assert lines[1].startswith("alpha/charter.yaml:52:5: GC301 2023: ")
    assert lines[1].endswith('[waived: 财政"延迟" <拨付> ::warning:: 100%, 见\\n第二行]')


def test_chinese_text_is_intact_in_every_format(outputs: dict[str, str]) -> None:
    for name in ("sarif", "gitlab", "markdown", "parsable", "junit", "json"):
        assert "逗号" in outputs[name], name
        assert "\\u" not in outputs[name], name


# ---------------------------------------------------------------------------------------------
# SARIF, GitLab and JUnit polish (issue 17 item 7)

CODE_CLIMATE_CATEGORIES = {
    "Bug Risk", "Clarity", "Compatibility", "Complexity", "Duplication", "Performance",
    "Security", "Style",
}  # fmt: skip


def test_sarif_rules_link_their_documentation(outputs: dict[str, str]) -> None:
    from groupcheck.reporters.ci import RULES_PAGE, heading_anchor

    driver = json.loads(outputs["sarif"])["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    rules_md = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    anchors = {
        heading_anchor(line.lstrip("#")) for line in rules_md.splitlines() if line.startswith("## ")
    }
    assert driver["rules"]
    for rule in driver["rules"]:
        page, _, anchor = rule["helpUri"].partition("#")
        assert page == RULES_PAGE
        assert anchor == f"{rule['id'].lower()}-{rule['name']}"
        assert anchor in anchors, rule["id"]  # the heading exists in docs/rules.md
        markdown = rule["help"]["markdown"]
        assert markdown.startswith(rule["fullDescription"]["text"])
        assert f"]({rule['helpUri']})" in markdown
        assert rule["help"]["text"]  # still there


def test_heading_anchor_is_githubs() -> None:
    from groupcheck.reporters.ci import heading_anchor

    assert heading_anchor(" GC201 cadre-exchange-minimum") == "gc201-cadre-exchange-minimum"
    assert heading_anchor("Policy packs") == "policy-packs"
    assert heading_anchor("A.B: c_d") == "ab-c_d"


def test_gitlab_categories_are_code_climates(outputs: dict[str, str]) -> None:
    issues = json.loads(outputs["gitlab"])
    categories = {c for issue in issues for c in issue["categories"]}
    assert categories <= CODE_CLIMATE_CATEGORIES
    assert {i["check_name"]: i["categories"] for i in issues}["GC201"] == ["Bug Risk"]


def test_gitlab_category_of_each_family() -> None:
    from groupcheck.reporters.gitlab import category

    assert category("GC004") == "Security"
    assert category("GC001") == "Bug Risk"
    assert category("GC502") == "Clarity"
    assert category("GC401") == "Bug Risk"


def test_junit_failures_only(charters: Path, outputs: dict[str, str]) -> None:
    run = groupcheck(
        "validate", ".", "--as-of", AS_OF, "-f", "junit", "--junit-failures-only", cwd=charters
    )
    assert run.returncode == 1, run.stderr
    document = etree.fromstring(run.stdout.encode("utf-8"))
    schema = junit_schema()
    assert schema.validate(document), schema.error_log
    full = etree.fromstring(outputs["junit"].encode("utf-8"))
    failing = [c.get("name") for c in full.iter("testcase") if c.find("failure") is not None]
    cases = list(document.iter("testcase"))
    assert [c.get("name") for c in cases] == failing and failing
    assert all(c.find("failure") is not None for c in cases)
    for suite in document.iter("testsuite"):
        assert int(suite.get("tests", "0")) == int(suite.get("failures", "-1")) >= 1
        assert suite.get("skipped") == "0"
    assert len(run.stdout) < len(outputs["junit"]) / 2

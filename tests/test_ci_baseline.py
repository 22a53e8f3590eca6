"""Baselines: ``--write-baseline`` records today's findings, ``--baseline`` fails only new ones.

Fingerprints come from rule, group, file within the group, year, YAML path (list indexes left
out) and the identifying message arguments, never from lines: edits elsewhere in a charter,
even reordering a list, keep a baseline valid.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_ci_config import validate
from test_ci_formats import make_charters


@pytest.fixture
def charters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_charters(tmp_path / "groups")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_write_baseline_then_only_new_findings_fail(charters: Path) -> None:
    code, _, err = validate("groups", "--write-baseline", "baseline.json")
    assert code == 0, err
    assert "wrote 10 findings to the baseline baseline.json" in err  # the 4 waived need none
    first = (charters / "baseline.json").read_text(encoding="utf-8")
    document = json.loads(first)
    assert document["groupcheck-baseline"] == 1
    assert len({e["fingerprint"] for e in document["findings"]}) == 10
    validate("groups", "--write-baseline", "baseline.json")
    assert (charters / "baseline.json").read_text(encoding="utf-8") == first  # deterministic

    code, out, _ = validate("groups", "--baseline", "baseline.json", "-f", "json")
    assert code == 0
    assert json.loads(out)["summary"]["errors"] == 0
    code, out, _ = validate("groups", "--baseline", "baseline.json", "-f", "markdown")
    assert "### Known, in the baseline (10)" in out and "### Failures (0)" in out
    code, out, _ = validate("groups", "--baseline", "baseline.json")  # the table
    assert code == 0
    assert out.count("[known: in the baseline]") == 10
    code, out, _ = validate("groups", "--baseline", "baseline.json", "--lang", "zh")
    assert out.count("[已知问题：见基线]") == 10

    # A new problem fails, and only it.
    (charters / "groups" / "new").mkdir()
    (charters / "groups" / "new" / "charter.yaml").write_text("id: new\n: [\n", encoding="utf-8")
    code, out, _ = validate("groups", "--baseline", "baseline.json", "-f", "sarif")
    assert code == 1
    results = json.loads(out)["runs"][0]["results"]
    new = [r for r in results if r.get("baselineState") == "new"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in new] == [
        "groups/new/charter.yaml"
    ]
    assert sum(1 for r in results if r.get("baselineState") == "unchanged") == 10
    assert all("baselineState" not in r for r in results if "suppressions" in r)


def test_a_baseline_survives_unrelated_edits(charters: Path) -> None:
    validate("groups", "--write-baseline", "baseline.json")
    charter = charters / "groups" / "alpha" / "charter.yaml"
    text = charter.read_text(encoding="utf-8")
    # Lines move (a comment on top) and the two members swap places in their list.
    first = text[text.index("  - id: shared-m1") : text.index("  - id: shared-m2")]
    second_end = text.index("council:")
    second = text[text.index("  - id: shared-m2") : second_end]
    text = text.replace(first + second, second + first)
    charter.write_text("# 2026年11月修订\n# revised\n" + text, encoding="utf-8")
    log = charters / "groups" / "alpha" / "rotations.yaml"
    log.write_text("# moved\n" + log.read_text(encoding="utf-8"), encoding="utf-8")

    code, out, _ = validate("groups", "--baseline", "baseline.json", "-f", "json")
    assert code == 0, out
    moved = [
        f for f in json.loads(out)["findings"] if f["rule"] == "GC401" and f["group"] == "alpha"
    ]
    assert moved[0]["line"] == 17  # it moved (2 comment lines, then the second member)...
    code, out, _ = validate("groups", "-f", "json")
    assert code == 1  # ...and without the baseline it still fails: the baseline did the work


def test_a_third_equal_finding_is_new_when_the_baseline_knew_two() -> None:
    from groupcheck.baseline import fingerprints
    from groupcheck.findings import Finding, Severity

    def finding(line: int) -> Finding:
        return Finding(
            rule="GC302",
            name="funding-source",
            severity=Severity.ERROR,
            group="g",
            file="g/charter.yaml",
            line=line,
            column=3,
            year="2023",
            message="no source",
            yaml_path=("funding", line),
            key="no_source",
        )

    two = fingerprints([finding(10), finding(20)])
    three = fingerprints([finding(10), finding(20), finding(30)])
    assert len(set(two)) == 2 and three[:2] == two and three[2] not in two


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (None, "cannot read"),
        ("{", "not JSON"),
        ('{"findings": []}', "not a groupcheck baseline"),
        ('{"groupcheck-baseline": 1, "findings": [{"rule": "GC201"}]}', "fingerprint"),
    ],
)
def test_a_bad_baseline_is_a_usage_error(charters: Path, text: str | None, says: str) -> None:
    if text is not None:
        (charters / "baseline.json").write_text(text, encoding="utf-8")
    code, _, err = validate("groups", "--baseline", "baseline.json")
    assert code == 2
    assert "baseline.json" in err and says in err


# ---------------------------------------------------------------------------------------------
# Baselines that shrink (issue 17): writing reads nothing, stale entries reported and pruned


def test_write_baseline_named_by_the_config_before_the_file_exists(charters: Path) -> None:
    (charters / "groupcheck.toml").write_text(
        'paths = ["groups"]\nbaseline = "groupcheck-baseline.json"\n', encoding="utf-8"
    )
    code, _, err = validate("--write-baseline", "groupcheck-baseline.json")
    assert code == 0, err
    assert "wrote 10 findings to the baseline groupcheck-baseline.json" in err
    code, out, err = validate("-f", "json")
    assert code == 0, err
    assert json.loads(out)["summary"]["known"] == 10


def test_writing_a_baseline_ignores_a_broken_old_one(charters: Path) -> None:
    (charters / "baseline.json").write_text("not json", encoding="utf-8")
    code, _, err = validate("groups", "--baseline", "baseline.json", "--write-baseline", "b.json")
    assert code == 0, err
    assert len(json.loads((charters / "b.json").read_text(encoding="utf-8"))["findings"]) == 10


def test_json_marks_known_findings_and_counts_them(charters: Path) -> None:
    code, out, _ = validate("groups", "-f", "json")
    plain = json.loads(out)
    assert plain["summary"]["known"] == 0
    assert {f["baseline"] for f in plain["findings"]} == {False}
    validate("groups", "--write-baseline", "baseline.json")
    (charters / "groups" / "new").mkdir()
    (charters / "groups" / "new" / "charter.yaml").write_text("id: new\n: [\n", encoding="utf-8")
    code, out, _ = validate("groups", "--baseline", "baseline.json", "-f", "json")
    assert code == 1
    report = json.loads(out)
    assert report["summary"]["known"] == 10
    assert report["summary"]["errors"] == 1
    assert report["summary"]["waived"] == 4
    known = [f for f in report["findings"] if f["baseline"]]
    assert len(known) == 10 and not any(f["waived"] for f in known)
    new = [f for f in report["findings"] if not f["baseline"] and not f["waived"]]
    assert [f["file"] for f in new] == ["groups/new/charter.yaml"]
    # The contract's fields are all still there, in their order, "baseline" after them.
    assert list(report["findings"][0]) == [
        "rule", "name", "severity", "group", "file", "line", "column", "year", "message",
        "waived", "baseline",
    ]  # fmt: skip
    assert list(report["summary"]) == ["groups", "files", "errors", "warnings", "waived", "known"]


def _fix_one_group(charters: Path) -> None:
    """Remove the group "beta" (its findings are then fixed, as far as a baseline can tell)."""
    import shutil

    shutil.rmtree(charters / "groups" / "beta")


def test_stale_entries_are_reported_then_pruned_atomically(charters: Path) -> None:
    validate("groups", "--write-baseline", "baseline.json")
    before = json.loads((charters / "baseline.json").read_text(encoding="utf-8"))["findings"]
    _fix_one_group(charters)
    validate("groups", "--write-baseline", "fresh.json")
    fresh = json.loads((charters / "fresh.json").read_text(encoding="utf-8"))["findings"]
    standing = {e["fingerprint"] for e in fresh}
    count = sum(1 for e in before if e["fingerprint"] not in standing)
    assert count >= 2  # beta's GC401, and alpha's, whose shared member is no longer shared

    code, _, err = validate("groups", "--baseline", "baseline.json")
    assert code == 0, err
    assert (
        f"baseline baseline.json: {count} entries no longer match; "
        "--prune-baseline baseline.json removes them"
    ) in err

    # A new problem is not added by pruning, and still fails.
    (charters / "groups" / "new").mkdir()
    (charters / "groups" / "new" / "charter.yaml").write_text("id: new\n: [\n", encoding="utf-8")
    code, _, err = validate("groups", "--prune-baseline", "baseline.json")
    assert code == 1
    assert f"removed {count} entries from the baseline baseline.json" in err
    after = json.loads((charters / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert after == [e for e in before if e["fingerprint"] in standing]
    assert list(charters.glob("*.tmp*")) == [] and list(charters.glob(".*baseline*")) == []
    code, _, err = validate("groups", "--baseline", "baseline.json")
    assert "no longer match" not in err
    code, _, err = validate("groups", "--baseline", "baseline.json", "--lang", "zh")
    assert "不再匹配" not in err


def test_a_fixed_then_regressed_finding_fails_after_pruning(charters: Path) -> None:
    validate("groups", "--write-baseline", "baseline.json")
    beta = charters / "groups" / "beta"
    kept = {p.relative_to(beta): p.read_bytes() for p in beta.rglob("*") if p.is_file()}
    _fix_one_group(charters)
    validate("groups", "--prune-baseline", "baseline.json")
    for name, content in kept.items():  # the regression
        (beta / name).parent.mkdir(parents=True, exist_ok=True)
        (beta / name).write_bytes(content)
    code, out, _ = validate(
        "groups", "--baseline", "baseline.json", "-f", "json", "--fail-on", "warning"
    )
    assert code == 1  # GC401 (a warning) is back, and no longer passes as known
    new = {(f["rule"], f["group"]) for f in json.loads(out)["findings"] if not f["baseline"]}
    assert ("GC401", "beta") in new


def test_checking_part_of_the_tree_finds_nothing_stale_elsewhere(charters: Path) -> None:
    validate("groups", "--write-baseline", "baseline.json")
    _, _, err = validate("groups/alpha", "--baseline", "baseline.json")
    assert "no longer match" not in err, err
    _, _, err = validate("groups", "--baseline", "baseline.json", "--select", "GC4")
    assert "no longer match" not in err, err
    before = (charters / "baseline.json").read_bytes()
    validate("groups/alpha", "--prune-baseline", "baseline.json")
    assert (charters / "baseline.json").read_bytes() == before


def test_write_and_prune_together_is_a_usage_error(charters: Path) -> None:
    code, _, err = validate("groups", "--write-baseline", "a.json", "--prune-baseline", "b.json")
    assert code == 2
    assert "--write-baseline and --prune-baseline cannot be used together" in err


def test_entries_of_data_that_could_not_be_read_are_not_stale(charters: Path) -> None:
    """A charter that no longer loads leaves its group's rules without a verdict (and the
    cross-group rules without that group): their entries are not "no longer matching", and
    pruning keeps them, so the findings are still known once the charter is mended."""
    validate("groups", "--write-baseline", "baseline.json")
    written = (charters / "baseline.json").read_text(encoding="utf-8")
    alpha = charters / "groups" / "alpha" / "charter.yaml"
    good = alpha.read_text(encoding="utf-8")
    assert "\nestablished: " in good
    alpha.write_text(good.replace("\nestablished: ", "\nfounded: ", 1), encoding="utf-8")
    code, out, err = validate("groups", "--baseline", "baseline.json", "-f", "concise")
    assert code == 1 and "GC00" in out  # the charter's own problem, new
    assert "no longer match" not in err, err
    code, _, err = validate("groups", "--prune-baseline", "baseline.json")
    assert "removed 0 entries" in err or "removed" not in err, err
    assert (charters / "baseline.json").read_text(encoding="utf-8") == written
    alpha.write_text(good, encoding="utf-8")
    code, out, err = validate("groups", "--baseline", "baseline.json", "-f", "json")
    assert code == 0, out
    assert not [f for f in json.loads(out)["findings"] if not f["baseline"] and not f["waived"]]


def test_a_run_of_some_rules_still_finds_cross_group_entries_stale(charters: Path) -> None:
    """Rules not selected say "skip" too, but that is no want of data: with beta gone,
    ``--select GC4`` still says alpha's and beta's GC401 entries no longer match."""
    validate("groups", "--write-baseline", "baseline.json")
    _fix_one_group(charters)
    code, _, err = validate("groups", "--baseline", "baseline.json", "--select", "GC4")
    assert code == 0, err
    assert "no longer match" in err, err
    code, _, err = validate("groups", "--baseline", "baseline.json", "--ignore", "GC201")
    assert "no longer match" in err, err

"""The rules, case by case: every folder under tests/cases/ with an expected.yaml is one test.

A case folder holds group folders (charter.yaml, rotation logs), optionally a pack.yaml, and
``expected.yaml``::

    about: what the case shows
    as_of: 2026-11-25        # optional; AS_OF otherwise
    pack: pack.yaml          # optional: a file in the case, or a bundled pack's name
    no_waivers: false        # optional: inspector mode
    rules: [GC201]           # the rules whose findings are compared (others are ignored; a
                             # load rule GC0xx listed here may have findings, others may not)
    exit_code: 1             # optional: 1 when an error stands, else 0
    skipped: {g: not_established}  # optional: the groups whose rules made no verdict, and
                             # why: every rule the pack runs and GroupResult.skipped names
                             # (the policy rules, not yet established); a group not listed
                             # has none
    findings:                # exactly these, no more: rule, group, year, file, line
      - {rule: GC201, group: g, year: 2023-2024, file: g/rotations.yaml, line: 2}

Every expected line is also marked in the case's YAML with a ``# expect: GC201 2023-2024``
comment, so a reader sees on the line itself what the rule must say about it. Adding a case
is adding a folder.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

import groupcheck
from groupcheck.findings import Finding
from groupcheck.messages import Lang

CASES = Path(__file__).parent / "cases"
AS_OF = dt.date(2026, 11, 25)


def case_dirs() -> list[Path]:
    return sorted(p.parent for p in CASES.glob("*/*/expected.yaml"))


def read_expected(case: Path) -> dict[str, Any]:
    with open(case / "expected.yaml", encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def run_case(case: Path, expected: dict[str, Any], lang: Lang = "en") -> groupcheck.RunResult:
    pack_name = expected.get("pack")
    if pack_name is not None and (case / pack_name).is_file():
        pack_name = str(case / pack_name)
    as_of = expected.get("as_of", AS_OF)
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    group_dirs = sorted(str(p.parent) for p in case.glob("*/charter.yaml"))
    loaded = groupcheck.load(group_dirs, lang)
    return groupcheck.check(
        loaded,
        as_of=as_of,
        lang=lang,
        pack=groupcheck.load_pack(pack_name),
        use_waivers=not expected.get("no_waivers", False),
    )


def shown(finding: Finding, case: Path) -> dict[str, Any]:
    assert finding.file is not None, finding
    item: dict[str, Any] = {
        "rule": finding.rule,
        "group": finding.group,
        "year": finding.year,
        "file": Path(os.path.relpath(Path(finding.file).resolve(), case.resolve())).as_posix(),
        "line": finding.line,
    }
    if finding.waived:
        item["waived"] = True
    return item


def normalised(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        one = dict(item)
        one["year"] = None if one.get("year") is None else str(one["year"])
        one.setdefault("waived", False)
        if not one["waived"]:
            del one["waived"]
        out.append(one)
    return sorted(out, key=lambda f: (f["file"], f["line"], f["rule"], f["year"] or ""))


@pytest.mark.parametrize("case", case_dirs(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case(case: Path) -> None:
    expected = read_expected(case)
    result = run_case(case, expected)
    compared = set(expected["rules"])
    loading = [
        f for f in result.report.findings if f.rule.startswith("GC0") and f.rule not in compared
    ]
    assert loading == [], f"the case's own YAML does not load: {loading}"
    actual = [shown(f, case) for f in result.report.findings if f.rule in compared]
    assert normalised(actual) == normalised(expected["findings"] or [])
    if "exit_code" in expected:
        assert (1 if result.report.failed() else 0) == expected["exit_code"]
    if "skipped" in expected:
        assert_skipped(result, expected["skipped"])


def assert_skipped(result: groupcheck.RunResult, expected: dict[str, str]) -> None:
    """Each group listed has every rule it runs skipped for that reason (``skip`` in its
    statuses, the reason in ``GroupResult.skipped``); every other group has none."""
    for group in result.report.groups:
        reason = expected.get(group.id)
        if reason is None:
            assert group.skipped == {}, group.id
            continue
        pack = result.report.pack_of(group)
        runs = {
            info.id
            for info in pack.rules.values()
            if info.checks and info.enabled and info.family != "load"
        }
        assert group.skipped == dict.fromkeys(sorted(runs), reason), group.id
        assert {group.rules[rule_id] for rule_id in runs} == {"skip"}, group.id


def test_there_are_cases() -> None:
    assert len(case_dirs()) >= 60

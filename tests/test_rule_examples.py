"""Every rule's documented examples (``RuleDoc.passes`` / ``fails``, printed by ``explain`` and
docs/rules.md) run as real cases: the passing one gives the rule no finding, the failing one
at least one. So the documentation cannot drift from what the rule does.

An example is a fragment of a group: its top-level keys replace those of a small group that
otherwise passes (``exchanges`` and ``group`` go to the rotation log, the rest to the charter),
written as text so that what YAML itself refuses (a syntax error, a repeated key, a tag) stays
in. Comment lines direct the case:

- ``# a/charter.yaml`` or ``# group A`` starts another group folder (cross-group rules);
- ``# charter.yaml: id: X`` gives the group's charter that id (a log's example);
- ``as of YYYY-MM-DD`` in a comment is the run's date (else 2024-09-30: the group, set up on
  2023-08-01, has one judged academic year, 2023-2024, and one calendar year, 2023).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

import groupcheck
from groupcheck.engine import registry

BASE = Path(__file__).parent / "cases" / "all" / "passing-group" / "g"
AS_OF = dt.date(2024, 9, 30)
LOG_KEYS = ("group", "exchanges")
SECTION = re.compile(r"^# (?:(\S+)/charter\.yaml|group (\w+))\s*$")
CHARTER_ID = re.compile(r"^# charter\.yaml: id: (\S+)\s*$", re.M)
DATE = re.compile(r"as of (\d{4}-\d{2}-\d{2})")
KEY = re.compile(r"^([A-Za-z_][\w-]*):")

NOT_A_FRAGMENT = {"GC000": "a rule that raises: tests/test_one_run.py registers one"}


def _blocks(text: str) -> list[tuple[str | None, str]]:
    """``text`` cut into its top-level keys' blocks, (key, lines); None before the first."""
    out: list[tuple[str | None, str]] = []
    key: str | None = None
    lines: list[str] = []
    for line in text.splitlines():
        found = KEY.match(line)
        if found:
            if lines:
                out.append((key, "\n".join(lines)))
            key, lines = found.group(1), [line]
        else:
            lines.append(line)
    if lines:
        out.append((key, "\n".join(lines)))
    return out


def _overlay(base: str, blocks: list[tuple[str | None, str]]) -> str:
    """``base`` with the top-level keys ``blocks`` name replaced by those blocks."""
    replaced = {key for key, _ in blocks}
    kept = [text for key, text in _blocks(base) if key is not None and key not in replaced]
    return "\n".join(kept + [text for key, text in blocks if key is not None]) + "\n"


def _base(folder: str, index: int) -> tuple[str, str]:
    """The passing group's charter and log, its schools renamed as the examples name them."""
    charter = (BASE / "charter.yaml").read_text(encoding="utf-8")
    log = (BASE / "rotations.yaml").read_text(encoding="utf-8")
    core = "core-a" if index == 0 else f"core-{folder}"
    renames = [(r"\bg-m1\b", "m1"), (r"\bg-m2\b", "m2"), (r"\bcore\b(?!-)", core)]
    for pattern, name in renames:
        charter, log = re.sub(pattern, name, charter), re.sub(pattern, name, log)
    charter = charter.replace("2022-07-30", "2023-08-01").replace("id: g\n", f"id: {folder}\n")
    return charter, log.replace("group: g\n", f"group: {folder}\n")


def _sections(fragment: str) -> list[tuple[str, str]]:
    """(folder, fragment) per group the example describes."""
    sections: list[tuple[str, list[str]]] = []
    for line in fragment.splitlines():
        header = SECTION.match(line)
        if header:
            name = header.group(1) or f"group-{header.group(2).lower()}"
            sections.append((name, []))
        else:
            if not sections:
                sections.append(("g", []))
            sections[-1][1].append(line)
    return [(name, "\n".join(lines)) for name, lines in sections]


def write_example(fragment: str, root: Path) -> list[Path]:
    """The group folders of ``fragment`` under ``root``."""
    folders = []
    for index, (name, text) in enumerate(_sections(fragment)):
        charter, log = _base(name, index)
        blocks = _blocks(text)
        charter = _overlay(charter, [b for b in blocks if b[0] not in LOG_KEYS])
        named = CHARTER_ID.search(text)
        if named:
            charter = _overlay(charter, [("id", f"id: {named.group(1)}")])
        log = _overlay(log, [b for b in blocks if b[0] in LOG_KEYS])
        folder = root / name
        folder.mkdir()
        (folder / "charter.yaml").write_text(charter, encoding="utf-8")
        (folder / "rotations.yaml").write_text(log, encoding="utf-8")
        folders.append(folder)
    return folders


def check_example(rule_id: str, fragment: str, root: Path) -> list[str]:
    """The example checked as a case: the rule's findings, the load problems asserted away."""
    folders = write_example(fragment, root)
    spec = registry()[rule_id]
    pack = None if spec.enabled else "national-2014"
    found = DATE.search(fragment)
    as_of = dt.date.fromisoformat(found.group(1)) if found else AS_OF
    loaded = groupcheck.load([str(f) for f in folders], "en")
    result = groupcheck.check(loaded, as_of=as_of, lang="en", pack=groupcheck.load_pack(pack))
    findings = result.report.findings
    if not rule_id.startswith("GC0"):  # the example itself loads
        broken = [f"{f.rule} {f.message}" for f in findings if f.rule in ("GC001", "GC002")]
        assert broken == [], f"{rule_id}'s example does not load: {broken}"
    return [f.message for f in findings if f.rule == rule_id]


def documented() -> list[str]:
    return [rule_id for rule_id in registry() if rule_id not in NOT_A_FRAGMENT]


@pytest.mark.parametrize("rule_id", documented())
def test_the_documented_passing_example_passes(rule_id: str, tmp_path: Path) -> None:
    doc = registry()[rule_id].doc
    assert check_example(rule_id, doc.passes, tmp_path) == []


@pytest.mark.parametrize("rule_id", documented())
def test_the_documented_failing_example_fails(rule_id: str, tmp_path: Path) -> None:
    doc = registry()[rule_id].doc
    assert check_example(rule_id, doc.fails, tmp_path) != []


def test_the_harness_keeps_what_yaml_refuses(tmp_path: Path) -> None:
    [folder] = write_example("members: []\nmembers: []", tmp_path)
    text = (folder / "charter.yaml").read_text(encoding="utf-8")
    assert text.count("members: []") == 2
    assert "- id: m1" not in text  # the base's members were replaced
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load("name: [unclosed")

"""``--format junit``: JUnit XML, the strict Ant schema (``tests/data/junit.xsd``).

``<testsuites>`` holds one ``<testsuite>`` per group and one ``<testcase>`` per enabled rule,
passes included, so a CI's test view shows what was checked, not only what failed. A rule
that records yearly figures has a test case per year it judged (the report's
``GroupResult.figures``: what the rule itself said it judged), plus any other year a finding
names. A failing case has one ``<failure>`` listing every finding of it;
a waived one is ``<skipped>`` with the waiver's reason; one in the baseline is ``<skipped>``
too (known). A group whose charter did not load has its policy rules ``<skipped>``.

Test names are ``GC201 cadre-exchange-minimum 2023-2024`` in class ``groupcheck.<group>``:
unique and the same on every run (GitLab drops duplicates). The schema requires a timestamp
and a host: the timestamp is --as-of at midnight and the host ``localhost``, so the same run
gives the same bytes.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from groupcheck.findings import Finding, Severity
from groupcheck.messages import Lang, text
from groupcheck.report import GroupResult, Report, Reportable, report_of

NO_GROUP = "(no group)"
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Case:
    name: str
    findings: tuple[Finding, ...]
    skipped: str | None = None
    """Why the case was not judged (a charter that did not load), or None."""


def render(result: Reportable, *, lang: Lang = "en", failures_only: bool = False, **_: Any) -> str:
    """The run as JUnit XML; ``failures_only`` (``--junit-failures-only``): only the failing
    cases, in the suites that have one (a nation-sized run passes millions of cases)."""
    report = report_of(result)
    root = ET.Element("testsuites")
    timestamp = f"{report.as_of}T00:00:00"
    for index, (name, group_result, findings) in enumerate(_suites(report)):
        cases = _cases(report, group_result, findings, lang)
        if failures_only:
            cases = [case for case in cases if _outcome(case) == "failure"]
            if not cases:
                continue
        _suite(root, index, name, timestamp, report, group_result, cases, lang)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _suites(report: Report) -> list[tuple[str, GroupResult | None, list[Finding]]]:
    """(suite name, group, its findings) per group, then the findings of no group."""
    groups = report.groups
    counts: dict[str, int] = defaultdict(int)
    for group in groups:
        counts[group.id] += 1
    suites: list[tuple[str, GroupResult | None, list[Finding]]] = []
    for group in groups:
        folder = os.path.dirname(group.file)
        # Two folders with one id (GC402): each suite is named by its folder as well.
        name = group.id if counts[group.id] == 1 else f"{group.id} ({folder})"
        suites.append((name, group, report.findings_of(group)))
    loose = [f for f in report.findings if f.group is None]
    if loose:
        suites.append((NO_GROUP, None, loose))
    return suites


def _cases(
    report: Report, group: GroupResult | None, findings: list[Finding], lang: Lang
) -> list[Case]:
    if group is None:  # files that belong to no group: a case per rule and file
        by_key: dict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            by_key[f"{finding.rule} {finding.name} {finding.file or ''}".strip()].append(finding)
        return [Case(name, tuple(found)) for name, found in sorted(by_key.items())]
    cases: list[Case] = []
    for info in report.shown_rules():
        of_rule = [f for f in findings if f.rule == info.id]
        base = f"{info.id} {info.name}"
        if not group.loaded and info.checks:
            cases.append(Case(base, tuple(of_rule), skipped=text("ui.ci.not_loaded", lang)))
            continue
        if info.id in group.skipped:  # on, but no verdict: a rotation log could not be read
            reason = text(f"ui.skip_reason.{group.skipped[info.id]}", lang)
            cases.append(Case(base, tuple(of_rule), skipped=reason))
            continue
        figures = group.figures.get(info.id, ())
        if (info.yearly is None and not figures) or not group.loaded:
            cases.append(Case(base, tuple(of_rule)))
            continue
        labels = {figure.year for figure in figures if figure.judged}
        labels |= {f.year for f in of_rule if f.year is not None}
        for label in sorted(labels):
            cases.append(Case(f"{base} {label}", tuple(f for f in of_rule if f.year == label)))
        yearless = tuple(f for f in of_rule if f.year is None)
        if yearless or not labels:
            cases.append(Case(base, yearless))
    return cases


def _suite(
    root: ET.Element,
    index: int,
    name: str,
    timestamp: str,
    report: Report,
    group: GroupResult | None,
    cases: Sequence[Case],
    lang: Lang,
) -> None:
    outcomes = [_outcome(case) for case in cases]
    suite = ET.SubElement(
        root,
        "testsuite",
        {
            "name": _xml(name),
            "timestamp": timestamp,
            "hostname": "localhost",
            "tests": str(len(cases)),
            "failures": str(sum(1 for o in outcomes if o == "failure")),
            "errors": "0",
            "skipped": str(sum(1 for o in outcomes if o == "skipped")),
            "time": "0",
            "package": _xml(name),
            "id": str(index),
        },
    )
    properties = ET.SubElement(suite, "properties")
    # a group's suite names the pack that judged it (--rules by-jurisdiction: its district's)
    pack = report.pack_of(group).name if group is not None else report.pack.name
    values = [("as-of", report.as_of), ("policy-pack", pack)]
    if group is not None:
        values += [("group", group.id), ("charter", group.file), ("name", group.name or "")]
    for key, value in values:
        ET.SubElement(properties, "property", {"name": key, "value": _xml(value)})
    for case, outcome in zip(cases, outcomes, strict=True):
        element = ET.SubElement(
            suite,
            "testcase",
            {"name": _xml(case.name), "classname": _xml(f"groupcheck.{name}"), "time": "0"},
        )
        _outcome_element(element, case, outcome, lang)
    ET.SubElement(suite, "system-out")
    ET.SubElement(suite, "system-err")


def _outcome(case: Case) -> str:
    if _failing(case.findings):
        return "failure"
    if case.skipped is not None or any(f.waived or f.known for f in case.findings):
        return "skipped"
    return "pass"


def _failing(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if not f.waived and not f.known and f.severity is not Severity.INFO]


def _outcome_element(element: ET.Element, case: Case, outcome: str, lang: Lang) -> None:
    if outcome == "failure":
        failing = _failing(case.findings)
        worst = max(failing, key=lambda f: f.severity.rank)
        failure = ET.SubElement(
            element,
            "failure",
            {"message": _xml(_one_line(failing[0].message)), "type": worst.severity.value},
        )
        failure.text = _xml("\n".join(_detail(f) for f in failing))
    elif outcome == "skipped":
        if case.skipped is not None:
            reason = case.skipped
        else:
            waived = [f for f in case.findings if f.waived]
            if waived:
                reason = text("ui.ci.waived", lang, reason=waived[0].waiver_reason or "")
            else:
                reason = text("ui.ci.known", lang)
        ET.SubElement(element, "skipped", {"message": _xml(reason)})


def _detail(finding: Finding) -> str:
    where = f"{finding.file or ''}:{finding.line or 0}:{finding.column or 0}"
    year = f"{finding.year}: " if finding.year else ""
    return f"{where}: {finding.rule} {year}{finding.message}"


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _xml(value: str) -> str:
    """``value`` with the characters XML 1.0 cannot hold (control characters) replaced."""
    return _NOT_XML.sub("\ufffd", value)

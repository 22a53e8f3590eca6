"""Baselines: today's findings recorded, so that CI fails only on new ones.

``groupcheck validate --write-baseline FILE`` records the fingerprint of every standing finding;
``--baseline FILE`` marks the findings whose fingerprint is in it as *known*: still listed, but
failing nothing. A fingerprint (``Finding.fingerprint``) is built from the rule, group, file
within the group, year, YAML path (list indexes left out) and the identifying arguments of the
message, never from line numbers, so editing an unrelated part of a charter keeps the baseline
valid.

Equal fingerprints (two findings of one rule about one place) are numbered in report order:
the second is ``sha256(fp + "#2")``. The same numbering gives GitLab and SARIF unique
fingerprints, and a baseline that knew two such findings lets a third be new.

The file is JSON, sorted, without dates, so that rewriting it with the same findings changes
nothing and its diff in a pull request shows exactly what was accepted::

    {"groupcheck-baseline": 1,
     "findings": [{"fingerprint": "…", "rule": "GC201", "group": "…", "year": "2023-2024",
                   "file": "…", "message": "…"}, …]}
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from groupcheck import yamlsource
from groupcheck.discovery import ROTATIONS_DIR
from groupcheck.errors import GroupcheckError
from groupcheck.findings import Finding

if TYPE_CHECKING:
    from groupcheck.report import Reportable

FORMAT_KEY = "groupcheck-baseline"
FORMAT_VERSION = 1


class BaselineError(GroupcheckError):
    """A baseline file that cannot be read or is not one (a usage error, exit 2)."""

    named_by = ""
    """Where the run's settings named the baseline, when a config file did
    (``groupcheck.toml: baseline``); set by ``groupcheck.run``."""

    def describe(self) -> str:
        return f"{self.named_by or '--baseline'}: {self}"


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, in order, unique within ``findings``."""
    import hashlib  # here, as json below: a run without a baseline loads neither

    seen: Counter[str] = Counter()
    unique: list[str] = []
    for finding in findings:
        base = finding.fingerprint()
        seen[base] += 1
        if seen[base] == 1:
            unique.append(base)
        else:
            numbered = f"{base}#{seen[base]}".encode("utf-8", "surrogateescape")
            unique.append(hashlib.sha256(numbered).hexdigest()[:32])
    return unique


def render(result: Reportable) -> str:
    """The baseline of a run: every finding that stands (waived ones need no baseline)."""
    from groupcheck.report import report_of

    findings = report_of(result).findings
    entries: list[dict[str, Any]] = [
        {
            "fingerprint": print_,
            "rule": finding.rule,
            "group": finding.group,
            "year": finding.year,
            "file": finding.file,
            "message": finding.message,
        }
        for finding, print_ in zip(findings, fingerprints(findings), strict=True)
        if not finding.waived
    ]
    return _dumped(entries)


def _dumped(entries: list[dict[str, Any]]) -> str:
    """The baseline file holding ``entries``, sorted: the same entries give the same bytes."""
    entries.sort(key=lambda e: (str(e.get("file") or ""), str(e.get("rule")), e["fingerprint"]))
    document = {FORMAT_KEY: FORMAT_VERSION, "findings": entries}
    import json

    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read(path: str) -> frozenset[str]:
    """The fingerprints recorded in the baseline ``path``."""
    return frozenset(e["fingerprint"] for e in read_entries(path))


def read_entries(path: str) -> list[dict[str, Any]]:
    """The entries recorded in the baseline ``path``, as written (each has a fingerprint)."""
    import json

    try:
        # The charters' bounds: a regular file of at most 32 MiB, opened without blocking, so
        # /dev/zero or a FIFO named in a repository's groupcheck.toml cannot hang or OOM CI.
        document = json.loads(yamlsource.read_bytes(path).decode("utf-8"))
    except yamlsource.SourceProblem as problem:
        detail = yamlsource.file_problem(problem)
        raise BaselineError(f"{path}: cannot read the baseline: {detail}") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a groupcheck baseline (nested too deep)") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a groupcheck baseline (not JSON: {exc})") from None
    if not isinstance(document, dict) or document.get(FORMAT_KEY) != FORMAT_VERSION:
        raise BaselineError(
            f'{path}: not a groupcheck baseline (no "{FORMAT_KEY}": {FORMAT_VERSION}); '
            "write one with --write-baseline"
        )
    entries = document.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise BaselineError(f'{path}: "findings" must be a list of entries with a fingerprint')
    return entries


def unmatched(
    entries: Sequence[dict[str, Any]], result: Reportable, paths: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """The ``entries`` that no standing finding of the run matches any more (fixed, waived,
    their group removed).

    Only entries the run could have matched count: their rule is enabled and selected, and
    their group was checked or their file lies under one of the checked ``paths`` (or in a
    checked group's folder), so checking one group, or one rule, against a whole
    repository's baseline finds nothing stale elsewhere. A cross-group rule's entry (GC4xx)
    counts only when the run covered every group the baseline names (checked alone, a group
    shares its members with nobody) and every entry kept its verdict (below: a group whose
    data could not be read is missing from the cross-group view too). Nor does an entry of a
    rule that made no verdict for its group ("skip": the charter did not load, a log could
    not be read, the group is not yet established): data that could not be read is not data
    that passed, and pruning such an entry would make the finding new once it is mended.
    (Entries name files relative to the folder the baseline was written from: a run from
    another folder matches them by group id alone.)
    """
    from groupcheck.report import report_of

    report = report_of(result)
    findings = report.findings
    matched = {
        print_
        for finding, print_ in zip(findings, fingerprints(findings), strict=True)
        if not finding.waived
    }
    shown = {info.id: info.scope for info in report.shown_rules()}
    groups = {group.id for group in report.groups}
    folders = [group.folder for group in report.groups if group.folder]
    under = tuple(_folder(path) for path in (*paths, *folders))

    def checked(entry: dict[str, Any]) -> bool:
        group, file = entry.get("group"), entry.get("file")
        if isinstance(group, str) and group in groups:
            return True
        return not isinstance(file, str) or _folder(file).startswith(under)

    whole = all(checked(entry) for entry in entries)

    unjudged_by_id: dict[str, set[str]] = {}
    unjudged_by_folder: dict[str, set[str]] = {}
    for group in report.groups:
        # Without a verdict for want of data: every rule the charter's loading does not judge
        # (a charter that did not load), or those skipped for a reason (``GroupResult.skipped``:
        # a log unread, not yet established). A rule not selected, or turned off by the
        # group's pack, says "skip" too: its entries are judged as before.
        if group.loaded:
            skipped = set(group.skipped)
        else:
            skipped = {rule for rule, status in group.rules.items() if status == "skip"}
        if skipped:
            unjudged_by_id.setdefault(group.id, set()).update(skipped)
            if group.folder:
                unjudged_by_folder.setdefault(_folder(group.folder), set()).update(skipped)

    def judged(entry: dict[str, Any]) -> bool:
        """Whether the run made a verdict of the entry's rule for its group (known by its
        id, or by the folder its file lies in: the charter's, or the one above ``rotations/``)."""
        rule, group, file = entry.get("rule"), entry.get("group"), entry.get("file")
        if isinstance(group, str) and rule in unjudged_by_id.get(group, ()):
            return False
        if isinstance(file, str):
            folder = os.path.dirname(_folder(file).rstrip("/"))
            if os.path.basename(folder) == ROTATIONS_DIR:
                folder = os.path.dirname(folder)
            if rule in unjudged_by_folder.get(_folder(folder), ()):
                return False
        return True

    # A group whose entries lost their verdict is missing from the cross-group rules' view
    # too: what they no longer find may be there still.
    whole = whole and all(judged(e) for e in entries if e.get("rule") in shown)

    def in_scope(entry: dict[str, Any]) -> bool:
        rule = entry.get("rule")
        if isinstance(rule, str) and (rule not in shown or (shown[rule] == "run" and not whole)):
            return False
        return checked(entry) and judged(entry)

    return [e for e in entries if e["fingerprint"] not in matched and in_scope(e)]


def _folder(path: str) -> str:
    """``path`` normalised, ending in ``/``, so a prefix test means "lies under"."""
    normal = os.path.normpath(path.replace("\\", "/")).replace(os.sep, "/")
    return "" if normal == "." else normal.rstrip("/") + "/"


def pruned(entries: Sequence[dict[str, Any]], stale: Sequence[dict[str, Any]]) -> str:
    """The baseline ``entries`` without ``stale``: nothing added, the rest as written."""
    gone = {id(entry) for entry in stale}
    return _dumped([entry for entry in entries if id(entry) not in gone])

"""What the CI formats share: repository-relative paths, stable fingerprints.

SARIF, GitLab and the GitHub annotations name files relative to the repository root, while a
run names them relative to the working folder; ``repository_prefix`` is the working folder's
place in the repository (found by walking up to ``.git``), "" outside one.
"""

from __future__ import annotations

import functools
import os
import posixpath

from groupcheck.baseline import fingerprints
from groupcheck.findings import Finding
from groupcheck.report import Report


def numbered(report: Report) -> list[tuple[Finding, str]]:
    """Each finding of the report with its unique fingerprint, in report order."""
    findings = report.findings
    return list(zip(findings, fingerprints(findings), strict=True))


def repository_root(start: str | None = None) -> str | None:
    """The enclosing git repository's root folder (absolute), or None outside a repository."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


@functools.lru_cache(maxsize=8)
def _root_of(folder: str) -> str | None:
    return repository_root(folder)


def repository_prefix(start: str | None = None) -> str:
    """The working folder relative to the enclosing git repository's root ("" at the root or
    outside a repository), with forward slashes."""
    here = os.path.abspath(start or os.getcwd())
    root = repository_root(here)
    if root is None:
        return ""
    relative = os.path.relpath(here, root)
    return "" if relative == "." else relative.replace(os.sep, "/")


def repository_path(file: str, prefix: str) -> str:
    """A finding's file relative to the repository root.

    A run names files relative to the working folder, or absolutely when they lie outside it
    (``validate ../charters`` from a sub-folder): those are made relative to the repository
    root when they are inside the repository, and left absolute otherwise.
    """
    if os.path.isabs(file):
        root = _root_of(os.getcwd())
        if root is not None and file.startswith(root.rstrip(os.sep) + os.sep):
            return os.path.relpath(file, root).replace(os.sep, "/")
        return file
    if not prefix:
        return file
    return posixpath.normpath(posixpath.join(prefix, file))


def where(finding: Finding) -> str:
    """``group · year`` as the CI formats add it to a message ("" when neither is known)."""
    return " · ".join(part for part in (finding.group, finding.year) if part)

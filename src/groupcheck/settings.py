"""What one run is asked to do, parsed from the command line (and config) before anything runs.

Tests and other tools build the same object and call ``groupcheck.run`` without the CLI::

    settings = Settings(paths=("charters",), select=("GC2",), fail_on="warning")
    result = groupcheck.run(settings)
    sys.exit(settings.exit_code(result.report))

``config.resolve`` builds it from a config file, the command line and the environment, and
records in ``sources`` where each value came from (``--show-settings`` prints that).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from groupcheck.errors import USAGE_ERROR
from groupcheck.messages import Lang, default_lang

if TYPE_CHECKING:
    from groupcheck.report import Report

FailOn = Literal["error", "warning", "never"]
FAIL_ON_VALUES: tuple[FailOn, ...] = ("error", "warning", "never")

BY_JURISDICTION = "by-jurisdiction"
"""``--rules by-jurisdiction``: each group judged by the pack of its charter's jurisdiction."""

SOURCE_DEFAULT = "default"
"""The source (``Settings.sources``) of a value nobody set."""

STDOUT = None
"""An ``Output`` whose ``file`` is None goes to standard output."""


@dataclass(frozen=True)
class Output:
    """One rendering of the run: ``--format F`` with its ``--output FILE`` (None = stdout)."""

    format: str
    file: str | None = STDOUT


@dataclass(frozen=True)
class Settings:
    paths: tuple[str, ...]
    as_of: dt.date = field(default_factory=dt.date.today)
    lang: Lang = field(default_factory=default_lang)
    rules_file: str | None = None
    """A pack's name or file; None = the default pack; ``"by-jurisdiction"`` = each group
    the pack of its charter's ``jurisdiction`` (``policy.jurisdiction_table``)."""
    fallback_rules: str | None = None
    """Under ``by-jurisdiction``: the pack of the groups no prefix matches (None = default)."""
    jurisdictions: tuple[tuple[str, str], ...] = ()
    """Under ``by-jurisdiction``: more prefixes → a pack name or file, over the bundled packs'
    (``[tool.groupcheck.jurisdictions]``)."""
    use_waivers: bool = True
    select: tuple[str, ...] = ()
    """Rule ids or prefixes to report (``GC2``, ``GC201``); empty = all the pack enables."""
    ignore: tuple[str, ...] = ()
    fail_on: FailOn = "error"
    """The least severity that makes the exit code 1; ``never`` always exits 0."""
    exit_zero: bool = False
    baseline: str | None = None
    """A baseline file (``--baseline``): findings in it are known and fail nothing."""
    outputs: tuple[Output, ...] = (Output("table"),)
    github_annotations: bool = False
    """Add GitHub workflow commands to the terminal output (on under ``GITHUB_ACTIONS=true``)."""
    statistics: bool = False
    quiet: bool = False
    jobs: int = 1
    """Processes to load and check with (``--jobs``); the report does not depend on it."""
    verbose: bool = False
    """Print the traceback of a rule that raised (``--verbose``); its GC000 finding is always
    reported."""
    cache_dir: str | None = None
    """Where each group's results are kept between runs (``groupcheck.cache``); None: no
    cache (``--no-cache``, and every library run unless it names one)."""
    report_only: frozenset[str] | None = None
    """The folders (absolute) of the groups the report covers (``validate --changed``): the
    run judges every group, and reports these; None: every group."""
    sources: Mapping[str, str] = field(default_factory=dict)
    """Where each setting came from: ``"default"``, a config file, ``"--flag"``, a variable."""

    def named_by(self, key: str) -> str:
        """Where a config file set ``key`` (``pyproject.toml: [tool.groupcheck] rules``), or ""
        when a flag or the default did: what an error about that value names."""
        source = self.sources.get(key, SOURCE_DEFAULT)
        if source == SOURCE_DEFAULT or source.startswith(("--", "command line")):
            return ""
        file, _, table = source.partition(" ")
        return f"{file}: {table + ' ' if table else ''}{key}"

    def exit_code(self, report: Report) -> int:
        """0 when nothing at or above ``fail_on`` stands (waived and known findings never
        count), else 1; 2 when a rule raised (GC000), whatever ``exit_zero`` says: a run that
        could not check everything is not a clean run. Usage errors (2) are raised before
        there is a report."""
        from groupcheck.findings import Severity

        if report.crashed():
            return USAGE_ERROR
        if self.exit_zero or self.fail_on == "never":
            return 0
        least = Severity.WARNING if self.fail_on == "warning" else Severity.ERROR
        return 1 if report.failed(least) else 0

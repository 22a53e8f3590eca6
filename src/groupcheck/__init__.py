"""groupcheck: compliance checks for education groups (集团化办学).

The public API is what the CLI uses::

    import groupcheck
    result = groupcheck.run(groupcheck.Settings(paths=("charters",)))
    result.report.summary.errors

or, step by step, ``load(paths)`` then ``check(loaded, ...)``. PyYAML is left as it is unless the
program calls ``install_lean_events()`` (faster parsing; README.md, "Library use").
"""

from __future__ import annotations

from groupcheck._version import __version__

TYPE_CHECKING = False  # not typing's: ``groupcheck --version`` and ``--help`` load no typing, re
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence
    from typing import Any

    from groupcheck.engine import Loaded, PackInfo, RunResult
    from groupcheck.findings import Finding, Severity
    from groupcheck.messages import Lang
    from groupcheck.parallel import Progress
    from groupcheck.report import Report
    from groupcheck.settings import Settings
    from groupcheck.yamlsource import install_lean_events

# The models, the engine, pydantic, even the message catalogs and ``Settings`` load on first
# use, not on ``import groupcheck``: the CLI imports this package for every command,
# ``groupcheck --version`` included (docs/performance.md, Start-up).
_LAZY = {
    "Settings": "groupcheck.settings",
    "Finding": "groupcheck.findings",
    "Severity": "groupcheck.findings",
    "Loaded": "groupcheck.engine",
    "PackInfo": "groupcheck.engine",
    "Report": "groupcheck.report",
    "RunResult": "groupcheck.engine",
    "install_lean_events": "groupcheck.yamlsource",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'groupcheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Finding",
    "Loaded",
    "Report",
    "RunResult",
    "Settings",
    "Severity",
    "__version__",
    "check",
    "default_pack",
    "install_lean_events",
    "load",
    "load_pack",
    "run",
]


def load(paths: Sequence[str], lang: Lang = "en") -> Loaded:
    """Find and load every group under ``paths``; bad input becomes findings, never exceptions.

    Raises ``discovery.PathNotFound`` when a path does not exist.
    """
    from groupcheck.discovery import discover
    from groupcheck.loader import load_discovered

    return load_discovered(discover(paths), lang)


def check(
    loaded: Loaded,
    *,
    as_of: dt.date | None = None,
    lang: Lang = "en",
    pack: PackInfo | None = None,
    use_waivers: bool = True,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    baseline: frozenset[str] | None = None,
) -> RunResult:
    """Apply the rules of ``pack`` (the default pack when None) to loaded groups.

    ``select``/``ignore``: rule ids or prefixes to report or not (see ``Run.selects``);
    ``baseline``: fingerprints of known findings (``baseline.read``).
    """
    import datetime as dt

    from groupcheck import engine

    the_run = engine.Run(
        as_of=as_of or dt.date.today(),
        lang=lang,
        pack=pack or default_pack(),
        use_waivers=use_waivers,
        select=tuple(select),
        ignore=tuple(ignore),
        baseline=baseline,
    )
    return engine.check(loaded, the_run, __version__)


def default_pack() -> PackInfo:
    """The pack used when none is named: the bundled ``rules/default.yaml``."""
    return load_pack(None)


def load_pack(name: str | None) -> PackInfo:
    """The policy pack ``name`` (a file, or a bundled pack's name such as ``national-2014``).

    Raises ``policy.PackError`` (a ``ValueError`` naming the pack's file and line) for a pack
    that cannot be used.
    """
    from groupcheck import policy

    return policy.load_pack(name).info()


def run(settings: Settings, progress: Progress | None = None) -> RunResult:
    """Discover, load and check everything ``settings`` names, and return the report.

    The one orchestrator: every command that checks (``validate``, ``report``, ``export``)
    comes through here with settings from ``config.resolve``. It loads in ``settings.jobs``
    processes (the report is the same object, and renders to the same bytes, whatever that
    is), applies waivers, ``select``/``ignore`` and the baseline. The pack and the baseline
    are read before any charter, so a broken one fails fast (``policy.PackError``,
    ``baseline.BaselineError``: both ``errors.GroupcheckError``). ``progress`` is told how
    the run goes (``groupcheck.progress.Bar`` draws it).
    """
    from groupcheck import parallel

    return parallel.run(settings, settings.jobs, progress)

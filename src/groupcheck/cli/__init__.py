"""The command line: a thin typer shell over the library API. No policy logic lives here.

Each command module parses its flags into settings, calls the API, and hands the result to a
reporter. Exit codes: 0 no error-severity finding stands, 1 one does, 2 a usage error.

This module is the entry point (``groupcheck = groupcheck.cli:main``) and stays light: typer
and the commands live in ``cli.root`` and load on first use of ``app`` (or of ``main`` for any
command line but ``--version`` and the usual ``validate`` ones), so ``groupcheck --version``
starts Python and prints, and ``groupcheck validate`` parses its flags in ``cli.fast`` by
typer's own declaration (docs/performance.md, Start-up).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from groupcheck.cli.root import Commands, app

__all__ = ["Commands", "app", "main"]

_VERSION_FLAGS = (["--version"], ["-V"])


def __getattr__(name: str) -> Any:
    """``app`` and ``Commands`` come from ``cli.root`` (typer and every command) when asked."""
    if name not in ("app", "Commands"):
        raise AttributeError(f"module 'groupcheck.cli' has no attribute {name!r}")
    from groupcheck.cli import root

    return getattr(root, name)


def main() -> None:
    if sys.argv[1:] in _VERSION_FLAGS:
        # What the root callback prints for ``--version`` alone, without loading typer: the
        # one command a packaging check or a bug report runs, so it is the one kept at the
        # interpreter's own start-up cost. ``--version`` among other arguments goes to typer.
        from groupcheck._version import __version__

        sys.stdout.write(f"groupcheck {__version__}\n")
        sys.stdout.flush()
        return
    if sys.argv[1:2] == ["validate"]:
        # The run keeps what it builds until it ends (charters, findings, the report), and
        # pauses the cycle collector while it builds it (parallel._no_cycle_collection); once
        # resumed, the collector's first pass would walk every object of the run (seconds at
        # 40,000 groups) just before the process exits and frees them all. A validate process
        # leaves it off; the pool's workers collect after each chunk themselves.
        import gc

        gc.disable()
        # The hot command: its usual command lines are parsed without typer (cli.fast), by
        # the same declaration, with the same outcome; any other goes to typer below.
        from groupcheck.cli import fast

        if fast.main(sys.argv[2:]):
            return
    from groupcheck.cli import root

    root.main()

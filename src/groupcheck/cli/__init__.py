"""The command line: a thin typer shell over the library API. No policy logic lives here.

Each command module parses its flags into settings, calls the API, and hands the result to a
reporter. Exit codes: 0 no error-severity finding stands, 1 one does, 2 a usage error.

This module is the entry point (``groupcheck = groupcheck.cli:entry``) and stays light: typer
and the commands live in ``cli.root`` and load on first use of ``app`` (or of ``main`` for any
command line but ``--version``, ``--help`` and the usual ``validate`` ones), so ``groupcheck
--version`` starts Python and prints, ``groupcheck --help`` prints typer's own drawing of the
root help, stored by ``python -m groupcheck.cli.fast`` in ``cli.root_help``, and ``groupcheck
validate`` parses its flags in ``cli.fast`` by typer's own declaration (docs/performance.md,
Start-up).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not typing's, whose import (with re) is half of ``--version``
if TYPE_CHECKING:
    from typing import Any, NoReturn

    from groupcheck.cli.root import Commands, app

__all__ = ["Commands", "app", "entry", "main"]

_VERSION_FLAGS = (["--version"], ["-V"])


def __getattr__(name: str) -> Any:
    """``app`` and ``Commands`` come from ``cli.root`` (typer and every command) when asked."""
    if name not in ("app", "Commands"):
        raise AttributeError(f"module 'groupcheck.cli' has no attribute {name!r}")
    from groupcheck.cli import root

    return getattr(root, name)


_HELP_FLAGS = (["--help"], ["-h"])

COMPLETE_VAR = "_GROUPCHECK_COMPLETE"
"""The variable through which a shell asks for completions (``cli.shell``): typer's to answer."""


def main() -> None:
    if sys.stdout is not None:
        _main()
        return
    # Started without one (``>&-``): no report is silently lost, and whatever else wanted to
    # print (help, ``init``'s folder) ends as a report would, with one line and exit 2.
    sys.stdout = _ClosedStdout()
    try:
        _main()
    except OSError as error:
        import errno

        if error.errno != errno.EBADF:
            raise
        _cannot_write(error)


def _cannot_write(error: OSError) -> NoReturn:
    """Exit 2 with one line, where stdout could not take what this light path printed (the
    report's writer, ``common.write_stdout``, says the same of a report)."""
    reason = error.strerror or error
    sys.stderr.write(f"groupcheck: error: cannot write to standard output: {reason}\n")
    raise SystemExit(2) from None


def _main() -> None:
    if sys.argv[1:] in _HELP_FLAGS and _root_help():
        return
    if sys.argv[1:] in _VERSION_FLAGS:
        # What the root callback prints for ``--version`` alone, without loading typer: the
        # one command a packaging check or a bug report runs, so it is the one kept at the
        # interpreter's own start-up cost. ``--version`` among other arguments goes to typer.
        from groupcheck._version import __version__

        try:
            sys.stdout.write(f"groupcheck {__version__}\n")
            sys.stdout.flush()
        except OSError as error:  # closed (``>&-``), or a reader gone
            _cannot_write(error)
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


class _ClosedStdout:
    """Standard output for a process started without one (``groupcheck ... >&-``, where
    Python leaves ``sys.stdout`` None): every write fails as on a closed descriptor, so the
    report's writer says so and exits 2 (``common.write_stdout``), as for a reader gone; a run
    that writes only files (``--output``) is not stopped by it."""

    encoding = "utf-8"
    errors = "strict"

    def _closed(self, *args: object) -> Any:
        import errno

        raise OSError(errno.EBADF, "no standard output (it was closed)")

    write = writelines = fileno = _closed

    @property
    def buffer(self) -> Any:
        return self._closed()

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def entry() -> None:
    """The ``groupcheck`` command and ``python -m groupcheck``: ``main``, after which a
    validate process ends without Python's teardown (``_exit_without_teardown``). Tests and
    other callers of ``main`` get its ``SystemExit`` as before."""
    try:
        main()
    except SystemExit as done:
        if sys.argv[1:2] == ["validate"]:
            _exit_without_teardown(done)
        raise


def _exit_without_teardown(done: SystemExit) -> NoReturn:
    """End a validate process with ``done``'s status once its exit handlers have run and its
    output is flushed, without the rest of Python's teardown, as mypy does (``--fast-exit``).

    Why: the teardown frees every object the run kept (charters, findings, the report) one
    by one: half a second of a warm cached run over 10,000 groups that takes two and a half.
    Nothing else is left for it: the report and the cache are written (atomically) before
    the command returns, and the worker processes ended with their pool. A status Python
    would print (a message), output that cannot be flushed, or a profiler, tracer or coverage
    tool watching the process (each writes its results as the process ends) take the usual
    way out.
    """
    import atexit
    import os

    status = 0 if done.code is None else done.code
    if type(status) is not int or _watched():
        raise done
    try:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        raise done from None
    os._exit(status)


def _watched() -> bool:
    """Whether a profiler, a tracer or a coverage tool watches this process (``sys.monitoring``
    holds them from Python 3.12 on), or threads of a program embedding groupcheck still run
    (the usual exit waits for them)."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return True
    threading = sys.modules.get("threading")  # a caller's threads, joined at the usual exit
    if threading is not None and any(
        not thread.daemon and thread is not threading.main_thread()
        for thread in threading.enumerate()
    ):
        return True
    monitoring = getattr(sys, "monitoring", None)
    return monitoring is not None and any(
        monitoring.get_tool(tool) is not None for tool in range(6)
    )


def _root_help() -> bool:
    """Print the root help as typer draws it, without loading typer, where that drawing is
    provably the stored one (``cli.root_help``); False, with nothing done, where it may not be.

    The root command's help is click's plain formatter (``rich_markup_mode=None``: no Rich, no
    colour, on a terminal or not), drawn ``min(columns, 80) - 2`` wide, the columns being
    ``shutil.get_terminal_size``'s (``COLUMNS``, else the terminal of ``sys.__stdout__``, else
    80). So one text serves every page of 80 columns or more, a pipe's included; a narrower
    terminal, a stdout that is not UTF-8 or a shell asking for completions goes to typer.
    """
    import codecs
    import os

    from groupcheck.cli import root_help

    if os.environ.get(COMPLETE_VAR) or terminal_columns() < root_help.COLUMNS:
        return False
    stdout = sys.stdout
    try:
        if codecs.lookup(stdout.encoding).name != "utf-8":
            return False
    except (AttributeError, LookupError, TypeError):
        return False
    try:
        stdout.write(root_help.TEXT)
        stdout.flush()
    except BrokenPipeError:  # what typer does when the reader has gone: quiet, exit 1
        from typer._click.utils import PacifyFlushWrapper

        sys.stdout = PacifyFlushWrapper(sys.stdout)
        sys.stderr = PacifyFlushWrapper(sys.stderr)
        raise SystemExit(1) from None
    return True


def terminal_columns(fallback: int = 80) -> int:
    """``shutil.get_terminal_size((fallback, …)).columns``, which click's help formatter and
    the commands' tables read, without importing shutil (and its compression modules):
    ``COLUMNS`` when a positive integer, else the width of the terminal ``sys.__stdout__`` is
    (0 counts as none), else ``fallback``."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or fallback  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return fallback

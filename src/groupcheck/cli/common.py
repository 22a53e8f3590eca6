"""What several commands share: option parsing helpers, output, usage errors."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import sys
from typing import TYPE_CHECKING, NoReturn

import typer

from groupcheck.errors import INTERNAL_ERROR
from groupcheck.errors import USAGE_ERROR as USAGE_ERROR  # for the commands' own exits
from groupcheck.messages import Lang, default_lang
from groupcheck.output import OutputError, printable, write_atomic

if TYPE_CHECKING:
    from groupcheck.engine import RunResult
    from groupcheck.settings import Settings


CONFIG = typer.Option(
    "--config",
    help="A config file (default: groupcheck.toml or pyproject.toml [tool.groupcheck], found "
    "from here upward), as validate reads it.",
)
VERBOSE = typer.Option(
    "--verbose", help="Print the traceback of a rule that raised (GC000) on stderr."
)


def report_crashes(result: RunResult, settings: Settings) -> None:
    """With ``--verbose``, the traceback of every rule that raised (its GC000 finding is in
    the report either way, and the run exits 2)."""
    if not settings.verbose:
        return
    for finding in result.report.findings:
        if finding.rule == INTERNAL_ERROR:
            where = finding.group or "the run"
            typer.echo(f"groupcheck: {finding.args['rule']} raised on {where}:", err=True)
            typer.echo(str(finding.args.get("traceback", "")).rstrip("\n"), err=True)


def check_jobs(jobs: int | None) -> None:
    if jobs is not None and jobs < 1:
        usage_error(f"--jobs must be 1 or more, not {jobs}")


def usage_error(message: str) -> NoReturn:
    """One line on stderr, exit 2."""
    typer.echo(f"groupcheck: error: {message}", err=True)
    raise typer.Exit(USAGE_ERROR)


EXTRAS: dict[str, tuple[str, ...]] = {
    "report": ("jinja2", "weasyprint"),
    "excel": ("openpyxl",),
}
"""The optional extras of ``pyproject.toml`` and the modules each brings (``pip install
groupcheck`` is the slim set that ``validate``, ``rules``, ``explain``, ``schema`` and ``init``
need; the audit report and Excel are extras)."""


def require_extra(extra: str, command: str, lang: Lang) -> None:
    """Exit 2 with one line naming the extra to install when its modules are missing.

    Checked before any work (``find_spec`` imports nothing), so a slim install fails at once
    rather than after a whole run.
    """
    missing = [name for name in EXTRAS[extra] if importlib.util.find_spec(name) is None]
    if missing:
        from groupcheck.messages import text

        usage_error(
            text(
                "ui.extra_missing",
                lang,
                command=command,
                modules=", ".join(missing),
                install=f"pip install 'groupcheck[{extra}]'",
            )
        )


def parse_as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        usage_error(f"--as-of must be a date written YYYY-MM-DD, not {value!r}")


def parse_lang(value: str | None) -> Lang:
    if value is None:
        return default_lang()
    if value not in ("en", "zh"):
        usage_error(f"--lang must be en or zh, not {value!r}")
    return "en" if value == "en" else "zh"


def emit(text: str, output: str | None) -> None:
    """Write to ``output`` atomically, or to stdout; a failure is a usage error (exit 2)."""
    if output is not None and output != "-":
        try:
            write_atomic(output, text)
        except OutputError as exc:
            usage_error(str(exc))
        return
    try:
        sys.stdout.write(printable(text))
        sys.stdout.flush()
    except BrokenPipeError:
        # ``groupcheck ... | head -1``: the reader left. Click would turn this into a silent
        # exit 1, which reads as "findings"; say what happened and exit 2 instead.
        silence_stdout()
        usage_error("standard output was closed before the report was all written")
    except OSError as exc:
        silence_stdout()
        usage_error(f"cannot write to standard output: {exc.strerror or exc}")


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ

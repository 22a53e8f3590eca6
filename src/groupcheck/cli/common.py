"""What several commands share: option parsing helpers, output, usage errors."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from groupcheck.errors import INTERNAL_ERROR, GroupcheckError
from groupcheck.errors import USAGE_ERROR as USAGE_ERROR  # for the commands' own exits
from groupcheck.escaping import terminal, workflow_safe
from groupcheck.messages import Lang, default_lang
from groupcheck.output import OutputError, printable, refuse_overlaps, write_all, write_atomic

if TYPE_CHECKING:
    from groupcheck.engine import RunResult
    from groupcheck.settings import Settings


def _options() -> dict[str, Any]:
    """The options several commands declare alike (typer's, so made when typer is loaded)."""
    import typer

    return {
        "CONFIG": typer.Option(
            "--config",
            help="A config file (default: groupcheck.toml or pyproject.toml [tool.groupcheck], "
            "found from here upward), as validate reads it.",
        ),
        "RULES": typer.Option(
            "--rules",
            help="A policy pack (bundled name or YAML file), or by-jurisdiction: each group the "
            "pack of its charter's jurisdiction.",
        ),
        "FALLBACK_RULES": typer.Option(
            "--fallback-rules",
            help="With --rules by-jurisdiction: the pack of groups no jurisdiction matches "
            "(default: the default pack).",
        ),
        "VERBOSE": typer.Option(
            "--verbose", help="Print the traceback of a rule that raised (GC000) on stderr."
        ),
    }


_shared: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    """``CONFIG``, ``RULES``, ``FALLBACK_RULES``, ``VERBOSE``: made on first use, so that
    ``cli.checking`` (which imports this module) loads no typer (docs/performance.md)."""
    if name not in ("CONFIG", "RULES", "FALLBACK_RULES", "VERBOSE"):
        raise AttributeError(f"module 'groupcheck.cli.common' has no attribute {name!r}")
    if not _shared:
        _shared.update(_options())
    return _shared[name]


_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def echo(message: str) -> None:
    """``message`` and a newline on stderr: ``typer.echo(message, err=True)`` where typer is
    loaded, else what it writes there (click's ``echo``: ANSI sequences taken out where stderr
    is no terminal; flushed) without loading it, on the fast path (``cli.fast``), which runs
    only where stderr is UTF-8 (click would re-wrap another encoding)."""
    typer = sys.modules.get("typer")
    if typer is not None:
        typer.echo(message, err=True)
        return
    out = message + "\n"
    if not _isatty(sys.stderr):
        out = _ANSI.sub("", out)
    sys.stderr.write(out)
    sys.stderr.flush()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:  # click's own answer for a stream that cannot say: no terminal
        return False


def report_crashes(result: RunResult, settings: Settings) -> None:
    """With ``--verbose``, the traceback of every rule that raised (its GC000 finding is in
    the report either way, and the run exits 2)."""
    if not settings.verbose:
        return
    for finding in result.report.findings:
        if finding.rule == INTERNAL_ERROR:
            where = finding.group or "the run"
            echo(f"groupcheck: {finding.args['rule']} raised on {where}:")
            echo(str(finding.args.get("traceback", "")).rstrip("\n"))


def check_jobs(jobs: int | None) -> None:
    if jobs is not None and jobs < 1:
        usage_error(f"--jobs must be 1 or more, not {jobs}")


def usage_error(message: str) -> NoReturn:
    """One line on stderr, exit 2."""
    echo(f"groupcheck: error: {terminal(message)}")
    raise SystemExit(USAGE_ERROR)


INTERRUPTED = 130
"""The shell's code for a run ended by Ctrl-C (128 + SIGINT)."""


def interrupted() -> NoReturn:
    """Ctrl-C: one line on stderr (the workers ignore it: no traceback of theirs), exit 130.

    The exit is immediate (``os._exit``): the pool's feeder thread may be blocked handing work
    to workers that are gone, and an ordinary exit would wait for it at interpreter shutdown.
    Nothing is lost: outputs are only ever written whole, by rename, after a run completes.
    """
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write("groupcheck: interrupted\n")
        sys.stderr.flush()
    os._exit(INTERRUPTED)


EXTRAS: dict[str, tuple[str, ...]] = {
    "report": ("jinja2", "weasyprint", "docx"),
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
    import importlib.util  # here: only the commands that need an extra ask

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


def emit(text: str, output: str | None, *, commands: bool = False) -> None:
    """Write to ``output`` atomically, or to stdout; a failure is a usage error (exit 2).

    On stdout, every byte is written or the run exits 2 with one line (``write_stdout``);
    under ``GITHUB_ACTIONS`` no line may start a workflow command unless ``commands`` (the
    ``github`` format's own annotations; ``escaping.workflow_safe``).
    """
    if output is not None and output != "-":
        try:
            write_atomic(output, text)
        except OutputError as exc:
            usage_error(str(exc))
        return
    write_stdout(printable(text if commands else workflow_safe(text)).encode("utf-8"))


def write_stdout(payload: bytes) -> None:
    """``payload`` on stdout, all of it; a closed or failing stdout exits 2 with one line.

    The bytes go to the descriptor in a loop (``output.write_all``), never through a
    write-through ``sys.stdout``, which under ``PYTHONUNBUFFERED=1`` ignores a short write and
    would leave a truncated report with exit 0 or 1.
    """
    try:
        sys.stdout.flush()
        try:
            handle = sys.stdout.fileno()
        except (AttributeError, OSError, ValueError):  # a stream without one (tests)
            sys.stdout.buffer.write(payload)
            sys.stdout.buffer.flush()
        else:
            write_all(handle, payload)
    except BrokenPipeError:
        # ``groupcheck ... | head -1``: the reader left. Click would turn this into a silent
        # exit 1, which reads as "findings"; say what happened and exit 2 instead.
        silence_stdout()
        usage_error("standard output was closed before the report was all written")
    except OSError as exc:
        silence_stdout()
        usage_error(f"cannot write to standard output: {exc.strerror or exc}")


def check_outputs(
    settings: Settings, targets: Sequence[tuple[str, str | None]], config_file: str | None
) -> None:
    """Exit 2, before any work, when an output (``(option, path)``; None or ``-`` is stdout)
    is a file the run reads (a charter, a log, the pack and what it extends, the baseline,
    the config file) or another output of the same run (``output.refuse_overlaps``)."""
    from groupcheck import config, policy
    from groupcheck.discovery import discover

    files = [(option, path) for option, path in targets if path is not None and path != "-"]
    if not files:
        return
    # Only a file that exists and lies in a checked path can be one the walk reads: a report
    # written beside the tree (the usual case) is refused or not without walking 40,000
    # folders a second time.
    inputs = list(discover(settings.paths).files) if _within(files, settings.paths) else []
    with contextlib.suppress(GroupcheckError):  # the run says what is wrong with the pack
        inputs += policy.load_pack(settings.rules_file).chain
    named = config_file if config_file is not None else config.find()
    inputs += [path for path in (settings.baseline, named) if path is not None]
    try:
        refuse_overlaps(files, inputs)
    except OutputError as exc:
        usage_error(str(exc))


def _within(files: Sequence[tuple[str, str]], paths: Sequence[str]) -> bool:
    """Whether any of ``files`` exists and may be a file under ``paths``: it is one of them or
    lies under one (links followed), or it has another hard link, which may be in the tree."""
    tops = [os.path.realpath(path) for path in paths]
    for _option, file in files:
        try:
            links = os.stat(file).st_nlink
        except OSError:  # not there (yet): no walk finds it
            continue
        if links > 1:
            return True
        where = os.path.realpath(file)
        if any(where == top or where.startswith(top.rstrip(os.sep) + os.sep) for top in tops):
            return True
    return False


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


COLORS = ("auto", "always", "never")


def use_color(choice: str | None) -> bool:
    """Whether standard output gets colours: ``--color always|never``, else (``auto``)
    ``NO_COLOR`` says no, ``FORCE_COLOR`` (non-empty) says yes, else a terminal does."""
    if choice is not None and choice not in COLORS:
        usage_error(f"--color must be one of {', '.join(COLORS)}, not {choice!r}")
    if choice in ("always", "never"):
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stdout_is_terminal()

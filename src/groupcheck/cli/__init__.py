"""The command line: a thin typer shell over the library API. No policy logic lives here.

Each command module parses its flags into settings, calls the API, and hands the result to a
reporter. Exit codes: 0 no error-severity finding stands, 1 one does, 2 a usage error.
"""

from __future__ import annotations

import sys

import typer

from groupcheck._version import __version__

app = typer.Typer(
    name="groupcheck",
    help="Check education-group charters and rotation logs (集团化办学) against policy.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


_owns_process = False
"""Set by ``main``: the ``groupcheck`` command's process is groupcheck's own, so its parser may
change PyYAML for the whole process (``yamlsource.install_lean_events``); ``app`` called from a
program (or a test's ``CliRunner``) leaves PyYAML as it is."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"groupcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        help="Print the version and exit.",
        callback=_version,
        is_eager=True,
    ),
) -> None:
    """Check education-group charters and rotation logs (集团化办学) against policy."""
    if _owns_process:  # here, not in main: ``--version`` and ``--help`` need no PyYAML
        from groupcheck import yamlsource

        yamlsource.install_lean_events()


from groupcheck.cli import authoring as _authoring  # noqa: E402  (schema, init, import, export)
from groupcheck.cli import fix as _fix  # noqa: E402  (registers the command)
from groupcheck.cli import report as _report  # noqa: E402  (registers the command)
from groupcheck.cli import rules as _rules  # noqa: E402  (registers rules, explain)
from groupcheck.cli import validate as _validate  # noqa: E402  (registers the command)

__all__ = ["_authoring", "_fix", "_report", "_rules", "_validate", "app", "main"]


def main() -> None:
    global _owns_process
    _owns_process = True
    try:
        app()
    except BrokenPipeError:  # a closed stdout (groupcheck ... | head -1)
        _silence_stdout()
        sys.stderr.write("groupcheck: output closed before it was all written\n")
        sys.exit(2)


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass

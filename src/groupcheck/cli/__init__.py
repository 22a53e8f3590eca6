"""The command line: a thin typer shell over the library API. No policy logic lives here.

Each command module parses its flags into settings, calls the API, and hands the result to a
reporter. Exit codes: 0 no error-severity finding stands, 1 one does, 2 a usage error.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from groupcheck._version import __version__
from groupcheck.errors import GroupcheckError


class Commands(TyperGroup):
    """groupcheck's commands, with the one place a ``GroupcheckError`` becomes its exit code.

    Every command lets a request that cannot be done raise (a path, pack, config, baseline or
    output that cannot be used); here it is printed as one line on stderr, and the command
    exits with the error's code (2). Commands under ``import`` run inside this group's
    ``invoke`` too.
    """

    def invoke(self, ctx: Any) -> Any:  # typer's own (vendored) click.Context
        try:
            return super().invoke(ctx)
        except GroupcheckError as problem:
            typer.echo(f"groupcheck: error: {problem.describe()}", err=True)
            raise typer.Exit(problem.exit_code) from None


app = typer.Typer(
    cls=Commands,
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
        from groupcheck.cli.common import silence_stdout

        silence_stdout()
        sys.stderr.write("groupcheck: output closed before it was all written\n")
        sys.exit(2)

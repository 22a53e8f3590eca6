"""The typer application: the root group, ``--version``, and every command registered on it.

Loaded by ``groupcheck.cli`` when a command line needs typer (all but ``--version`` alone).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from groupcheck._version import __version__
from groupcheck.cli import coercion, noplugins
from groupcheck.errors import GroupcheckError
from groupcheck.escaping import terminal


class Commands(TyperGroup):
    """groupcheck's commands, with the one place a ``GroupcheckError`` becomes its exit code.

    Every command lets a request that cannot be done raise (a path, pack, config, baseline or
    output that cannot be used); here it is printed as one line on stderr, and the command
    exits with the error's code (2). Commands under ``import`` run inside this group's
    ``invoke`` too.

    Built once per run, it gives the plain parameters of every command a plain coercer
    (``cli.coercion``): typer would build a pydantic adapter for each.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        coercion.install(self)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command, its help given real metavars, its exit codes and examples."""
        from groupcheck.cli.helptext import dress

        command = super().get_command(ctx, cmd_name)
        if command is not None:
            dress(command, cmd_name)
        return command

    def invoke(self, ctx: Any) -> Any:  # typer's own (vendored) click.Context
        try:
            return super().invoke(ctx)
        except GroupcheckError as problem:
            typer.echo(f"groupcheck: error: {terminal(problem.describe())}", err=True)
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


_HELP_FLAGS = frozenset(("-h", "--help"))


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
    # Here, not in main: ``--version`` and ``--help`` need no PyYAML, nor does a command's own
    # help (``validate --help``, which would otherwise load PyYAML and pydantic to print).
    if _owns_process and not _HELP_FLAGS.intersection(sys.argv[1:]):
        from groupcheck import yamlsource

        yamlsource.install_lean_events()
        noplugins.install()  # no plugin scan, nor importlib.metadata to find none


from groupcheck.cli import authoring as _authoring  # noqa: E402  (schema, init, import, export)
from groupcheck.cli import fix as _fix  # noqa: E402  (registers the command)
from groupcheck.cli import report as _report  # noqa: E402  (registers the command)
from groupcheck.cli import rules as _rules  # noqa: E402  (registers rules, explain)
from groupcheck.cli import shell as _shell  # noqa: E402  (registers completion)
from groupcheck.cli import validate as _validate  # noqa: E402  (registers the command)

__all__ = [
    "Commands",
    "_authoring",
    "_fix",
    "_report",
    "_rules",
    "_shell",
    "_validate",
    "app",
    "main",
]


def main() -> None:
    global _owns_process
    _owns_process = True
    # pydantic looks for plugins (an entry-point scan of every installed distribution) when it
    # builds groupcheck's first model; the command line has no use for one. A user who wants a
    # plugin to see groupcheck's models sets PYDANTIC_DISABLE_PLUGINS themselves (even empty).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ.get(_shell.COMPLETE_VAR):  # a shell asking for completions
        _shell.register()
    try:
        app(prog_name="groupcheck", complete_var=_shell.COMPLETE_VAR)
    except BrokenPipeError:  # a closed stdout (groupcheck ... | head -1)
        from groupcheck.cli.common import silence_stdout

        silence_stdout()
        sys.stderr.write("groupcheck: output closed before it was all written\n")
        sys.exit(2)

"""``groupcheck completion bash|zsh|fish``: the shell's completion script, to source.

The script asks ``groupcheck`` itself for completions through ``_GROUPCHECK_COMPLETE``
(``main`` registers typer's completion classes only when that variable is set, so a normal
run imports nothing for it).
"""

from __future__ import annotations

from typing import Annotated

import typer

from groupcheck.cli import COMPLETE_VAR as COMPLETE_VAR
from groupcheck.cli.common import emit, usage_error
from groupcheck.cli.root import app

SHELLS = ("bash", "zsh", "fish")


@app.command(
    epilog="Examples:\n\n"
    "  groupcheck completion bash > ~/.local/share/bash-completion/completions/groupcheck\n\n"
    "  groupcheck completion fish > ~/.config/fish/completions/groupcheck.fish\n\n"
    "Exit codes: 0 the script was printed, 2 a shell other than bash, zsh or fish."
)
def completion(
    shell: Annotated[str, typer.Argument(metavar="bash|zsh|fish", help="The shell.")],
) -> None:
    """Print the shell completion script for bash, zsh or fish."""
    if shell not in SHELLS:
        usage_error(f"completion: the shell must be one of {', '.join(SHELLS)}, not {shell!r}")
    emit(script(shell), None)


def script(shell: str) -> str:
    from typer._completion_shared import get_completion_script

    register()
    text = get_completion_script(prog_name="groupcheck", complete_var=COMPLETE_VAR, shell=shell)
    return text if text.endswith("\n") else text + "\n"


def register() -> None:
    """Make typer's completion classes known (what ``_GROUPCHECK_COMPLETE`` calls for)."""
    from typer._completion_classes import completion_init

    completion_init()

"""``groupcheck validate`` without typer: the hot command's usual command lines, parsed here.

A pre-commit hook, an editor on save and ``validate -`` check one group, and there loading
typer and building its commands was a fifth of the run (docs/performance.md, Start-up). When
``groupcheck validate ARGS`` holds only what this parser reads exactly as typer does, it runs
``cli.checking.validate`` itself, with the same values, the same exits and the same messages
(``main``); anything else (``--help``, a flag it does not know, a flag without its value, a
value typer would refuse or reword, ``--``, short flags run together, a flag given twice …)
returns False before anything is done, and typer parses the command line as before. Its errors
are therefore typer's own, always.

The flags come from the typer declaration (``cli.validate``), not from a list kept by hand:
``spec_of`` reads them off the command typer builds, ``python -m groupcheck.cli.fast`` writes
them to ``cli.validate_flags``, and tests/test_fast.py fails when that file and the declaration
differ. A stale file costs speed, never behaviour: a new flag is unknown here (typer parses the
line), and a new parameter of ``checking.validate`` missing from the file turns this path off.

The same command writes ``cli.root_help``: the root help (``groupcheck --help``) as typer draws
it for a pipe, which ``groupcheck.cli.main`` prints where typer would draw the same text; the
test fails when a command's help changes and the file is not rewritten.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Sequence
from typing import Any

from groupcheck.cli import COMPLETE_VAR as COMPLETE_VAR
from groupcheck.cli import validate_flags

Spec = tuple[str, dict[str, tuple[str, str]], dict[str, Any]]
"""(the argument's name, option string → (parameter, kind), parameter → default)."""

KINDS = ("str", "int", "multiple", "true", "false")
"""What an option takes: one string, one integer, a string each time it is given (a list), or
nothing (a flag: True for its own name, False for its ``--no-`` twin)."""


def parse(args: Sequence[str], spec: Spec | None = None) -> dict[str, Any] | None:
    """The keyword arguments typer would give ``checking.validate`` for ``validate ARGS``, or
    None where this parser leaves the command line to typer."""
    argument, options, defaults = spec or (
        validate_flags.ARGUMENT,
        validate_flags.OPTIONS,
        validate_flags.DEFAULTS,
    )
    values = dict(defaults)
    given: set[str] = set()
    positional: list[str] = []
    index = 0
    while index < len(args):
        token = args[index]
        index += 1
        if not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        name, equals, attached = token.partition("=") if token.startswith("--") else (token, "", "")
        known = options.get(name)
        if known is None:  # --help, --, -qj2, -fjson, an unknown or misspelt flag: typer's
            return None
        param, kind = known
        if kind != "multiple" and param in given:  # given twice: typer's rule, typer's call
            return None
        given.add(param)
        if kind in ("true", "false"):
            if equals:  # --quiet=1: typer's error
                return None
            values[param] = kind == "true"
            continue
        if equals:
            value = attached
        elif index < len(args) and (not args[index].startswith("-") or args[index] == "-"):
            value = args[index]
            index += 1
        else:  # no value, or one that looks like a flag: typer's to read or refuse
            return None
        if kind == "int":
            if not (value.isascii() and value.isdigit()):  # typer's message for the rest
                return None
            values[param] = int(value)
        elif kind == "multiple":
            values[param] = [*(values[param] or ()), value]
        else:
            values[param] = value
    if positional:
        values[argument] = positional
    return values


def main(args: Sequence[str]) -> bool:
    """Run ``groupcheck validate ARGS`` here if this parser reads ARGS as typer would; it then
    exits (``SystemExit``) as typer's command would. False, with nothing done, if not."""
    if os.environ.get(COMPLETE_VAR) or not _utf8(sys.stderr):
        return False
    values = parse(args)
    if values is None:
        return False
    from groupcheck.cli import checking

    code = checking.validate.__code__
    if set(code.co_varnames[: code.co_argcount]) != set(values):  # a stale validate_flags
        return False
    _run(checking.validate, values)
    return True  # not reached: _run exits


def _run(command: Any, values: dict[str, Any]) -> None:
    """What ``cli.root.main``, the root callback, ``Commands.invoke`` and typer's ``main``
    do around the command, in the same order, with the same exits."""
    from groupcheck.cli import noplugins
    from groupcheck.cli.common import echo
    from groupcheck.errors import GroupcheckError
    from groupcheck.escaping import terminal

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        try:
            from groupcheck import yamlsource

            yamlsource.install_lean_events()
            noplugins.install()
            try:
                command(**values)
            except GroupcheckError as problem:
                echo(f"groupcheck: error: {terminal(problem.describe())}")
                raise SystemExit(problem.exit_code) from None
            raise SystemExit(0)
        except EOFError:
            _typer_abort()
        except KeyboardInterrupt:
            raise SystemExit(130) from None
        except OSError as error:
            import errno

            if error.errno != errno.EPIPE:
                raise
            from typer._click.utils import PacifyFlushWrapper

            sys.stdout = PacifyFlushWrapper(sys.stdout)
            sys.stderr = PacifyFlushWrapper(sys.stderr)
            raise SystemExit(1) from None
    except BrokenPipeError:  # cli.root.main's: a closed stdout while saying the above
        from groupcheck.cli.common import silence_stdout

        silence_stdout()
        sys.stderr.write("groupcheck: output closed before it was all written\n")
        raise SystemExit(2) from None


def _typer_abort() -> None:
    """typer's answer to end-of-input where the command did not expect it: a blank line and
    ``Aborted!`` on stderr, exit 1 (a rare path, so typer's own echo says it)."""
    import typer

    typer.echo(err=True)
    typer.echo("Aborted!", err=True)
    raise SystemExit(1)


def _utf8(stream: Any) -> bool:
    """Whether ``stream`` writes UTF-8: click re-wraps a stream of another encoding, which the
    fast path's ``echo`` does not; typer's path handles those."""
    try:
        return codecs.lookup(stream.encoding).name == "utf-8"
    except (AttributeError, LookupError, TypeError):
        return False


def spec_of(command: Any) -> Spec:
    """The argument, options and defaults of a click command typer built (``validate``'s).

    Raises ``ValueError`` for a parameter this parser cannot read as typer does (a callback, an
    environment variable, a prompt, a choice, a path, a count …): extend ``parse`` first.
    """
    argument = ""
    options: dict[str, tuple[str, str]] = {}
    defaults: dict[str, Any] = {}
    for param in command.params:
        annotation = param.type_descriptor.annotation
        plain = not (
            param.callback
            or param.envvar
            or param.required
            or param.is_eager
            or getattr(param, "prompt", None)
            or getattr(param, "count", False)
        )
        if param.param_type_name == "argument":
            if argument or not plain or param.nargs != -1 or annotation != list[str]:
                raise ValueError(f"{param.name}: not an argument this parser reads")
            argument = param.name
        else:
            kind = _kind(param, annotation)
            if not plain or kind is None:
                raise ValueError(f"{param.name}: not an option this parser reads")
            for flag in param.opts:
                options[flag] = (param.name, kind)
            for flag in param.secondary_opts:
                options[flag] = (param.name, "false")
        defaults[param.name] = param.default
    return argument, options, defaults


def _kind(param: Any, annotation: Any) -> str | None:
    descriptor = param.type_descriptor
    if descriptor.is_choice or descriptor.is_path or descriptor.is_file or descriptor.is_ranged:
        return None
    if descriptor.parameter_info.parser is not None or param.nargs != 1:
        return None
    if param.is_flag:
        return "true" if annotation is bool and param.is_bool_flag else None
    if param.multiple:
        return "multiple" if annotation == list[str] else None
    return {str: "str", int: "int"}.get(annotation)


def render(spec: Spec) -> str:
    """``cli.validate_flags``'s source for ``spec``."""
    argument, options, defaults = spec
    lines = [
        '"""The flags of ``groupcheck validate``, as ``cli.fast`` reads them: made from the typer',
        "declaration in ``cli.validate`` by ``python -m groupcheck.cli.fast``; do not edit (a test",
        'compares this file with the declaration)."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any",
        "",
        f"ARGUMENT = {argument!r}",
        "",
        "OPTIONS: dict[str, tuple[str, str]] = {",
        *(f"    {flag!r}: {spec!r}," for flag, spec in options.items()),
        "}",
        "",
        "DEFAULTS: dict[str, Any] = {",
        *(f"    {name!r}: {value!r}," for name, value in defaults.items()),
        "}",
        "",
    ]
    return "\n".join(lines).replace("'", '"')


def declared() -> Spec:
    """The spec of ``validate`` as typer builds it now (loads typer and every command)."""
    import typer.main

    from groupcheck.cli.root import app

    group = typer.main.get_command(app)
    return spec_of(group.commands["validate"])  # type: ignore[attr-defined]


ROOT_HELP_COLUMNS = 80
"""The narrowest page on which typer draws the root help as it does for a pipe: click's plain
formatter draws ``min(columns, 80) - 2`` wide (``cli._root_help``)."""

_TYPER_HELP = (
    "import sys; sys.argv = ['groupcheck', '--help']\n"
    "from groupcheck.cli.root import main\n"
    "main()\n"
)


def drawn_root_help() -> str:
    """What typer prints for ``groupcheck --help`` to a pipe (no ``COLUMNS``): its own
    entry point, ``cli.root.main``, in a process of its own, as a hook or a pager gets it."""
    import subprocess

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", COMPLETE_VAR)}
    env["PYTHONIOENCODING"] = "utf-8"
    done = subprocess.run(
        [sys.executable, "-c", _TYPER_HELP],
        capture_output=True,
        env=env,
        stdin=subprocess.DEVNULL,
        check=True,
    )
    return done.stdout.decode("utf-8")


def render_root_help(text: str) -> str:
    """``cli.root_help``'s source for the root help ``text``."""
    lines = [
        '"""``groupcheck --help`` as typer draws it on a page of ``COLUMNS`` columns or more (a',
        "pipe's included): made from the typer app by ``python -m groupcheck.cli.fast``; do not",
        'edit (a test compares it with what typer draws)."""',
        "",
        f"COLUMNS = {ROOT_HELP_COLUMNS}",
        "",
        "TEXT = (",
        *(f"    {_literal(line)}" for line in text.splitlines(keepends=True)),
        ")",
        "",
    ]
    return "\n".join(lines)


def _literal(line: str) -> str:
    """``line`` as a Python string literal in the quotes ``ruff format`` keeps."""
    shown = repr(line)
    if shown.startswith("'") and '"' not in line:
        shown = f'"{shown[1:-1]}"'
    return shown


if __name__ == "__main__":  # python -m groupcheck.cli.fast: rewrite the generated modules
    from pathlib import Path

    target = Path(__file__).with_name("validate_flags.py")
    target.write_text(render(declared()), encoding="utf-8")
    print(f"wrote {target}")
    target = Path(__file__).with_name("root_help.py")
    target.write_text(render_root_help(drawn_root_help()), encoding="utf-8")
    print(f"wrote {target}")

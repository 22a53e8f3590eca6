"""Plain coercion for the plain parameters groupcheck declares: str, list[str], int, bool.

typer 0.29 coerces every parameter's value with a pydantic ``TypeAdapter`` that it builds, on
first use, for each parameter of the command being run: fifteen for ``validate``, about 16 ms
of CPU on every start-up (docs/performance.md, Start-up) — for values the parser already
hands over as strings. ``install`` gives each such parameter a coercer that returns what the
adapter would (the string; a list of the strings; the integer of a string of ASCII digits)
and hands anything else (a malformed integer, whose error message is typer's) to typer's own
adapter, built then. Parameters with a choice, a path, a file, a range or a parser of their
own keep typer's coercion.

This rests on typer's ``_TyperParameter._runtime_param`` and ``typer._coercion.RuntimeParam``;
with a typer that has neither (before 0.29, or a later change) ``install`` does nothing and
typer coerces as it always did.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

try:
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # a typer without pydantic coercion: nothing to make cheaper
    RuntimeParam = None  # type: ignore[assignment,misc]


def install(command: Any) -> None:
    """Give every plain parameter of ``command`` (and of its subcommands) a plain coercer."""
    if RuntimeParam is None:
        return
    for sub in getattr(command, "commands", {}).values():
        install(sub)
    for param in getattr(command, "params", ()):
        _make_plain(param)
    # -h/--help is made when a command line is parsed (its names come from the context): the
    # command's own get_help_option, then the plain coercer for the option it made.
    made_help = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = made_help(ctx)
        if option is not None:
            _make_plain(option)
        return option

    command.get_help_option = get_help_option


def _make_plain(param: Any) -> None:
    if getattr(param, "_runtime_param", False) is None and _is_plain(param):
        param._runtime_param = _Plain(
            parameter_info=param.type_descriptor.parameter_info,
            annotation=param.type_descriptor.annotation,
        )


def _is_plain(param: Any) -> bool:
    descriptor = param.type_descriptor
    info = descriptor.parameter_info
    return (
        _kind(descriptor.annotation) is not None
        and info.parser is None
        and not (descriptor.is_path or descriptor.is_choice or descriptor.is_file)
        and not descriptor.is_ranged
    )


def _kind(annotation: Any) -> str | None:
    if annotation is str:
        return "str"
    if annotation is int:
        return "int"
    if annotation is bool:  # -h/--help and flags not given: coerced (from None) all the same
        return "bool"
    if annotation == list[str]:
        return "list[str]"
    return None


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _Plain(RuntimeParam):
        """What typer's adapter returns for a ``str``, ``list[str]`` or ``int`` parameter,
        without building the adapter; typer's own coercion for what is not plainly valid."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            kind = _kind(self.annotation)
            if kind == "bool" and isinstance(value, bool):
                return value
            if kind == "str" and isinstance(value, str):
                return value
            plain_list = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
            if kind == "list[str]" and plain_list:
                return list(value)
            if kind == "int" and isinstance(value, str) and value.isascii() and value.isdigit():
                return int(value)
            typer_own = build_runtime_param(param.type_descriptor)
            return typer_own._coerce_value(value, param=param, ctx=ctx)

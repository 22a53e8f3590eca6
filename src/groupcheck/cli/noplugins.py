"""No pydantic plugin scan, and no ``importlib.metadata`` to find none (issue 20).

pydantic asks ``pydantic.plugin._loader.get_plugins()`` for plugins when it builds a model's
validator, and that module imports ``importlib.metadata`` (with ``email``, ``zipfile``,
``csv`` … about 20 ms of a one-group run's CPU) before it reads ``PYDANTIC_DISABLE_PLUGINS``.
The command line sets that variable to ``__all__`` (``cli.root.main``), so the answer is known
to be "none": ``install`` puts a module in the loader's place that gives that answer, and
hands over to pydantic's own loader should the variable say otherwise by the time it is asked.
It rests on the private name ``pydantic.plugin._loader``; with a pydantic that no longer has it
the stand-in is never asked, and pydantic works as it would without it.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterable
from typing import Any

LOADER = "pydantic.plugin._loader"
DISABLED = ("__all__", "1", "true")
"""The values of ``PYDANTIC_DISABLE_PLUGINS`` for which pydantic loads no plugin at all."""


def _get_plugins() -> Iterable[Any]:
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in DISABLED:
        return ()
    # Someone changed the variable since: pydantic's own loader, as if never replaced.
    import importlib

    if sys.modules.get(LOADER) is _STAND_IN:
        del sys.modules[LOADER]
    real = importlib.import_module(LOADER)
    plugins: Iterable[Any] = real.get_plugins()
    return plugins


_STAND_IN = types.ModuleType(LOADER, "groupcheck's stand-in: no plugins (cli.noplugins)")
_STAND_IN.get_plugins = _get_plugins  # type: ignore[attr-defined]


def install() -> None:
    """Stand in for pydantic's plugin loader while plugins are disabled, unless it is loaded."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in DISABLED and LOADER not in sys.modules:
        sys.modules[LOADER] = _STAND_IN

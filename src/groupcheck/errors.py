"""The one error base class: a problem that stops a command before or instead of a report.

Bad input never raises (it becomes a finding); what raises is a request that cannot be done
(a path that does not exist, a pack or config or baseline that cannot be used, an output that
cannot be written). Each such error says how it reads on the command line (``describe``) and
which exit code it gives; the CLI catches ``GroupcheckError`` in one place
(``cli.Commands.invoke``) and nowhere else.
"""

from __future__ import annotations

USAGE_ERROR = 2
"""The exit code of a usage error, and of a run a rule crashed in (GC000)."""

INTERNAL_ERROR = "GC000"
"""The rule of a finding that says another rule raised (a bug in groupcheck, not the data)."""


class GroupcheckError(ValueError):
    """A request groupcheck cannot carry out; ``exit_code`` is what the CLI exits with."""

    exit_code: int = USAGE_ERROR

    def describe(self) -> str:
        """The one line the CLI prints after ``groupcheck: error:``."""
        return str(self)

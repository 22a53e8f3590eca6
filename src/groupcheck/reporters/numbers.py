"""How the reports print the figures the rules recorded: shares as percentages, exactly.

A share is an exact fraction of two counts a rule recorded (``report.Figure``: ``found`` of
``base``, ``part`` of ``found``), so "exactly 15%" prints 15%, never 14.9%. The one
implementation is ``groupcheck.report``'s, which the rules' messages use too (``evidence``).
"""

from __future__ import annotations

from groupcheck.report import percent, share_of

__all__ = ["percent", "share_of"]

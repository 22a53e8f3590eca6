"""How the reports print the figures the rules recorded: shares as percentages, exactly.

A share is an exact fraction of two counts a rule recorded (``report.Figure``: ``found`` of
``base``, ``part`` of ``found``), so "exactly 15%" prints 15%, never 14.9%.
"""

from __future__ import annotations

from fractions import Fraction


def share_of(part: int | None, whole: int | None) -> Fraction | None:
    """``part / whole`` exactly, or None when either is unknown or ``whole`` is not positive."""
    if part is None or whole is None or whole <= 0:
        return None
    return Fraction(part, whole)


def percent(value: Fraction | None) -> str:
    """A share as reports print it: ``"15%"``, ``"14.8%"``, or ``"–"`` when unknown."""
    if value is None:
        return "–"
    tenths = round(value * 1000)
    whole, rest = divmod(tenths, 10)
    return f"{whole}%" if rest == 0 else f"{whole}.{rest}%"

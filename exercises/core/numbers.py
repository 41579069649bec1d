"""Numbers as the course shows them: the Norwegian way, one rounding everywhere."""

import math
from numbers import Real

NBSP = "\u00a0"


def number(value, decimals: int = 1) -> str:
    """12 345,6 (no-break space, decimal comma); «–» for anything that is not
    a finite number (missing, text, yes/no, NaN, ∞), so a hand-edited
    workbook or a suppressed cell never shows as a number."""
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        return "–"
    return f"{value:,.{decimals}f}".replace(",", NBSP).replace(".", ",")


def percent(value, decimals: int = 1) -> str:
    """A share as percent: 0.125 → 12,5 %."""
    text = number(value, decimals)
    return text if text == "–" else f"{number(100 * value, decimals)}{NBSP}%"

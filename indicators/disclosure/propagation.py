"""Interval propagation over the reader's rows: outer bounds, quickly.

Each row lower <= sum(a_j * x_j) <= upper bounds each of its variables by the others' bounds;
repeated until nothing tightens (or a pass limit). The bounds hold for every solution, so a
cell they pin is pinned (the LP would say the same); a cell they leave wide may still be pinned,
which only the LP can tell. For each tightened bound the row that last tightened it is kept:
the row where more suppression helps.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from indicators.disclosure.cells import Cell
from indicators.disclosure.reader import Row, VarKey

PASSES = 30
TOLERANCE = 1e-9


def propagate(
    variables: Sequence[VarKey], row_ids: Sequence[int], rows: Sequence[Row], cell_of: Callable[[VarKey], Cell]
) -> tuple[dict[VarKey, float], dict[VarKey, float], dict[VarKey, set[int]]]:
    """(lower bounds, upper bounds, the rows that set them) of the variables."""
    index = set(variables)
    low = {v: cell_of(v).lower_bound for v in variables}
    high = {v: math.inf for v in variables}
    reason: dict[VarKey, set[int]] = {v: set() for v in variables}
    linear = []
    for r in row_ids:
        row = rows[r]
        constant = sum(a * cell_of(v).truth for v, a in row.terms if v not in index)
        terms = [(v, a) for v, a in row.terms if v in index]
        linear.append((r, terms, row.lower - constant, row.upper - constant))
    for _ in range(PASSES):
        changed = False
        for r, terms, lower, upper in linear:
            lows = [a * (low[v] if a > 0 else high[v]) for v, a in terms]  # least of a * x
            highs = [a * (high[v] if a > 0 else low[v]) for v, a in terms]  # most of a * x
            least, most = _sum(lows), _sum(highs)
            for (v, a), lo_term, hi_term in zip(terms, lows, highs):
                rest_least = _without(least, lo_term)
                rest_most = _without(most, hi_term)
                # a * x <= upper - rest_least and a * x >= lower - rest_most
                top, bottom = upper - rest_least, lower - rest_most
                bounds = (top / a, bottom / a) if a > 0 else (bottom / a, top / a)
                new_high, new_low = bounds[0], bounds[1]
                if new_high < high[v] - TOLERANCE and not math.isnan(new_high):
                    high[v] = new_high
                    reason[v].add(r)
                    changed = True
                if new_low > low[v] + TOLERANCE and not math.isnan(new_low):
                    low[v] = new_low
                    reason[v].add(r)
                    changed = True
        if not changed:
            break
    return low, high, reason


def _sum(values: list[float]) -> tuple[float, int, int]:
    """A sum that can be taken apart again: (finite part, +inf count, -inf count)."""
    finite = sum(x for x in values if math.isfinite(x))
    return finite, sum(1 for x in values if x == math.inf), sum(1 for x in values if x == -math.inf)


def _without(total: tuple[float, int, int], value: float) -> float:
    finite, plus, minus = total
    if value == math.inf:
        plus -= 1
    elif value == -math.inf:
        minus -= 1
    else:
        finite -= value
    if plus and minus:
        return math.nan
    if plus:
        return math.inf
    if minus:
        return -math.inf
    return finite

"""A project's dates, budget and progress side by side: how much of its time has passed at a
cut-off beside how far its targets are (the project page's facts). Pure functions."""

from __future__ import annotations

import datetime as dt

import polars as pl


def elapsed_share(start: dt.date | None, end: dt.date | None, at: dt.date | None) -> float | None:
    """The share of the project's running time (start to end, both days included) passed by
    `at`, 0 to 1; None without both dates or a date to measure at."""
    if start is None or end is None or at is None or end < start:
        return None
    total = (end - start).days + 1
    done = (min(max(at, start - dt.timedelta(days=1)), end) - start).days + 1
    return max(0.0, min(1.0, done / total))


def mean_achievement(targets: pl.DataFrame) -> float | None:
    """The mean achievement (value / target) over the targets that have one; None without."""
    if targets.is_empty() or "achievement" not in targets.columns:
        return None
    values = targets["achievement"].drop_nulls()
    return float(values.mean()) if len(values) else None


"""The reporting calendar: ESF+ monitoring is reported by half-year, each ending at a cut-off
date (30 June, 31 December). A cut-off is *closed* once its date has passed (from the next
day on: the day itself may still bring data); the half-year containing today is the *current*
one, and its cut-off, like any later one, is *provisional*: its values can still change.

The one place these rules are written in Python; dbt's `reporting_cutoffs` mart follows them for
the published copy (docs/indicators.md).
"""

from __future__ import annotations

from datetime import date


def cutoff_of(day: date) -> date:
    """The cut-off of the half-year `day` falls in (30 June or 31 December of its year)."""
    return date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31)


def half_year_start(cutoff: date) -> date:
    """The first day of the half-year ending at `cutoff` (1 January or 1 July)."""
    return date(cutoff.year, 1, 1) if cutoff.month <= 6 else date(cutoff.year, 7, 1)


def runs_in(start: date | None, end: date | None, cutoff: date) -> bool:
    """Whether something running from `start` to `end` (either open) runs in the half-year
    ending at `cutoff`."""
    return (start is None or start <= cutoff) and (end is None or end >= half_year_start(cutoff))


def is_closed(cutoff: date, today: date) -> bool:
    return cutoff < today


def last_closed_cutoff(today: date) -> date:
    """The latest cut-off whose half-year has ended: strictly before today."""
    if today > date(today.year, 6, 30):
        return date(today.year, 6, 30)
    return date(today.year - 1, 12, 31)


def current_cutoff(today: date) -> date:
    """The provisional cut-off of the half-year in progress."""
    return cutoff_of(today)


def is_cutoff(day: date) -> bool:
    """Whether `day` is a reporting cut-off (30 June or 31 December)."""
    return (day.month, day.day) in ((6, 30), (12, 31))


def is_provisional(cutoff: date, today: date) -> bool:
    """A cut-off whose half-year has not ended (the current one, or a later one)."""
    return not is_closed(cutoff, today)


def default_cutoff(today: date) -> date:
    """The cut-off every page, the API and `impact export` show unless asked otherwise: the
    last closed one, never a provisional one."""
    return last_closed_cutoff(today)

"""The reporting calendar (indicators/calendar.py): which cut-offs are closed, current, provisional."""

from __future__ import annotations

from datetime import date

import pytest

from indicators.calendar import current_cutoff, cutoff_of, half_year_start, is_closed, last_closed_cutoff, runs_in


@pytest.mark.parametrize("day, cutoff", [
    (date(2026, 1, 1), date(2026, 6, 30)), (date(2026, 6, 30), date(2026, 6, 30)),
    (date(2026, 7, 1), date(2026, 12, 31)), (date(2026, 12, 31), date(2026, 12, 31)),
])
def test_every_day_belongs_to_one_half_year(day, cutoff):
    assert cutoff_of(day) == cutoff == current_cutoff(day)


def test_a_cutoff_closes_the_day_after():
    assert not is_closed(date(2026, 6, 30), date(2026, 6, 30))
    assert is_closed(date(2026, 6, 30), date(2026, 7, 1))
    for day in (date(2026, 6, 30), date(2026, 7, 1), date(2027, 1, 1)):
        last = last_closed_cutoff(day)
        assert is_closed(last, day) and not is_closed(current_cutoff(day), day)


def test_a_project_runs_in_the_half_years_its_dates_touch():
    h2 = date(2025, 12, 31)
    assert half_year_start(h2) == date(2025, 7, 1) and half_year_start(date(2026, 6, 30)) == date(2026, 1, 1)
    assert runs_in(date(2023, 1, 1), date(2027, 12, 31), h2)
    assert runs_in(None, None, h2) and runs_in(date(2025, 12, 31), None, h2) and runs_in(None, date(2025, 7, 1), h2)
    assert not runs_in(date(2026, 1, 1), None, h2)  # starts after the cut-off
    assert not runs_in(None, date(2025, 6, 30), h2)  # ended in the half-year before

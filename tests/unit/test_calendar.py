"""The reporting calendar (indicators/calendar.py): which cut-offs are closed, current, provisional."""

from __future__ import annotations

from datetime import date

import pytest

from indicators.calendar import current_cutoff, cutoff_of, is_closed, last_closed_cutoff


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

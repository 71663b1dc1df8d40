"""The target marts of the small network: the targets in force (dim_targets), and achievement,
forecast and status against targets (indicator_achievement), checked against hand computation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.dbt_builds import AS_OF_DATE, D, days, query, r6

pytestmark = pytest.mark.slow


def test_targets_in_force(small_warehouse: Path) -> None:
    rows = query(
        small_warehouse,
        """
        select scope_type, scope_code, indicator_code, gender, target_date, target_value,
            previous_target_date, is_latest_target
        from marts.dim_targets order by 1, 2, 3, 5
        """,
    )
    assert rows == [
        ("programme", "-", "EECO01", "total", D("2024-12-31"), 4, None, False),
        ("programme", "-", "EECO01", "total", D("2025-12-31"), 8, D("2024-12-31"), True),
        ("programme", "-", "SE12", "total", D("2025-12-31"), 4.0, None, True),
        ("project", "S20001", "EECO01", "total", D("2025-12-31"), 10, None, True),
        # the withdrawn S10001 target is gone; S30001's stays but has no scope (a warning)
        ("project", "S30001", "EECO01", "total", D("2025-12-31"), 5, None, True),
    ]


def test_achievement_forecast_and_status(small_warehouse: Path) -> None:
    rows = query(
        small_warehouse,
        """
        select cutoff_date, scope_type, scope_code, indicator_code, gender, value, target_date,
            target_value, achievement_pct, forecast_value, forecast_pct, trend_base_date, status
        from marts.indicator_achievement
        """,
    )
    got = {tuple(row[:5]): row[5:] for row in rows}
    # the forecast by hand: value + (value - base) x days(now -> target) / days(base -> now);
    # the programme's base is 2023-12-31 (before the series, all 0), S20001's the last zero
    # cut-off 2024-06-30; in the running half-year "now" is the as-of date 2025-06-15
    f1 = 2 + 2 * days("2024-06-30", "2024-12-31") / days("2023-12-31", "2024-06-30")
    f3 = 6 + 6 * days(AS_OF_DATE, "2025-12-31") / days("2023-12-31", AS_OF_DATE)
    g2 = 1 + 1 * days("2024-12-31", "2025-12-31") / days("2024-06-30", "2024-12-31")
    g3 = 1 + 1 * days(AS_OF_DATE, "2025-12-31") / days("2024-06-30", AS_OF_DATE)
    programme = ("programme", "-", "EECO01", "total")
    s20001 = ("project", "S20001", "EECO01", "total")
    se12 = ("programme", "-", "SE12", "total")
    expected = {
        # the milestone (4 by 2024-12-31) applies up to its date: 2 + 2.02 -> 4.02, on track
        (D("2024-06-30"), *programme): (2, D("2024-12-31"), 4, 50.0, r6(f1), r6(100 * f1 / 4), D("2023-12-31"), "on track"),
        # reached on the milestone date
        (D("2024-12-31"), *programme): (4, D("2024-12-31"), 4, 100.0, 4, 100.0, D("2023-12-31"), "on track"),
        # then the final target, 8 by 2025-12-31: 6 now, forecast 8.24
        (D("2025-06-30"), *programme): (6, D("2025-12-31"), 8, 75.0, r6(f3), r6(100 * f3 / 8), D("2023-12-31"), "on track"),
        (D("2024-06-30"), *s20001): (0, D("2025-12-31"), 10, 0.0, 0, 0.0, None, "off track"),
        (D("2024-12-31"), *s20001): (1, D("2025-12-31"), 10, 10.0, r6(g2), r6(10 * g2), D("2024-06-30"), "off track"),
        (D("2025-06-30"), *s20001): (1, D("2025-12-31"), 10, 10.0, r6(g3), r6(10 * g3), D("2024-06-30"), "off track"),
        # a mean: no responses yet (no status), reached (4.33 >= 4), then 3.75 = 93.75 %: at risk
        (D("2024-06-30"), *se12): (None, D("2025-12-31"), 4.0, None, None, None, None, None),
        (D("2024-12-31"), *se12): (4.33, D("2025-12-31"), 4.0, 108.25, 4.33, 108.25, D("2024-06-30"), "on track"),
        (D("2025-06-30"), *se12): (3.75, D("2025-12-31"), 4.0, 93.75, 3.75, 93.75, D("2024-06-30"), "at risk"),
    }
    assert set(got) == set(expected)  # nothing for the target of the withdrawn project
    for key, row in expected.items():
        assert got[key] == pytest.approx(row), key

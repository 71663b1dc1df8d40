"""The value of an indicator at an arbitrary cut-off, from increments (pure functions)."""

from __future__ import annotations

from datetime import date

import polars as pl

from indicators.values_at_cutoff import format_value, values_at_cutoff


def _increments(rows):
    return pl.DataFrame(
        rows,
        schema={
            "scope_type": pl.String, "scope_code": pl.String, "indicator_code": pl.String,
            "gender": pl.String, "event_date": pl.Date, "n": pl.Int64, "value_sum": pl.Float64,
        },
        orient="row",
    )


SCAFFOLD = pl.DataFrame(
    {
        "scope_type": ["programme", "programme", "programme", "project"],
        "scope_code": ["-", "-", "-", "S10001"],
        "indicator_code": ["EECO01", "SE08", "SE12", "EECO01"],
        "gender": ["total", "total", "total", "total"],
        "aggregation": ["count", "sum", "mean", "count"],
    }
)


def test_counts_sums_and_means_are_cumulative_to_the_cutoff():
    inc = _increments([
        ("programme", "-", "EECO01", "total", date(2024, 1, 1), 2, 2.0),
        ("programme", "-", "EECO01", "total", date(2024, 6, 30), 3, 3.0),
        ("programme", "-", "EECO01", "total", date(2024, 7, 1), 5, 5.0),
        ("programme", "-", "SE08", "total", date(2024, 3, 1), 1, 7.5),
        ("programme", "-", "SE12", "total", date(2024, 3, 1), 3, 13.0),
    ])
    out = values_at_cutoff(inc, SCAFFOLD, date(2024, 6, 30))
    values = dict(zip(zip(out["scope_type"], out["indicator_code"]), out["value"]))
    assert values[("programme", "EECO01")] == 5  # the cut-off day itself counts
    assert values[("programme", "SE08")] == 7.5
    assert values[("programme", "SE12")] == 4.33  # 13 / 3
    assert values[("project", "EECO01")] == 0  # scaffold rows without increments are zeros


def test_means_round_half_away_from_zero_and_are_absent_without_rows():
    inc = _increments([
        ("programme", "-", "SE12", "total", date(2024, 3, 1), 8, 33.0),  # 4.125 -> 4.13
    ])
    out = values_at_cutoff(inc, SCAFFOLD, date(2024, 3, 1))
    assert out.filter(pl.col("indicator_code") == "SE12")["value"][0] == 4.13
    negative = _increments([("programme", "-", "SE12", "total", date(2024, 3, 1), 8, -33.0)])
    out = values_at_cutoff(negative, SCAFFOLD, date(2024, 3, 1))
    assert out.filter(pl.col("indicator_code") == "SE12")["value"][0] == -4.13
    before = values_at_cutoff(inc, SCAFFOLD, date(2024, 2, 29))
    assert before.filter(pl.col("indicator_code") == "SE12")["value"][0] is None


def test_rows_are_ordered_programme_first_and_total_first():
    out = values_at_cutoff(_increments([]), SCAFFOLD, date(2025, 12, 31))
    assert out["scope_type"].to_list()[0] == "programme"
    assert out["scope_type"].to_list()[-1] == "project"


def test_format_value():
    assert format_value(7.0, "count", 0) == "7"
    assert format_value(4.1, "mean", 2) == "4.10"
    assert format_value(12.0, "sum", 1) == "12.0"
    assert format_value(None, "mean", 2) == ""

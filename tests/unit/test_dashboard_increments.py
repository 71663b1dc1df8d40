"""Values per half-year beside the cumulative ones (dashboards/increments.py), by hand-computed
numbers, and the indicators page's half-year panel on the test copy."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from dashboards.data import PublishedCopy
from dashboards.figures.charts import half_year_bars_figure
from dashboards.increments import added_per_half_year, half_year_of, mean_per_half_year
from dashboards.views import indicators
from tests.support.dashboard_copy import CUTOFFS, write_published_copy

H1, H2, H3 = dt.date(2024, 6, 30), dt.date(2024, 12, 31), dt.date(2025, 6, 30)


def test_counts_add_what_each_half_year_brought() -> None:
    series = pl.DataFrame({
        "cutoff_date": [H2, H1, H3, H1, H2, H3],
        "scope_code": ["A", "A", "A", "B", "B", "B"],
        "value": [30.0, 10.0, 45.0, 4.0, None, 9.0],  # B's second value withheld
    })
    added = added_per_half_year(series, "scope_code")
    got = {(r["scope_code"], r["cutoff_date"]): r["value"] for r in added.iter_rows(named=True)}
    assert got == {("A", H1): 10.0, ("A", H2): 20.0, ("A", H3): 15.0,
                   ("B", H1): 4.0, ("B", H2): None, ("B", H3): None}


def test_half_year_of_a_date() -> None:
    dates = pl.DataFrame({"d": [dt.date(2023, 5, 1), H1, dt.date(2024, 7, 1), H3, dt.date(2025, 7, 1)]})
    got = dates.select(half_year_of(pl.col("d"), [H3, H1, H2]))["literal"].to_list()
    assert got == [H1, H1, H2, H3, None]


def test_a_mean_per_half_year_is_the_half_year_s_own() -> None:
    rows = pl.DataFrame({
        "event_date": [dt.date(2024, 3, 1), dt.date(2024, 5, 1), dt.date(2024, 8, 1), dt.date(2025, 8, 1)],
        "gender": ["total"] * 4,
        "n": [2, 1, 4, 1],
        "value_sum": [8.0, 5.0, 10.0, 1.0],
    })
    got = mean_per_half_year(rows, "gender", [H1, H2, H3], 2)
    # H1: (8 + 5) / 3 = 4.333 -> 4.33; H2: 10 / 4 = 2.5; the August 2025 response is after H3
    assert got.rows() == [(H1, "total", pytest.approx(4.33)), (H2, "total", 2.5)]
    assert mean_per_half_year(rows.clear(), "gender", [H1], 2).is_empty()


def test_half_year_bars_one_trace_per_series_with_short_ticks() -> None:
    frame = pl.DataFrame({"cutoff_date": [H1, H2, H1], "gender": ["woman", "woman", "man"],
                          "value": [3.0, 4.0, 5.0]})
    fig = half_year_bars_figure(frame, "en", "gender", {"woman": "Women", "man": "Men"}, "persons")
    assert [tr.name for tr in fig.data] == ["Women", "Men"]
    assert list(fig.data[0].x) == ["2024/1", "2024/2"] and list(fig.data[1].y) == [5.0, None]


def test_indicators_page_shows_the_half_years_beside_the_cumulative_values(tmp_path) -> None:
    write_published_copy(tmp_path / "published")
    copy = PublishedCopy(tmp_path / "published")
    body = indicators.render_indicators(copy, "en", "EECO01", "programme", "total", CUTOFFS[-1].isoformat())
    stores = {}

    def walk(node):
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "to_plotly_json"):
            return
        if isinstance(getattr(node, "id", None), dict) and node.id.get("type") == "csv-data":
            stores[node.id["table"]] = node.data
        walk(getattr(node, "children", None))

    walk(body)
    cumulative = stores["indicators-series"]["rows"]
    per_half_year = stores["indicators-half-years"]["rows"]
    assert [r[0] for r in per_half_year] == [r[0] for r in cumulative]
    # The half-years add up to the cumulative value at each cut-off.
    running = 0
    for added, total in zip(per_half_year, cumulative, strict=True):
        running += added[1]
        assert running == pytest.approx(total[1])
    assert per_half_year[1][1] != cumulative[1][1]

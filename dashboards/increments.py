"""Values per half-year beside the cumulative ones: what each half-year added.

Counts and sums: the cumulative value at a cut-off minus the one at the cut-off before (the
first cut-off: all from the programme's start), which is what the half-year's records add
(the published mart indicator_increments summed over the half-year's event dates, the same
rows indicator_values is made from) and needs no rows beyond the viewer's shape of
indicator_values. Means: the half-year's own mean, over the records that start counting in it,
from indicator_increments (sum(value_sum) / sum(n), never a difference of means), rounded as
the indicator's values are. Pure functions over frames."""

from __future__ import annotations

import datetime as dt

import polars as pl


def half_year_of(event_dates: pl.Expr, cutoffs: list[dt.date]) -> pl.Expr:
    """The cut-off whose half-year holds each date (the first cut-off takes everything up to
    it; dates after the last one belong to none)."""
    expr = pl.lit(None, dtype=pl.Date)
    for cutoff in reversed(sorted(cutoffs)):
        expr = pl.when(event_dates <= cutoff).then(pl.lit(cutoff)).otherwise(expr)
    return expr


def added_per_half_year(series: pl.DataFrame, key: str) -> pl.DataFrame:
    """Counts and sums: `series` (cutoff_date, `key`, value: cumulative) to what each half-year
    added, the first one's all up to it. A value missing at either end (withheld in a public
    shape) leaves the half-year's empty."""
    return (
        series.sort(key, "cutoff_date")
        .with_columns((pl.col("value") - pl.col("value").shift(1).over(key)).alias("added"),
                      pl.col("cutoff_date").rank("ordinal").over(key).alias("_i"))
        .with_columns(pl.when(pl.col("_i") == 1).then(pl.col("value")).otherwise(pl.col("added")).alias("value"))
        .select("cutoff_date", key, "value")
    )


def mean_per_half_year(increments: pl.DataFrame, key: str, cutoffs: list[dt.date],
                       decimals: int) -> pl.DataFrame:
    """Means: `increments` (event_date, `key`, n, value_sum: indicator_increments' rows of one
    indicator and scope type) to each half-year's own mean (cutoff_date, `key`, value)."""
    if increments.is_empty() or not cutoffs:
        return pl.DataFrame(schema={"cutoff_date": pl.Date, key: increments.schema.get(key, pl.String),
                                    "value": pl.Float64})
    return (
        increments.with_columns(half_year_of(pl.col("event_date"), cutoffs).alias("cutoff_date"))
        .filter(pl.col("cutoff_date").is_not_null())
        .group_by("cutoff_date", key)
        .agg(pl.col("value_sum").sum().alias("s"), pl.col("n").sum().alias("n"))
        .with_columns((pl.col("s") / pl.col("n")).round(decimals, mode="half_away_from_zero").alias("value"))
        .select("cutoff_date", key, "value")
        .sort(key, "cutoff_date")
    )

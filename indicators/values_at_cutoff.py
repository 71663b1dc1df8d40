"""The value of every indicator at any cut-off date, from the published increments.

dbt's `indicator_increments` mart holds, per scope x indicator x gender x date, what the records
that start to count on that date add (`n` records, `value_sum` of their measure). Every
indicator is cumulative, so the value at a cut-off C is an aggregate of the rows with
event_date <= C: `count` -> sum(n); `sum` -> sum(value_sum); `mean` -> sum(value_sum) / sum(n)
rounded half away from zero, absent when no row qualifies. These are pure functions on polars
frames; pipelines/exports/run.py does the reading and writing.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import polars as pl

KEY = ["scope_type", "scope_code", "indicator_code", "gender"]
SCOPE_ORDER = {"programme": 0, "specific_objective": 1, "project": 2, "region": 3}
GENDER_ORDER = {"total": 0, "woman": 1, "man": 2, "non_binary": 3}


def _round_half_away(value_sum: float, n: int, decimals: int) -> float:
    quantum = Decimal(1).scaleb(-decimals)
    ratio = Decimal(repr(value_sum)) / Decimal(n)
    return float(ratio.quantize(quantum, rounding=ROUND_HALF_UP))  # HALF_UP is away from zero


def values_at_cutoff(
    increments: pl.DataFrame,
    scaffold: pl.DataFrame,
    cutoff: date,
    decimals: dict[str, int] | None = None,
) -> pl.DataFrame:
    """One row per scaffold row (scope x indicator x gender, with `aggregation`), valued at `cutoff`.

    Zeros are included; a mean is null where nothing qualifies. `value` is a Float64 column:
    `format_value` writes counts as integers. `n` is the number of records behind the value
    (for a mean, the responses it averages), which disclosure control needs.
    """
    decimals = decimals or {}
    summed = (
        increments.filter(pl.col("event_date") <= cutoff)
        .group_by(KEY)
        .agg(pl.col("n").sum().alias("n"), pl.col("value_sum").sum().alias("value_sum"))
    )
    joined = scaffold.join(summed, on=KEY, how="left").with_columns(
        pl.col("n").fill_null(0), pl.col("value_sum").fill_null(0.0)
    )
    values: list[float | None] = []
    for aggregation, code, n, value_sum in joined.select(
        "aggregation", "indicator_code", "n", "value_sum"
    ).iter_rows():
        if aggregation == "count":
            values.append(float(n))
        elif aggregation == "sum":
            values.append(float(value_sum))
        elif aggregation == "mean":
            values.append(_round_half_away(value_sum, n, decimals.get(code, 2)) if n else None)
        else:
            raise ValueError(f"unknown aggregation {aggregation!r} for {code}")
    return (
        joined.with_columns(pl.Series("value", values, dtype=pl.Float64))
        .with_columns(pl.lit(cutoff).alias("cutoff_date"))
        .select(["cutoff_date", *KEY, "aggregation", "value", "n"])
        .sort(
            by=[
                pl.col("scope_type").replace_strict(SCOPE_ORDER, default=9),
                "scope_code",
                "indicator_code",
                pl.col("gender").replace_strict(GENDER_ORDER, default=9),
            ]
        )
    )


def format_value(value: float | int | None, aggregation: str, decimals: int) -> str:
    """How a value is written to CSV: counts as integers, others with their decimals (rounded
    half away from zero, as the means are), absent as ''."""
    if value is None:
        return ""
    if aggregation == "count":
        return str(int(value))
    if decimals == 0 and float(value).is_integer():
        return str(int(value))
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    return str(abs(rounded) if rounded == 0 else rounded)  # no "-0.00"

"""The EU Pact for Skills in an export (seed-work.md 3.3 e, 6), pure functions of polars frames
(pipelines/exports/ reads and writes):

- `with_pact_rows`: PS01-PS06 added to the long table at a cut-off of 31 December (the published
  indicator_values holds them there only, at project scope), with their names, the year's
  pledge (pact_pledges) as the target, and the achievement rate;
- `pact_annual_table`: the `pact_annual` file, one row per project x complete calendar year up
  to the cut-off, in the order of the Pact's annual survey (the published pact_annual mart).

The public export withholds euros, and counts about persons (attendances, persons) of 1 to k-1;
PS01's gender parts go with the first of them withheld (attendees of unknown gender are in the
total only, so a part is no difference of published cells, but two parts and the total would
come close), and PS06's shares whenever they and the total give 1 to k-1 attendances in or out.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import polars as pl

from indicators.exports.tables import (
    PROTECTED_UNITS, WITHHELD_UNITS, ExportTables, achievement_rate, catalogue_columns,
)
from indicators.values_at_cutoff import GENDER_ORDER, KEY, SCOPE_ORDER

# The columns of pact_annual, in the order of the annual survey's headline measures (the
# mart's), with how each is written: decimals of a number, or None for text.
PACT_ANNUAL_COLUMNS: dict[str, int | None] = {
    "year": 0,
    "project_code": None,
    "people_upskilled_attendances": 0,
    "people_upskilled_distinct": 0,
    "people_reached": 0,
    "stakeholders_identified": 0,
    "stakeholders_counted": 0,
    "training_programmes_new_or_updated": 0,
    "investment_eur": 2,
    "regions_reached": 0,
    "share_outside_uusimaa": 4,
    "share_online_or_hybrid": 4,
    "principle_1_progress": None,
    "principle_2_progress": None,
    "principle_3_progress": None,
    "principle_4_progress": None,
}
# The columns the public export may withhold: counts about persons (the threshold) and euros
# (always), and the shares of the attendances they come from.
PERSON_COLUMNS = ("people_upskilled_attendances", "people_upskilled_distinct", "people_reached")
EURO_COLUMNS = ("investment_eur",)
SHARE_COLUMNS = ("share_outside_uusimaa", "share_online_or_hybrid")
SUPPRESSIBLE = (*PERSON_COLUMNS, *EURO_COLUMNS, *SHARE_COLUMNS)


def pact_codes(catalogue: pl.DataFrame) -> list[str]:
    return catalogue.filter(pl.col("subject") == "pact")["indicator_code"].to_list()


def _small(value: pl.Expr, k: int) -> pl.Expr:
    return value.is_not_null() & (value >= 1) & (value < k)


def pact_long(
    values: pl.DataFrame, pledges: pl.DataFrame, catalogue: pl.DataFrame, cutoff: date,
    public: bool = False, k: int = 5,
) -> pl.DataFrame:
    """The PS rows of the long table at `cutoff` (none unless it is 31 December), with the
    catalogue's columns, the pledge of the year as target and the achievement rate."""
    rows = values.filter(
        (pl.col("cutoff_date") == cutoff) & pl.col("indicator_code").is_in(pact_codes(catalogue))
    ).select("cutoff_date", *KEY, "value")
    targets = pledges.filter(pl.col("year") == cutoff.year).select(
        pl.col("project_code").alias("scope_code"), "indicator_code", "gender",
        "target_date", pl.col("target_value").alias("target"),
    )
    frame = (
        rows.join(catalogue_columns(catalogue), on="indicator_code", how="left", maintain_order="left")
        .join(targets, on=["scope_code", "indicator_code", "gender"], how="left", maintain_order="left")
        .with_columns(
            pl.lit("sum").alias("aggregation"),
            pl.lit(None, pl.Int64).alias("n"),
            pl.lit(False).alias("suppressed"),
        )
    )
    if public:
        frame = _protect_long(frame, k)
    rates = [achievement_rate(v, t) for v, t in zip(frame["value"].to_list(), frame["target"].to_list())]
    return frame.with_columns(pl.Series("achievement_rate", rates, dtype=pl.Float64))


def _protect_long(frame: pl.DataFrame, k: int) -> pl.DataFrame:
    value, unit = pl.col("value"), pl.col("unit")
    hidden = unit.is_in(list(WITHHELD_UNITS)) | (unit.is_in(list(PROTECTED_UNITS)) & _small(value, k))
    frame = frame.with_columns(hidden.alias("suppressed"))
    # PS01's gender parts are withheld together, and with their total
    parts = pl.col("gender") != "total"
    any_in_row = pl.col("suppressed").any().over("scope_code", "indicator_code")
    frame = frame.with_columns(
        (pl.col("suppressed") | (parts & any_in_row & unit.is_in(list(PROTECTED_UNITS)))).alias("suppressed")
    )
    return frame.with_columns(pl.when(pl.col("suppressed")).then(None).otherwise(value).alias("value"))


def with_pact_rows(
    tables: ExportTables, values: pl.DataFrame, pledges: pl.DataFrame, catalogue: pl.DataFrame,
) -> ExportTables:
    """`tables` with PS01-PS06 in its long table, in the long table's order."""
    pact = pact_long(values, pledges, catalogue, tables.cutoff, tables.public, tables.k or 5)
    if pact.is_empty():
        return tables
    long = tables.long
    pact = pact.select([pl.col(c).cast(long.schema[c]) for c in long.columns])
    merged = pl.concat([long, pact]).sort(
        by=[
            pl.col("scope_type").replace_strict(SCOPE_ORDER, default=9),
            "scope_code",
            "indicator_code",
            pl.col("gender").replace_strict(GENDER_ORDER, default=9),
        ],
        maintain_order=True,
    )
    return dataclasses.replace(tables, long=merged)


def pact_annual_table(annual: pl.DataFrame, cutoff: date, public: bool = False, k: int = 5) -> pl.DataFrame:
    """The pact_annual rows of every complete calendar year up to `cutoff` (a year is
    reported once its 31 December is a cut-off), by year and project; public: with
    `<column>_suppressed` flags and the withheld values empty."""
    frame = (
        annual.filter(pl.col("year") <= (cutoff.year if (cutoff.month, cutoff.day) == (12, 31) else cutoff.year - 1))
        .select(list(PACT_ANNUAL_COLUMNS))
        .sort("year", "project_code")
    )
    if not public:
        return frame
    flags = {c: pl.lit(True) if c in EURO_COLUMNS else _small(pl.col(c), k) for c in PERSON_COLUMNS + EURO_COLUMNS}
    # a share with its total gives the attendances in and out of it: withheld with either
    total = pl.col("people_upskilled_attendances")
    for column in SHARE_COLUMNS:
        part = (pl.col(column) * total).round(0)
        flags[column] = flags["people_upskilled_attendances"] | _small(part, k) | _small(total - part, k)
    frame = frame.with_columns([flag.alias(f"{c}_suppressed") for c, flag in flags.items()])
    return frame.with_columns([
        pl.when(pl.col(f"{c}_suppressed")).then(None).otherwise(pl.col(c)).alias(c) for c in SUPPRESSIBLE
    ])

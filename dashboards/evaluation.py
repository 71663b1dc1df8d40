"""The evaluation marts (dbt_project/models/marts/evaluation/eval_*.yml) in the shapes the
evaluation and regions views draw: one cut-off, in reading order. Pure functions over the
published frames, by the marts' own column names.

The marts carry their own uncertainty (a Wilson interval with each rate, a Student t interval
with each mean change), computed once in SQL; nothing here re-computes them.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

# The evaluation's groups in reading order: the whole first, then by person, project, region;
# within a dimension the order people read them in (genders as everywhere on the dashboard, age
# bands youngest first, unknowns last), projects and regions by code.
DIMENSION_ORDER = ("all", "gender", "age_band", "labour_market_status", "partial_work_ability",
                   "project", "region")
GROUP_ORDER = ("all", "woman", "man", "non_binary", "<18", "18-29", "30-54", "55+",
               "unemployed", "inactive", "employed", "yes", "no", "declined", "unknown")
# eval_distinct_organisations: 'all' organisations supported, then the indicators that count
# organisations, in catalogue order; scopes from the widest.
ORG_GROUPS = ("all", "EECO18", "EECO19", "SE01", "SE02", "SE03")
SCOPE_ORDER = ("programme", "specific_objective", "region")


def _rank(column: str, order: tuple[str, ...]) -> pl.Expr:
    """`column`'s position in `order` (values not in it after those that are)."""
    ranks = {value: i for i, value in enumerate(order)}
    return pl.col(column).replace_strict(ranks, default=len(ranks), return_dtype=pl.Int32)


def outcome_rates(mart: pl.DataFrame, cutoff: dt.date | None) -> pl.DataFrame:
    """eval_outcome_rates at one cut-off: indicator_code, group_dimension, group_value,
    numerator, n, rate, wilson_low, wilson_high (fractions; no rate while n = 0), by indicator
    and the groups in reading order."""
    return mart.filter(pl.col("cutoff_date") == cutoff).select(
        "indicator_code", "group_dimension", "group_value", "numerator", "n", "rate",
        "wilson_low", "wilson_high",
    ).sort(
        "indicator_code",
        _rank("group_dimension", DIMENSION_ORDER),
        _rank("group_value", GROUP_ORDER),
        "group_value",
    )


def rate_gaps(rates: pl.DataFrame) -> pl.DataFrame:
    """Per indicator × dimension with two or more groups: the highest and lowest rate, their
    gap in percentage points, and whether their 95 % intervals are apart (the gap is then
    unlikely to be chance alone; overlapping intervals do not prove there is no gap).
    `rates`: outcome_rates()."""
    rows = []
    groups = rates.filter(pl.col("rate").is_not_null())
    for (code, dimension), part in groups.group_by(
        "indicator_code", "group_dimension", maintain_order=True
    ):
        if part.height < 2:
            continue
        top = part.sort("rate", descending=True).row(0, named=True)
        bottom = part.sort("rate").row(0, named=True)
        rows.append(
            {
                "indicator_code": code,
                "group_dimension": dimension,
                "highest_group": top["group_value"],
                "highest_rate": top["rate"],
                "lowest_group": bottom["group_value"],
                "lowest_rate": bottom["rate"],
                "gap_pp": (top["rate"] - bottom["rate"]) * 100,
                "intervals_apart": top["wilson_low"] > bottom["wilson_high"],
            }
        )
    schema = {
        "indicator_code": pl.String,
        "group_dimension": pl.String,
        "highest_group": pl.String,
        "highest_rate": pl.Float64,
        "lowest_group": pl.String,
        "lowest_rate": pl.Float64,
        "gap_pp": pl.Float64,
        "intervals_apart": pl.Boolean,
    }
    return pl.DataFrame(rows, schema=schema, orient="row").sort("gap_pp", descending=True)


def competence_change(mart: pl.DataFrame, cutoff: dt.date | None) -> pl.DataFrame:
    """eval_competence_change at one cut-off for the programme, the specific objectives and
    the regions (the projects are many; the page shows them through SE13): scope_type,
    scope_code, n, mean_change, ci_low, ci_high, widest scope first."""
    return mart.filter(
        (pl.col("cutoff_date") == cutoff) & pl.col("scope_type").is_in(SCOPE_ORDER)
    ).select("scope_type", "scope_code", "n", "mean_change", "ci_low", "ci_high").sort(
        _rank("scope_type", SCOPE_ORDER), "scope_code"
    )


def cohorts(mart: pl.DataFrame) -> pl.DataFrame:
    """eval_cohorts (every cohort at the latest cut-off) by indicator, then entry half-year."""
    return mart.sort("indicator_code", "entry_half_year")


def ecosystems_at(mart: pl.DataFrame, cutoff: dt.date | None) -> pl.DataFrame:
    """eval_regional_ecosystems at one cut-off: region_code, organisation_type (one row 'all'
    per region: its distinct organisations whatever their type), organisations,
    social_enterprises, newly_founded."""
    return mart.filter(pl.col("cutoff_date") == cutoff).select(
        "region_code", "organisation_type", "organisations", "social_enterprises", "newly_founded"
    ).sort("region_code", "organisation_type")


def distinct_organisations(mart: pl.DataFrame, cutoff: dt.date | None) -> pl.DataFrame:
    """eval_distinct_organisations at one cut-off: scope_type, scope_code, organisation_group,
    project_sum (counted once per project: the indicator's value), distinct_organisations
    (different business ids), in_several_projects (of those, in more than one project) and
    extra (project_sum - distinct_organisations: how many counts are repeats). Ordered by scope
    (programme, specific objectives, regions) and group (all, EECO18, EECO19, SE01-SE03)."""
    return mart.filter(pl.col("cutoff_date") == cutoff).select(
        "scope_type", "scope_code", "organisation_group", "project_sum",
        "distinct_organisations", "in_several_projects",
        (pl.col("project_sum") - pl.col("distinct_organisations")).alias("extra"),
    ).sort(
        _rank("scope_type", SCOPE_ORDER), "scope_code",
        _rank("organisation_group", ORG_GROUPS), "organisation_group",
    )

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


MIN_GROUP_N = 20  # the default of Settings.min_group_n (IMPACT_MIN_GROUP_N)


def rate_gaps(rates: pl.DataFrame, min_n: int = MIN_GROUP_N) -> pl.DataFrame:
    """Per indicator × dimension: the highest and lowest rate among the groups of at least
    `min_n` persons, their n, the gap in percentage points and whether their 95 % intervals
    are apart, and the groups too small to rank (`too_few`: their group values, n < min_n).

    Sorted by evidence: gaps whose intervals are apart first (unlikely to be chance alone;
    overlapping intervals do not prove there is no gap), then the widest gap; dimensions with
    fewer than two groups to rank last, with no gap. A dimension of one group only (the whole)
    is left out. `rates`: outcome_rates()."""
    schema = {
        "indicator_code": pl.String,
        "group_dimension": pl.String,
        "intervals_apart": pl.Boolean,
        "highest_group": pl.String,
        "highest_rate": pl.Float64,
        "highest_n": pl.Int64,
        "lowest_group": pl.String,
        "lowest_rate": pl.Float64,
        "lowest_n": pl.Int64,
        "gap_pp": pl.Float64,
        "too_few": pl.List(pl.String),
    }
    rows = []
    for (code, dimension), part in rates.group_by(
        "indicator_code", "group_dimension", maintain_order=True
    ):
        if part.height < 2:
            continue
        ranked = part.filter(pl.col("rate").is_not_null() & (pl.col("n") >= min_n))
        small = part.filter(pl.col("n") < min_n)
        row = dict.fromkeys(schema)
        row.update(indicator_code=code, group_dimension=dimension,
                   too_few=small["group_value"].to_list())
        if ranked.height >= 2:
            top = ranked.sort("rate", descending=True).row(0, named=True)
            bottom = ranked.sort("rate").row(0, named=True)
            row.update(
                highest_group=top["group_value"], highest_rate=top["rate"], highest_n=top["n"],
                lowest_group=bottom["group_value"], lowest_rate=bottom["rate"],
                lowest_n=bottom["n"], gap_pp=(top["rate"] - bottom["rate"]) * 100,
                intervals_apart=top["wilson_low"] > bottom["wilson_high"],
            )
        rows.append(row)
    return pl.DataFrame(rows, schema=schema, orient="row").sort(
        pl.col("intervals_apart").fill_null(False), pl.col("gap_pp").is_not_null(), "gap_pp",
        descending=[True, True, True], nulls_last=True, maintain_order=True,
    )


def too_few(n: int | None, min_n: int = MIN_GROUP_N) -> bool:
    """A group too small to rank or compare: fewer than `min_n` persons."""
    return n is None or n < min_n


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

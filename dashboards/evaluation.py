"""The evaluation marts (eval_*) in the shapes the evaluation and region views draw.

The marts are built by another part of the pipeline and may not be published yet, or may name
a column slightly differently than assumed here; every `normalise_*` therefore returns None
for a frame it cannot read, and the view then shows the table as it is. Wilson intervals are
computed here only where a mart gives the counts but no interval.
"""

from __future__ import annotations

import datetime as dt
import math

import polars as pl

Z95 = 1.959963984540054

OUTCOME = ("outcome", "outcome_code", "indicator_code", "result", "result_indicator")
DIMENSION = ("group_type", "group_dimension", "dimension", "grouping", "group_by", "breakdown")
GROUP = ("group_value", "group", "group_code", "group_label", "group_name")
N = ("n", "denominator", "leavers", "respondents", "persons")
NUMERATOR = ("numerator", "successes", "count", "positives")
LOW = ("wilson_low", "ci_low", "ci_lower", "lower", "low")
HIGH = ("wilson_high", "ci_high", "ci_upper", "upper", "high")
CHANGE = ("mean_change", "competence_change", "change", "mean_difference")
CHANGE_LOW = ("ci_low", "change_ci_low", "mean_change_ci_low", "ci_lower", "lower")
CHANGE_HIGH = ("ci_high", "change_ci_high", "mean_change_ci_high", "ci_upper", "upper")
BEFORE = ("mean_before", "competence_before", "before")
AFTER = ("mean_after", "competence_after", "after")
SATISFACTION = ("mean_satisfaction", "satisfaction_mean", "satisfaction")
COHORT = ("cohort", "entry_half_year", "cohort_half_year", "half_year", "entry_cohort")
REGION = ("region_code", "scope_code", "region")
ORG_TYPE = ("organisation_type", "org_type", "type")
ORGS = ("organisations", "distinct_organisations", "n_organisations", "organisation_count", "n")
SOCIAL = ("social_enterprises", "of_which_social_enterprises", "n_social_enterprises")
ORG_GROUP = ("organisation_group", "indicator_code", "group")
PROJECT_SUM = ("project_sum", "sum_of_project_counts", "project_count_sum")
DISTINCT = ("distinct_organisations", "n_distinct", "distinct")
SEVERAL = ("in_several_projects", "several_projects", "shared_organisations")
# eval_distinct_organisations: 'all' organisations supported, then the indicators that count
# organisations, in catalogue order; scopes from the widest.
ORG_GROUPS = ("all", "EECO18", "EECO19", "SE01", "SE02", "SE03")
SCOPE_ORDER = ("programme", "specific_objective", "region")
# The evaluation's groups in reading order: the whole first, then by person, project, region;
# age bands youngest first (as text "<18" would sort last), unknowns after the known values.
DIMENSION_ORDER = {d: i for i, d in enumerate(
    ("all", "gender", "age_band", "labour_market_status", "partial_work_ability", "project", "region"))}
GROUP_SORT_KEYS = {"<18": "00", "unknown": "~unknown", "declined": "~declined"}


def pick(frame: pl.DataFrame, candidates: tuple[str, ...]) -> str | None:
    """The first of `candidates` that is a column of `frame`."""
    return next((c for c in candidates if c in frame.columns), None)


def wilson(successes: float, n: float, z: float = Z95) -> tuple[float | None, float | None]:
    """The Wilson score interval of successes / n (None, None when n is 0)."""
    if not n:
        return None, None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def at_cutoff(frame: pl.DataFrame, cutoff: dt.date | None) -> pl.DataFrame:
    """Rows of one cut-off when the mart has cut-offs (the latest one if `cutoff` is absent),
    and of the programme when it has scopes."""
    if "cutoff_date" in frame.columns and not frame.is_empty():
        dates = frame["cutoff_date"].drop_nulls()
        chosen = cutoff if cutoff in set(dates.to_list()) else (dates.max() if len(dates) else None)
        frame = frame.filter(pl.col("cutoff_date") == chosen)
    if "scope_type" in frame.columns and (frame["scope_type"] == "programme").any():
        frame = frame.filter(pl.col("scope_type") == "programme")
    return frame


def normalise_outcome_rates(frame: pl.DataFrame, cutoff: dt.date | None) -> pl.DataFrame | None:
    """outcome, dimension, group, numerator, n, rate, low, high (fractions), one cut-off."""
    n_col = pick(frame, N)
    num_col = pick(frame, NUMERATOR)
    if n_col is None or (num_col is None and "rate" not in frame.columns):
        return None
    frame = at_cutoff(frame, cutoff)
    out_col, dim_col, grp_col = pick(frame, OUTCOME), pick(frame, DIMENSION), pick(frame, GROUP)
    lo_col, hi_col = pick(frame, LOW), pick(frame, HIGH)
    shaped = frame.select(
        (pl.col(out_col).cast(pl.String) if out_col else pl.lit("-")).alias("outcome"),
        (pl.col(dim_col).cast(pl.String) if dim_col else pl.lit("all")).alias("dimension"),
        (pl.col(grp_col).cast(pl.String) if grp_col else pl.lit("all")).alias("group"),
        pl.col(n_col).cast(pl.Float64).alias("n"),
        (
            pl.col(num_col).cast(pl.Float64)
            if num_col
            else (pl.col("rate").cast(pl.Float64) * pl.col(n_col)).round(0)
        ).alias("numerator"),
        (pl.col(lo_col).cast(pl.Float64) if lo_col else pl.lit(None, pl.Float64)).alias("low"),
        (pl.col(hi_col).cast(pl.Float64) if hi_col else pl.lit(None, pl.Float64)).alias("high"),
    ).with_columns(
        pl.when(pl.col("n") > 0).then(pl.col("numerator") / pl.col("n")).alias("rate"),
        pl.col("group").fill_null("–"),
    )
    # Intervals the mart does not give: Wilson from the counts.
    missing = shaped["low"].is_null() & shaped["n"].gt(0)
    if missing.any():
        bounds = [wilson(k, n) for k, n in zip(shaped["numerator"], shaped["n"], strict=True)]
        shaped = shaped.with_columns(
            pl.when(pl.col("low").is_null())
            .then(pl.Series([b[0] for b in bounds], dtype=pl.Float64))
            .otherwise(pl.col("low"))
            .alias("low"),
            pl.when(pl.col("high").is_null())
            .then(pl.Series([b[1] for b in bounds], dtype=pl.Float64))
            .otherwise(pl.col("high"))
            .alias("high"),
        )
    return shaped.select(
        "outcome", "dimension", "group", "numerator", "n", "rate", "low", "high"
    ).sort(
        "outcome",
        pl.col("dimension").replace_strict(DIMENSION_ORDER, default=len(DIMENSION_ORDER), return_dtype=pl.Int32),
        pl.col("group").replace(GROUP_SORT_KEYS),
    )


def rate_gaps(rates: pl.DataFrame) -> pl.DataFrame:
    """Per outcome × dimension with two or more groups: the highest and lowest rate, their
    gap in percentage points, and whether their 95 % intervals are apart (the gap is then
    unlikely to be chance alone; overlapping intervals do not prove there is no gap)."""
    rows = []
    groups = rates.filter(pl.col("rate").is_not_null() & (pl.col("n") > 0))
    for (outcome, dimension), part in groups.group_by(
        "outcome", "dimension", maintain_order=True
    ):
        if part.height < 2:
            continue
        top = part.sort("rate", descending=True).row(0, named=True)
        bottom = part.sort("rate").row(0, named=True)
        apart = (
            top["low"] is not None
            and bottom["high"] is not None
            and top["low"] > bottom["high"]
        )
        rows.append(
            {
                "outcome": outcome,
                "dimension": dimension,
                "highest_group": top["group"],
                "highest_rate": top["rate"],
                "lowest_group": bottom["group"],
                "lowest_rate": bottom["rate"],
                "gap_pp": (top["rate"] - bottom["rate"]) * 100,
                "intervals_apart": apart,
            }
        )
    schema = {
        "outcome": pl.String,
        "dimension": pl.String,
        "highest_group": pl.String,
        "highest_rate": pl.Float64,
        "lowest_group": pl.String,
        "lowest_rate": pl.Float64,
        "gap_pp": pl.Float64,
        "intervals_apart": pl.Boolean,
    }
    return pl.DataFrame(rows, schema=schema, orient="row").sort(
        "gap_pp", descending=True
    )


def normalise_competence(frame: pl.DataFrame, cutoff: dt.date | None) -> pl.DataFrame | None:
    """dimension, group, n, before, after, change, low, high, satisfaction."""
    change_col = pick(frame, CHANGE)
    if change_col is None:
        return None
    frame = at_cutoff(frame, cutoff)
    dim_col, grp_col, n_col = pick(frame, DIMENSION), pick(frame, GROUP), pick(frame, N)
    lo_col, hi_col = pick(frame, CHANGE_LOW), pick(frame, CHANGE_HIGH)

    def num(col: str | None) -> pl.Expr:
        return pl.col(col).cast(pl.Float64) if col else pl.lit(None, pl.Float64)

    return frame.select(
        (pl.col(dim_col).cast(pl.String) if dim_col else pl.lit("all")).alias("dimension"),
        (pl.col(grp_col).cast(pl.String) if grp_col else pl.lit("all"))
        .fill_null("–")
        .alias("group"),
        num(n_col).alias("n"),
        num(pick(frame, BEFORE)).alias("before"),
        num(pick(frame, AFTER)).alias("after"),
        num(change_col).alias("change"),
        num(lo_col).alias("low"),
        num(hi_col).alias("high"),
        num(pick(frame, SATISFACTION)).alias("satisfaction"),
    ).sort("dimension", "group")


def normalise_cohorts(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[str]] | None:
    """(the mart sorted by cohort with the cohort column named `cohort`, its rate columns)."""
    cohort_col = pick(frame, COHORT)
    if cohort_col is None:
        return None
    if "scope_type" in frame.columns and (frame["scope_type"] == "programme").any():
        frame = frame.filter(pl.col("scope_type") == "programme")
    if "cutoff_date" in frame.columns and frame["cutoff_date"].drop_nulls().len():
        frame = frame.filter(pl.col("cutoff_date") == frame["cutoff_date"].max())
    frame = frame.rename({cohort_col: "cohort"}) if cohort_col != "cohort" else frame
    frame = frame.with_columns(pl.col("cohort").cast(pl.String)).sort("cohort")
    rate_cols = [
        c
        for c, dtype in frame.schema.items()
        if dtype.is_numeric()
        and ("rate" in c or "share" in c)
        and not c.endswith(("_low", "_high", "_lower", "_upper"))
    ]
    return frame, rate_cols


def normalise_ecosystems(frame: pl.DataFrame, cutoff: dt.date | None) -> pl.DataFrame | None:
    """region_code, organisation_type, organisations, social_enterprises at one cut-off."""
    region_col, type_col, orgs_col = pick(frame, REGION), pick(frame, ORG_TYPE), pick(frame, ORGS)
    if region_col is None or orgs_col is None:
        return None
    if "cutoff_date" in frame.columns and not frame.is_empty():
        dates = set(frame["cutoff_date"].drop_nulls().to_list())
        chosen = cutoff if cutoff in dates else (max(dates) if dates else None)
        frame = frame.filter(pl.col("cutoff_date") == chosen)
    social_col = pick(frame, SOCIAL)
    return frame.select(
        pl.col(region_col).cast(pl.String).alias("region_code"),
        (pl.col(type_col).cast(pl.String) if type_col else pl.lit("all")).alias(
            "organisation_type"
        ),
        pl.col(orgs_col).cast(pl.Float64).alias("organisations"),
        (pl.col(social_col).cast(pl.Float64) if social_col else pl.lit(None, pl.Float64)).alias(
            "social_enterprises"
        ),
    ).sort("region_code", "organisation_type")


def normalise_distinct_organisations(frame: pl.DataFrame, cutoff: dt.date | None) -> pl.DataFrame | None:
    """eval_distinct_organisations at one cut-off (the latest if `cutoff` is absent): scope_type,
    scope_code, group, project_sum (counted once per project: the indicator's value),
    distinct (different business ids), in_several (of those, in more than one project),
    extra (project_sum - distinct: how many counts are repeats). Ordered by scope (programme,
    specific objectives, regions) and group (all, EECO18, EECO19, SE01-SE03)."""
    group_col, sum_col, distinct_col = pick(frame, ORG_GROUP), pick(frame, PROJECT_SUM), pick(frame, DISTINCT)
    if group_col is None or sum_col is None or distinct_col is None:
        return None
    if "cutoff_date" in frame.columns and not frame.is_empty():
        dates = set(frame["cutoff_date"].drop_nulls().to_list())
        chosen = cutoff if cutoff in dates else (max(dates) if dates else None)
        frame = frame.filter(pl.col("cutoff_date") == chosen)
    several_col = pick(frame, SEVERAL)
    has_scope = "scope_type" in frame.columns and "scope_code" in frame.columns
    shaped = frame.select(
        (pl.col("scope_type").cast(pl.String) if has_scope else pl.lit("programme")).alias("scope_type"),
        (pl.col("scope_code").cast(pl.String) if has_scope else pl.lit("-")).alias("scope_code"),
        pl.col(group_col).cast(pl.String).alias("group"),
        pl.col(sum_col).cast(pl.Float64).alias("project_sum"),
        pl.col(distinct_col).cast(pl.Float64).alias("distinct"),
        (pl.col(several_col).cast(pl.Float64) if several_col else pl.lit(None, pl.Float64)).alias("in_several"),
    ).with_columns((pl.col("project_sum") - pl.col("distinct")).alias("extra"))
    rank = {g: i for i, g in enumerate(ORG_GROUPS)}
    scope_rank = {s: i for i, s in enumerate(SCOPE_ORDER)}
    return shaped.sort(
        pl.col("scope_type").replace_strict(scope_rank, default=len(scope_rank), return_dtype=pl.Int64),
        "scope_code",
        pl.col("group").replace_strict(rank, default=len(rank), return_dtype=pl.Int64),
        "group",
    )

"""Queries behind the indicator, project, region and target views: pure functions over the
published frames (dashboards/data.py reads them).

Every function takes frames (or a Snapshot for those that combine several tables) and returns a
small frame a figure builder or a table can use as it is. Every table read here is always
published (pipelines/publish/tables.py), with the columns its dbt contract names; a table with
no rows yet (no targets uploaded, say) gives an empty frame.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboards.data import GENDERS, Snapshot, catalogue_with_order
from dashboards.regions import region_names
from pipelines.publish.shapes import shows_uploads_of

ALL_GENDERS = ("total", *GENDERS)
SCOPE_TYPES = ("programme", "specific_objective", "project", "region")
ACHIEVEMENT_STATUSES = ("on_track", "at_risk", "off_track")

# The projects page: which indicator stands for participants, results, organisations, events.
PROJECT_METRICS: tuple[tuple[str, str], ...] = (
    ("participants", "EECO01"),
    ("results", "EECR04"),
    ("smes", "EECO19"),
    ("social_enterprises", "SE01"),
    ("trainings", "SE07"),
    ("network_events", "SE10"),
    ("attendances", "SE11"),
)


# --- Catalogue and scopes ----------------------------------------------------------------------


def catalogue(snap: Snapshot, lang: str) -> pl.DataFrame:
    """The catalogue in `lang` with each indicator's aggregation and counting date (from
    dim_indicator_genders: one row per gender of an indicator, the same for each)."""

    def build() -> pl.DataFrame:
        rules = snap.table("dim_indicator_genders").select(
            "indicator_code", "aggregation", "counting_date_column"
        ).unique("indicator_code")
        cat = catalogue_with_order(snap.table("indicator_catalogue"), lang)
        return cat.join(rules, on="indicator_code", how="left").sort("catalogue_order")

    return snap.memo(("catalogue", lang), build)


def indicator_row(snap: Snapshot, code: str | None, lang: str) -> dict | None:
    if code is None:
        return None
    rows = catalogue(snap, lang).filter(pl.col("indicator_code") == code).to_dicts()
    return rows[0] if rows else None


def scope_types(snap: Snapshot) -> list[str]:
    """Scope types with values, in the usual order."""
    present = snap.memo("scope_types", lambda: set(snap.table("indicator_values")["scope_type"]))
    return [s for s in SCOPE_TYPES if s in present]


def scope_names(snap: Snapshot) -> dict[tuple[str, str], str]:
    def build() -> dict[tuple[str, str], str]:
        scopes = snap.table("dim_scopes")
        return {
            (r["scope_type"], r["scope_code"]): r["scope_name"] or r["scope_code"]
            for r in scopes.select("scope_type", "scope_code", "scope_name").iter_rows(named=True)
        }

    return snap.memo("scope_names", build)


def projects(snap: Snapshot) -> pl.DataFrame:
    """One row per project: code, name, lead organisation, objective, priority, region, start
    and end dates, budget (euros)."""
    return snap.table("dim_scopes").filter(pl.col("scope_type") == "project").select(
        pl.col("scope_code").alias("project_code"),
        pl.col("scope_name").alias("project_name"),
        "lead_organisation",
        "specific_objective",
        "priority",
        "category_of_region",
        "region_code",
        "start_date",
        "end_date",
        "budget_eur",
    ).sort("project_code")


# --- Values ----------------------------------------------------------------------------------


def _with_genders_wide(long: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Long (keys..., gender, value) to wide (keys..., total, woman, man, non_binary)."""
    return long.group_by(keys, maintain_order=True).agg(
        pl.col("value").filter(pl.col("gender") == g).first().alias(g) for g in ALL_GENDERS
    )


def indicator_series(
    snap: Snapshot, code: str, scope_type: str, genders: tuple[str, ...] = ALL_GENDERS
) -> pl.DataFrame:
    """The indicator over every cut-off for every scope of `scope_type`.

    Columns cutoff_date, scope_code, gender, value; sorted by scope, gender, date.
    """
    frame = snap.table("indicator_values").filter(
        (pl.col("indicator_code") == code)
        & (pl.col("scope_type") == scope_type)
        & pl.col("gender").is_in(genders)
    ).select("cutoff_date", "scope_code", "gender", "value")
    order = {g: i for i, g in enumerate(ALL_GENDERS)}
    return frame.sort(
        "scope_code", pl.col("gender").replace_strict(order, return_dtype=pl.Int32), "cutoff_date"
    )


def scope_values(
    snap: Snapshot, code: str, scope_type: str, cutoff: dt.date | None, lang: str = "fi"
) -> pl.DataFrame:
    """The indicator per scope at one cut-off: scope_code, scope_name, total, woman, man,
    non_binary (null where the indicator has no gender breakdown). Ordered by total, largest
    first. Regions are named in `lang` (the published regions table), other scopes as
    dim_scopes names them."""
    series = indicator_series(snap, code, scope_type)
    at = series.filter(pl.col("cutoff_date") == cutoff)
    wide = _with_genders_wide(at, ["scope_code"])
    if scope_type == "region":
        label = region_names(snap, lang)
    else:
        label = {c: n for (t, c), n in scope_names(snap).items() if t == scope_type}
    return wide.with_columns(
        pl.col("scope_code").replace_strict(label, default=None, return_dtype=pl.String)
        .alias("scope_name")
    ).sort("total", "scope_code", descending=[True, False], nulls_last=True)


def values_at(
    values: pl.DataFrame, cutoff: dt.date | None, scope_type: str, scope_code: str
) -> pl.DataFrame:
    """Every indicator of one scope at one cut-off, wide by gender: indicator_code, total,
    woman, man, non_binary."""
    at = values.filter(
        (pl.col("cutoff_date") == cutoff)
        & (pl.col("scope_type") == scope_type)
        & (pl.col("scope_code") == scope_code)
    )
    return _with_genders_wide(at.sort("indicator_code"), ["indicator_code"])


def scope_indicator_table(
    snap: Snapshot, cutoff: dt.date | None, previous: dt.date | None,
    scope_type: str, scope_code: str, lang: str,
) -> pl.DataFrame:
    """All catalogue indicators of one scope at a cut-off with the previous cut-off's total:
    indicator_code, name, unit, decimals, sensitive, total, woman, man, non_binary,
    not_recorded (a count or sum by gender: total − the genders, so the columns add up),
    previous_total, change, no_data (a project that has uploaded none of the records the
    indicator is counted from: its zeros are not measurements); catalogue order."""
    now = values_at(snap.table("indicator_values"), cutoff, scope_type, scope_code)
    before = values_at(snap.table("indicator_values"), previous, scope_type, scope_code).select(
        "indicator_code", pl.col("total").alias("previous_total")
    )
    cat = catalogue(snap, lang).select(
        "catalogue_order", "indicator_code", "name", "unit", "decimals", "sensitive", "breakdown",
        "aggregation", "subject",
    )
    # "no data" only where the viewer sees the project's uploads (its own, or all of them)
    shown = scope_type == "project" and shows_uploads_of(snap, scope_code)
    kinds = uploaded_kinds(snap, scope_code) if shown else None
    genders = pl.sum_horizontal(*(pl.col(g) for g in GENDERS))
    return (
        cat.join(now, on="indicator_code", how="inner")
        .join(before, on="indicator_code", how="left")
        .with_columns(
            (pl.col("total") - pl.col("previous_total")).alias("change"),
            pl.when(pl.col("aggregation").is_in(["count", "sum"])
                    & pl.any_horizontal(*(pl.col(g).is_not_null() for g in GENDERS)))
            .then(pl.col("total") - genders).alias("not_recorded"),
            (pl.lit(False) if kinds is None else ~pl.col("subject").is_in(sorted(kinds))).alias("no_data"),
        )
        .sort("catalogue_order")
        .drop("catalogue_order", "aggregation", "subject")
    )


def uploaded_kinds(snap: Snapshot, project_code: str) -> set[str]:
    """The kinds of record (participants, entities, activities, feedback) of which a project
    has at least one current record in the published copy."""
    uploads = snap.table("quality_upload_projects")
    return set(uploads.filter(
        (pl.col("project_code") == project_code) & (pl.col("current_records") > 0)
    )["kind"])


# --- Projects side by side -------------------------------------------------------------------


def project_comparison(snap: Snapshot, cutoff: dt.date | None) -> pl.DataFrame:
    """One row per project: its details, the PROJECT_METRICS totals at the cut-off (columns
    named by indicator code), the mean achievement of its targets and the number of its
    targets per status (null for a project without targets)."""
    values = snap.table("indicator_values").filter(
        (pl.col("cutoff_date") == cutoff)
        & (pl.col("scope_type") == "project")
        & (pl.col("gender") == "total")
        & pl.col("indicator_code").is_in([c for _, c in PROJECT_METRICS])
    )
    wide = values.group_by("scope_code").agg(
        pl.col("value").filter(pl.col("indicator_code") == c).first().alias(c)
        for _, c in PROJECT_METRICS
    )
    summary = achievement(snap, cutoff, scope_type="project").filter(
        pl.col("gender") == "total"
    ).group_by("scope_code").agg(
        pl.col("achievement").mean().alias("achievement_mean"),
        pl.len().alias("targets"),
        *((pl.col("status") == s).sum().alias(f"status_{s}") for s in ACHIEVEMENT_STATUSES),
    )
    return (
        projects(snap)
        .join(wide.rename({"scope_code": "project_code"}), on="project_code", how="left")
        .join(summary.rename({"scope_code": "project_code"}), on="project_code", how="left")
        .sort("project_code")
    )


# --- Targets, achievement and forecast -------------------------------------------------------


def achievement_frame(published: pl.DataFrame) -> pl.DataFrame:
    """indicator_achievement as the views read it: cutoff_date, scope_type, scope_code,
    indicator_code, gender, value, target_value, target_date, achievement (a fraction: 0.5 is
    50 %), forecast (the value forecast for the target date) and status (on_track, at_risk,
    off_track, the label keys of the mart's words; null without a value)."""
    return published.select(
        "cutoff_date", "scope_type", "scope_code", "indicator_code", "gender", "value",
        "target_value", "target_date",
        (pl.col("achievement_pct") / 100).alias("achievement"),
        pl.col("forecast_value").alias("forecast"),
        pl.col("status").str.replace_all(" ", "_"),
    )


def achievement(
    snap: Snapshot,
    cutoff: dt.date | None,
    scope_type: str | None = None,
    scope_code: str | None = None,
) -> pl.DataFrame:
    """Targets with achievement and forecast at a cut-off (achievement_frame), optionally of
    one scope type or scope. The mart holds one row per cut-off × scope × indicator × gender:
    the target that applies at the cut-off (the next one ahead, else the last)."""
    frame = snap.memo("achievement", lambda: achievement_frame(snap.table("indicator_achievement")))
    frame = frame.filter(pl.col("cutoff_date") == cutoff)
    if scope_type is not None:
        frame = frame.filter(pl.col("scope_type") == scope_type)
    if scope_code is not None:
        frame = frame.filter(pl.col("scope_code") == scope_code)
    return frame.sort("scope_type", "scope_code", "indicator_code", "gender")


def achievement_with_names(
    snap: Snapshot, cutoff: dt.date | None, scope_type: str, scope_code: str, lang: str
) -> pl.DataFrame:
    """achievement() of one scope, total gender, with indicator names, in catalogue order."""
    cat = catalogue(snap, lang).select(
        "catalogue_order", "indicator_code", "name", "decimals", "unit"
    )
    return (
        achievement(snap, cutoff, scope_type, scope_code)
        .filter(pl.col("gender") == "total")
        .join(cat, on="indicator_code", how="inner")
        .sort("catalogue_order")
        .drop("catalogue_order")
    )

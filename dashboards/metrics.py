"""Queries behind the indicator, project, region and target views: pure functions over the
published frames (dashboards/data.py reads them).

Every function takes frames (or a Snapshot for those that combine several tables) and returns a
small frame a figure builder or a table can use as it is. Tables that other builds publish later
(`indicator_achievement`, a `region` scope) are used when they are there; `None` or an empty
frame means "not available yet", never an error.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from dashboards.data import GENDERS, Snapshot, catalogue_with_order
from dashboards.regions import REGIONS, region_name

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
    """The catalogue in `lang` with aggregation and counting date (from dim_indicator_genders)."""

    def build() -> pl.DataFrame:
        cat = catalogue_with_order(snap.table("indicator_catalogue"), lang)
        dims = snap.table("dim_indicator_genders")
        if dims is not None:
            extra = [c for c in ("aggregation", "counting_date_column") if c in dims.columns]
            cat = cat.join(
                dims.select("indicator_code", *extra).unique("indicator_code"),
                on="indicator_code",
                how="left",
            )
        if "aggregation" not in cat.columns:
            cat = cat.with_columns(pl.lit(None, pl.String).alias("aggregation"))
        return cat.sort("catalogue_order")

    return snap.memo(("catalogue", lang), build)


def indicator_row(snap: Snapshot, code: str | None, lang: str) -> dict | None:
    if code is None:
        return None
    rows = catalogue(snap, lang).filter(pl.col("indicator_code") == code).to_dicts()
    return rows[0] if rows else None


def scope_types(snap: Snapshot) -> list[str]:
    """Scope types with values, in the usual order; `region` always (derived when absent)."""
    present = set(snap.memo("scope_types", lambda: set(snap.table("indicator_values")["scope_type"])))
    return [s for s in SCOPE_TYPES if s in present or s == "region"]


def has_region_scope(snap: Snapshot) -> bool:
    return "region" in snap.memo("scope_types", lambda: set(snap.table("indicator_values")["scope_type"]))


def scope_names(snap: Snapshot) -> dict[tuple[str, str], str]:
    def build() -> dict[tuple[str, str], str]:
        scopes = snap.table("dim_scopes")
        return {
            (r["scope_type"], r["scope_code"]): r["scope_name"] or r["scope_code"]
            for r in scopes.select("scope_type", "scope_code", "scope_name").iter_rows(named=True)
        }

    return snap.memo("scope_names", build)


def projects(snap: Snapshot) -> pl.DataFrame:
    """One row per project: code, name, lead organisation, objective, priority, region."""
    scopes = snap.table("dim_scopes").filter(pl.col("scope_type") == "project")
    if "lead_organisation" not in scopes.columns:
        scopes = scopes.with_columns(pl.lit(None, pl.String).alias("lead_organisation"))
    return scopes.select(
        pl.col("scope_code").alias("project_code"),
        pl.col("scope_name").alias("project_name"),
        "lead_organisation",
        "specific_objective",
        "priority",
        "category_of_region",
        "region_code",
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

    Columns cutoff_date, scope_code, gender, value; sorted by scope, gender, date. Region values
    come from the published region scope, or are derived from the projects (region_values).
    """
    if scope_type == "region" and not has_region_scope(snap):
        frame = derived_region_values(snap, code)
    else:
        frame = snap.table("indicator_values").filter(
            (pl.col("indicator_code") == code) & (pl.col("scope_type") == scope_type)
        ).select("cutoff_date", "scope_code", "gender", "value")
    order = {g: i for i, g in enumerate(ALL_GENDERS)}
    return frame.filter(pl.col("gender").is_in(genders)).sort(
        "scope_code", pl.col("gender").replace_strict(order, default=9), "cutoff_date"
    )


def scope_values(
    snap: Snapshot, code: str, scope_type: str, cutoff: dt.date | None, lang: str = "fi"
) -> pl.DataFrame:
    """The indicator per scope at one cut-off: scope_code, scope_name, total, woman, man,
    non_binary (null where the indicator has no gender breakdown). Ordered by total, largest
    first."""
    series = indicator_series(snap, code, scope_type)
    at = series.filter(pl.col("cutoff_date") == cutoff)
    wide = _with_genders_wide(at, ["scope_code"])
    names = scope_names(snap)
    if scope_type == "region":
        label = {c: names.get(("region", c)) or region_name(c, lang) for c in wide["scope_code"]}
    else:
        label = {c: names.get((scope_type, c), c) for c in wide["scope_code"]}
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
    previous_total, change; catalogue order."""
    now = values_at(snap.table("indicator_values"), cutoff, scope_type, scope_code)
    before = values_at(snap.table("indicator_values"), previous, scope_type, scope_code).select(
        "indicator_code", pl.col("total").alias("previous_total")
    )
    cat = catalogue(snap, lang).select(
        "catalogue_order", "indicator_code", "name", "unit", "decimals", "sensitive", "breakdown"
    )
    return (
        cat.join(now, on="indicator_code", how="inner")
        .join(before, on="indicator_code", how="left")
        .with_columns((pl.col("total") - pl.col("previous_total")).alias("change"))
        .sort("catalogue_order")
        .drop("catalogue_order")
    )


def derived_region_values(snap: Snapshot, code: str) -> pl.DataFrame:
    """Region values computed from the projects until the region scope is published.

    Each project's increments count in the project's own region (dim_scopes.region_code), with
    the rules of values_at_cutoff: count = sum(n), sum = sum(value_sum), mean =
    sum(value_sum) / sum(n). This places a project's participants in the project's region, not
    in their home region: the page says so.
    """

    def build() -> pl.DataFrame:
        empty = pl.DataFrame(
            schema={
                "cutoff_date": pl.Date,
                "scope_code": pl.String,
                "gender": pl.String,
                "value": pl.Float64,
            }
        )
        if not snap.has_table("indicator_increments"):
            return empty
        cat = catalogue(snap, "en").filter(pl.col("indicator_code") == code)
        if cat.is_empty():
            return empty
        aggregation = cat["aggregation"][0] or "count"
        decimals = int(cat["decimals"][0] or 0)
        regions = projects(snap).select(
            pl.col("project_code").alias("scope_code"), "region_code"
        ).filter(pl.col("region_code").is_not_null())
        inc = (
            snap.table("indicator_increments")
            .filter((pl.col("indicator_code") == code) & (pl.col("scope_type") == "project"))
            .join(regions, on="scope_code", how="inner")
        )
        by_day = inc.group_by("region_code", "gender", "event_date").agg(
            pl.col("n").sum(), pl.col("value_sum").sum()
        )
        genders = ALL_GENDERS if cat["breakdown"][0] == "gender" else ("total",)
        grid = pl.DataFrame({"region_code": list(REGIONS)}).join(
            pl.DataFrame({"gender": list(genders)}), how="cross"
        )
        parts = []
        for cutoff in snapshot_cutoffs(snap):
            upto = (
                by_day.filter(pl.col("event_date") <= cutoff)
                .group_by("region_code", "gender")
                .agg(pl.col("n").sum(), pl.col("value_sum").sum())
            )
            parts.append(
                grid.join(upto, on=["region_code", "gender"], how="left").with_columns(
                    pl.lit(cutoff).alias("cutoff_date"),
                    pl.col("n").fill_null(0),
                    pl.col("value_sum").fill_null(0.0),
                )
            )
        if not parts:
            return empty
        summed = pl.concat(parts)
        if aggregation == "mean":
            value = (
                pl.when(pl.col("n") > 0)
                .then((pl.col("value_sum") / pl.col("n")).round(decimals))
                .otherwise(None)
            )
        elif aggregation == "sum":
            value = pl.col("value_sum").cast(pl.Float64)
        else:
            value = pl.col("n").cast(pl.Float64)
        return summed.select(
            "cutoff_date",
            pl.col("region_code").alias("scope_code"),
            "gender",
            value.alias("value"),
        ).sort("scope_code", "gender", "cutoff_date")

    return snap.memo(("derived_region_values", code), build)


# --- Projects side by side -------------------------------------------------------------------


def project_comparison(snap: Snapshot, cutoff: dt.date | None) -> pl.DataFrame:
    """One row per project: its details, the PROJECT_METRICS totals at the cut-off (columns
    named by indicator code) and, when targets are published, the mean achievement and the
    number of targets per status."""
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
    frame = projects(snap).join(
        wide.rename({"scope_code": "project_code"}), on="project_code", how="left"
    )
    ach = achievement(snap, cutoff, scope_type="project")
    if ach is not None and not ach.is_empty():
        summary = ach.filter(pl.col("gender") == "total").group_by("scope_code").agg(
            pl.col("achievement").mean().alias("achievement_mean"),
            pl.len().alias("targets"),
            *(
                (pl.col("status") == s).sum().alias(f"status_{s}")
                for s in ACHIEVEMENT_STATUSES
            ),
        )
        frame = frame.join(
            summary.rename({"scope_code": "project_code"}), on="project_code", how="left"
        )
    return frame.sort("project_code")


# --- Targets, achievement and forecast -------------------------------------------------------


def normalise_status(status: str | None) -> str | None:
    if status is None:
        return None
    return status.strip().lower().replace(" ", "_").replace("-", "_") or None


def normalise_achievement(frame: pl.DataFrame) -> pl.DataFrame | None:
    """The published indicator_achievement in one shape, or None if it lacks the key columns.

    Output: [cutoff_date], scope_type, scope_code, indicator_code, gender, value, target_value,
    target_date, achievement (a fraction: 0.5 is 50 %), forecast, status (on_track, at_risk,
    off_track or null). `achievement` is value / target_value when both are there, else
    achievement_pct / 100.
    """
    needed = ("scope_type", "scope_code", "indicator_code", "target_value")
    if any(c not in frame.columns for c in needed):
        return None
    if "value" not in frame.columns and "achievement_pct" not in frame.columns:
        return None
    cols = frame.columns

    def col(name: str, dtype: pl.DataType) -> pl.Expr:
        return (pl.col(name) if name in cols else pl.lit(None)).cast(dtype).alias(name)

    out = frame.select(
        *([pl.col("cutoff_date").cast(pl.Date)] if "cutoff_date" in cols else []),
        pl.col("scope_type").cast(pl.String),
        pl.col("scope_code").cast(pl.String),
        pl.col("indicator_code").cast(pl.String),
        (pl.col("gender").cast(pl.String) if "gender" in cols else pl.lit("total")).alias(
            "gender"
        ),
        col("value", pl.Float64),
        col("target_value", pl.Float64),
        col("target_date", pl.Date),
        col("achievement_pct", pl.Float64),
        # dbt's indicator_achievement names it forecast_value (the cumulative value forecast
        # at the target date).
        (pl.col("forecast_value") if "forecast_value" in cols else pl.lit(None))
        .cast(pl.Float64)
        .alias("forecast"),
        (pl.col("status") if "status" in cols else pl.lit(None))
        .cast(pl.String)
        .map_elements(normalise_status, return_dtype=pl.String)
        .alias("status"),
    )
    return out.with_columns(
        pl.when(pl.col("value").is_not_null() & (pl.col("target_value") > 0))
        .then(pl.col("value") / pl.col("target_value"))
        .otherwise(pl.col("achievement_pct") / 100)
        .alias("achievement")
    ).drop("achievement_pct")


def achievement(
    snap: Snapshot,
    cutoff: dt.date | None,
    scope_type: str | None = None,
    scope_code: str | None = None,
) -> pl.DataFrame | None:
    """Targets with achievement and forecast at a cut-off, or None when not published (or not
    in a shape this dashboard knows).

    Where one scope × indicator × gender has several targets (a milestone and a final target),
    the first target on or after the cut-off is kept, else the last one.
    """
    raw = snap.table("indicator_achievement")
    if raw is None:
        return None
    frame = snap.memo("achievement", lambda: normalise_achievement(raw))
    if frame is None:
        return None
    if "cutoff_date" in frame.columns and cutoff is not None:
        frame = frame.filter(pl.col("cutoff_date") == cutoff)
    if scope_type is not None:
        frame = frame.filter(pl.col("scope_type") == scope_type)
    if scope_code is not None:
        frame = frame.filter(pl.col("scope_code") == scope_code)
    key = ["scope_type", "scope_code", "indicator_code", "gender"]
    if cutoff is not None:
        frame = frame.with_columns(
            (pl.col("target_date").is_null() | (pl.col("target_date") >= cutoff)).alias("_ahead")
        ).sort(
            *key, pl.col("_ahead"), pl.col("target_date"),
            descending=[False, False, False, False, True, False], nulls_last=True,
        )
        ahead = frame.filter(pl.col("_ahead")).unique(key, keep="first", maintain_order=True)
        behind = (
            frame.filter(~pl.col("_ahead"))
            .unique(key, keep="last", maintain_order=True)
            .join(ahead.select(key), on=key, how="anti")
        )
        frame = pl.concat([ahead, behind]).drop("_ahead")
    return frame.sort(key)


def achievement_with_names(
    snap: Snapshot, cutoff: dt.date | None, scope_type: str, scope_code: str, lang: str
) -> pl.DataFrame | None:
    """achievement() of one scope, total gender, with indicator names, in catalogue order."""
    frame = achievement(snap, cutoff, scope_type, scope_code)
    if frame is None:
        return None
    cat = catalogue(snap, lang).select(
        "catalogue_order", "indicator_code", "name", "decimals", "unit"
    )
    return (
        frame.filter(pl.col("gender") == "total")
        .join(cat, on="indicator_code", how="inner")
        .sort("catalogue_order")
        .drop("catalogue_order")
    )

"""`impact export`: the indicator tables for one cut-off, from the published copy."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import polars as pl

from indicators.values_at_cutoff import format_value, values_at_cutoff
from pipelines.published import Snapshot, current_snapshot
from pipelines.settings import Settings

INDICATOR_VALUES_COLUMNS = [
    "cutoff_date", "scope_type", "scope_code", "indicator_code", "gender", "value",
]


def scaffold(snapshot: Snapshot) -> pl.DataFrame:
    """Every scope x (indicator, gender) the build computes, with the indicator's aggregation."""
    scopes = pl.read_parquet(snapshot.table("dim_scopes"), columns=["scope_type", "scope_code"])
    indicators = pl.read_parquet(
        snapshot.table("dim_indicator_genders"), columns=["indicator_code", "gender", "aggregation"]
    )
    return scopes.join(indicators, how="cross")


def catalogue_decimals(snapshot: Snapshot) -> dict[str, int]:
    catalogue = pl.read_parquet(snapshot.table("indicator_catalogue"))
    return dict(zip(catalogue["indicator_code"], catalogue["decimals"].cast(pl.Int64)))


def write_indicator_values_csv(frame: pl.DataFrame, decimals: dict[str, int], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".csv.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(INDICATOR_VALUES_COLUMNS)
        for row in frame.iter_rows(named=True):
            writer.writerow([
                row["cutoff_date"].isoformat(), row["scope_type"], row["scope_code"],
                row["indicator_code"], row["gender"],
                format_value(row["value"], row["aggregation"], decimals.get(row["indicator_code"], 0)),
            ])
    tmp.replace(path)


def run_export(settings: Settings, cutoff: date, out_dir: Path) -> list[Path]:
    snapshot = current_snapshot(settings.published_dir)
    decimals = catalogue_decimals(snapshot)
    increments = pl.read_parquet(snapshot.table("indicator_increments"))
    frame = values_at_cutoff(increments, scaffold(snapshot), cutoff, decimals)
    target = out_dir / "indicator_values.csv"
    write_indicator_values_csv(frame, decimals, target)
    return [target]

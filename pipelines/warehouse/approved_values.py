"""The warehouse's raw.approved_values: the values as last approved in the reporting periods
(pipelines/periods/store.approved_values), loaded with the ledger's raw tables so that the
build compares this half-year's numbers with what was approved (consistency rule 7,
dbt_project/models/marts/indicators/reported_value_decreases.sql)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import polars as pl

from pipelines.periods.store import approved_values

TABLE = "approved_values"
COLUMNS: tuple[tuple[str, str], ...] = (
    ("cutoff_date", "DATE"),
    ("scope_type", "VARCHAR"),
    ("scope_code", "VARCHAR"),
    ("indicator_code", "VARCHAR"),
    ("gender", "VARCHAR"),
    ("value", "DOUBLE"),
    ("approved_at", "TIMESTAMP"),  # UTC, as the uploads' received_at
)
DESCRIPTION = "The values as last approved per project and half-year (and the programme's once final)."


def approved_frame(home: Path) -> pl.DataFrame:
    """The approved values with the table's types (approved_at in UTC without a zone)."""
    rows = approved_values(home)
    names = [name for name, _ in COLUMNS]
    frame = pl.DataFrame(rows, schema={n: pl.String for n in names}, orient="row")
    return frame.with_columns(
        pl.col("cutoff_date").str.to_date(),
        pl.col("value").cast(pl.Float64),
        pl.col("approved_at").str.to_datetime(time_zone="UTC").dt.replace_time_zone(None),
    )


def load_approved_values(con: duckdb.DuckDBPyConnection, home: Path) -> None:
    """raw.approved_values made anew (in the caller's transaction)."""
    columns = ", ".join(f"{name} {sql_type}" for name, sql_type in COLUMNS)
    con.execute(f"DROP TABLE IF EXISTS raw.{TABLE}")
    con.execute(f"CREATE TABLE raw.{TABLE} ({columns})")
    frame = approved_frame(home)
    if frame.height:
        con.register("approved_frame", frame.to_arrow())
        con.execute(f"INSERT INTO raw.{TABLE} SELECT * FROM approved_frame")
        con.unregister("approved_frame")


def approvals_digest(home: Path) -> str:
    """What a build's result depends on of the approvals (pipelines/warehouse/build_inputs.py)."""
    return hashlib.sha256(repr(approved_values(home)).encode()).hexdigest()

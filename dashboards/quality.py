"""Data quality from the published `uploads` table: when each project last sent each kind of
file, how many rows, how many were rejected.

The uploads table has one row per file, not per project. A file is attributed to a project
when its name contains exactly one known project code (the demo and the templates name files
that way, e.g. `participants_S30355_kuopio.csv`); the others (network-wide files) count under
"all projects". A refused file has `outcome = refused` and usually no kind; a henkilötunnus
refusal has no file name either.
"""

from __future__ import annotations

import datetime as dt
import re

import polars as pl

ALL_PROJECTS = "*"
UNKNOWN_KIND = "?"
STALE_DAYS = 183  # half a year: the reporting rhythm
CODE_PATTERN = re.compile(r"(?<![A-Za-z0-9])([A-Z][0-9]{5})(?![0-9])")


def project_of(file_name: str | None, known: set[str]) -> str:
    """The project a file belongs to by its name, or ALL_PROJECTS."""
    if not file_name:
        return ALL_PROJECTS
    found = {c for c in CODE_PATTERN.findall(file_name) if c in known}
    return found.pop() if len(found) == 1 else ALL_PROJECTS


def upload_status(
    uploads: pl.DataFrame, project_codes: set[str], today: dt.date
) -> pl.DataFrame:
    """One row per project × kind: uploads, refused, last_upload (timestamp), days_since,
    rows_read, rejected (of the last accepted upload), rejected_share (over all accepted
    uploads), warnings (last), last_outcome. Sorted by project, kind."""
    if uploads.is_empty():
        return pl.DataFrame(
            schema={
                "project_code": pl.String,
                "kind": pl.String,
                "uploads": pl.UInt32,
                "refused": pl.UInt32,
                "last_upload": pl.Datetime,
                "days_since": pl.Int64,
                "rows_read": pl.Int64,
                "rejected": pl.Int64,
                "rejected_share": pl.Float64,
                "warnings": pl.Int64,
                "last_outcome": pl.String,
            }
        )
    warnings = pl.col("warnings") if "warnings" in uploads.columns else pl.lit(None, pl.Int64)
    frame = uploads.with_columns(
        pl.col("file_name")
        .map_elements(lambda n: project_of(n, project_codes), return_dtype=pl.String)
        .fill_null(ALL_PROJECTS)
        .alias("project_code"),
        pl.col("kind").fill_null(UNKNOWN_KIND),
        (pl.col("outcome") == "refused").alias("is_refused"),
        warnings.alias("warnings"),
    ).sort("received_at", "upload_id")
    accepted = ~pl.col("is_refused")
    grouped = frame.group_by("project_code", "kind").agg(
        pl.len().alias("uploads"),
        pl.col("is_refused").sum().alias("refused"),
        pl.col("received_at").max().alias("last_upload"),
        pl.col("rows_read").filter(accepted).last().alias("rows_read"),
        pl.col("rejected").filter(accepted).last().alias("rejected"),
        (
            pl.col("rejected").filter(accepted).sum()
            / pl.col("rows_read").filter(accepted).sum()
        ).alias("rejected_share"),
        pl.col("warnings").filter(accepted).last().alias("warnings"),
        pl.col("outcome").last().alias("last_outcome"),
    )
    return grouped.with_columns(
        (pl.lit(today) - pl.col("last_upload").dt.date()).dt.total_days().alias("days_since"),
        pl.when(pl.col("rejected_share").is_nan())
        .then(None)
        .otherwise(pl.col("rejected_share"))
        .alias("rejected_share"),
    ).sort(
        pl.col("project_code") == ALL_PROJECTS, "project_code", "kind", descending=[True, False, False]
    )

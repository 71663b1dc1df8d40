"""Data quality from the published copy: per project × kind, when data last came, how much of it
was rejected, how many warnings are still open and how complete the optional fields are; and
each upload's problems as counts. Pure functions over the published frames.

- `uploads` (raw.uploads): one row per file. A refused file has `outcome = refused` and
  usually no kind; a henkilötunnus refusal has no upload row at all.
- `quality_upload_projects`: the projects of each upload, from the records it stored (one file
  may hold several projects' rows). An upload that stored nothing (refused, every row rejected
  or unchanged; targets of the programme or a specific objective) belongs to no project and is
  counted under NO_PROJECT.
- `quality_upload_problems`: problems per upload × project × severity × rule, with the open
  ones (the dbt model's yml says when a problem is open). Warnings on records in force carry
  their record's project; errors and file-level problems belong to the upload only.
- `quality_completeness`: per project × kind × optional contract column, the share filled.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from indicators.contract import CONTRACT

NO_PROJECT = "*"
UNKNOWN_KIND = "?"
STALE_DAYS = 183  # half a year: the reporting rhythm
SEVERITY_ORDER = {"error": 0, "warning": 1}

STATUS_SCHEMA = {
    "project_code": pl.String,
    "kind": pl.String,
    "uploads": pl.UInt32,
    "refused": pl.UInt32,
    "last_upload": pl.Datetime,
    "days_since": pl.Int64,
    "rows_read": pl.Int64,
    "rejected": pl.Int64,
    "rejected_share": pl.Float64,
    "records_in_force": pl.Int64,
    "open_warnings": pl.Int64,
    "last_outcome": pl.String,
}


def attribute_uploads(uploads: pl.DataFrame, upload_projects: pl.DataFrame) -> pl.DataFrame:
    """`uploads` with `project_code`: one row per upload × project it stored records of, or
    one row with NO_PROJECT; `kind` filled with UNKNOWN_KIND where the file had none."""
    frame = uploads.with_columns(pl.col("kind").fill_null(UNKNOWN_KIND))
    projects = upload_projects.select("upload_id", "project_code").unique()
    return frame.join(projects, on="upload_id", how="left").with_columns(
        pl.col("project_code").fill_null(NO_PROJECT)
    )


def _open_warnings(problems: pl.DataFrame, attributed: pl.DataFrame) -> pl.DataFrame:
    """Open warnings per project × kind: those on the project's records in force, and for
    NO_PROJECT the open file-level warnings of the uploads that stored nothing."""
    schema = {"project_code": pl.String, "kind": pl.String, "open_warnings": pl.Int64}
    warnings = problems.filter(pl.col("severity") == "warning").with_columns(
        pl.col("kind").fill_null(UNKNOWN_KIND)
    )
    on_records = warnings.filter(pl.col("project_code").is_not_null())
    no_project = attributed.filter(pl.col("project_code") == NO_PROJECT).select("upload_id")
    of_uploads = (
        warnings.filter(pl.col("project_code").is_null())
        .join(no_project, on="upload_id", how="semi")
        .with_columns(pl.lit(NO_PROJECT).alias("project_code"))
    )
    return (
        pl.concat([on_records, of_uploads], how="diagonal_relaxed")
        .group_by("project_code", "kind")
        .agg(pl.col("open_problems").sum().cast(pl.Int64).alias("open_warnings"))
        .select(list(schema))
    )


def upload_status(
    uploads: pl.DataFrame,
    today: dt.date,
    upload_projects: pl.DataFrame,
    problems: pl.DataFrame,
) -> pl.DataFrame:
    """One row per project × kind (STATUS_SCHEMA), sorted by project (NO_PROJECT last), kind.

    uploads, refused: files of the project and kind; last_upload: the latest of them;
    rows_read, rejected: of the latest accepted one (the whole file: a rejected row was never
    stored, so its project is not known); rejected_share: rejected / rows read over all its
    accepted files; records_in_force: the project's records of the kind in force (null for
    NO_PROJECT); open_warnings: see _open_warnings (0 when none); last_outcome: the latest file's.
    """
    if uploads.is_empty():
        return pl.DataFrame(schema=STATUS_SCHEMA)
    attributed = attribute_uploads(uploads, upload_projects)
    frame = attributed.with_columns(
        (pl.col("outcome") == "refused").alias("is_refused")
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
        pl.col("outcome").last().alias("last_outcome"),
    )
    in_force = upload_projects.group_by("project_code", "kind").agg(
        pl.col("current_records").sum().cast(pl.Int64).alias("records_in_force")
    )
    grouped = grouped.join(in_force, on=["project_code", "kind"], how="left")
    grouped = grouped.join(
        _open_warnings(problems, attributed), on=["project_code", "kind"], how="left"
    ).with_columns(
        (pl.lit(today) - pl.col("last_upload").dt.date()).dt.total_days().alias("days_since"),
        pl.when(pl.col("rejected_share").is_nan())
        .then(None)
        .otherwise(pl.col("rejected_share"))
        .alias("rejected_share"),
        pl.col("open_warnings").fill_null(0),
    )
    return grouped.select(
        [pl.col(name).cast(dtype) for name, dtype in STATUS_SCHEMA.items()]
    ).sort(pl.col("project_code") == NO_PROJECT, "project_code", "kind")


def problem_summary(
    problems: pl.DataFrame, uploads: pl.DataFrame, upload_projects: pl.DataFrame
) -> pl.DataFrame:
    """One row per upload × severity × rule, newest upload first, errors before warnings:
    upload_id, file_name, kind, received_at, projects (the upload's project codes, sorted, or
    None), severity, rule_id, problems, problem_rows, open_problems."""
    if problems.is_empty():
        return pl.DataFrame(
            schema={
                "upload_id": pl.Int64, "file_name": pl.String, "kind": pl.String,
                "received_at": pl.Datetime, "projects": pl.List(pl.String), "severity": pl.String,
                "rule_id": pl.String, "problems": pl.Int64, "problem_rows": pl.Int64,
                "open_problems": pl.Int64,
            }
        )
    summed = problems.group_by("upload_id", "severity", "rule_id").agg(
        pl.col("problems").sum().cast(pl.Int64),
        pl.col("problem_rows").sum().cast(pl.Int64),
        pl.col("open_problems").sum().cast(pl.Int64),
    )
    codes = upload_projects.group_by("upload_id").agg(
        pl.col("project_code").unique().sort().alias("projects")
    )
    files = uploads.select("upload_id", "file_name", "kind", "received_at")
    return (
        summed.join(files, on="upload_id", how="left")
        .join(codes, on="upload_id", how="left")
        .with_columns(pl.col("severity").replace_strict(SEVERITY_ORDER, default=9).alias("_order"))
        .sort(["upload_id", "_order", "rule_id"], descending=[True, False, False])
        .select(
            "upload_id", "file_name", "kind", "received_at", "projects", "severity", "rule_id",
            "problems", "problem_rows", "open_problems",
        )
    )


def column_order() -> dict[tuple[str, str], int]:
    """(kind, column) -> position in the contract, kinds in the contract's order."""
    order: dict[tuple[str, str], int] = {}
    for kind in CONTRACT.values():
        for c in kind.columns:
            order[(kind.name, c.name)] = len(order)
    return order


def column_label(kind: str, column: str, lang: str) -> str:
    """A contract column as users know it: the Finnish alias in Finnish, else the canonical name."""
    if lang == "fi" and kind in CONTRACT:
        try:
            return CONTRACT[kind].column(column).alias_fi
        except KeyError:
            pass
    return column


def completeness_matrix(completeness: pl.DataFrame) -> tuple[list[tuple[str, str]], list[str], list[list[float | None]]]:
    """(rows: (kind, column) in the contract's order, columns: project codes, share[row][col]
    or None where the project has no records of that kind) for the heatmap."""
    order = column_order()
    rows = sorted(
        {(k, c) for k, c in completeness.select("kind", "column_name").iter_rows()},
        key=lambda kc: order.get(kc, len(order)),
    )
    projects = sorted(completeness["project_code"].unique().to_list())
    shares = {
        (k, c, p): s
        for k, c, p, s in completeness.select("kind", "column_name", "project_code", "filled_share").iter_rows()
    }
    return rows, projects, [[shares.get((k, c, p)) for p in projects] for k, c in rows]

"""What an approval keeps: the values as the published copy held them, and, once a cut-off is
final, its official export as bytes (made here once, at the approval that made it final, with
the approval, who and when, in its manifest), so that exporting
an approved cut-off later gives the same bytes however much has been uploaded since."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

import polars as pl

from indicators.calendar import runs_in
from pipelines.publish.reader import Snapshot
from pipelines.settings import Settings

KEY = ["scope_type", "scope_code", "indicator_code", "gender"]


def active_projects(snapshot: Snapshot, cutoff: date) -> set[str]:
    """The projects of the published copy that run in the half-year ending at `cutoff` (by
    their start and end dates; either may be open): the ones that report for it."""
    scopes = snapshot.table("dim_scopes").filter(pl.col("scope_type") == "project")
    return {code for code, start, end in scopes.select("scope_code", "start_date", "end_date").iter_rows()
            if runs_in(start, end, cutoff)}


def values_at(snapshot: Snapshot, cutoff: date) -> pl.DataFrame:
    values = snapshot.table("indicator_values")
    return values.filter(pl.col("cutoff_date") == cutoff).select(*KEY, "value").sort(KEY)


def project_rows(snapshot: Snapshot, cutoff: date, project: str) -> list[tuple]:
    """Every indicator and gender of one project at the cut-off."""
    frame = values_at(snapshot, cutoff).filter(
        (pl.col("scope_type") == "project") & (pl.col("scope_code") == project)
    )
    return frame.rows()


def programme_rows(snapshot: Snapshot, cutoff: date) -> list[tuple]:
    """The programme's, specific objectives' and regions' rows at the cut-off."""
    return values_at(snapshot, cutoff).filter(pl.col("scope_type") != "project").rows()


CONTRIBUTING = "outcome NOT IN ('refused', 'nothing_applied')"  # as pipelines/exports/run.py lists them


def published_is_current(settings: Settings, snapshot: Snapshot) -> bool:
    """Whether the published copy holds every upload that put rows into the ledger. Call under
    the writer lock (pipelines/writer_lock.py), so that no upload is being applied meanwhile."""
    from pipelines.ingest.ledger import connect_for_reading

    con = connect_for_reading(settings)
    if con is None:
        return True
    try:
        last = con.execute(f"SELECT coalesce(max(upload_id), 0) FROM uploads WHERE {CONTRIBUTING}").fetchone()[0]
    finally:
        con.close()
    uploads = snapshot.table("uploads").filter(~pl.col("outcome").is_in(["refused", "nothing_applied"]))
    return (uploads["upload_id"].max() or 0) == last


def official_export_bytes(settings: Settings, cutoff: date, at: datetime, approval: dict) -> dict[str, bytes]:
    """The official export of the cut-off as it stands now, stamped with the approval."""
    from pipelines.exports.run import run_export

    with tempfile.TemporaryDirectory(prefix="impact-period-") as tmp:
        written = run_export(settings, cutoff, Path(tmp), today=at.date(), approval=approval)
        return {path.name: path.read_bytes() for path in written}

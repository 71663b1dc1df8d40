"""What the dashboard writes to the audit trail (pipelines/access/audit.py): previews and applies
of uploads, and downloads. Built from hashes, codes and counts only, never a cell of a file or
a number shown, like the API's records (pipelines/web/api.py) with `via="dashboard"`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipelines.access import audit
from pipelines.access.roles import User
from pipelines.ingest import ImportReport

PUBLIC_ACTOR = "(public)"  # an anonymous visitor of the public view, as the API records it


def actor(user: User | None) -> str:
    return user.name if user is not None else PUBLIC_ACTOR


def upload(home: Path, user: User, report: ImportReport) -> None:
    """A preview (dry run) or an apply of an uploaded file."""
    audit.record(home, user.name, "upload.dry_run" if report.dry_run else "upload.apply",
                 sha256=report.sha256, kind=report.kind, outcome=report.outcome,
                 upload_id=report.upload_id, rows=report.rows_read, rejected=report.rejected,
                 inserted=report.inserted, updated=report.updated, withdrawn=report.withdrawn,
                 via="dashboard")


def export(home: Path, user: User | None, cutoff: dt.date, variant: str, file_name: str) -> None:
    """An export downloaded from the exports page: official (exact) or public."""
    audit.record(home, actor(user), "download.export", cutoff=cutoff.isoformat(), variant=variant,
                 file=file_name, via="dashboard")


def table_csv(home: Path, user: User | None, file_name: str, rows: int) -> None:
    """The numbers of a table on a page, downloaded as CSV (in the viewer's shape)."""
    audit.record(home, actor(user), "download.table", file=file_name, rows=rows, via="dashboard")


def audit_csv(home: Path, user: User, entries: int) -> None:
    audit.record(home, user.name, "download.audit", entries=entries, via="dashboard")

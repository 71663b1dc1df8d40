"""Upload history (`impact uploads`): every upload the ledger knows, one upload's stored
report, and the bytes of an upload exactly as they were sent.

Functions return data (the web page shows the same); `format_uploads` and `show_uploads` are
the terminal's view. A file refused for a henkilötunnus is listed too, but only as what was
logged about it: time, SHA-256, size and reason (no name, no kind, no bytes).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

import polars as pl

from pipelines.ingest import ledger
from pipelines.ingest.report import HIDDEN_NAME_EN, HIDDEN_NAME_FI, ImportReport, empty_problems
from pipelines.ingest.report_words import words_from_bytes
from pipelines.ingest.validate import PROBLEM_SCHEMA
from pipelines.settings import Settings
from pipelines.terminal import printable
from pipelines.writer_lock import writer_lock

UPLOAD_SCHEMA: dict[str, pl.DataType] = {
    "upload_id": pl.Int64,
    "received_at": pl.Datetime("us"),
    "file_name": pl.String,
    "kind": pl.String,
    "sha256": pl.String,
    "size_bytes": pl.Int64,
    "rows_read": pl.Int64,
    "inserted": pl.Int64,
    "updated": pl.Int64,
    "unchanged": pl.Int64,
    "withdrawn": pl.Int64,
    "rejected": pl.Int64,
    "warnings": pl.Int64,
    "outcome": pl.String,
    "refusal_reason": pl.String,
}

_UPLOADS_SQL = """
SELECT u.upload_id, u.received_at, u.file_name, u.kind, u.sha256, u.size_bytes, u.rows_read,
       u.inserted, u.updated, u.unchanged, u.withdrawn, u.rejected, u.warnings, u.outcome,
       r.reason AS refusal_reason
FROM uploads AS u LEFT JOIN refusals AS r USING (upload_id)
UNION ALL
-- refused for a henkilötunnus: only what the spec lets us keep
SELECT NULL, refused_at, NULL, NULL, sha256, size_bytes, 0, 0, 0, 0, 0, 0, 0, 'refused', reason
FROM refusals WHERE upload_id IS NULL
"""


class UploadNotFound(LookupError):
    pass


class BytesNotStored(LookupError):
    """The upload has no stored bytes (a command-line withdrawal, or a refused file that was
    not kept) or its blob is missing or damaged."""


def _read(settings: Settings, sql: str, params: list | None = None) -> pl.DataFrame | None:
    """A query on the ledger under the writer lock (a writer would refuse our read handle
    and the other way round); None when nothing was ever uploaded."""
    if not settings.ledger_path.exists():
        return None  # and no lock file either: looking changes nothing
    with writer_lock(settings.lock_path):
        con = ledger.connect_for_reading(settings)
        if con is None:
            return None
        try:
            return ledger.query_frame(con, sql, params or [])
        finally:
            con.close()


def list_uploads(settings: Settings, kind: str | None = None) -> pl.DataFrame:
    """Every upload, oldest first (UPLOAD_SCHEMA). With `kind`, only that kind's uploads."""
    frame = _read(settings, f"SELECT * FROM ({_UPLOADS_SQL}) ORDER BY received_at, upload_id NULLS LAST")
    if frame is None or frame.height == 0:
        return pl.DataFrame(schema=UPLOAD_SCHEMA)
    frame = frame.cast(UPLOAD_SCHEMA)
    if kind is not None:
        frame = frame.filter(pl.col("kind") == kind)
    return frame


def upload_projects(settings: Settings) -> pl.DataFrame:
    """(upload_id, project_code): the projects whose records each upload stored (targets of a
    project count for it; those of the programme or an objective for none)."""
    from indicators.contract import CONTRACT
    from pipelines.warehouse.raw_tables import upload_projects_sql

    parts = [sql for kind in CONTRACT
             if (sql := upload_projects_sql(kind, ledger.versions_table(kind))) is not None]
    frame = _read(settings, " UNION ".join(f"SELECT upload_id, project_code FROM ({p})" for p in parts))
    schema = {"upload_id": pl.Int64, "project_code": pl.String}
    return pl.DataFrame(schema=schema) if frame is None else frame.cast(schema)


def stored_report(settings: Settings, upload_id: int) -> ImportReport:
    """One upload's import report as the ledger kept it (summary and every problem)."""
    frame = _read(settings, f"SELECT * FROM ({_UPLOADS_SQL}) WHERE upload_id = ?", [upload_id])
    if frame is None or frame.height == 0:
        raise UploadNotFound(upload_id)
    row = frame.row(0, named=True)
    problems = _read(
        settings,
        f"SELECT {', '.join(PROBLEM_SCHEMA)} FROM problems WHERE upload_id = ? "
        "ORDER BY row_number NULLS FIRST",
        [upload_id],
    )
    report = ImportReport(
        file_name=row["file_name"], sha256=row["sha256"], size_bytes=row["size_bytes"] or 0,
        kind=row["kind"], upload_id=upload_id, outcome=row["outcome"],
        refusal_reason=row["refusal_reason"], received_at=row["received_at"],
        problems=problems.cast(PROBLEM_SCHEMA) if problems is not None else empty_problems(),
    )
    for name in ("rows_read", "inserted", "updated", "unchanged", "withdrawn", "rejected", "warnings"):
        setattr(report, name, row[name] or 0)
    return report


def report_in_words(settings: Settings, upload_id: int) -> ImportReport:
    """stored_report, with each problem row's record id and the file's headers read again
    from the upload's stored bytes (report_words.py); without them when the bytes are gone."""
    report = stored_report(settings, upload_id)
    if report.refused or report.problems.filter(pl.col("row_number").is_not_null()).is_empty():
        return report
    try:
        data = _checked_bytes(settings, report)
    except BytesNotStored:
        return report
    report.words = words_from_bytes(data, report.kind, report.problems)
    return report


def upload_bytes(settings: Settings, upload_id: int) -> bytes:
    """The bytes of an upload exactly as they were sent, checked against their SHA-256."""
    return _checked_bytes(settings, stored_report(settings, upload_id))


def _checked_bytes(settings: Settings, report: ImportReport) -> bytes:
    upload_id = report.upload_id
    if not report.sha256:
        raise BytesNotStored(upload_id)
    path = settings.blobs_dir / report.sha256
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BytesNotStored(upload_id) from None
    if hashlib.sha256(data).hexdigest() != report.sha256:
        raise BytesNotStored(upload_id)
    return data


def save_upload(settings: Settings, upload_id: int, path: Path) -> int:
    """Write an upload's bytes to `path` (atomically); returns the number of bytes."""
    data = upload_bytes(settings, upload_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(data)


# ---- the terminal ---------------------------------------------------------------------------
# (column, Finnish header, English header, width, right-aligned)
_COLUMNS: tuple[tuple[str, str, str, int, bool], ...] = (
    ("upload_id", "lataus", "upload", 6, True),
    ("received_at", "aika (UTC)", "time (UTC)", 16, False),
    ("file_name", "tiedosto", "file", 32, False),
    ("kind", "tyyppi", "kind", 12, False),
    ("sha256", "sha256", "sha256", 12, False),
    ("rows_read", "rivejä", "rows", 7, True),
    ("inserted", "uusia", "new", 7, True),
    ("updated", "muutt.", "upd.", 7, True),
    ("unchanged", "ennall.", "same", 7, True),
    ("withdrawn", "poist.", "wdr.", 6, True),
    ("rejected", "hyl.", "rej.", 6, True),
    ("warnings", "varoit.", "warn.", 7, True),
    ("outcome", "tulos", "outcome", 0, False),
)


def _cell(name: str, value, width: int) -> str:
    if value is None:
        return "-"
    if name == "received_at":
        return value.strftime("%Y-%m-%d %H:%M")
    if name == "sha256":
        return value[:width]
    text = printable(str(value))  # a file name may hold control characters
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def format_uploads(frame: pl.DataFrame) -> str:
    """A readable table, headers in Finnish and English; SHA-256 shortened to 12 characters
    (`impact uploads --show ID` prints it whole)."""
    if frame.height == 0:
        return "Ei latauksia. / No uploads.\n"

    def line(values: list[str]) -> str:
        parts = []
        for (name, _, _, width, right), value in zip(_COLUMNS, values):
            parts.append(value.rjust(width) if right else value.ljust(width) if width else value)
        return "  ".join(parts).rstrip()

    lines = [line([c[1] for c in _COLUMNS]), line([c[2] for c in _COLUMNS])]
    for row in frame.iter_rows(named=True):
        values = []
        for name, _, _, width, _ in _COLUMNS:
            value = row[name]
            if name == "file_name" and value is None and row["outcome"] == "refused":
                value = f"{HIDDEN_NAME_FI} {HIDDEN_NAME_EN}"
            if name == "outcome" and row["refusal_reason"]:
                value = f"{value} ({row['refusal_reason']})"
            values.append(_cell(name, value, width))
        lines.append(line(values))
    return "\n".join(lines) + "\n"


def show_uploads(
    settings: Settings,
    kind: str | None = None,
    upload_id: int | None = None,
    out_path: Path | None = None,
    out: TextIO = sys.stdout,
    lang: str = "fi",
) -> int:
    """`impact uploads`: the list, or with upload_id one upload's stored report, and with
    out_path its bytes saved there. Exit 0, or 1 when the upload or its bytes are not there."""
    if upload_id is None:
        out.write(format_uploads(list_uploads(settings, kind)))
        return 0
    try:
        report = report_in_words(settings, upload_id)
    except UploadNotFound:
        out.write(f"Latausta #{upload_id} ei ole. / There is no upload #{upload_id}.\n")
        return 1
    out.write(report.format_text(lang, limit=None))
    if out_path is None:
        return 0
    try:
        size = save_upload(settings, upload_id, out_path)
    except BytesNotStored:
        out.write(
            f"Latauksen #{upload_id} tiedostoa ei ole tallessa. / "
            f"The bytes of upload #{upload_id} are not stored.\n"
        )
        return 1
    out.write(printable(f"wrote {out_path} ({size} bytes, sha256 {report.sha256})") + "\n")
    return 0

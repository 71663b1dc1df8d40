"""The ingest use cases: one upload's bytes (`ingest_bytes`), files from the command line
(`ingest_files`) and the command-line withdrawal (`withdraw`).

Order of work for an upload, as the spec demands:
1. SHA-256; the file name and the whole decoded content are scanned for henkilötunnus. A hit
   refuses the file and leaves only (sha256, size, time, reason) in `refusals`: no bytes, no
   name, no problems.
2. The file is read as a table (refusals: unreadable, missing column, too many rows ...,
   and a henkilötunnus glued to letters in an id or name column, handled as in 1). A refused
   file's bytes are kept within a quota and a retention (refused_files), and never when it
   could not be scanned (compressed, encrypted: `FileRefused.store`).
3. Otherwise the bytes are stored under blobs/<sha256> before any value is parsed.
4. Under the writer lock: rows are validated against the contract and the ledger's current
   state, compared with the current versions of the projects they name (a record of another
   project can never have the same key), and applied in one DuckDB transaction.
A dry run does all of this except writing anything (not even the blob).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path
from typing import TextIO

import polars as pl

from indicators.catalogue import indicator_codes
from indicators.contract import CONTRACT, Kind
from indicators.identifiers import contains_hetu
from pipelines.ingest import ledger, refused_files
from pipelines.ingest.parse import parse_frame
from pipelines.ingest.reader import (
    MAX_BYTES,
    FileProblem,
    FileRefused,
    RawTable,
    check_name,
    decode,
    read_strings,
    to_table,
)
from pipelines.ingest.report import ImportReport, empty_problems, write_reports
from pipelines.ingest.report_words import words_of
from pipelines.ingest.rules import Context
from pipelines.ingest.validate import file_problems, validate
from pipelines.ingest.versions import diff
from pipelines.settings import Settings
from pipelines.writer_lock import writer_lock

WITHDRAW_FILE_NAME = "(impact withdraw)"


def _now() -> dt.datetime:
    """Ledger timestamps are UTC without a zone (DuckDB TIMESTAMP)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _upload_row(report: ImportReport) -> dict:
    return {
        "sha256": report.sha256,
        "file_name": report.file_name,
        "kind": report.kind,
        "received_at": report.received_at,
        "size_bytes": report.size_bytes,
        "rows_read": report.rows_read,
        "inserted": report.inserted,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "rejected": report.rejected,
        "withdrawn": report.withdrawn,
        "warnings": report.warnings,
        "outcome": report.outcome,
    }


def _refuse_hetu(settings: Settings, report: ImportReport) -> ImportReport:
    report.file_name = None
    report.outcome = "refused"
    report.refusal_reason = "file.henkilotunnus"
    report.problems = file_problems([FileProblem("file.henkilotunnus")])
    if not report.dry_run:
        with writer_lock(settings.lock_path):
            ledger.record_hetu_refusal(settings, report.sha256, report.size_bytes, report.received_at)
    return report


def _refuse(settings: Settings, report: ImportReport, refusal: FileRefused, data: bytes | None) -> ImportReport:
    """A refusal's upload row and problems; its bytes (`data`: None for a file that could not
    be scanned) kept within the refused files' quota and retention (refused_files)."""
    report.outcome = "refused"
    report.refusal_reason = refusal.problems[0].rule_id
    report.problems = file_problems(refusal.problems)
    report.warnings = report.problems.filter(pl.col("severity") == "warning").height
    if not report.dry_run:
        with writer_lock(settings.lock_path):
            report.upload_id = ledger.apply_upload(
                settings, _upload_row(report), None, report.problems, refusal_reason=report.refusal_reason,
            )
            if data is not None:
                refused_files.keep(settings, report.sha256, data, report.received_at)
    return report


def _context(
    con, table: RawTable, today: dt.date, permitted: frozenset[str] | None, max_cell_chars: int,
) -> Context:
    kind = table.kind
    projects = pl.Series("project_code", [], dtype=pl.String)
    activities = pl.DataFrame(schema={"project_code": pl.String, "activity_id": pl.String, "start_date": pl.Date})
    if kind.name != "projects":
        projects = ledger.current_state(con, CONTRACT["projects"])["project_code"]
    if kind.name == "feedback":
        # Feedback is looked up by (project_code, activity_id): the activities of the projects
        # the file names are all it can match (project_code is text: the cell as trimmed).
        activities = ledger.current_state(
            con, CONTRACT["activities"], within=table.frame.select("project_code"),
        ).select("project_code", "activity_id", "start_date")
    entities = opportunities = None
    if kind.name == "funding_referrals":
        entities, opportunities, activities = _referral_lookups(con, table)
    return Context(
        today=today, project_codes=projects, activities=activities,
        indicator_codes=indicator_codes() if kind.name == "targets" else (),
        permitted_projects=permitted, max_cell_chars=max_cell_chars,
        entities=entities, opportunities=opportunities,
    )


def _referral_lookups(con, table: RawTable) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """What referrals are checked against: the referring projects' entities and activities,
    and the opportunities of the projects whose register they name (opportunity_project_code,
    empty = project_code), each without withdrawn records."""
    frame = table.frame
    projects = frame.select("project_code")
    register = frame.select(
        pl.coalesce(
            pl.col("opportunity_project_code") if "opportunity_project_code" in frame.columns
            else pl.lit(None, pl.String),
            pl.col("project_code"),
        ).alias("project_code")
    )
    def current(kind_name: str, within: pl.DataFrame) -> pl.DataFrame:
        return ledger.current_state(con, CONTRACT[kind_name], within=within).filter(~pl.col("withdrawn"))

    entities = current("entities", projects)
    opportunities = current("funding_opportunities", register)
    activities = current("activities", projects).select("project_code", "activity_id", "start_date")
    return entities, opportunities, activities


def _outcome(report: ImportReport) -> str:
    written = report.inserted + report.updated + report.withdrawn
    if report.rows_read and report.rejected == report.rows_read:
        return "nothing_applied"
    if written == 0:
        return "unchanged"
    return "partially_applied" if report.rejected else "applied"


def ingest_bytes(
    settings: Settings,
    data: bytes,
    file_name: str,
    kind: str | None = None,
    dry_run: bool = False,
    *,
    today: dt.date | None = None,
    indicator_delta: bool = False,
    permitted_projects: frozenset[str] | None = None,
) -> ImportReport:
    """Validate one upload and (unless dry_run) store and apply it. Never raises for bad
    input: every outcome, refusals included, is in the returned report. A dry run with
    `indicator_delta` also computes how the indicators at `today` would change (with dbt,
    seconds: see pipelines.ingest.delta); its dbt process starts at once, so that importing
    dbt overlaps reading and validating the file, and is stopped if it is not needed.
    `permitted_projects`: the projects the uploader may write (a project manager's own); rows
    of any other are rejected with their own rule. None: every project."""
    if not (dry_run and indicator_delta):
        return _ingest_bytes(settings, data, file_name, kind, dry_run, today, False, None, permitted_projects)
    from pipelines.ingest.delta import scratch_lock

    with scratch_lock(settings):
        child = _start_delta_child(settings)
        try:
            return _ingest_bytes(settings, data, file_name, kind, dry_run, today, True, child, permitted_projects)
        finally:
            if child is not None:
                child.discard()


def _start_delta_child(settings: Settings):
    """The delta's dbt process (delta.ScratchChild), or None if it cannot be started here:
    then the delta starts its own when it runs, and reports it if that fails too."""
    from pipelines.ingest.delta import ScratchChild

    try:
        return ScratchChild(settings)
    except OSError:
        return None


def _ingest_bytes(
    settings: Settings, data: bytes, file_name: str, kind: str | None, dry_run: bool,
    today: dt.date | None, indicator_delta: bool, delta_child, permitted_projects: frozenset[str] | None,
) -> ImportReport:
    """ingest_bytes; `delta_child` (a delta.ScratchChild or None) for the delta's dbt run."""
    report = ImportReport(
        file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data),
        kind=kind, dry_run=dry_run, received_at=_now(),
    )
    today = today or dt.date.today()
    try:
        check_name(file_name)
        decoded = decode(data)
        report.encoding = decoded.encoding
        strings = read_strings(data, decoded)  # every cell scanned for henkilötunnus
        del decoded
        table = to_table(strings, kind)  # ids and names scanned for codes glued to letters
        del strings  # the cells as read: no longer needed, and as big as the file
    except FileRefused as refusal:
        if refusal.hetu:
            return _refuse_hetu(settings, report)
        return _refuse(settings, report, refusal, data if refusal.store else None)
    if not dry_run:
        ledger.store_blob(settings, report.sha256, data)  # before anything is parsed
    report.kind = table.kind.name
    report.rows_read = table.rows_read

    pending = None
    with writer_lock(settings.lock_path):
        con = ledger.connect_for_reading(settings)
        try:
            ctx = _context(con, table, today, permitted_projects, settings.max_cell_chars)
            previous = ledger.previous_upload(con, report.sha256)
            checked = validate(table, ctx)
            # Only records with the same key can be compared: those of the projects (for
            # targets: scope types) the accepted rows name, not the whole ledger.
            lead = table.kind.key[0]
            current = ledger.current_state(con, table.kind, within=checked.accepted.select(lead))
        finally:
            if con is not None:
                con.close()
        changes = diff(table.kind, checked.accepted, current)
        report.problems = checked.problems
        report.words = words_of(table, checked.problems)
        report.rejected = checked.rejected
        report.inserted, report.updated = changes.inserted, changes.updated
        report.unchanged, report.withdrawn = changes.unchanged, changes.withdrawn
        report.warnings = checked.problems.filter(pl.col("severity") == "warning").height
        report.previous_upload_id = previous[0] if previous else None
        report.outcome = _outcome(report)
        if not dry_run:
            report.upload_id = ledger.apply_upload(
                settings, _upload_row(report), changes.to_store, report.problems,
            )
        elif indicator_delta:
            # The scratch state is read under the lock, from the ledger validated against;
            # dbt then runs outside it, so a dry run never holds up a writer for long.
            pending = _prepare_delta(settings, report, changes.to_store, today, delta_child)
    if pending is not None:
        report.indicator_delta = pending.compute()
    return report


def _prepare_delta(settings: Settings, report: ImportReport, versions: pl.DataFrame, today: dt.date, child):
    from pipelines.ingest import delta

    try:
        return delta.prepare(settings, report.kind, versions, today, _upload_row(report), child)
    except Exception as exc:  # the report stands without its delta
        return delta.Pending(cutoff=today, settings=settings, error=type(exc).__name__)


def _display_name(path: Path) -> str | None:
    return None if contains_hetu(path.name) else path.name


def _read_path(
    settings: Settings, path: Path, kind: str | None, dry_run: bool, today, indicator_delta: bool = False,
) -> ImportReport:
    name = _display_name(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            report = ImportReport(name, digest.hexdigest(), size, kind=kind, dry_run=dry_run, received_at=_now())
            return _refuse(settings, report, FileRefused([FileProblem("file.too_large")]), None)
        data = path.read_bytes()
    except OSError:
        # Nothing was read, so nothing is logged: the report alone says so.
        report = ImportReport(name, None, 0, kind=kind, dry_run=dry_run, received_at=_now())
        report.refusal_reason = "file.not_found"
        report.problems = file_problems([FileProblem("file.not_found")])
        return report
    return ingest_bytes(settings, data, path.name, kind, dry_run, today=today, indicator_delta=indicator_delta)


def ingest_files(
    settings: Settings,
    paths: list[Path],
    kind: str | None = None,
    dry_run: bool = False,
    report_path: Path | None = None,
    out: TextIO = sys.stdout,
    lang: str = "fi",
    *,
    today: dt.date | None = None,
    indicator_delta: bool = False,
) -> int:
    """`impact ingest`: ingest each file, print its report to `out`, optionally save all
    reports (CSV for Excel, or JSON when report_path ends .json). Returns the exit code:
    0 every row accepted, 1 some rows rejected, 2 a file refused whole; the worst over files.
    A dry run with `indicator_delta` adds each file's indicator delta (each file on its own
    against the ledger, as its report is)."""
    reports = []
    for path in paths:
        report = _read_path(settings, Path(path), kind, dry_run, today, indicator_delta)
        reports.append(report)
        out.write(report.format_text(lang))
        out.write("\n")
    if report_path is not None:
        write_reports(reports, Path(report_path))
    return max((r.exit_code for r in reports), default=0)


def _key_values(kind: Kind, project_code: str, record_id: str | None) -> list[str] | None:
    rest: list[str] = []
    if len(kind.key) == 2:
        rest = [record_id or ""]
    elif len(kind.key) > 2:
        rest = (record_id or "").split("/")
    values = [project_code] + rest
    if len(values) != len(kind.key) or not all(v.strip() for v in values):
        return None
    return [v.strip() for v in values]


def withdraw(
    settings: Settings,
    kind: str,
    project_code: str,
    record_id: str | None = None,
) -> ImportReport:
    """`impact withdraw`: store a new version of one record with withdrawn = true.

    The key is given in the contract's key order: `project_code` is its first part and
    `record_id` the rest. For a two-part key record_id is the second part as is (e.g. the
    participant_id); for longer keys it is the remaining parts separated by `/`
    (feedback: "activity_id/respondent_id"; targets: project_code is the scope_type and
    record_id "scope_code/indicator_code/target_date"). For projects record_id is omitted.
    Exit codes as for ingest: 0 withdrawn (or already withdrawn: unchanged), 2 no such record.
    """
    report = ImportReport(WITHDRAW_FILE_NAME, None, 0, kind=kind, received_at=_now())
    if kind not in CONTRACT:
        report.refusal_reason = "file.unknown_kind_name"
        report.problems = file_problems([FileProblem("file.unknown_kind_name")])
        return report
    k = CONTRACT[kind]
    values = _key_values(k, project_code, record_id)
    if values is None:
        report.refusal_reason = "withdraw.bad_key"
        report.problems = file_problems([FileProblem("withdraw.bad_key")])
        return report
    raw = pl.DataFrame({"_row": [None], **{c: [v] for c, v in zip(k.key, values)}},
                       schema={"_row": pl.Int64, **{c: pl.String for c in k.key}})
    key_row = parse_frame(raw, k)[0].select(k.key)
    with writer_lock(settings.lock_path):
        con = ledger.connect_for_reading(settings)
        try:
            current = ledger.current_state(con, k, within=key_row)
        finally:
            if con is not None:
                con.close()
        found = current.join(key_row, on=list(k.key), how="inner")
        if found.height == 0:
            report.refusal_reason = "withdraw.not_found"
            report.problems = file_problems([FileProblem("withdraw.not_found")])
            return report
        report.rows_read = 1
        if found["withdrawn"][0]:
            report.unchanged = 1
            report.outcome = "unchanged"
            return report
        report.withdrawn = 1
        report.outcome = "applied"
        version = found.with_columns(withdrawn=pl.lit(True), source_row=pl.lit(None, pl.Int64))
        report.upload_id = ledger.apply_upload(
            settings, _upload_row(report), version, empty_problems(), withdrawal=True,
        )
    return report

"""Upload ingestion: monitoring-data files (spec: docs/monitoring-data.md) into the
upload ledger.

Public API:
- `ingest_files(settings, paths, kind=None, dry_run=False, report_path=None, out=sys.stdout,
  lang="fi") -> int`: what `impact ingest` runs; returns the exit code (0/1/2).
- `ingest_bytes(settings, data, file_name, kind=None, dry_run=False, indicator_delta=False)
  -> ImportReport`: one upload, with the structured report (for the web page); a dry run with
  `indicator_delta=True` also fills `report.indicator_delta` (pipelines.ingest.delta: the
  changed indicators at today's cut-off as a frame, `.lines()` and `.to_dict()`).
- `withdraw(settings, kind, project_code, record_id=None) -> ImportReport`: `impact withdraw`.
- `history`: `list_uploads`, `stored_report`, `upload_bytes` (`impact uploads`).
- `templates`: `csv_template`, `xlsx_template`, `write_template` (`impact template`).
"""

from pipelines.ingest.report import ImportReport, write_reports
from pipelines.ingest.service import ingest_bytes, ingest_files, withdraw

__all__ = ["ImportReport", "ingest_bytes", "ingest_files", "withdraw", "write_reports"]

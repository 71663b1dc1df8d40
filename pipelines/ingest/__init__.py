"""Upload ingestion: monitoring-data files (spec: shared/spec/monitoring-data.md) into the
upload ledger.

Public API:
- `ingest_files(settings, paths, kind=None, dry_run=False, report_path=None, out=sys.stdout,
  lang="fi") -> int`: what `impact ingest` runs; returns the exit code (0/1/2).
- `ingest_bytes(settings, data, file_name, kind=None, dry_run=False) -> ImportReport`: one
  upload, with the structured report (for the web page).
- `withdraw(settings, kind, project_code, record_id=None) -> ImportReport`: `impact withdraw`.
"""

from pipelines.ingest.report import ImportReport, write_reports
from pipelines.ingest.service import ingest_bytes, ingest_files, withdraw

__all__ = ["ImportReport", "ingest_bytes", "ingest_files", "withdraw", "write_reports"]

"""What `impact demo` prints while it works: a numbered step per stage ('[2/4] Ingesting ...')
and one line per ingested file (its outcome and counts), instead of each file's full import
report. Pure functions from the steps' results to plain lines: no terminal codes. The file
name comes from the demo's own generator, and still goes through pipelines/terminal.py."""

from __future__ import annotations

from pipelines.ingest.report import OUTCOMES
from pipelines.terminal import printable

STEPS = ("generate", "ingest", "build", "serve")
STEP_TEXTS = {
    "generate": "Generating the demo network's monitoring files",
    "ingest": "Ingesting {files} files (a few rows are wrong on purpose, to show the import report)",
    "build": "Building the indicators and exporting the last closed half-year in Dagster "
             "(raw tables -> dbt -> published copy -> exports; a minute or two)",
    "serve": "Starting the service",
}


def step_line(step: str, **values: object) -> str:
    """'[i/n] What happens now...' for one of STEPS."""
    return f"[{STEPS.index(step) + 1}/{len(STEPS)}] {STEP_TEXTS[step].format(**values)}..."


def file_line(summary: dict, position: int, total: int) -> str:
    """One ingested file in one line: '  (3/7) participants.csv: partially applied: some rows
    rejected; 1,040 rows read, 1,036 new, 4 rejected, 2 warnings'. `summary`: an import
    report's summary() (pipelines/ingest/report.py)."""
    outcome = OUTCOMES.get(summary["outcome"], (summary["outcome"], summary["outcome"]))[1]
    counts = [
        f"{summary[field]:,} {words}"
        for field, words in (("rows_read", "rows read"), ("inserted", "new"), ("updated", "updated"),
                             ("unchanged", "unchanged"), ("rejected", "rejected"), ("warnings", "warnings"))
        if summary.get(field) or field == "rows_read"
    ]
    name = printable(str(summary.get("file_name") or "?"))
    width = len(str(total))
    return f"  ({position:>{width}}/{total}) {name}: {outcome}; {', '.join(counts)}"

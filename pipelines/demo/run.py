"""`impact demo`: the whole product on generated data, through the same path as a user's upload.

Generates a realistic network's monitoring files (with a few deliberate errors), ingests them
with `impact ingest`'s code, builds, exports the latest half-year cut-off and serves the
dashboard. Running it again re-ingests identical files, which changes nothing.
"""

from __future__ import annotations

from datetime import date

from pipelines.settings import Settings


def latest_closed_cutoff(today: date) -> date:
    """The most recent 30 June or 31 December on or before today."""
    if today >= date(today.year, 12, 31):
        return date(today.year, 12, 31)
    if today >= date(today.year, 6, 30):
        return date(today.year, 6, 30)
    return date(today.year - 1, 12, 31)


def run_demo(settings: Settings, host: str, port: int, serve: bool = True) -> int:
    from pipelines.warehouse.build import run_build
    from pipelines.demo.data import generate_demo_data
    from pipelines.exports.run import run_export
    from pipelines.ingest import ingest_files

    settings.ensure_dirs()
    input_dir = settings.home / "demo_input"
    files = generate_demo_data(input_dir)
    print(f"Demo data written to {input_dir}. Ingesting {len(files)} files "
          "(a few rows are wrong on purpose, to show the import report)...")
    worst = max(ingest_files(settings, [path]) for path in files)
    if worst == 2:
        print("A demo file was refused whole; stopping.")
        return 1
    print("Building the indicators (Dagster: ingest -> dbt -> publish)...")
    if not run_build(settings):
        print("The build failed; see above.")
        return 1
    cutoff = latest_closed_cutoff(date.today())
    out = settings.exports_dir / cutoff.isoformat()
    for path in run_export(settings, cutoff, out):
        print(f"Exported {path}")
    if not serve:
        return 0
    from dashboards.app import run_server

    print(f"Dashboard: http://{host}:{port}/  (Ctrl-C stops it)")
    run_server(settings, host=host, port=port)
    return 0

"""`impact demo`: the whole product on generated data, through the same paths as a user's.

Generates a realistic network's monitoring files (with a few deliberate errors), ingests them
with `impact ingest`'s code, runs the half-year reporting job in Dagster (the build, then the
official and public exports of the last closed cut-off: a run you find in the Dagster UI) and
serves the service. Running it again re-ingests identical files, which changes nothing, and
the job finds the indicators as they were.
"""

from __future__ import annotations

from pipelines.settings import Settings

HALF_YEAR_JOB = "half_year_reporting"


def run_reporting_job(settings: Settings) -> bool:
    """The half-year reporting job as one Dagster run on the home's instance."""
    from pipelines.orchestration.definitions import build_definitions
    from pipelines.orchestration.resources import ImpactHome
    from pipelines.service.build_runner import QUIET, TAG_TRIGGER
    from pipelines.service.instance import open_instance

    job = build_definitions(ImpactHome.from_settings(settings)).resolve_job_def(HALF_YEAR_JOB)
    result = job.execute_in_process(instance=open_instance(settings), tags={TAG_TRIGGER: "demo"},
                                    raise_on_error=False, run_config=QUIET)
    return result.success


def run_demo(settings: Settings, ports, serve: bool = True) -> int:
    from pipelines.demo.data import generate_demo_data
    from pipelines.ingest import ingest_files
    from pipelines.warehouse.dbt_sources import prepare_manifest

    settings.ensure_dirs()
    input_dir = settings.home / "demo_input"
    files = generate_demo_data(input_dir)
    print(f"Demo data written to {input_dir}. Ingesting {len(files)} files "
          "(a few rows are wrong on purpose, to show the import report)...")
    worst = max(ingest_files(settings, [path]) for path in files)
    if worst == 2:
        print("A demo file was refused whole; stopping.")
        return 1
    print("Building the indicators and exporting the last closed half-year "
          "(a Dagster run: raw tables -> dbt -> published copy -> exports)...")
    prepare_manifest()
    if not run_reporting_job(settings):
        print("The run failed: see the Dagster UI (`impact serve`) or IMPACT_HOME/logs.")
        return 1
    print(f"Exports: {settings.exports_dir}")
    from pipelines.demo.accounts import accounts_text, make_demo_accounts

    print(accounts_text(make_demo_accounts(settings.home)))
    if not serve:
        return 0
    from pipelines.service.supervisor import serve as serve_service

    return serve_service(settings, ports)

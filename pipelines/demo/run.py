"""`impact demo`: the whole product on generated data, through the same paths as a user's.

Generates a realistic network's monitoring files (with a few deliberate errors), ingests them
with `impact ingest`'s code, runs the half-year reporting job in Dagster (the build, then the
official and public exports of the last closed cut-off: a run you find in the Dagster UI) and
serves the service. Running it again re-ingests identical files, which changes nothing, and
the job finds the indicators as they were.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from pipelines.demo.progress import file_line, step_line
from pipelines.settings import Settings

HALF_YEAR_JOB = "half_year_reporting"


def say(line: str) -> None:
    """A progress line, shown at once (make and pipes buffer otherwise)."""
    print(line, flush=True)


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


def ingest_quietly(settings: Settings, path: Path, report_dir: Path) -> dict:
    """One demo file through `impact ingest`'s code, its full import report saved as JSON
    under `report_dir` rather than printed: the report's summary."""
    from pipelines.ingest import ingest_files

    report_path = report_dir / f"{path.stem}.json"
    ingest_files(settings, [path], out=io.StringIO(), report_path=report_path)
    return json.loads(report_path.read_text(encoding="utf-8"))[0]["summary"]


def run_demo(settings: Settings, ports, serve: bool = True) -> int:
    from pipelines.demo.data import generate_demo_data
    from pipelines.warehouse.dbt_sources import prepare_manifest

    settings.ensure_dirs()
    input_dir = settings.home / "demo_input"
    say(step_line("generate"))
    files = generate_demo_data(input_dir)
    say(f"  {len(files)} files in {input_dir}")
    say(step_line("ingest", files=len(files)))
    report_dir = input_dir / "reports"
    summaries = []
    for i, path in enumerate(files, start=1):
        summaries.append(ingest_quietly(settings, Path(path), report_dir))
        say(file_line(summaries[-1], i, len(files)))
    say(f"  The full import reports: {report_dir}")
    if any(s["exit_code"] == 2 for s in summaries):
        say("A demo file was refused whole; stopping.")
        return 1
    say(step_line("build"))
    prepare_manifest()
    if not run_reporting_job(settings):
        say("The run failed: see the Dagster UI (`impact serve`) or IMPACT_HOME/logs.")
        return 1
    say(f"  Exports: {settings.exports_dir}")
    from pipelines.demo.accounts import accounts_text, make_demo_accounts

    say(accounts_text(make_demo_accounts(settings.home)))
    if not serve:
        return 0
    say(step_line("serve"))
    from pipelines.service.supervisor import serve as serve_service

    return serve_service(settings, ports)

"""The service's build runs as the pages and the API show them, read from the Dagster instance
under IMPACT_HOME/dagster: whatever started the run (the build runner after an upload, the
half-year schedule, the Dagster UI), its status, how far it has got, and the uploads it brings in.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from pipelines.service.build_runner import TAG_TRIGGER, TAG_UPLOADS
from pipelines.settings import Settings

BUILD_JOBS = ("build_indicators", "refresh_indicators", "half_year_reporting")
FINISHED = ("SUCCESS", "FAILURE", "CANCELED")


@dataclass(frozen=True)
class BuildRun:
    run_id: str
    job: str
    status: str  # Dagster's run status: QUEUED, STARTING, STARTED, SUCCESS, FAILURE, CANCELED ...
    trigger: str | None
    uploads: str | None  # e.g. "12" or "12-14"
    created_at: datetime
    finished_at: datetime | None
    assets_done: int
    assets_planned: int

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def succeeded(self) -> bool:
        return self.status == "SUCCESS"

    @property
    def progress(self) -> float:
        """The share of the run's assets materialised (1.0 once it has finished)."""
        if self.finished:
            return 1.0
        return self.assets_done / self.assets_planned if self.assets_planned else 0.0

    def to_dict(self) -> dict:
        out = asdict(self)
        out["created_at"] = self.created_at.isoformat()
        out["finished_at"] = self.finished_at.isoformat() if self.finished_at else None
        out["progress"] = round(self.progress, 3)
        return out


def _time(timestamp: float | None) -> datetime | None:
    return None if timestamp is None else datetime.fromtimestamp(timestamp, timezone.utc)


def _counts(instance, run_id: str) -> tuple[int, int]:
    from dagster import DagsterEventType

    done = instance.get_records_for_run(run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION).records
    planned = instance.get_records_for_run(run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION_PLANNED).records
    return len(done), len(planned)


def recent_builds(settings: Settings, limit: int = 10, instance=None) -> list[BuildRun]:
    """The latest build runs, newest first (none when the service has not run yet)."""
    from pipelines.service.instance import dagster_home, open_instance

    if instance is None:
        if not (dagster_home(settings) / "dagster.yaml").exists():
            return []
        instance = open_instance(settings)
    runs = []
    for record in instance.get_run_records(limit=limit * 3):
        run = record.dagster_run
        if run.job_name not in BUILD_JOBS:
            continue
        done, planned = (0, 0) if run.status.value in FINISHED else _counts(instance, run.run_id)
        runs.append(BuildRun(
            run_id=run.run_id, job=run.job_name, status=run.status.value,
            trigger=run.tags.get(TAG_TRIGGER), uploads=run.tags.get(TAG_UPLOADS),
            created_at=record.create_timestamp.astimezone(timezone.utc),
            finished_at=_time(record.end_time), assets_done=done, assets_planned=planned,
        ))
        if len(runs) == limit:
            break
    return runs


def latest_build(settings: Settings, instance=None) -> BuildRun | None:
    found = recent_builds(settings, limit=1, instance=instance)
    return found[0] if found else None

"""The service's build runs as the dashboard follows them. The dashboard starts no build: the
service's build runner (pipelines/service/build_runner.py) notices every applied upload and runs
the build as a Dagster run, tagged with the uploads it brings in. The pages read those runs from
the service's Dagster instance (pipelines/service/runs.py): the upload page follows the run that
brings in the file just applied, and the shell says when the latest build failed.

`upload_build` is a pure function of the runs; `BuildRuns` reads them, opening the instance
once (opening it costs more than a query, and the shell asks every few seconds) and only after
the service has created it, so a dashboard without the service reads no runs and loads no Dagster.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from pipelines.service.instance import DEFAULT_DAGSTER_PORT, dagster_home, open_instance
from pipelines.service.runs import BuildRun, latest_build, recent_builds
from pipelines.settings import Settings

# Runs to look through for the one that brings in an upload: newer ones may have followed it.
RECENT_RUNS = 10


def dagster_ui(environ: Mapping[str, str] = os.environ) -> str:
    """The Dagster UI the service serves (`impact serve`: 127.0.0.1:IMPACT_DAGSTER_PORT)."""
    return f"http://127.0.0.1:{environ.get('IMPACT_DAGSTER_PORT', DEFAULT_DAGSTER_PORT)}"


def run_url(dagster: str, run_id: str) -> str:
    return f"{dagster}/runs/{run_id}"


def brings_in(run: BuildRun, upload_id: int) -> bool:
    """Whether the run's uploads tag ("12" or "12-14") includes `upload_id`."""
    if not run.uploads:
        return False
    first, _, last = run.uploads.partition("-")
    return int(first) <= upload_id <= int(last or first)


@dataclass(frozen=True)
class UploadBuild:
    """How far the build that brings in one applied upload has got."""

    state: str  # waiting (no run has started on it yet) | running | done | failed
    progress: float = 0.0  # 0..1: the share of the running build's assets materialised
    run_id: str | None = None  # the run that brings the upload in, once there is one

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


def upload_build(runs: list[BuildRun], upload_id: int) -> UploadBuild:
    """The build of `upload_id` among `runs` (newest first): the run that brings it in,
    running, done or failed; "waiting" until the build runner has started one (it starts one
    after the build running now, if any)."""
    run = next((run for run in runs if brings_in(run, upload_id)), None)
    if run is None:
        return UploadBuild("waiting")
    if not run.finished:
        return UploadBuild("running", run.progress, run.run_id)
    return UploadBuild("done" if run.succeeded else "failed", 1.0, run.run_id)


class BuildRuns:
    """One per app: the service's build runs under IMPACT_HOME/dagster."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._instance = None
        self._lock = threading.Lock()

    def _opened(self):
        """The service's Dagster instance, or None until the service has created it."""
        with self._lock:
            if self._instance is None and (dagster_home(self.settings) / "dagster.yaml").exists():
                self._instance = open_instance(self.settings)
            return self._instance

    def latest(self) -> BuildRun | None:
        instance = self._opened()
        return None if instance is None else latest_build(self.settings, instance=instance)

    def of_upload(self, upload_id: int) -> UploadBuild:
        instance = self._opened()
        runs = [] if instance is None else recent_builds(self.settings, RECENT_RUNS, instance=instance)
        return upload_build(runs, upload_id)

"""The service's build runner: whenever the published copy no longer shows what the ledger
holds (an upload applied from the page, the API or `impact ingest`; a withdrawal; a new day,
which moves the cut-off series), it runs the build job as a Dagster run in the service's
instance, tagged with the uploads it brings in. The run is Dagster's: its asset
materialisations and check results are recorded as it goes, it shows in the Dagster UI, and
the upload page follows it there.

The runner executes the run in its own, long-lived process (`execute_in_process` on the
persistent instance) rather than asking the daemon to start a process per run: Dagster, dbt
and the parsed dbt project are loaded once, which is most of a small build's time
(docs/performance.md). It notices a change by the ledger files' size and time (a few stat calls
a poll, no lock), then asks the build's own question under the writer lock: is the published
copy built from these inputs (pipelines/warehouse/build_inputs.py)? A run that fails is not
tried again until the inputs change.

    python -m pipelines.service.build_runner    # reads IMPACT_HOME etc.; `impact serve` starts it
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from dataclasses import dataclass
from datetime import date

from pipelines.ingest import ledger
from pipelines.publish.reader import NotPublishedError, PublishedCopy, PublishedCopyError
from pipelines.settings import Settings
from pipelines.warehouse.build import ViewsAndSeeds
from pipelines.warehouse.build_inputs import build_inputs, published_is_current
from pipelines.writer_lock import writer_lock

POLL_SECONDS = 0.2
# The run's events go to the instance; the runner's own output keeps to warnings and errors.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
LOG = logging.getLogger("impact.build_runner")

# Run tags: what the run brings in, and why it ran.
TAG_UPLOADS = "impact/uploads"
TAG_TRIGGER = "impact/trigger"


def ledger_stamp(settings: Settings) -> tuple:
    """What changes when anything is written to the ledger (DuckDB writes its WAL, then the
    file), and the date (the cut-off series runs to today)."""
    stamp: list = [date.today()]
    for path in (settings.ledger_path, settings.ledger_path.with_name(settings.ledger_path.name + ".wal")):
        try:
            info = path.stat()
            stamp.append((info.st_mtime_ns, info.st_size))
        except FileNotFoundError:
            stamp.append(None)
    return tuple(stamp)


def _published_last_upload(settings: Settings) -> int:
    try:
        uploads = PublishedCopy(settings.published_dir).current().table("uploads")
    except (NotPublishedError, PublishedCopyError):
        return 0
    return int(uploads["upload_id"].max() or 0)


def upload_range(first: int, last: int) -> str:
    return "" if last < first else str(first) if first == last else f"{first}-{last}"


@dataclass(frozen=True)
class Wanted:
    """A build the published copy needs: its inputs, and the uploads it brings in."""

    inputs: dict[str, str]
    uploads: str
    job: str  # refresh_indicators while the views and seeds are current, else build_indicators


def wanted_build(settings: Settings) -> Wanted | None:
    """The build the published copy needs, or None when it is current."""
    from pipelines.orchestration.jobs import BUILD_JOB, REFRESH_JOB

    with writer_lock(settings.lock_path):
        inputs = build_inputs(settings)
        if published_is_current(settings, inputs):
            return None
        last = ledger.max_upload_id(settings) or 0
        job = REFRESH_JOB if ViewsAndSeeds(settings).current() else BUILD_JOB
    return Wanted(inputs, upload_range(_published_last_upload(settings) + 1, last), job)


class BuildRunner:
    """Runs the build job in this process whenever the published copy is behind the ledger."""

    def __init__(self, settings: Settings, instance=None):
        from pipelines.orchestration.definitions import build_definitions
        from pipelines.orchestration.resources import ImpactHome
        from pipelines.service.instance import open_instance

        import dbt.cli.main  # noqa: F401  (loaded once, here, rather than in the first run after an upload)

        self.settings = settings
        self.instance = instance or open_instance(settings)
        self.definitions = build_definitions(ImpactHome.from_settings(settings))
        self.failed_inputs: dict[str, str] | None = None

    def run(self, wanted: Wanted, trigger: str) -> bool:
        """One Dagster run of the build job; True when it succeeded."""
        tags = {TAG_TRIGGER: trigger, **({TAG_UPLOADS: wanted.uploads} if wanted.uploads else {})}
        job = self.definitions.resolve_job_def(wanted.job)
        result = job.execute_in_process(instance=self.instance, tags=tags, raise_on_error=False,
                                             run_config=QUIET)
        LOG.info("%s run %s %s", wanted.job, result.run_id, "succeeded" if result.success else "FAILED")
        return result.success

    def run_if_needed(self, trigger: str) -> bool | None:
        """Run when the published copy needs it (None: it did not)."""
        wanted = wanted_build(self.settings)
        if wanted is None or wanted.inputs == self.failed_inputs:
            return None
        ok = self.run(wanted, trigger)
        self.failed_inputs = None if ok else wanted.inputs
        return ok

    def serve(self, stop: threading.Event) -> None:
        """Until `stop`: a run at start if needed, then one after every change of the ledger."""
        seen = ledger_stamp(self.settings)
        self.run_if_needed("start")
        while not stop.wait(POLL_SECONDS):
            stamp = ledger_stamp(self.settings)
            if stamp != seen:
                # Taken before the run: whatever is written during it is seen at the next poll.
                trigger = "upload" if stamp[0] == seen[0] else "new day"
                seen = stamp
                self.run_if_needed(trigger)


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s build runner: %(message)s")
    settings = Settings.from_env()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    BuildRunner(settings).serve(stop)
    return 0


if __name__ == "__main__":
    sys.exit(main())

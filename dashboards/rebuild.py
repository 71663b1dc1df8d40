"""Rebuilds started from the upload page, run in the background with a status to poll.

`BuildRunner.start()` runs `pipelines.warehouse.build.run_build` in a child process (`python -m
dashboards.rebuild`), watched by a thread: the web server stays responsive, dbt and Dagster
do not load into the dashboard process, and the build serialises with `impact build`,
`impact ingest` and Dagster on the same writer lock (run_build takes it). A request during a
build queues exactly one more build, so the last upload is always included. The child's
output goes to IMPACT_HOME/logs/dashboard-build.log, never to the page.

    python -m dashboards.rebuild    # reads IMPACT_HOME like `impact build`; exit 0 ok, 1 failed
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from pipelines.settings import Settings

LOG_NAME = "dashboard-build.log"
DEFAULT_EXPECTED_SECONDS = 40.0


@dataclass
class BuildStatus:
    state: str = "idle"  # idle | running | succeeded | failed
    run: int = 0  # how many builds this runner has started
    started_at: float | None = None
    finished_at: float | None = None
    queued: bool = False  # another build will follow this one
    expected_seconds: float = DEFAULT_EXPECTED_SECONDS  # the last successful build's duration
    log_path: str | None = None

    @property
    def elapsed(self) -> float:
        if self.started_at is None:
            return 0.0
        return (self.finished_at or time.time()) - self.started_at

    @property
    def busy(self) -> bool:
        return self.state == "running" or self.queued

    def progress(self) -> float:
        """A share of the expected duration, capped below 1 until the build is done."""
        if self.state in ("succeeded", "failed"):
            return 1.0
        if self.state != "running":
            return 0.0
        return min(0.95, self.elapsed / max(self.expected_seconds, 1.0))

    def to_dict(self) -> dict:
        return {**asdict(self), "elapsed": self.elapsed, "progress": self.progress()}


def default_command(settings: Settings) -> list[str]:
    return [sys.executable, "-m", "dashboards.rebuild"]


class BuildRunner:
    """One per app: starts builds in the background and reports their status."""

    def __init__(
        self,
        settings: Settings,
        command: Callable[[Settings], list[str]] = default_command,
    ):
        self.settings = settings
        self.command = command
        self._status = BuildStatus()
        self._lock = threading.Lock()

    def status(self) -> BuildStatus:
        with self._lock:
            return BuildStatus(**asdict(self._status))

    def start(self) -> BuildStatus:
        """Start a build now, or queue one after the running build."""
        with self._lock:
            if self._status.state == "running":
                self._status.queued = True
                return BuildStatus(**asdict(self._status))
            self._begin()
            return BuildStatus(**asdict(self._status))

    def _begin(self) -> None:
        # Called with the lock held.
        self._status.state = "running"
        self._status.run += 1
        self._status.started_at = time.time()
        self._status.finished_at = None
        self._status.queued = False
        thread = threading.Thread(target=self._run, name="dashboard-build", daemon=True)
        thread.start()

    def _run(self) -> None:
        log_dir = self.settings.home / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        log_path = log_dir / LOG_NAME
        env = {**os.environ, **self.settings.dbt_env()}
        env["IMPACT_LONG_TERM_UNEMPLOYMENT_RULE"] = self.settings.long_term_unemployment_rule
        if getattr(self.settings, "disclosure_k", None) is not None:
            env["IMPACT_DISCLOSURE_K"] = str(self.settings.disclosure_k)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(Path(__file__).resolve().parents[1]), env.get("PYTHONPATH")) if p
        )
        try:
            with open(log_path, "ab") as log:
                code = subprocess.call(
                    self.command(self.settings),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    env=env,
                    cwd=str(Path(__file__).resolve().parents[1]),
                )
        except OSError:
            code = -1
        with self._lock:
            status = self._status
            status.finished_at = time.time()
            status.state = "succeeded" if code == 0 else "failed"
            status.log_path = str(log_path)
            if code == 0:
                status.expected_seconds = max(5.0, status.finished_at - (status.started_at or 0))
            if status.queued:
                self._begin()


def main() -> int:
    from pipelines.warehouse.build import run_build

    settings = Settings.from_env()
    ok = run_build(settings)
    print("dashboard rebuild: " + ("published" if ok else "FAILED"), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

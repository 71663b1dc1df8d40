"""The service's Dagster instance: persistent, under IMPACT_HOME/dagster (DAGSTER_HOME), where
every build run, its asset materialisations and check results are recorded. The webserver (the
Dagster UI), the daemon (the half-year schedule, runs launched from the UI) and the service's
build runner all use it; they find the code through one code server (workspace.yaml).

Runs launched by the daemon queue one at a time (a build writes the warehouse); the service's
build runner runs its builds in its own process and serialises with them on the writer lock.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.settings import Settings

DEFAULT_DAGSTER_PORT = 3070
DEFAULT_CODE_SERVER_PORT = 3071
LOCATION = "impact"

INSTANCE_YAML = """\
# Written by `impact serve` (pipelines/service/instance.py); changes here are overwritten.
run_coordinator:
  module: dagster.core.run_coordinator
  class: QueuedRunCoordinator
  config:
    max_concurrent_runs: 1
    dequeue_interval_seconds: 1
run_monitoring:
  enabled: true
telemetry:
  enabled: false
"""

WORKSPACE_YAML = """\
# Written by `impact serve`: the webserver and the daemon load the code from the service's code server.
load_from:
  - grpc_server:
      host: 127.0.0.1
      port: {port}
      location_name: {location}
"""


def dagster_home(settings: Settings) -> Path:
    return settings.home / "dagster"


def write_workspace(settings: Settings, code_server_port: int) -> Path:
    """workspace.yaml under IMPACT_HOME/dagster, naming the code server; returns its path."""
    path = dagster_home(settings) / "workspace.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(WORKSPACE_YAML.format(port=code_server_port, location=LOCATION), encoding="utf-8")
    return path


def open_instance(settings: Settings):
    """The home's persistent DagsterInstance, its dagster.yaml written first."""
    from dagster import DagsterInstance

    home = dagster_home(settings)
    config = home / "dagster.yaml"
    if not config.exists() or config.read_text(encoding="utf-8") != INSTANCE_YAML:
        home.mkdir(parents=True, exist_ok=True)
        config.write_text(INSTANCE_YAML, encoding="utf-8")
    return DagsterInstance.from_config(str(home))

"""`impact build`: materialise the whole asset graph in-process under the writer lock."""

from __future__ import annotations

import os

from dagster import DagsterInstance, materialize

from pipelines.dbt_project import prepare_manifest
from pipelines.settings import Settings
from pipelines.writer_lock import writer_lock


def run_build(settings: Settings, log_level: str = "WARNING") -> bool:
    """Ingest -> dbt (models and tests) -> publish. True when every step succeeded."""
    settings.ensure_dirs()
    # dbt runs in a subprocess that reads the warehouse path from the environment.
    os.environ.update(settings.dbt_env())
    with writer_lock(settings.lock_path):
        prepare_manifest()
        # Imported here: loading the definitions needs the dbt manifest prepared above.
        from pipelines.definitions import ALL_ASSETS, resources_for

        with DagsterInstance.ephemeral() as instance:
            result = materialize(
                ALL_ASSETS,
                resources=resources_for(settings),
                instance=instance,
                raise_on_error=False,
                run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
            )
    return result.success

"""The dbt project as Dagster sees it. Kept alone so that preparing it (dbt parse) needs
nothing else from the pipeline; the preparing itself, and running dbt, live in
pipelines/warehouse/dbt_run.py, which needs no Dagster (importing dagster-dbt costs ≈ 2.5 s)."""

from __future__ import annotations

from dagster_dbt import DbtCliResource, DbtProject

from pipelines.warehouse.dbt_run import (  # noqa: F401 (the public names this module always had)
    build_manifest,
    dbt_executable,
    manifest_is_stale,
    prepare_manifest,
)
from pipelines.warehouse.dbt_sources import WATCHED, source_fingerprint  # noqa: F401
from pipelines.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def dbt_resource() -> DbtCliResource:
    """The dbt resource of the definitions: where the project is. The dbt asset runs dbt
    in-process with it (pipelines/orchestration/dbt/assets.py), not through its `cli()` subprocess."""
    return DbtCliResource(
        project_dir=dbt_project,
        profiles_dir=str(dbt_project.profiles_dir),
        dbt_executable=dbt_executable(),
    )

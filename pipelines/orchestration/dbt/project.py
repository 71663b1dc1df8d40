"""The dbt project as Dagster sees it: its parsed manifest.json (pipelines/warehouse/dbt_sources.py
prepares it; `make` does before anything loads the definitions)."""

from __future__ import annotations

from dagster_dbt import DagsterDbtTranslator, DbtProject

from pipelines.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
translator = DagsterDbtTranslator()

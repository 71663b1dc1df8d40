"""Dagster resources. Configuration flows one way: environment -> Settings -> resources."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from dagster import ConfigurableResource
from dagster_dbt import DbtCliResource

from pipelines.dbt_project import dbt_project
from pipelines.settings import Settings


class ImpactHome(ConfigurableResource):
    """Where the pipeline's state lives (IMPACT_HOME) and the indicator settings."""

    home: str
    long_term_unemployment_rule: str = "eu"

    def settings(self) -> Settings:
        return Settings(
            home=Path(self.home).expanduser().resolve(),
            long_term_unemployment_rule=self.long_term_unemployment_rule,
        )


def dbt_executable() -> str:
    """The dbt beside this interpreter (an unactivated venv has no dbt on PATH)."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(
        project_dir=dbt_project,
        profiles_dir=str(dbt_project.profiles_dir),
        dbt_executable=dbt_executable(),
    )

"""Shared fixtures: every test gets its own IMPACT_HOME; the dbt manifest is prepared once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IMPACT = str(Path(sys.executable).with_name("impact"))


@pytest.fixture(scope="session")
def dbt_manifest() -> Path:
    """Dagster loads dbt assets from target/manifest.json: parse the project when it changed."""
    from pipelines.orchestration.dbt.project import dbt_project, prepare_manifest

    prepare_manifest()
    return dbt_project.manifest_path


@pytest.fixture
def impact_home(tmp_path: Path) -> Path:
    home = tmp_path / "impact_home"
    home.mkdir()
    return home


@pytest.fixture
def settings(impact_home: Path) -> Settings:
    return Settings(home=impact_home)


def run_impact(
    home: Path, *args: str, timeout: float = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run the real `impact` console script with its own IMPACT_HOME, as a user would."""
    env = {**os.environ, **(env or {}), "IMPACT_HOME": str(home)}
    env.pop("IMPACT_WAREHOUSE", None)
    return subprocess.run(
        [IMPACT, *args], env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout
    )

"""Shared fixtures: every test gets its own IMPACT_HOME; the dbt manifest is prepared once.
Helpers the tests share live in tests/support/, never here."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.settings import Settings


@pytest.fixture(scope="session")
def dbt_manifest() -> Path:
    """Dagster loads dbt assets from target/manifest.json: parse the project when it changed."""
    from pipelines.warehouse.dbt_sources import prepare_manifest

    return prepare_manifest()


@pytest.fixture
def impact_home(tmp_path: Path) -> Path:
    home = tmp_path / "impact_home"
    home.mkdir()
    return home


@pytest.fixture
def settings(impact_home: Path) -> Settings:
    return Settings(home=impact_home)

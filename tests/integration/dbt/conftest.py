"""The dbt builds the integration tests share, once per session (so once per xdist worker):
`dbt build` on an empty warehouse (with the unit tests) and on the small hand-made network
(data tests only), plus the parse cache that spares each dbt run a fresh parse.

Only fixtures live here; the helpers are in tests/support/dbt_builds.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.dbt_builds import DbtRun, create_raw_warehouse, run_dbt, warehouse_path
from tests.support.small_network import SMALL_DATA


@pytest.fixture(scope="session")
def parse_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("dbt_parse_cache")


@pytest.fixture(scope="session")
def empty_build(tmp_path_factory: pytest.TempPathFactory, parse_cache: Path) -> tuple[Path, DbtRun]:
    home = tmp_path_factory.mktemp("empty_home")
    create_raw_warehouse(home, {})
    return home, run_dbt(home, "build", parse_cache=parse_cache)


@pytest.fixture(scope="session")
def small_build(tmp_path_factory: pytest.TempPathFactory, parse_cache: Path) -> tuple[Path, DbtRun]:
    home = tmp_path_factory.mktemp("small_home")
    create_raw_warehouse(home, SMALL_DATA)
    # the unit tests do not read the warehouse: the empty build runs them
    return home, run_dbt(home, "build", "--exclude-resource-type", "unit_test", parse_cache=parse_cache)


@pytest.fixture(scope="session")
def small_warehouse(small_build: tuple[Path, DbtRun]) -> Path:
    home, run = small_build
    assert run.returncode == 0, run.output[-5000:]
    return warehouse_path(home)

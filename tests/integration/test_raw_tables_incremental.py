"""The raw tables updated in place (pipelines/warehouse/raw_tables.py): after a later upload, a withdrawal
or a re-upload of corrected rows, only the keys with a new version are loaded again, and the
result is row for row what loading the whole ledger gives. A ledger the warehouse was not
loaded from, or `full=True`, loads everything again.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from indicators.contract import CONTRACT
from pipelines.warehouse import raw_tables
from pipelines.ingest.service import ingest_bytes, withdraw
from pipelines.warehouse.build import load_raw
from pipelines.warehouse.raw_tables import load_raw_tables
from pipelines.settings import Settings

from tests.support.paths import FIXTURES

TODAY = dt.date(2025, 6, 1)
PROJECTS = (FIXTURES / "network" / "projects.csv").read_text()
HEADER = "project_code,participant_id,entry_date,gender,age_at_entry,labour_market_status,education_isced\n"
NETWORK = HEADER + "".join(
    f"{project},{prefix}{i},2024-0{1 + i % 8}-15,{'woman' if i % 2 else 'man'},{20 + i},employed,3\n"
    for project, prefix in (("S10001", "P"), ("S10002", "Q"))
    for i in range(1, 21)
)
CORRECTION = (  # one project: two records changed, one new, one the same as before
    HEADER
    + "S10001,P1,2024-02-15,woman,21,inactive,3\n"
    + "S10001,P2,2024-03-15,man,22,employed,6\n"
    + "S10001,P3,2024-04-15,woman,23,employed,3\n"
    + "S10001,P99,2025-01-02,woman,33,inactive,2\n"
)


def _ingest(settings: Settings, text: str, name: str, kind: str) -> None:
    report = ingest_bytes(settings, text.encode(), name, kind, today=TODAY)
    assert report.outcome != "refused", report.problems


def _kind_tables(warehouse: Path) -> dict[str, list[tuple]]:
    """Every kind's raw table as its sorted rows (the columns in the table's order)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {
            name: sorted(con.execute(f"SELECT * FROM raw.{name}").fetchall(), key=repr)
            for name in CONTRACT
        }


def _participants(warehouse: Path) -> pl.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return pl.DataFrame(con.sql("SELECT * FROM raw.participants"))


def _full_load(settings: Settings, tmp_path: Path) -> dict[str, list[tuple]]:
    """The same ledger loaded whole into another warehouse."""
    other = tmp_path / f"full-{len(list(tmp_path.glob('full-*')))}" / "warehouse.duckdb"
    load_raw_tables(settings, warehouse_path=other)
    return _kind_tables(other)


@pytest.fixture()
def loaded(tmp_path: Path) -> Settings:
    settings = Settings(home=tmp_path / "home")
    _ingest(settings, PROJECTS, "projects.csv", "projects")
    _ingest(settings, NETWORK, "participants.csv", "participants")
    load_raw(settings)  # the build's step: the warehouse made with its marker (warehouse/integrity.py)
    return settings


@pytest.fixture()
def updates(monkeypatch) -> list[tuple[str, int]]:
    """The kinds load_raw_tables updated in place, with the upload they were loaded through."""
    calls: list[tuple[str, int]] = []
    real = raw_tables._update_kind

    def spy(con, kind_name, since):
        calls.append((kind_name, since))
        return real(con, kind_name, since)

    monkeypatch.setattr(raw_tables, "_update_kind", spy)
    return calls


def test_a_later_upload_updates_only_its_keys_and_equals_a_full_load(
    loaded: Settings, updates: list, tmp_path: Path
) -> None:
    _ingest(loaded, CORRECTION, "participants_S10001.csv", "participants")
    counts = load_raw_tables(loaded)
    assert ("participants", 2) in updates  # in place, from upload 2 on
    assert _kind_tables(loaded.warehouse_path) == _full_load(loaded, tmp_path)
    assert counts["participants"] == 41
    p1 = _participants(loaded.warehouse_path).filter(pl.col("participant_id") == "P1").row(0, named=True)
    assert p1["labour_market_status"] == "inactive" and p1["upload_id"] == 3


def test_a_withdrawal_and_an_unchanged_ledger(loaded: Settings, updates: list, tmp_path: Path) -> None:
    assert withdraw(loaded, "participants", "S10002", "Q5").withdrawn == 1
    load_raw_tables(loaded)
    assert _kind_tables(loaded.warehouse_path) == _full_load(loaded, tmp_path)
    q5 = _participants(loaded.warehouse_path).filter(pl.col("participant_id") == "Q5").row(0, named=True)
    assert q5["withdrawn"] is True
    before = _kind_tables(loaded.warehouse_path)
    load_raw_tables(loaded)  # nothing new: every kind kept as it is
    assert _kind_tables(loaded.warehouse_path) == before
    assert {kind for kind, _ in updates} == set(CONTRACT)


def test_another_ledger_or_full_loads_everything(loaded: Settings, updates: list, tmp_path: Path) -> None:
    # A different ledger with as many uploads (other bytes): the warehouse was not loaded from it.
    other = Settings(home=tmp_path / "other")
    _ingest(other, PROJECTS, "projects.csv", "projects")
    _ingest(other, NETWORK.replace("employed,3", "employed,4"), "participants.csv", "participants")
    shutil.copyfile(other.ledger_path, loaded.ledger_path)
    load_raw_tables(loaded)
    assert updates == []
    assert _kind_tables(loaded.warehouse_path) == _full_load(loaded, tmp_path)
    assert set(_participants(loaded.warehouse_path)["education_isced"]) == {4}

    _ingest(loaded, CORRECTION, "participants_S10001.csv", "participants")
    load_raw_tables(loaded, full=True)
    assert updates == []
    assert _kind_tables(loaded.warehouse_path) == _full_load(loaded, tmp_path)


@pytest.mark.parametrize("force", [False, True])
def test_the_raw_tables_asset_loads_whole_when_the_build_is_forced(
    loaded: Settings, updates: list, monkeypatch, force: bool
) -> None:
    """A Dagster run loads the raw tables whole when its config says `full`, in place otherwise:
    the asset passes the flag to the build's own step."""
    from dagster import DagsterInstance, RunConfig, materialize

    from pipelines.orchestration.resources import ImpactHome, WriterLock
    from pipelines.orchestration.warehouse import assets as warehouse_assets

    calls = []
    real = raw_tables.load_raw_tables

    def spy(settings, tables, **kwargs):
        calls.append(kwargs)
        return real(settings, tables, **kwargs)

    monkeypatch.setattr(raw_tables, "load_raw_tables", spy)
    _ingest(loaded, CORRECTION, "participants_S10001.csv", "participants")
    config = RunConfig(ops={"raw_tables": warehouse_assets.RawTablesConfig(full=force)})
    with DagsterInstance.ephemeral() as instance:
        result = materialize([warehouse_assets.raw_tables], instance=instance, run_config=config, resources={
            "impact": ImpactHome.from_settings(loaded), "writer_lock": WriterLock(home=str(loaded.home))})
    assert result.success
    assert calls == [{"full": force}]
    assert (updates == []) is force  # forced: nothing updated in place

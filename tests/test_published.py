"""The published copy: snapshots swap atomically and old ones are pruned."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from pipelines.publish.snapshot import NotPublishedError, current_snapshot, publish_snapshot


def _warehouse(path, value):
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE SCHEMA IF NOT EXISTS marts")
        con.execute(f"CREATE OR REPLACE TABLE marts.things AS SELECT {value} AS value")


def test_nothing_published_is_a_clear_error(tmp_path):
    with pytest.raises(NotPublishedError, match="impact build"):
        current_snapshot(tmp_path / "published")


def test_publish_swaps_current_and_keeps_two_versions(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    published = tmp_path / "published"
    versions = []
    for value in (1, 2, 3):
        _warehouse(warehouse, value)
        snap = publish_snapshot(warehouse, published, {"things": "marts.things"}, {"cutoffs": []})
        versions.append(snap.version)
        current = current_snapshot(published)
        assert current.version == snap.version
        assert pl.read_parquet(current.table("things"))["value"][0] == value
        assert current.manifest()["tables"] == {"things": 1}
    remaining = sorted(p.name for p in published.iterdir() if p.is_dir())
    assert remaining == versions[-2:]
    # The warehouse is not left locked: a writer can open it at once.
    with duckdb.connect(str(warehouse)) as con:
        con.execute("SELECT 1")

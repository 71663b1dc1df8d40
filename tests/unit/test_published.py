"""The published copy: snapshots swap atomically, old ones are pruned, and the one reader checks
every table against the columns the build published."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from pipelines.publish.reader import NotPublishedError, PublishedCopy, PublishedCopyError
from pipelines.publish.snapshot import publish_snapshot


def _warehouse(path, value):
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE SCHEMA IF NOT EXISTS marts")
        con.execute(f"CREATE OR REPLACE TABLE marts.things AS SELECT {value} AS value, 'a' AS label")


def test_nothing_published_is_a_clear_error(tmp_path):
    copy = PublishedCopy(tmp_path / "published")
    assert copy.snapshot() is None
    with pytest.raises(NotPublishedError, match="impact build"):
        copy.current()


def test_publish_swaps_current_and_keeps_two_versions(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    published = tmp_path / "published"
    versions = []
    for value in (1, 2, 3):
        _warehouse(warehouse, value)
        snap = publish_snapshot(warehouse, published, {"things": "marts.things"}, {"cutoffs": []})
        versions.append(snap.version)
        current = PublishedCopy(published).current()
        assert current.version == snap.version
        assert current.table("things")["value"][0] == value
        assert current.manifest["tables"] == {"things": 1}
        assert current.manifest["columns"] == {"things": {"value": "INTEGER", "label": "VARCHAR"}}
    remaining = sorted(p.name for p in published.iterdir() if p.is_dir())
    assert remaining == versions[-2:]
    # The warehouse is not left locked: a writer can open it at once.
    with duckdb.connect(str(warehouse)) as con:
        con.execute("SELECT 1")


def test_the_reader_refuses_a_table_that_is_not_as_published(tmp_path):
    warehouse, published = tmp_path / "w.duckdb", tmp_path / "published"
    _warehouse(warehouse, 1)
    snap = publish_snapshot(warehouse, published, {"things": "marts.things"}, {"cutoffs": []})
    pl.DataFrame({"value": [1]}).write_parquet(snap.file("things"))  # a column lost
    with pytest.raises(PublishedCopyError, match="label"):
        PublishedCopy(published).current().table("things")
    with pytest.raises(PublishedCopyError, match="no table"):
        PublishedCopy(published).current().table("other")


def test_a_new_version_shows_at_the_next_call(tmp_path):
    warehouse, published = tmp_path / "w.duckdb", tmp_path / "published"
    copy = PublishedCopy(published)
    _warehouse(warehouse, 1)
    publish_snapshot(warehouse, published, {"things": "marts.things"}, {"cutoffs": []})
    assert copy.current().table("things")["value"][0] == 1
    _warehouse(warehouse, 2)
    publish_snapshot(warehouse, published, {"things": "marts.things"}, {"cutoffs": []})
    assert copy.current().table("things")["value"][0] == 2

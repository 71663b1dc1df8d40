"""A damaged or foreign warehouse is not reused (issue #14, part 5): the build makes it anew
from the ledger (pipelines/warehouse/integrity.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.warehouse.integrity import MARKER_TABLE, create_warehouse, ensure_sound_warehouse, warehouse_damage


def ensure(path: Path, derived: Path) -> tuple[bool, list[str]]:
    said: list[str] = []
    return ensure_sound_warehouse(path, (derived,), said.append), said


def test_ours_is_kept(tmp_path):
    path, derived = tmp_path / "warehouse.duckdb", tmp_path / "definitions.fingerprint"
    assert ensure(path, derived) == (True, [])  # missing: made with its marker
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE raw.participants AS SELECT range AS id FROM range(10)")
    derived.write_text("key")
    assert ensure(path, derived) == (False, [])
    assert derived.exists()


def test_a_foreign_duckdb_file_is_made_anew(tmp_path):
    path, derived = tmp_path / "warehouse.duckdb", tmp_path / "definitions.fingerprint"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE someone_elses AS SELECT 1 AS x")
    derived.write_text("key")
    anew, said = ensure(path, derived)
    assert anew and "not this pipeline's warehouse" in said[0]
    assert not derived.exists()
    with duckdb.connect(str(path)) as con:
        assert con.execute("SELECT table_name FROM information_schema.tables").fetchall() == [("impact_warehouse",)]
    assert warehouse_damage(path) is None


def test_garbage_is_made_anew_and_a_damaged_block_on_request(tmp_path):
    path, derived = tmp_path / "warehouse.duckdb", tmp_path / "definitions.fingerprint"
    path.write_bytes(b"garbage" * 1000)
    anew, said = ensure(path, derived)
    assert anew and "cannot be read" in said[0]

    path.unlink()
    create_warehouse(path)
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE raw.big AS SELECT range AS id, md5(range::VARCHAR) AS h FROM range(300000)")
    size = path.stat().st_size
    with open(path, "r+b") as handle:  # a data block in the middle, not the header or catalog
        handle.seek(size // 2)
        handle.write(b"\xff" * 4096)
    assert warehouse_damage(path) is None  # the quick look every build takes does not read it
    said = []
    assert ensure_sound_warehouse(path, (derived,), said.append, anew=True) and said == []
    with duckdb.connect(str(path)) as con:
        assert con.execute(f"SELECT count(*) FROM {MARKER_TABLE}").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'big'").fetchone()[0] == 0

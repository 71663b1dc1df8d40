"""Whether the warehouse file is this pipeline's and reads whole; if not, it is removed so that
the build makes it anew from the ledger (the warehouse is derived: nothing in it is lost).

"Ours" is a marker table written when the file is created (raw.impact_warehouse). A file
DuckDB cannot open, a valid DuckDB file without the marker (another program's, or one an older
version of this pipeline made), or one with a block whose checksum fails when every table is
read, is not reused. Called under the writer lock, before the raw tables are loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

MARKER_TABLE = "raw.impact_warehouse"
MARKER = "esf-impact-indicators warehouse"


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def _marked(con: duckdb.DuckDBPyConnection) -> bool:
    present = con.execute(
        "SELECT count(*) FROM information_schema.tables"
        " WHERE table_schema = 'raw' AND table_name = 'impact_warehouse'"
        " AND table_catalog = current_database()"
    ).fetchone()[0]
    return bool(present) and con.execute(
        f"SELECT count(*) FROM {MARKER_TABLE} WHERE marker = ?", [MARKER]).fetchone()[0] == 1


def opens_as_ours(path: Path) -> bool:
    """The quick look (no table read): the file opens and carries our marker."""
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return _marked(con)
    except duckdb.Error:
        return False


def warehouse_damage(path: Path) -> str | None:
    """None when `path` is our warehouse and every table of it reads; else what is wrong."""
    try:
        with duckdb.connect(str(path)) as con:
            if not _marked(con):
                return f"it is not this pipeline's warehouse (no {MARKER_TABLE} marker)"
            tables = con.execute(
                "SELECT table_schema, table_name FROM information_schema.tables"
                " WHERE table_type = 'BASE TABLE' AND table_catalog = current_database()"
            ).fetchall()
            for schema, table in tables:  # every block read: its checksum verified
                con.execute(f'SELECT count(*), bit_xor(hash(t)) FROM "{schema}"."{table}" AS t').fetchall()
    except duckdb.Error as exc:
        return f"it cannot be read ({_first_line(exc)})"
    return None


def create_warehouse(path: Path) -> None:
    """A new, empty warehouse with its marker."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE SCHEMA IF NOT EXISTS raw")
        con.execute(f"CREATE TABLE {MARKER_TABLE} (marker VARCHAR)")
        con.execute(f"INSERT INTO {MARKER_TABLE} VALUES (?)", [MARKER])


def remove_warehouse(path: Path, derived: tuple[Path, ...]) -> None:
    """The warehouse file, its write-ahead log and the files that describe what it holds."""
    for p in (path, path.with_name(path.name + ".wal"), *derived):
        p.unlink(missing_ok=True)


def ensure_sound_warehouse(path: Path, derived: tuple[Path, ...], say: Callable[[str], None]) -> bool:
    """Keep the warehouse at `path` when it is ours and sound, else remove it (and `derived`,
    the files that describe its content: without their warehouse they describe nothing) and
    create it empty. True when it was made anew."""
    if path.exists():
        damage = warehouse_damage(path)
        if damage is None:
            return False
        say(f"The warehouse {path} is not usable: {damage}. It is made anew from the ledger. / "
            "Tietovarasto ei ole käyttökelpoinen: se koostetaan uudelleen kirjanpidosta.")
    remove_warehouse(path, derived)
    create_warehouse(path)
    return True

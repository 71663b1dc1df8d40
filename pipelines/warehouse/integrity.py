"""Whether the warehouse file is this pipeline's; if not, it is removed so that the build makes it
anew from the ledger (the warehouse is derived: nothing in it is lost).

"Ours" is a marker table written when the file is created (raw.impact_warehouse). A file DuckDB
cannot open, or a valid DuckDB file without the marker (another program's, or one an older
version of this pipeline made), is never reused. That look costs milliseconds, so every build
takes it. A file that opens but has a damaged block further in is found only when a build reads
that block (DuckDB checks each block's checksum) and fails; `impact build --force`, which builds
every table, view and seed anyway, always starts from a new file, so it repairs that too
(reading every block on every build would cost seconds at 1M participants).
Called under the writer lock, before the raw tables are loaded.
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


def warehouse_damage(path: Path) -> str | None:
    """None when `path` opens as our warehouse; else what is wrong."""
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            if not _marked(con):
                return f"it is not this pipeline's warehouse (no {MARKER_TABLE} marker)"
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


def ensure_sound_warehouse(path: Path, derived: tuple[Path, ...], say: Callable[[str], None],
                           anew: bool = False) -> bool:
    """Keep the warehouse at `path` when it is ours, else remove it (and `derived`, the files
    that describe its content: without their warehouse they describe nothing) and create it
    empty; with `anew`, whatever it is. True when it was made anew."""
    if path.exists() and not anew:
        damage = warehouse_damage(path)
        if damage is None:
            return False
        say(f"The warehouse {path} is not usable: {damage}. It is made anew from the ledger. / "
            "Tietovarasto ei ole käyttökelpoinen: se koostetaan uudelleen kirjanpidosta.")
    remove_warehouse(path, derived)
    create_warehouse(path)
    return True

"""`impact check`: is the ledger, the system of record, whole, and are the uploads' bytes there?

Under the writer lock (no writer changes the ledger meanwhile), read-only:
- the ledger opens, and holds the tables indicators/ledger_schema.py lays out, with their columns;
- every row of every table reads (DuckDB verifies each block's checksum as it reads it);
- upload ids are unique; every version, problem and refusal names an upload that exists, and a
  version's upload is of its kind;
- every upload is either a file or a withdrawal: a file's bytes are under blobs/<sha256> (a
  refused file's only when they were kept) and hash to it; a withdrawal (no bytes) has its
  `withdrawals` row, with the key of the one version it stored, withdrawn;
- every blob's bytes hash to its name.
Each problem is one line; none means sound. Leftovers of an interrupted blob write
(blobs/.incoming-*) and blobs no upload names (bytes stored before a transaction that failed)
are not damage.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb

from indicators.contract import CONTRACT
from indicators.ledger_schema import ledger_tables, record_key_sql
from pipelines.settings import Settings
from pipelines.writer_lock import writer_lock

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


def table_problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Missing tables and columns against the schema (extra ones are not damage)."""
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns"
        " WHERE table_catalog = current_database() AND table_schema = 'main'"
    ).fetchall()
    present: dict[str, dict[str, str]] = {}
    for table, column, data_type in rows:
        present.setdefault(table, {})[column] = data_type
    problems = []
    for table, columns in ledger_tables().items():
        if table not in present:
            problems.append(f"ledger: table {table} is missing")
            continue
        for name, sql_type in columns:
            found = present[table].get(name)
            if found is None:
                problems.append(f"ledger: table {table} has no column {name}")
            elif found.upper() != sql_type.upper():
                problems.append(f"ledger: {table}.{name} is {found}, not {sql_type}")
    return problems


def unreadable_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    problems = []
    for table in ledger_tables():
        try:
            con.execute(f'SELECT count(*), bit_xor(hash(t)) FROM main."{table}" AS t').fetchall()
        except duckdb.Error as exc:
            problems.append(f"ledger: table {table} cannot be read ({_first_line(exc)})")
    return problems


def reference_problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    problems = []
    duplicated = _count(con, "SELECT count(*) FROM (SELECT upload_id FROM uploads GROUP BY ALL HAVING count(*) > 1)")
    if duplicated:
        problems.append(f"ledger: {duplicated} upload id(s) used more than once")
    for name in CONTRACT:
        table = f"{name}_versions"
        orphans = _count(con, f"SELECT count(*) FROM {table} ANTI JOIN uploads USING (upload_id)")
        if orphans:
            problems.append(f"ledger: {orphans} {name} version(s) name an upload that does not exist")
        other = _count(con, f"SELECT count(*) FROM {table} JOIN uploads USING (upload_id)"
                            f" WHERE uploads.kind IS DISTINCT FROM '{name}'")
        if other:
            problems.append(f"ledger: {other} {name} version(s) belong to an upload of another kind")
    for table in ("problems", "refusals"):
        orphans = _count(con, f"SELECT count(*) FROM {table} WHERE upload_id IS NOT NULL"
                              f" AND upload_id NOT IN (SELECT upload_id FROM uploads)")
        if orphans:
            problems.append(f"ledger: {orphans} row(s) of {table} name an upload that does not exist")
    return problems


def withdrawal_problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every upload without bytes is a recorded withdrawal of the one version it stored."""
    problems = []
    rows = con.execute(
        "SELECT u.upload_id, u.kind, count(w.upload_id), any_value(w.kind), any_value(w.record_key)"
        " FROM uploads AS u LEFT JOIN withdrawals AS w USING (upload_id)"
        " WHERE u.sha256 IS NULL GROUP BY ALL ORDER BY u.upload_id"
    ).fetchall()
    for upload_id, kind, recorded, w_kind, record_key in rows:
        if recorded != 1 or w_kind != kind or kind not in CONTRACT:
            problems.append(f"ledger: upload #{upload_id} has no bytes and is not one recorded withdrawal")
            continue
        versions = con.execute(
            f"SELECT {record_key_sql(kind)}, withdrawn FROM {kind}_versions WHERE upload_id = ?", [upload_id]
        ).fetchall()
        if versions != [(record_key, True)]:
            problems.append(f"ledger: withdrawal #{upload_id} does not match the version it stored")
    strays = con.execute(
        "SELECT w.upload_id FROM withdrawals AS w LEFT JOIN uploads AS u USING (upload_id)"
        " WHERE u.upload_id IS NULL OR u.sha256 IS NOT NULL ORDER BY 1"
    ).fetchall()
    problems += [f"ledger: withdrawal #{r[0]} names no upload without bytes" for r in strays]
    return problems


def ledger_problems(settings: Settings) -> tuple[list[str], list[tuple[int, str, str]]]:
    """The ledger's problems, and its uploads with bytes: (upload_id, sha256, outcome)."""
    try:
        with duckdb.connect(str(settings.ledger_path), read_only=True) as con:
            problems = table_problems(con)
            if problems:
                return problems, []
            problems = unreadable_tables(con)
            if problems:
                return problems, []
            problems = reference_problems(con) + withdrawal_problems(con)
            files = con.execute(
                "SELECT upload_id, sha256, outcome FROM uploads WHERE sha256 IS NOT NULL ORDER BY upload_id"
            ).fetchall()
    except duckdb.Error as exc:
        return [f"ledger {settings.ledger_path}: cannot be read ({_first_line(exc)})"], []
    return problems, files


def blob_problems(blobs_dir: Path, files: list[tuple[int, str, str]]) -> list[str]:
    problems = []
    checked: dict[str, bool] = {}  # sha256 -> its blob is there and sound

    def sound(sha256: str) -> bool | None:
        """True/False: the blob is there and does/doesn't hash to its name; None: not there."""
        if sha256 not in checked:
            path = blobs_dir / sha256
            if not path.is_file():
                return None
            checked[sha256] = file_sha256(path) == sha256
        return checked[sha256]

    for upload_id, sha256, outcome in files:
        state = sound(sha256)
        if state is None and outcome != "refused":
            problems.append(f"blobs: the bytes of upload #{upload_id} (blobs/{sha256}) are missing")
        elif state is False:
            problems.append(f"blobs: blobs/{sha256} of upload #{upload_id} does not hash to its name: damaged")
    named = {sha for _, sha, _ in files}
    if blobs_dir.is_dir():
        for path in sorted(blobs_dir.iterdir()):
            if path.name not in named and _SHA256.match(path.name) and sound(path.name) is False:
                problems.append(f"blobs: blobs/{path.name} does not hash to its name: damaged")
    return problems


def check_home(settings: Settings) -> list[str]:
    """Every problem of the ledger and the blobs under IMPACT_HOME, one line each."""
    if not settings.ledger_path.exists():
        return blob_problems(settings.blobs_dir, [])
    with writer_lock(settings.lock_path):
        problems, files = ledger_problems(settings)
    return problems + blob_problems(settings.blobs_dir, files)

"""The upload ledger (Settings.ledger_path), the system of record, and the blob store.

Tables: `uploads`, `<kind>_versions` for each kind, `problems`, `refusals`, `withdrawals`
(layouts in indicators.ledger_schema). The current state of a kind is its latest version per
key (highest upload_id). Every upload is either a file (its bytes under blobs/<sha256>) or a
withdrawal (a `withdrawals` row with the record's key): the ledger can be replayed from them. Every connection is opened with `with duckdb.connect(...)` and closed at once: dbt
and the web page need the file lock too. Callers hold `writer_lock` around anything here.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl

from indicators.contract import CONTRACT, Kind
from indicators.ledger_schema import (
    PROBLEMS_COLUMNS,
    REFUSALS_COLUMNS,
    UPLOADS_COLUMNS,
    WITHDRAWALS_COLUMNS,
    column_definitions,
    create_columns_table_sql,
    create_table_sql,
    create_uploads_table_sql,
    record_key_sql,
)
from pipelines.ingest.parse import POLARS_TYPES
from pipelines.settings import Settings

# Test hook: called inside the apply transaction just before COMMIT. Tests set it in a
# subprocess to kill the process mid-transaction; it is None in normal use.
before_commit: Callable[[], None] | None = None


class ArrowStream:
    """A polars frame as an Arrow C stream (the PyCapsule interface), for `con.register`.
    Given a polars frame itself, DuckDB converts it with pyarrow, whose import alone costs
    ≈ 50 ms of every `impact ingest`; a stream needs no pyarrow (each scan opens a new one)."""

    def __init__(self, frame: pl.DataFrame):
        self._frame = frame

    def __arrow_c_stream__(self, requested_schema=None):
        return self._frame.__arrow_c_stream__(requested_schema)


def query_frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    """A query's result as a polars frame through the Arrow C stream (no pyarrow, unlike
    `.pl()`)."""
    return pl.DataFrame(con.sql(sql, params=params))


def versions_table(kind_name: str) -> str:
    return f"{kind_name}_versions"


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(create_uploads_table_sql("uploads"))
    for name in CONTRACT:
        con.execute(create_table_sql(versions_table(name), name))
    _add_new_columns(con)
    con.execute(create_columns_table_sql("problems", PROBLEMS_COLUMNS))
    con.execute(create_columns_table_sql("refusals", REFUSALS_COLUMNS))
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()"
    ).fetchall()}
    if "withdrawals" not in tables:
        con.execute("BEGIN TRANSACTION")
        con.execute(create_columns_table_sql("withdrawals", WITHDRAWALS_COLUMNS))
        # A ledger from before the table: its withdrawals are the uploads without bytes (one
        # version each, withdrawn), recorded now from those versions.
        for name in CONTRACT:
            con.execute(
                f"INSERT INTO withdrawals SELECT v.upload_id, '{name}', {record_key_sql(name)}"
                f" FROM {versions_table(name)} AS v JOIN uploads AS u USING (upload_id)"
                f" WHERE u.sha256 IS NULL ORDER BY v.upload_id"
            )
        con.execute("COMMIT")


def _missing_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(versions table, column, SQL type) of every contract column the ledger lacks."""
    present = set(con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_catalog = current_database()"
    ).fetchall())
    return [
        (versions_table(name), column, sql_type)
        for name in CONTRACT
        for column, sql_type in column_definitions(CONTRACT[name])
        if (versions_table(name), column) not in present
    ]


def _add_new_columns(con: duckdb.DuckDBPyConnection) -> None:
    """A ledger from before a contract version that added optional columns to a kind (1.1:
    the activities' Pact columns) gets them, empty in its older versions: inserts name their
    columns, so their place at the end does not matter. Runs after the CREATE TABLEs."""
    for table, column, sql_type in _missing_columns(con):
        con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}")


def record_withdrawal(con: duckdb.DuckDBPyConnection, kind_name: str, upload_id: int) -> None:
    """The `withdrawals` row of upload `upload_id`, from the one version it stored."""
    con.execute(
        f"INSERT INTO withdrawals SELECT upload_id, '{kind_name}', {record_key_sql(kind_name)}"
        f" FROM {versions_table(kind_name)} WHERE upload_id = ?",
        [upload_id],
    )


def typed_schema(kind: Kind) -> dict[str, pl.DataType]:
    return {c.name: POLARS_TYPES[c.type] for c in kind.columns}


WITHIN = "within_keys"  # the name `current_state(within=...)` is registered under


def _current_sql(kind: Kind, within: list[str] | None = None) -> str:
    cols = ", ".join(c.name for c in kind.columns)
    keys = ", ".join(kind.key)
    # Filtering on key columns before the window picks the same latest versions: each
    # partition (one key) is either kept whole or dropped whole.
    semi = f"SEMI JOIN {WITHIN} USING ({', '.join(within)}) " if within else ""
    return (
        f"SELECT {cols} FROM {versions_table(kind.name)} {semi}"
        f"QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY upload_id DESC) = 1"
    )


def current_state(
    con: duckdb.DuckDBPyConnection | None, kind: Kind, within: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Latest version per key of one kind, withdrawn records included.

    With `within` (a frame of some of the key's columns, e.g. the project codes of an upload),
    only the records whose key matches one of its rows: an upload is compared with the
    current versions of its own projects, not with the whole ledger."""
    schema = typed_schema(kind)
    if con is None:
        return pl.DataFrame(schema=schema)
    if within is None:
        frame = query_frame(con, _current_sql(kind))
    else:
        assert set(within.columns) <= set(kind.key), within.columns
        within = within.unique().drop_nulls()
        if within.height == 0:
            return pl.DataFrame(schema=schema)
        con.register(WITHIN, ArrowStream(within))
        try:
            frame = query_frame(con, _current_sql(kind, within.columns))
        finally:
            con.unregister(WITHIN)
    return frame.cast(schema) if frame.height else pl.DataFrame(schema=schema)


def connect_for_reading(settings: Settings):
    """A read-only connection, or None when there is no ledger yet (nothing uploaded). A ledger
    from before the contract's latest tables or columns gets them first (callers hold the
    writer lock), so that what reads it, an upload's comparison with the current versions
    among them, finds every column of the contract."""
    if not settings.ledger_path.exists():
        return None
    con = duckdb.connect(str(settings.ledger_path), read_only=True)
    if not _missing_columns(con):
        return con
    con.close()
    with duckdb.connect(str(settings.ledger_path)) as writable:
        ensure_tables(writable)
    return duckdb.connect(str(settings.ledger_path), read_only=True)


def max_upload_id(settings: Settings) -> int | None:
    """The last upload's id (0 when the ledger has none yet); None without a ledger."""
    con = connect_for_reading(settings)
    if con is None:
        return None
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "uploads" not in tables:
            return None
        return con.execute("SELECT coalesce(max(upload_id), 0) FROM uploads").fetchone()[0]
    finally:
        con.close()


def connect_for_writing(settings: Settings) -> duckdb.DuckDBPyConnection:
    settings.uploads_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(settings.ledger_path))
    ensure_tables(con)
    return con


def previous_upload(con: duckdb.DuckDBPyConnection | None, sha256: str) -> tuple[int, dt.datetime] | None:
    if con is None:
        return None
    rows = con.execute(
        "SELECT upload_id, received_at FROM uploads WHERE sha256 = ? AND outcome <> 'refused' "
        "ORDER BY upload_id LIMIT 1",
        [sha256],
    ).fetchall()  # fetched to the end: the connection is used again
    return (int(rows[0][0]), rows[0][1]) if rows else None


def _next_upload_id(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT coalesce(max(upload_id), 0) + 1 FROM uploads").fetchone()[0])


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, columns: list[str]) -> None:
    if frame.height == 0:
        return
    con.register("incoming_frame", ArrowStream(frame.select(columns)))
    try:
        cols = ", ".join(columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM incoming_frame")
    finally:
        con.unregister("incoming_frame")


def apply_upload(
    settings: Settings,
    upload: dict,
    versions: pl.DataFrame | None,
    problems: pl.DataFrame,
    refusal_reason: str | None = None,
    withdrawal: bool = False,
) -> int:
    """Write one upload in ONE transaction: its `uploads` row, its new versions (contract
    columns + source_row; upload_id is added here), its problems, for a refused file its
    `refusals` row and for a `withdrawal` (one version, no bytes) its `withdrawals` row.
    Returns the new upload_id. Nothing is written if anything fails, and the error raised is
    the first one (a failed COMMIT has ended the transaction already: no ROLLBACK after it)."""
    kind_name = upload.get("kind")
    with connect_for_writing(settings) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            upload_id = _next_upload_id(con)
            row = dict(upload, upload_id=upload_id)
            names = [n for n, _ in UPLOADS_COLUMNS]
            con.execute(
                f"INSERT INTO uploads ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
                [row.get(n) for n in names],
            )
            if versions is not None and versions.height:
                kind = CONTRACT[kind_name]
                cols = [n for n, _ in column_definitions(kind)]
                _insert(
                    con, versions_table(kind_name),
                    versions.with_columns(upload_id=pl.lit(upload_id, pl.Int64)), cols,
                )
            _insert(
                con, "problems", problems.with_columns(upload_id=pl.lit(upload_id, pl.Int64)),
                [n for n, _ in PROBLEMS_COLUMNS],
            )
            if refusal_reason is not None:
                con.execute(
                    "INSERT INTO refusals (refused_at, sha256, size_bytes, reason, upload_id) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [upload["received_at"], upload["sha256"], upload["size_bytes"], refusal_reason, upload_id],
                )
            if withdrawal:
                record_withdrawal(con, kind_name, upload_id)
            if before_commit is not None:
                before_commit()
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    return upload_id


def record_hetu_refusal(settings: Settings, sha256: str, size_bytes: int, at: dt.datetime) -> None:
    """The only trace of a file refused for a henkilötunnus: no name, no bytes, no problems."""
    with connect_for_writing(settings) as con:
        con.execute(
            "INSERT INTO refusals (refused_at, sha256, size_bytes, reason, upload_id) "
            "VALUES (?, ?, ?, 'file.henkilotunnus', NULL)",
            [at, sha256, size_bytes],
        )


def store_blob(settings: Settings, sha256: str, data: bytes) -> Path:
    """Content-addressed and atomic: a temporary file in the same folder, then os.replace."""
    settings.blobs_dir.mkdir(parents=True, exist_ok=True)
    target = settings.blobs_dir / sha256
    if target.exists() and target.stat().st_size == len(data):
        return target
    fd, tmp = tempfile.mkstemp(dir=settings.blobs_dir, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target

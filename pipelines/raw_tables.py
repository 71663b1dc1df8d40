"""The warehouse's `raw` schema from the upload ledger: each key's latest version of every
uploaded record, the rows the dbt models (the `monitoring` source) read.

Kept apart from the Dagster asset (pipelines/assets/ingest.py) so that code which only needs
the tables, such as the dry run's indicator delta, does not import Dagster.
"""

from collections.abc import Mapping

import duckdb
import polars as pl

from indicators.contract import CONTRACT
from indicators.ledger_schema import (
    UPLOADS_COLUMNS,
    column_definitions,
    create_table_sql,
    create_uploads_table_sql,
)

RAW_TABLES = (*CONTRACT, "uploads")


def latest_versions_sql(kind_name: str, source: str) -> str:
    """The latest version of each key: highest upload, then the last row of that upload."""
    kind = CONTRACT[kind_name]
    columns = ", ".join(name for name, _ in column_definitions(kind))
    key = ", ".join(kind.key)
    return (
        f"SELECT {columns} FROM ("
        f" SELECT *, row_number() OVER ("
        f"  PARTITION BY {key} ORDER BY upload_id DESC, source_row DESC) AS version_rank"
        f" FROM {source}) AS versions WHERE version_rank = 1"
    )


def _ledger_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'ledger'"
    ).fetchall()
    return {r[0] for r in rows}


def load_raw_tables(
    settings,
    tables: tuple[str, ...] = RAW_TABLES,
    *,
    warehouse_path=None,
    pending: Mapping[str, pl.DataFrame] | None = None,
) -> dict[str, int]:
    """Replace warehouse raw.<table> from the ledger in one transaction; returns row counts.

    For the dry run's indicator delta: `warehouse_path` loads a scratch warehouse instead, and
    `pending` ({kind: versions not stored yet, with the ledger's version columns}, and
    "uploads": their upload's row) are applied on top of the ledger, as if it had been stored.
    """
    warehouse_path = warehouse_path or settings.warehouse_path
    warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    pending = pending or {}
    counts: dict[str, int] = {}
    # Row order in raw.* means nothing (dbt reads them as sets; the latest version is chosen
    # by ORDER BY): not keeping it lets DuckDB write in parallel, 3.4 s -> 2.0 s at 1M rows.
    with duckdb.connect(str(warehouse_path), config={"preserve_insertion_order": False}) as con:
        ledger_exists = settings.ledger_path.exists()
        if ledger_exists:
            con.execute(f"ATTACH '{settings.ledger_path}' AS ledger (READ_ONLY)")
        available = _ledger_tables(con) if ledger_exists else set()
        # One transaction: dbt never sees some kinds refreshed and others not.
        con.execute("BEGIN TRANSACTION")
        con.execute("CREATE SCHEMA IF NOT EXISTS raw")
        for table in tables:
            con.execute(f"DROP TABLE IF EXISTS raw.{table}")
            if table == "uploads":
                con.execute(create_uploads_table_sql("raw.uploads"))
                cols = ", ".join(name for name, _ in UPLOADS_COLUMNS)
                if "uploads" in available:
                    con.execute(f"INSERT INTO raw.uploads SELECT {cols} FROM ledger.main.uploads")
                if "uploads" in pending:
                    con.register("pending_uploads", pending["uploads"].select(cols.split(", ")).to_arrow())
                    con.execute(f"INSERT INTO raw.uploads SELECT {cols} FROM pending_uploads")
            else:
                con.execute(create_table_sql(f"raw.{table}", table))
                sources = []
                if f"{table}_versions" in available:
                    sources.append(f"ledger.main.{table}_versions")
                if table in pending:
                    cols = [name for name, _ in column_definitions(CONTRACT[table])]
                    con.register(f"pending_{table}", pending[table].select(cols).to_arrow())
                    sources.append(f"pending_{table}")
                if sources:
                    union = " UNION ALL BY NAME ".join(f"SELECT * FROM {s}" for s in sources)
                    con.execute(
                        f"INSERT INTO raw.{table} " + latest_versions_sql(table, f"({union})")
                    )
            counts[table] = con.execute(f"SELECT count(*) FROM raw.{table}").fetchone()[0]
        con.execute("COMMIT")
    return counts

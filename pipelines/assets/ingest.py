"""Ingest assets: load the current version of every uploaded record from the upload ledger
into the warehouse's `raw` schema, which dbt reads as the `monitoring` source.

The ledger (written by `impact ingest`) keeps every version of every record with the upload it
came from; here each key's latest version becomes the row the indicators see. The warehouse is
derived state: this asset can rebuild it from the ledger at any time.
"""

import duckdb
from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, multi_asset

from indicators.contract import CONTRACT
from indicators.ledger_schema import (
    UPLOADS_COLUMNS,
    column_definitions,
    create_table_sql,
    create_uploads_table_sql,
)
from pipelines.resources import ImpactHome

RAW_TABLES = (*CONTRACT, "uploads")


def raw_asset_key(table: str) -> AssetKey:
    return AssetKey(["raw", table])


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


def load_raw_tables(settings, tables: tuple[str, ...] = RAW_TABLES) -> dict[str, int]:
    """Replace warehouse raw.<table> from the ledger in one transaction; returns row counts."""
    settings.warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with duckdb.connect(str(settings.warehouse_path)) as con:
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
                if "uploads" in available:
                    cols = ", ".join(name for name, _ in UPLOADS_COLUMNS)
                    con.execute(f"INSERT INTO raw.uploads SELECT {cols} FROM ledger.main.uploads")
            else:
                con.execute(create_table_sql(f"raw.{table}", table))
                if f"{table}_versions" in available:
                    con.execute(
                        f"INSERT INTO raw.{table} "
                        + latest_versions_sql(table, f"ledger.main.{table}_versions")
                    )
            counts[table] = con.execute(f"SELECT count(*) FROM raw.{table}").fetchone()[0]
        con.execute("COMMIT")
    return counts


@multi_asset(
    specs=[
        AssetSpec(
            raw_asset_key(table),
            group_name="ingest",
            description=(
                "Uploads applied to the ledger, one row per upload."
                if table == "uploads"
                else f"Current version of every {table} record (latest upload per key)."
            ),
            kinds={"duckdb"},
        )
        for table in RAW_TABLES
    ],
    can_subset=True,
)
def raw_tables(context: AssetExecutionContext, impact: ImpactHome):
    selected = tuple(t for t in RAW_TABLES if raw_asset_key(t) in context.selected_asset_keys)
    counts = load_raw_tables(impact.settings(), selected)
    for table in selected:
        yield MaterializeResult(
            asset_key=raw_asset_key(table), metadata={"rows": counts[table]}
        )

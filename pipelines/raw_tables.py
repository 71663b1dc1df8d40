"""The warehouse's `raw` schema from the upload ledger: each key's latest version of every
uploaded record, the rows the dbt models (the `monitoring` source) read, and three summaries
for the data-quality marts (the `ledger` source, models/marts/quality/; see SUMMARY_TABLES).

Kept apart from the Dagster asset (pipelines/assets/ingest.py) so that code which only needs
the tables, such as the dry run's indicator delta, does not import Dagster.
"""

from collections.abc import Mapping

import duckdb
import polars as pl

from indicators.contract import CONTRACT, Kind
from indicators.ledger_schema import (
    UPLOADS_COLUMNS,
    column_definitions,
    create_table_sql,
    create_uploads_table_sql,
)

# Summaries of the ledger the dashboard's data-quality page needs, generated from the contract.
# None holds a cell value, a participant or other record id, or a message: only codes and counts
# (and, in upload_problems, row numbers, which stay in the warehouse: the marts count them).
SUMMARY_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    # Every record version an upload stored (all versions, superseded ones too), per project.
    "upload_projects": (
        ("upload_id", "BIGINT"),
        ("kind", "VARCHAR"),
        ("project_code", "VARCHAR"),
        ("records", "BIGINT"),
    ),
    # The ledger's problems without their values and messages.
    "upload_problems": (
        ("upload_id", "BIGINT"),
        ("row_number", "BIGINT"),  # NULL for a file-level problem
        ("column_name", "VARCHAR"),
        ("rule_id", "VARCHAR"),
        ("severity", "VARCHAR"),
    ),
    # Per kind x project x optional column: current, not withdrawn records and how many have it.
    "optional_fields_filled": (
        ("kind", "VARCHAR"),
        ("project_code", "VARCHAR"),
        ("column_name", "VARCHAR"),
        ("records", "BIGINT"),
        ("filled", "BIGINT"),
    ),
}
SUMMARY_TABLES = tuple(SUMMARY_COLUMNS)
SUMMARY_DESCRIPTIONS = {
    "upload_projects": "Record versions each upload stored, per project (who an upload belongs to).",
    "upload_problems": "The import reports' problems without values or messages: upload, row, column, rule, severity.",
    "optional_fields_filled": "Per kind x project x optional contract column: records in force and how many have it filled.",
}
# Summaries come last: optional_fields_filled reads the kinds' raw tables loaded before it.
RAW_TABLES = (*CONTRACT, "uploads", *SUMMARY_TABLES)


def create_summary_table_sql(table: str, schema: str = "raw") -> str:
    cols = ", ".join(f"{name} {sql_type}" for name, sql_type in SUMMARY_COLUMNS[table])
    return f"CREATE TABLE IF NOT EXISTS {schema}.{table} ({cols})"


def project_code_sql(kind: Kind) -> str | None:
    """The project a record of `kind` belongs to, as SQL over its columns (NULL for targets of
    the programme or a specific objective); None for a kind without projects."""
    names = set(kind.column_names)
    if "project_code" in names:
        return "project_code"
    if {"scope_type", "scope_code"} <= names:
        return "CASE WHEN scope_type = 'project' THEN scope_code END"
    return None


def optional_columns(kind: Kind) -> tuple[str, ...]:
    """The columns whose filling the data-quality page measures: not required, not part of the
    key and without a default (a defaulted column, `withdrawn` among them, is always stored
    filled, so its share would say nothing)."""
    return tuple(
        c.name for c in kind.columns if not c.required and c.default is None and c.name not in kind.key
    )


def upload_projects_sql(kind_name: str, source: str) -> str | None:
    """Versions per upload x project of one kind from `source` (its versions); None without projects."""
    project = project_code_sql(CONTRACT[kind_name])
    if project is None:
        return None
    return (
        f"SELECT upload_id, '{kind_name}' AS kind, project_code, count(*) AS records FROM ("
        f" SELECT upload_id, {project} AS project_code FROM {source}) AS versions"
        f" WHERE project_code IS NOT NULL GROUP BY upload_id, project_code"
    )


def optional_fields_filled_sql(kind_name: str, source: str) -> str | None:
    """Per project x optional column of one kind: records in `source` (current versions) that are
    not withdrawn, and how many of them have the column filled. One scan, then one row per
    column (UNION ALL: portable, unlike UNPIVOT). None when the kind has no such column."""
    kind = CONTRACT[kind_name]
    project, columns = project_code_sql(kind), optional_columns(kind)
    if project is None or not columns:
        return None
    withdrawn = "NOT coalesce(withdrawn, false)" if "withdrawn" in kind.column_names else "true"
    counts = ", ".join(f"count({c}) AS filled_{i}" for i, c in enumerate(columns))
    counted = (
        f"SELECT {project} AS project_code, count(*) AS records, {counts} FROM {source}"
        f" WHERE {withdrawn} AND {project} IS NOT NULL GROUP BY 1"
    )
    per_column = " UNION ALL ".join(
        f"SELECT '{kind_name}' AS kind, project_code, '{c}' AS column_name, records, filled_{i} AS filled"
        f" FROM counted"
        for i, c in enumerate(columns)
    )
    return f"WITH counted AS ({counted}) {per_column}"


def latest_versions_sql(kind_name: str, source: str) -> str:
    """The latest version of each key: highest upload, then the last row of that upload.

    Most keys have one version: they are taken as they are, and only the keys with several are
    ranked (at 1M participants 0.97 s -> 0.58 s against ranking every row)."""
    kind = CONTRACT[kind_name]
    columns = ", ".join(name for name, _ in column_definitions(kind))
    key = ", ".join(kind.key)
    return (
        f"WITH versions AS (SELECT * FROM {source}),"
        f" repeated AS (SELECT {key} FROM versions GROUP BY {key} HAVING count(*) > 1)"
        f" SELECT {columns} FROM versions ANTI JOIN repeated USING ({key})"
        f" UNION ALL"
        f" SELECT {columns} FROM ("
        f"  SELECT *, row_number() OVER ("
        f"   PARTITION BY {key} ORDER BY upload_id DESC, source_row DESC) AS version_rank"
        f"  FROM versions SEMI JOIN repeated USING ({key})) AS ranked"
        f" WHERE version_rank = 1"
    )


def _ledger_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'ledger'"
    ).fetchall()
    return {r[0] for r in rows}


def _raw_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw'"
        " AND table_catalog = current_database()"
    ).fetchall()
    return {r[0] for r in rows}


def _load_summary(
    con: duckdb.DuckDBPyConnection, table: str, available: set[str], pending: Mapping[str, pl.DataFrame]
) -> None:
    """Fill the (just created) summary table raw.<table>; see SUMMARY_COLUMNS."""
    cols = ", ".join(name for name, _ in SUMMARY_COLUMNS[table])
    if table == "upload_problems":
        if "problems" in available:
            con.execute(
                f"INSERT INTO raw.upload_problems SELECT {cols} FROM ledger.main.problems"
                " WHERE upload_id IS NOT NULL"
            )
        return
    loaded = _raw_tables(con) if table == "optional_fields_filled" else set()
    for kind_name in CONTRACT:
        if table == "upload_projects":
            versions = _all_versions(con, kind_name, available, pending)
            sql = upload_projects_sql(kind_name, versions) if versions else None
        else:  # optional_fields_filled: from the current versions loaded before it
            present = kind_name in loaded
            sql = optional_fields_filled_sql(kind_name, f"raw.{kind_name}") if present else None
        if sql is not None:
            con.execute(f"INSERT INTO raw.{table} SELECT {cols} FROM ({sql}) AS summary")


def _all_versions(
    con: duckdb.DuckDBPyConnection, kind_name: str, available: set[str], pending: Mapping[str, pl.DataFrame]
) -> str | None:
    """Every stored version of a kind (and the dry run's pending ones) as a subquery."""
    sources = [f"ledger.main.{kind_name}_versions"] if f"{kind_name}_versions" in available else []
    if kind_name in pending:
        names = [name for name, _ in column_definitions(CONTRACT[kind_name])]
        con.register(f"pending_{kind_name}", pending[kind_name].select(names).to_arrow())
        sources.append(f"pending_{kind_name}")
    if not sources:
        return None
    return "(" + " UNION ALL BY NAME ".join(f"SELECT * FROM {s}" for s in sources) + ")"


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
            if table in SUMMARY_COLUMNS:
                con.execute(create_summary_table_sql(table))
                _load_summary(con, table, available, pending)
            elif table == "uploads":
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

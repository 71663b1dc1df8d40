"""The warehouse's `raw` schema from the upload ledger: each key's latest version of every
uploaded record, the rows the dbt models (the `monitoring` source) read, three summaries
for the data-quality marts (the `ledger` source, models/marts/quality/; see SUMMARY_TABLES),
and the values as approved in the reporting periods (the `periods` source; approved_values.py).

Kept apart from the Dagster asset (pipelines/orchestration/warehouse/assets.py) so that code which only needs
the tables, such as the dry run's indicator delta, does not import Dagster.

A kind's table is updated in place when the warehouse holds it as loaded from this ledger
(raw.load_state: the last upload it saw and a digest of the uploads up to it): only the keys
with a version newer than that upload are deleted and loaded again, so a build after one
project's upload reads that upload's keys, not the whole ledger. Anything else (no state, a
ledger that is not the one loaded from, `full=True`, a dry run's scratch warehouse) loads the
table whole. Both give the same rows (tests/integration/test_raw_tables_incremental.py).
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
from pipelines.warehouse.approved_values import TABLE as APPROVED_VALUES
from pipelines.warehouse.approved_values import load_approved_values

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
RAW_TABLES = (*CONTRACT, "uploads", APPROVED_VALUES, *SUMMARY_TABLES)


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


LOAD_STATE_TABLE = "raw.load_state"


def _uploads_digest(con: duckdb.DuckDBPyConnection, through: int) -> str:
    """What identifies the ledger up to upload `through`: its uploads are never changed or
    removed, and every version names its upload, so equal uploads mean equal versions."""
    return con.execute(
        "SELECT md5(coalesce(string_agg(concat_ws('|', upload_id, sha256, received_at, kind, outcome),"
        " ',' ORDER BY upload_id), '')) || ':' || count(*)"
        " FROM ledger.main.uploads WHERE upload_id <= ?",
        [through],
    ).fetchone()[0]


def _loaded_through(con: duckdb.DuckDBPyConnection, available: set[str]) -> dict[str, int]:
    """{kind: the last upload its raw table holds} for the kinds whose table was loaded from
    this ledger (the digest of its uploads up to there still matches)."""
    present = _raw_tables(con)
    if "uploads" not in available or "load_state" not in present:
        return {}
    rows = con.execute(f"SELECT kind, through_upload_id, uploads_digest FROM {LOAD_STATE_TABLE}").fetchall()
    digests: dict[int, str] = {}
    loaded = {}
    for kind_name, through, digest in rows:
        if kind_name not in present or kind_name not in CONTRACT:
            continue
        if through not in digests:
            digests[through] = _uploads_digest(con, through)
        if digests[through] == digest:
            loaded[kind_name] = through
    return loaded


def _update_kind(con: duckdb.DuckDBPyConnection, kind_name: str, since: int) -> None:
    """raw.<kind> as loaded through upload `since`, brought up to date: the keys with a newer
    version are deleted and their latest versions inserted."""
    kind = CONTRACT[kind_name]
    key = ", ".join(kind.key)
    versions = f"ledger.main.{kind_name}_versions"
    con.execute(
        f"CREATE TEMP TABLE changed_keys AS SELECT DISTINCT {key} FROM {versions} WHERE upload_id > ?",
        [since],
    )
    try:
        if con.execute("SELECT count(*) FROM changed_keys").fetchone()[0] == 0:
            return
        matches = " AND ".join(f"raw.{kind_name}.{c} = changed_keys.{c}" for c in kind.key)
        con.execute(f"DELETE FROM raw.{kind_name} USING changed_keys WHERE {matches}")
        changed_versions = f"(SELECT * FROM {versions} SEMI JOIN changed_keys USING ({key}))"
        con.execute(f"INSERT INTO raw.{kind_name} " + latest_versions_sql(kind_name, changed_versions))
    finally:
        con.execute("DROP TABLE changed_keys")


def load_raw_tables(
    settings,
    tables: tuple[str, ...] = RAW_TABLES,
    *,
    warehouse_path=None,
    pending: Mapping[str, pl.DataFrame] | None = None,
    full: bool = False,
) -> dict[str, int]:
    """Bring warehouse raw.<table> up to date with the ledger in one transaction; returns row
    counts. A kind's table is updated in place when it was loaded from this ledger (see the
    module's docstring), else replaced; `full` replaces every table.

    For the dry run's indicator delta: `warehouse_path` loads a scratch warehouse instead, and
    `pending` ({kind: versions not stored yet, with the ledger's version columns}, and
    "uploads": their upload's row) are applied on top of the ledger, as if it had been stored.
    """
    in_place = not full and not pending and warehouse_path in (None, settings.warehouse_path)
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
        loaded = _loaded_through(con, available) if in_place else {}
        through = (
            con.execute("SELECT coalesce(max(upload_id), 0) FROM ledger.main.uploads").fetchone()[0]
            if "uploads" in available else 0
        )
        # One transaction: dbt never sees some kinds refreshed and others not.
        con.execute("BEGIN TRANSACTION")
        con.execute("CREATE SCHEMA IF NOT EXISTS raw")
        con.execute(
            f"CREATE TABLE IF NOT EXISTS {LOAD_STATE_TABLE}"
            " (kind VARCHAR, through_upload_id BIGINT, uploads_digest VARCHAR)"
        )
        digest = _uploads_digest(con, through) if "uploads" in available else None
        for table in tables:
            if table in loaded and f"{table}_versions" in available:
                _update_kind(con, table, since=loaded[table])
                counts[table] = con.execute(f"SELECT count(*) FROM raw.{table}").fetchone()[0]
                _record_state(con, table, through, digest)
                continue
            if table == APPROVED_VALUES:  # from the reporting periods, not the ledger: small, made anew
                load_approved_values(con, settings.home)
                counts[table] = con.execute(f"SELECT count(*) FROM raw.{table}").fetchone()[0]
                continue
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
                # A table with pending versions holds more than the ledger: never updated in place.
                _record_state(con, table, through, None if table in pending else digest)
            counts[table] = con.execute(f"SELECT count(*) FROM raw.{table}").fetchone()[0]
        con.execute("COMMIT")
    return counts


def _record_state(con: duckdb.DuckDBPyConnection, kind_name: str, through: int, digest: str | None) -> None:
    con.execute(f"DELETE FROM {LOAD_STATE_TABLE} WHERE kind = ?", [kind_name])
    if digest is not None:
        con.execute(f"INSERT INTO {LOAD_STATE_TABLE} VALUES (?, ?, ?)", [kind_name, through, digest])

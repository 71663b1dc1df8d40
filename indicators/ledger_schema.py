"""Table layouts derived from the contract: the upload ledger's version tables and the
warehouse's `raw` tables (the dbt sources) share one column list per kind."""

from __future__ import annotations

from indicators.contract import CONTRACT, Kind

# Columns every stored row version carries besides the contract's own.
PROVENANCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upload_id", "BIGINT"),  # the upload this version came from
    ("source_row", "BIGINT"),  # its row number as a spreadsheet shows it (header = row 1)
)


def column_definitions(kind: Kind) -> list[tuple[str, str]]:
    """(name, SQL type) of a kind's stored rows: contract columns, then provenance."""
    return [(c.name, c.sql_type) for c in kind.columns] + list(PROVENANCE_COLUMNS)


def create_table_sql(table: str, kind_name: str) -> str:
    cols = ",\n    ".join(f"{name} {sql_type}" for name, sql_type in column_definitions(CONTRACT[kind_name]))
    return f"CREATE TABLE IF NOT EXISTS {table} (\n    {cols}\n)"


UPLOADS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upload_id", "BIGINT"),
    ("sha256", "VARCHAR"),
    ("file_name", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("received_at", "TIMESTAMP"),
    ("size_bytes", "BIGINT"),
    ("rows_read", "BIGINT"),
    ("inserted", "BIGINT"),
    ("updated", "BIGINT"),
    ("unchanged", "BIGINT"),
    ("rejected", "BIGINT"),
    ("withdrawn", "BIGINT"),
    ("warnings", "BIGINT"),
    ("outcome", "VARCHAR"),  # applied | partially_applied | unchanged | nothing_applied | refused
)


def create_uploads_table_sql(table: str) -> str:
    cols = ",\n    ".join(f"{name} {sql_type}" for name, sql_type in UPLOADS_COLUMNS)
    return f"CREATE TABLE IF NOT EXISTS {table} (\n    {cols}\n)"


# One row per problem found in an upload (the import report's lines).
PROBLEMS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upload_id", "BIGINT"),
    ("row_number", "BIGINT"),  # as a spreadsheet shows it (header = row 1); NULL for the file
    ("column_name", "VARCHAR"),
    ("value", "VARCHAR"),  # NULL for sensitive columns and file-level problems
    ("rule_id", "VARCHAR"),  # indicators.messages
    ("severity", "VARCHAR"),  # error | warning
    ("message_fi", "VARCHAR"),
    ("message_en", "VARCHAR"),
)

# Every refused file. A file refused for a henkilötunnus has only this row (upload_id NULL):
# its bytes and name are never stored. Other refusals also have an `uploads` row
# (outcome 'refused') with their problems, and their bytes under blobs/.
REFUSALS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("refused_at", "TIMESTAMP"),
    ("sha256", "VARCHAR"),
    ("size_bytes", "BIGINT"),
    ("reason", "VARCHAR"),  # a file.* rule id
    ("upload_id", "BIGINT"),
)


# One row per withdrawal (`impact withdraw`, the web page, the API): its upload has no bytes and
# one version, the record with withdrawn = true. The key is kept here as well, so that the
# ledger can be replayed from its entries alone: a blob to ingest again or a key to withdraw.
WITHDRAWALS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("upload_id", "BIGINT"),
    ("kind", "VARCHAR"),
    ("record_key", "VARCHAR"),  # JSON: {key column: value as text}, the contract's key order
)


def record_key_sql(kind_name: str) -> str:
    """The JSON record_key of a version row of `kind_name`, as SQL over its columns: the one
    way the ledger writes a withdrawal's key and `impact check` compares it."""
    parts = ", ".join(f"'{c}', CAST({c} AS VARCHAR)" for c in CONTRACT[kind_name].key)
    return f"CAST(json_object({parts}) AS VARCHAR)"


# The ledger's tables besides the versions: name -> columns (uploads: UPLOADS_COLUMNS).
def ledger_tables() -> dict[str, tuple[tuple[str, str], ...]]:
    """Every table of the ledger and its columns, as `ensure_tables` creates them."""
    tables = {"uploads": UPLOADS_COLUMNS}
    tables.update({f"{name}_versions": tuple(column_definitions(kind)) for name, kind in CONTRACT.items()})
    tables.update({"problems": PROBLEMS_COLUMNS, "refusals": REFUSALS_COLUMNS, "withdrawals": WITHDRAWALS_COLUMNS})
    return tables


def create_columns_table_sql(table: str, columns: tuple[tuple[str, str], ...]) -> str:
    cols = ",\n    ".join(f"{name} {sql_type}" for name, sql_type in columns)
    return f"CREATE TABLE IF NOT EXISTS {table} (\n    {cols}\n)"

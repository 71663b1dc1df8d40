"""Ingest assets: load the current version of every uploaded record from the upload ledger
into the warehouse's `raw` schema, which dbt reads as the `monitoring` source.

The ledger (written by `impact ingest`) keeps every version of every record with the upload it
came from; here each key's latest version becomes the row the indicators see. The warehouse is
derived state: this asset can rebuild it from the ledger at any time.
"""

from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, multi_asset

from pipelines.warehouse.raw_tables import (  # noqa: F401
    RAW_TABLES,
    SUMMARY_DESCRIPTIONS,
    latest_versions_sql,
    load_raw_tables,
)
from pipelines.orchestration.resources import ImpactHome


def raw_asset_key(table: str) -> AssetKey:
    return AssetKey(["raw", table])


@multi_asset(
    specs=[
        AssetSpec(
            raw_asset_key(table),
            group_name="ingest",
            description=(
                "Uploads applied to the ledger, one row per upload."
                if table == "uploads"
                else SUMMARY_DESCRIPTIONS[table]
                if table in SUMMARY_DESCRIPTIONS
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
    counts = load_raw_tables(impact.settings(), selected, full=impact.full_raw_load)
    for table in selected:
        yield MaterializeResult(
            asset_key=raw_asset_key(table), metadata={"rows": counts[table]}
        )

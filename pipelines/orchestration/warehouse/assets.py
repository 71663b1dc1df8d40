"""The raw tables as Dagster assets: the current version of every uploaded record, loaded from
the upload ledger into the warehouse's `raw` schema, which dbt reads as its `monitoring` and
`ledger` sources (their yml names these asset keys, so the lineage runs from here through dbt).
The step is the build's first (pipelines/warehouse/build.load_raw)."""

from dagster import AssetExecutionContext, AssetKey, AssetSpec, Config, MaterializeResult, multi_asset

from pipelines.orchestration.resources import ImpactHome, WriterLock
from pipelines.warehouse.build import load_raw
from pipelines.warehouse import approved_values
from pipelines.warehouse.raw_tables import RAW_TABLES, SUMMARY_DESCRIPTIONS


class RawTablesConfig(Config):
    full: bool = False  # load every table whole instead of updating it in place


def raw_asset_key(table: str) -> AssetKey:
    return AssetKey(["raw", table])


def _description(table: str) -> str:
    if table == "uploads":
        return "Uploads applied to the ledger, one row per upload."
    if table == approved_values.TABLE:
        return approved_values.DESCRIPTION
    return SUMMARY_DESCRIPTIONS.get(table, f"Current version of every {table} record (latest upload per key).")


@multi_asset(
    specs=[AssetSpec(raw_asset_key(t), group_name="warehouse", description=_description(t), kinds={"duckdb"})
           for t in RAW_TABLES],
    can_subset=True,
)
def raw_tables(context: AssetExecutionContext, config: RawTablesConfig, impact: ImpactHome,
               writer_lock: WriterLock):
    selected = tuple(t for t in RAW_TABLES if raw_asset_key(t) in context.selected_asset_keys)
    counts = load_raw(impact.settings(), selected, full=config.full)
    for table in selected:
        yield MaterializeResult(asset_key=raw_asset_key(table), metadata={"rows": counts[table]})

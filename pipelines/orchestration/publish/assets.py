"""The publish asset: snapshot the marts into the published copy the dashboard reads."""

import json

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from pipelines.orchestration.dbt.assets import published_tables
from pipelines.orchestration.warehouse.assets import raw_asset_key
from pipelines.publish.snapshot import publish_warehouse
from pipelines.orchestration.resources import ImpactHome


def relation_name(key: AssetKey) -> str:
    """dbt asset key ["marts", "indicator_values"] -> warehouse relation marts.indicator_values."""
    return ".".join(key.path)


@asset(
    key=AssetKey(["published_copy"]),
    deps=[*published_tables(), raw_asset_key("uploads")],
    group_name="publish",
    description=(
        "Parquet snapshot of every mart, the indicator catalogue and the upload list under "
        "IMPACT_HOME/published, swapped in atomically; the dashboard and exports read only this."
    ),
    kinds={"parquet"},
)
def published_copy(context: AssetExecutionContext, impact: ImpactHome) -> MaterializeResult:
    tables = {key.path[-1]: relation_name(key) for key in published_tables()}
    inputs = json.loads(impact.build_inputs_json) if impact.build_inputs_json else None
    snapshot, cutoffs = publish_warehouse(impact.settings(), tables, inputs=inputs)
    return MaterializeResult(
        metadata={"version": snapshot.version, "path": str(snapshot.path), "cutoffs": len(cutoffs)}
    )

"""The published copy as a Dagster asset: every mart, the reference seeds and the upload list
as a new Parquet snapshot under IMPACT_HOME/published, swapped in atomically. The dashboard,
the exports and the API read only this. The step is the build's last
(pipelines/warehouse/build.publish)."""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from pipelines.orchestration.dbt.project import translator
from pipelines.orchestration.resources import ImpactHome, WriterLock
from pipelines.orchestration.warehouse.assets import raw_asset_key
from pipelines.publish.tables import RAW_TABLES, published_nodes
from pipelines.warehouse.build import publish

PUBLISHED_COPY = AssetKey(["published_copy"])


def published_asset_keys() -> list[AssetKey]:
    """The assets the published copy is made of (pipelines/publish/tables.py lists them)."""
    dbt = [translator.get_asset_key(node) for node in published_nodes().values()]
    return [*dbt, *(raw_asset_key(name) for name in RAW_TABLES)]


@asset(
    key=PUBLISHED_COPY,
    deps=published_asset_keys(),
    group_name="publish",
    description=__doc__.split("\n\n")[0].replace("\n", " "),
    kinds={"parquet"},
)
def published_copy(context: AssetExecutionContext, impact: ImpactHome, writer_lock: WriterLock) -> MaterializeResult:
    snapshot = publish(impact.settings())
    return MaterializeResult(metadata={
        "version": snapshot.version,
        "path": str(snapshot.path),
        "cutoffs": len(snapshot.manifest["cutoffs"]),
        "tables": len(snapshot.manifest["tables"]),
    })

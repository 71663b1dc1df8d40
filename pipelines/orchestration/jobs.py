"""The jobs: a build (ledger -> raw tables -> dbt -> published copy), which the service runs
after every applied upload, and the half-year reporting (the build, then both exports).

`refresh_indicators` is the build without the views and seeds, whose results depend on the dbt
sources and settings alone: the service runs it while the warehouse's views and seeds are
current (pipelines/warehouse/build.ViewsAndSeeds), `build_indicators` otherwise. Both run
every check.
"""

from dagster import AssetSelection, define_asset_job

from pipelines.orchestration.dbt.assets import dbt_models
from pipelines.orchestration.dbt.project import translator
from pipelines.orchestration.exports.assets import EXPORTS_GROUP
from pipelines.warehouse.build import is_definition_node
from pipelines.warehouse.dbt_sources import manifest_nodes

BUILD_JOB = "build_indicators"
REFRESH_JOB = "refresh_indicators"

_everything_but_exports = AssetSelection.all() - AssetSelection.groups(EXPORTS_GROUP)
_definition_assets = AssetSelection.assets(*(
    translator.get_asset_key(node) for node in manifest_nodes().values()
    if is_definition_node(node) and node["resource_type"] in ("model", "seed")
))

build_job = define_asset_job(
    BUILD_JOB,
    selection=_everything_but_exports,
    description="Ledger -> warehouse raw tables -> dbt models and tests -> published copy.",
)

refresh_job = define_asset_job(
    REFRESH_JOB,
    selection=(_everything_but_exports - _definition_assets) | AssetSelection.checks_for_assets(dbt_models),
    description="The build without recreating the dbt views and seeds (they are current): "
    "raw tables -> dbt tables and every test -> published copy.",
)

half_year_job = define_asset_job(
    "half_year_reporting",
    selection=AssetSelection.all(),
    description="Build (ledger -> dbt -> published copy), then the official and public exports "
    "of the half-year cut-off just closed.",
)

"""The Dagster definitions: ingest -> dbt -> publish, one asset graph, and the exports of
the published copy (pipelines/orchestration/exports/assets.py) with their half-year schedule.

`dagster dev` (make dev) loads the module-level `defs`, configured from the environment at run
time (IMPACT_HOME); the `impact` command line builds the same graph with `build_definitions`.
"""

from __future__ import annotations

import json

from dagster import AssetSelection, Definitions, EnvVar, define_asset_job

from pipelines.orchestration.dbt.assets import dbt_models
from pipelines.orchestration.exports.assets import EXPORT_ASSETS, EXPORTS_GROUP, half_year_job, half_year_schedule
from pipelines.orchestration.warehouse.assets import raw_tables
from pipelines.orchestration.publish.assets import published_copy
from pipelines.orchestration.dbt.project import dbt_resource
from pipelines.orchestration.resources import ImpactHome
from pipelines.settings import Settings

ALL_ASSETS = [raw_tables, dbt_models, published_copy]

build_job = define_asset_job(
    "build_indicators",
    # everything but the exports, which half_year_job (build, then export) adds
    selection=AssetSelection.all() - AssetSelection.groups(EXPORTS_GROUP),
    description="Ledger -> warehouse raw tables -> dbt models and tests -> published copy.",
)


def build_definitions(impact: ImpactHome) -> Definitions:
    return Definitions(
        assets=[*ALL_ASSETS, *EXPORT_ASSETS],
        jobs=[build_job, half_year_job],
        schedules=[half_year_schedule],
        resources={"impact": impact, "dbt": dbt_resource()},
    )


def resources_for(
    settings: Settings, build_inputs: dict[str, str] | None = None, full_raw_load: bool = False,
) -> dict:
    """The resources of the graph for one IMPACT_HOME, as the command line uses them."""
    impact = ImpactHome(
        home=str(settings.home),
        long_term_unemployment_rule=settings.long_term_unemployment_rule,
        disclosure_k=settings.disclosure_k,
        build_inputs_json=json.dumps(build_inputs, sort_keys=True) if build_inputs else "",
        full_raw_load=full_raw_load,
    )
    return {"impact": impact, "dbt": dbt_resource()}


defs = build_definitions(
    ImpactHome(
        home=EnvVar("IMPACT_HOME"),
        long_term_unemployment_rule=EnvVar("IMPACT_LONG_TERM_UNEMPLOYMENT_RULE"),
    )
)

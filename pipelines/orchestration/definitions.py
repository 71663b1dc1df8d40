"""The Dagster definitions: the asset graph ledger -> raw tables -> dbt -> published copy ->
exports, its two jobs and the half-year schedule. One graph for every way it runs: the service's
build runner (pipelines/service/build_runner.py), the Dagster daemon's schedule, the webserver's
UI, and `impact demo`.

`defs` (what `dagster` loads with `-m pipelines.orchestration.definitions`) reads IMPACT_HOME
and the indicator settings from the environment at run time; `build_definitions(impact)` binds
them to given Settings. Runs execute in one process (in_process_executor): the writer lock lasts the
whole run, and no step pays a new interpreter.
"""

from __future__ import annotations

from dagster import Definitions, in_process_executor

from pipelines.orchestration.dbt.assets import dbt_models
from pipelines.orchestration.exports.assets import EXPORT_ASSETS
from pipelines.orchestration.exports.schedules import half_year_schedule
from pipelines.orchestration.jobs import build_job, half_year_job, refresh_job
from pipelines.orchestration.publish.assets import published_copy
from pipelines.orchestration.resources import ImpactHome, WriterLock
from pipelines.orchestration.warehouse.assets import raw_tables


def build_definitions(impact: ImpactHome) -> Definitions:
    """The definitions for one home (`impact`: the environment's, or given Settings)."""
    return Definitions(
        assets=[raw_tables, dbt_models, published_copy, *EXPORT_ASSETS],
        jobs=[build_job, refresh_job, half_year_job],
        schedules=[half_year_schedule],
        resources={
            "impact": impact,
            "writer_lock": WriterLock(home=impact.home),
        },
        executor=in_process_executor,
    )


defs = build_definitions(ImpactHome.from_env())

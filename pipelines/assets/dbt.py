"""The dbt models (staging -> intermediate -> marts) and their tests as Dagster assets.

`dbt build` runs models, seeds and tests together: a failing consistency rule stops the run
before anything downstream (the published copy) is refreshed.
"""

import json

from dagster import AssetExecutionContext, AssetKey
from dagster_dbt import DbtCliResource, dbt_assets

from pipelines.dbt_project import dbt_project
from pipelines.resources import ImpactHome


def dbt_build_args(long_term_unemployment_rule: str) -> list[str]:
    """The dbt command line for a build with the pipeline's settings as dbt vars.

    dbt's unit tests check the SQL's logic, not the data, so they run in the test suite
    (tests/test_dbt_models.py) rather than on every build; the data tests (the consistency
    rules) do run here and stop the build.
    """
    return [
        "build",
        "--exclude-resource-type", "unit_test",
        "--vars", json.dumps({"long_term_unemployment_rule": long_term_unemployment_rule}),
    ]


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project)
def dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, impact: ImpactHome):
    settings = impact.settings()
    yield from dbt.cli(dbt_build_args(settings.long_term_unemployment_rule), context=context).stream()


def published_tables() -> list[AssetKey]:
    """The dbt assets the published copy is made of: every mart and the reference seeds."""
    return sorted(
        (key for key in dbt_models.keys if key.path[0] in ("marts", "reference")),
        key=lambda k: k.to_user_string(),
    )

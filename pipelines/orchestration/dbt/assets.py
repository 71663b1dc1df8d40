"""The dbt models (staging -> intermediate -> marts) and their tests as Dagster assets.

`dbt build` runs models, seeds and tests together: a failing consistency rule stops the run
before anything downstream (the published copy) is refreshed.

dbt runs in this process on the manifest prepared beforehand (pipelines/warehouse/dbt_run.py), not as
the `dbt` subprocess of dagster-dbt's `DbtCliResource.cli`, which costs a dbt start-up
(≈ 2.6 s), `dbt --version` and an adapter of its own (≈ 3 s more) and a full parse before the
first model runs. The Dagster side is unchanged: the assets are the manifest's, dagster-dbt
chooses what to run for a subset of them and turns dbt's result events into the same
materialisations, check results and observations, streamed as dbt produces them.
"""

import os
import queue
import threading

from dagster import AssetExecutionContext, AssetKey
from dagster_dbt import DbtCliResource, dbt_assets

from pipelines.orchestration.dbt.project import dbt_project
from pipelines.warehouse.dbt_run import dbt_build_args, dbt_vars, run_dbt, run_target_dir  # noqa: F401
from pipelines.orchestration.resources import ImpactHome


def _selection(context: AssetExecutionContext) -> tuple[list[str], object, object]:
    """dagster-dbt's own choice of dbt nodes for the selected assets and checks (none: the
    whole project), and the manifest and translator of the assets."""
    from dagster_dbt.asset_utils import (
        DAGSTER_DBT_EXCLUDE_METADATA_KEY,
        DAGSTER_DBT_SELECT_METADATA_KEY,
        DAGSTER_DBT_SELECTOR_METADATA_KEY,
        get_manifest_and_translator_from_dbt_assets,
        get_subset_selection_for_context,
    )

    manifest, translator, _ = get_manifest_and_translator_from_dbt_assets([context.assets_def])
    selection, indirect = get_subset_selection_for_context(
        context=context,
        manifest=manifest,
        select=context.op.tags.get(DAGSTER_DBT_SELECT_METADATA_KEY),
        exclude=context.op.tags.get(DAGSTER_DBT_EXCLUDE_METADATA_KEY),
        selector=context.op.tags.get(DAGSTER_DBT_SELECTOR_METADATA_KEY),
        dagster_dbt_translator=translator,
        current_dbt_indirect_selection_env=os.environ.get("DBT_INDIRECT_SELECTION"),
    )
    if indirect:
        selection = [*selection, "--indirect-selection", indirect]
    return list(selection), manifest, translator


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project)
def dbt_models(context: AssetExecutionContext, dbt: DbtCliResource, impact: ImpactHome):
    from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage
    from dagster_dbt.errors import DagsterDbtCliRuntimeError

    settings = impact.settings()
    rule = settings.long_term_unemployment_rule
    selection, manifest, translator = _selection(context)
    args = [*dbt_build_args(rule), *selection]
    results: queue.Queue = queue.Queue()
    done = object()
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["run"] = run_dbt(settings, args, dbt_vars(rule), on_result=results.put)
        except BaseException as exc:  # noqa: BLE001 - raised again in the step's thread
            outcome["exception"] = exc
        finally:
            results.put(done)

    # dbt works in its own thread so that each result reaches Dagster (and the UI) as it comes.
    worker = threading.Thread(target=work, name="dbt", daemon=True)
    worker.start()
    target_dir = run_target_dir(settings)
    while (raw := results.get()) is not done:
        event = DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={})
        yield from event.to_default_asset_events(
            manifest=manifest, dagster_dbt_translator=translator, context=context,
            target_path=target_dir, project=dbt_project,
        )
    worker.join()
    if "exception" in outcome:
        raise outcome["exception"]
    run = outcome["run"]
    if not run.success:
        raise DagsterDbtCliRuntimeError(description=run.message(args, target_dir))


def published_tables() -> list[AssetKey]:
    """The dbt assets the published copy is made of: every mart and the reference seeds."""
    return sorted(
        (key for key in dbt_models.keys if key.path[0] in ("marts", "reference")),
        key=lambda k: k.to_user_string(),
    )

"""The dbt models (staging -> intermediate -> marts) as Dagster assets and their data tests as
asset checks, from the prepared manifest.json (dagster-dbt's `dbt_assets`).

The step runs the build's own dbt step (pipelines/warehouse/build.build_models): dbt in this
process through its documented programmatic interface, on the run's selection of assets and
checks. Each model, seed and test result becomes the asset's materialisation or the check's
result as dbt finishes it, so the Dagster UI and the upload page follow the run node by node.
A failed model or blocking test fails the step, and nothing downstream (the published copy)
runs.
"""

import queue
import threading

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetExecutionContext,
    Failure,
    MaterializeResult,
)
from dagster_dbt import dbt_assets

from pipelines.orchestration.dbt.nodes import DbtNodes
from pipelines.orchestration.dbt.project import dbt_project, translator
from pipelines.orchestration.resources import ImpactHome, WriterLock
from pipelines.warehouse.build import build_models
from pipelines.warehouse.dbt_invocation import NodeResult
from pipelines.warehouse.dbt_sources import manifest_nodes


def dagster_event(result: NodeResult, nodes: DbtNodes) -> MaterializeResult | AssetCheckResult | None:
    """The asset materialisation or check result of one dbt node's result (None: neither)."""
    metadata = {"dbt_unique_id": result.unique_id, "dbt_seconds": round(result.seconds, 3)}
    if result.unique_id in nodes.assets and result.status == "success":
        return MaterializeResult(asset_key=nodes.assets[result.unique_id], metadata=metadata)
    check = nodes.checks.get(result.unique_id)
    if check is not None and result.status in ("pass", "warn", "fail", "error"):
        return AssetCheckResult(
            asset_key=check.asset_key,
            check_name=check.name,
            passed=result.status == "pass",
            severity=AssetCheckSeverity.WARN if result.status == "warn" else AssetCheckSeverity.ERROR,
            metadata={**metadata, "failing_rows": result.failures},
        )
    return None


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=translator)
def dbt_models(context: AssetExecutionContext, impact: ImpactHome, writer_lock: WriterLock):
    settings = impact.settings()
    nodes = DbtNodes.from_manifest(manifest_nodes(), translator, context.assets_def.check_keys)
    select = nodes.selection(context.selected_asset_keys, context.selected_asset_check_keys)
    results: queue.Queue = queue.Queue()
    done = object()
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["run"] = build_models(settings, select, on_result=results.put)
        except BaseException as exc:  # noqa: BLE001 - raised again in the step's thread
            outcome["exception"] = exc
        finally:
            results.put(done)

    # dbt works in its own thread so that each result reaches Dagster (and the UI) as it comes.
    worker = threading.Thread(target=work, name="dbt", daemon=True)
    worker.start()
    while (result := results.get()) is not done:
        event = dagster_event(result, nodes)
        if event is not None:
            yield event
    worker.join()
    if "exception" in outcome:
        raise outcome["exception"]
    run = outcome["run"]
    if not run.success:
        raise Failure(description=run.message(settings.warehouse_path))

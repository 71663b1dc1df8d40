"""`impact build`: ledger -> warehouse raw tables -> dbt models and tests -> published copy,
under the writer lock.

The three steps are the Dagster asset graph's (pipelines/orchestration/definitions.py: raw_tables,
dbt_models, published_copy), run by default as the plain functions those assets call, in the
same order and with the same stop-on-failure: nothing is published when a step or a blocking
dbt test fails. IMPACT_BUILD_ENGINE=dagster materialises the same graph in-process through
Dagster's executor instead, on an ephemeral instance whose events are discarded when the
command ends; on this 2-core machine that costs ≈ 3 s of importing Dagster and dagster-dbt and
setting up the run, and ≈ 35 ms of CPU for every dbt result it records (README, Performance).
The graph itself is the one `make dev` shows and runs, and the half-year schedule runs.
"""

from __future__ import annotations

import os
import sys
import traceback

from pipelines.settings import Settings
from pipelines.writer_lock import writer_lock

ENGINE_ENV = "IMPACT_BUILD_ENGINE"  # "direct" (default) or "dagster"


def run_build(settings: Settings, log_level: str = "WARNING", force: bool = False) -> bool:
    """Ingest -> dbt (models and tests) -> publish. True when every step succeeded, or when
    nothing was to be done: the published copy was built from the same inputs (ledger, dbt
    sources, settings, date; pipelines/warehouse/build_inputs.py) and `force` is not set."""
    from pipelines.warehouse.build_inputs import build_inputs, published_is_current
    from pipelines.warehouse.dbt_run import prepare_manifest

    settings.ensure_dirs()
    # dbt reads the warehouse path from the environment.
    os.environ.update(settings.dbt_env())
    with writer_lock(settings.lock_path):
        prepare_manifest()
        inputs = build_inputs(settings)
        current = None if force else published_is_current(settings, inputs)
        if current is not None:
            print(f"Nothing changed since the published copy {current} was built: skipped "
                  "(`impact build --force` builds anyway). / Mikään ei ole muuttunut: "
                  "koostamista ei tarvittu.", file=sys.stderr)
            return True
        if os.environ.get(ENGINE_ENV, "direct") == "dagster":
            return _build_with_dagster(settings, log_level, inputs, force)
        try:
            return _build_direct(settings, log_level, inputs, force)
        except Exception:  # like a failed Dagster step: reported, nothing published, False
            traceback.print_exc(file=sys.stderr)
            return False


def _say(log_level: str, text: str) -> None:
    if log_level.upper() in ("DEBUG", "INFO"):
        print(text, file=sys.stderr, flush=True)


def _build_direct(settings: Settings, log_level: str, inputs: dict[str, str], force: bool = False) -> bool:
    from concurrent.futures import ThreadPoolExecutor

    from pipelines.warehouse.dbt_run import (
        DATA_NODES_SELECTION,
        DefinitionsMarker,
        build_manifest,
        dbt_build_args,
        dbt_vars,
        published_relations,
        run_dbt,
        run_target_dir,
    )
    from pipelines.publish.snapshot import publish_warehouse
    from pipelines.warehouse.raw_tables import load_raw_tables

    rule = settings.long_term_unemployment_rule
    # Asked before the raw tables are loaded: they create a deleted warehouse anew.
    definitions = DefinitionsMarker(settings, dbt_vars(rule))
    definitions_current = definitions.current() and not force
    # Importing dbt and loading its parsed manifest (≈ 2 s, Python) overlap the raw tables
    # (DuckDB's work, outside the GIL): dbt needs both only when the tables are in place.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dbt-preload") as pool:
        manifest = pool.submit(build_manifest, dbt_vars(rule))
        counts = load_raw_tables(settings, full=force)
        _say(log_level, f"raw tables loaded: {counts}")
        args = dbt_build_args(rule)
        if definitions_current:
            args += ["--select", DATA_NODES_SELECTION]
        run = run_dbt(settings, args, dbt_vars(rule), manifest=manifest.result())
        if run.success and not definitions_current:
            definitions.record()
        elif not run.success:
            definitions.clear()
    if not run.success:
        print(run.message(args, run_target_dir(settings)), file=sys.stderr)
        return False
    snapshot, cutoffs = publish_warehouse(settings, published_relations(), inputs=inputs)
    _say(log_level, f"published {snapshot.version} ({len(cutoffs)} cut-offs)")
    return True


def _build_with_dagster(settings: Settings, log_level: str, inputs: dict[str, str], force: bool = False) -> bool:
    from dagster import DagsterInstance, materialize

    # Imported here: loading the definitions needs the dbt manifest prepared above.
    from pipelines.orchestration.definitions import ALL_ASSETS, resources_for

    with DagsterInstance.ephemeral() as instance:
        result = materialize(
            ALL_ASSETS,
            resources=resources_for(settings, inputs, full_raw_load=force),
            instance=instance,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
        )
    return result.success

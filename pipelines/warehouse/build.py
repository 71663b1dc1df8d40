"""A build's steps, in order: the ledger into the warehouse's raw tables, the dbt models and
their tests, the published copy. The Dagster assets (pipelines/orchestration/) call these very
functions, one asset graph step each; `impact build` from a shell runs them here, in the same
order and with the same stop-on-failure, without Dagster: nothing is published when a step or a
blocking dbt test fails.

Every build takes the writer lock for its whole length (a Dagster run takes it through its
`writer_lock` resource), because DuckDB admits one writing process per file and the raw tables
must be read from the ledger as it stands.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from pipelines.publish.reader import Snapshot
from pipelines.settings import Settings
from pipelines.warehouse.dbt_invocation import DbtRun, NodeResult, build_args, dbt_vars, invoke_dbt, vars_json
from pipelines.warehouse.dbt_sources import manifest_nodes, source_fingerprint

def is_definition_node(node: dict) -> bool:
    """A dbt node whose result depends on the dbt sources and vars alone, not on the data: a
    view (DuckDB binds its SQL when it is read) or a seed."""
    return node["resource_type"] == "seed" or (
        node["resource_type"] == "model" and node["config"].get("materialized") == "view"
    )


class ViewsAndSeeds:
    """Whether the warehouse's views and seeds are those the current dbt sources and vars make,
    so that a build may leave them and build the tables and tests only (about 2 s of dbt's work
    for 21 nodes, on every build after an upload). A file beside the warehouse names the
    sources and vars of the last build that made them all; a build that makes any of them
    removes it first and writes it when it made them all and succeeded."""

    def __init__(self, settings: Settings):
        self.path = settings.warehouse_path.parent / "definitions.fingerprint"
        self.key = f"{source_fingerprint()} {vars_json(dbt_vars(settings.long_term_unemployment_rule))}"
        self.warehouse = settings.warehouse_path

    def current(self) -> bool:
        """The fingerprint matches, and the warehouse opens as ours: one that does not is made
        anew by the build's first step (pipelines/warehouse/integrity.py), views and all. (A
        warehouse that opens but has a damaged block is found by that step only.)"""
        from pipelines.warehouse.integrity import warehouse_damage

        try:
            matches = self.path.read_text() == self.key
        except OSError:
            return False
        return matches and self.warehouse.exists() and warehouse_damage(self.warehouse) is None

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def record(self) -> None:
        self.path.write_text(self.key)


def test_results_path(settings: Settings) -> Path:
    return settings.warehouse_path.parent / "test_results.json"


def record_test_results(settings: Settings, run: DbtRun) -> None:
    """The data tests' results of a dbt build, for the published copy to carry: what the
    exports report as the consistency checks of the numbers they write."""
    nodes = manifest_nodes()
    results = []
    for r in run.results:
        if r.resource_type != "test":
            continue
        node = nodes[r.unique_id]
        results.append({
            "test": r.name,
            "status": r.status,
            "failing_rows": r.failures,
            "severity": node["config"].get("severity", "error").lower(),
            "consistency_rule": "consistency" in node["config"].get("tags", []),
            "description": " ".join((node.get("description") or "").split()),
        })
    test_results_path(settings).write_text(json.dumps(sorted(results, key=lambda t: t["test"]), indent=1))


def data_nodes() -> list[str]:
    """The dbt nodes a build runs when the definitions are current: tables and tests."""
    return sorted(n["name"] for n in manifest_nodes().values()
                  if n["resource_type"] in ("model", "test") and not is_definition_node(n)
                  and n["config"].get("materialized") != "ephemeral")


def ensure_warehouse(settings: Settings, say: Callable[[str], None], anew: bool = False) -> bool:
    """The warehouse checked before a build uses it: a damaged or foreign file (or, with
    `anew`, any) is made anew (pipelines/warehouse/integrity.py), with the files that describe
    its views and its tests. True when it was made anew."""
    from pipelines.warehouse.integrity import ensure_sound_warehouse

    derived = (ViewsAndSeeds(settings).path, test_results_path(settings))
    return ensure_sound_warehouse(settings.warehouse_path, derived, say, anew=anew)


def load_raw(settings: Settings, tables: tuple[str, ...] | None = None, full: bool = False,
             say: Callable[[str], None] = lambda text: print(text, file=sys.stderr),
             anew: bool = False) -> dict[str, int]:
    """Step 1: the warehouse's raw tables from the ledger (updated in place unless `full`), in
    a warehouse checked first: a damaged or foreign one is made anew, and with `anew` any (for
    a build of everything that follows, `impact build --force`); then every table is loaded
    whole, and the views and seeds must be built again (ViewsAndSeeds)."""
    from pipelines.ingest.ledger import connect_for_reading
    from pipelines.warehouse.raw_tables import RAW_TABLES, load_raw_tables

    settings.ensure_dirs()
    # a ledger from before the contract's latest tables or columns gets them first (the callers
    # hold the writer lock): the raw tables select every contract column
    ledger = connect_for_reading(settings)
    if ledger is not None:
        ledger.close()
    anew = ensure_warehouse(settings, say, anew=anew)
    return load_raw_tables(settings, tables or RAW_TABLES, full=full or anew)


def build_models(settings: Settings, select: list[str] | None = None,
                 on_result: Callable[[NodeResult], None] | None = None) -> DbtRun:
    """Step 2: `dbt build` of the models and their data tests (`select`: node names; None:
    all). A failed model or blocking test fails the run."""
    values = dbt_vars(settings.long_term_unemployment_rule)
    definitions = ViewsAndSeeds(settings)
    everything = select is None
    if everything or any(is_definition_node(n) for n in manifest_nodes().values() if n["name"] in select):
        definitions.clear()
    test_results_path(settings).unlink(missing_ok=True)
    run = invoke_dbt(settings.warehouse_path, build_args(values, select), on_result)
    record_test_results(settings, run)
    if run.success and everything:
        definitions.record()
    return run


def publish(settings: Settings, inputs: dict[str, str] | None = None) -> Snapshot:
    """Step 3: the published copy of every published relation, with the data tests' results of
    the dbt build and the build's inputs (computed now when not given: under the writer lock,
    the ledger is as the build read it)."""
    from pipelines.publish.snapshot import publish_warehouse
    from pipelines.publish.tables import published_relations
    from pipelines.warehouse.build_inputs import build_inputs

    checks = json.loads(test_results_path(settings).read_text())
    return publish_warehouse(settings, published_relations(), inputs=inputs or build_inputs(settings),
                             checks=checks)


def run_build(settings: Settings, force: bool = False,
              say: Callable[[str], None] = lambda text: print(text, file=sys.stderr)) -> bool:
    """`impact build`: the three steps under the writer lock. True when every step succeeded,
    or when nothing was to be done: the published copy was built from the same inputs (ledger,
    dbt sources, settings, date; pipelines/warehouse/build_inputs.py) and `force` is not set."""
    from pipelines.warehouse.build_inputs import build_inputs, published_is_current
    from pipelines.warehouse.dbt_sources import prepare_manifest
    from pipelines.writer_lock import writer_lock

    settings.ensure_dirs()
    prepare_manifest()
    with writer_lock(settings.lock_path):
        inputs = build_inputs(settings)
        current = None if force else published_is_current(settings, inputs)
        if current is not None:
            say(f"Nothing changed since the published copy {current} was built: skipped "
                "(`impact build --force` builds anyway). / Mikään ei ole muuttunut: "
                "koostamista ei tarvittu.")
            return True
        load_raw(settings, full=force, say=say, anew=force)
        # Asked after the raw tables are loaded: a warehouse made anew there (missing, damaged
        # or foreign) has lost its views and seeds' fingerprint, so they are built again.
        keep_views = ViewsAndSeeds(settings).current() and not force
        run = build_models(settings, data_nodes() if keep_views else None)
        if not run.success:
            say(run.message(settings.warehouse_path))
            return False
        publish(settings, inputs)
        return True

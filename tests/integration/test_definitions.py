"""The Dagster definitions: a snapshot of what they define (asset keys, checks, jobs,
schedules, sensors), so that a rename shows in review; the lineage from the uploads through
dbt to the published copy; and the mapping between dbt's nodes and Dagster's assets and checks.

After an intended change, write the snapshot anew with
`UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_definitions.py` and review its diff."""

from __future__ import annotations

import json
import os

from tests.support.paths import SNAPSHOTS

SNAPSHOT = SNAPSHOTS / "dagster_definitions.json"


def definitions_summary(defs) -> dict:
    graph = defs.resolve_asset_graph()
    jobs = {}
    for job in defs.resolve_all_job_defs():
        if job.name.startswith("__"):
            continue  # Dagster's implicit asset job
        jobs[job.name] = sorted(k.to_user_string() for k in job.asset_layer.selected_asset_keys)
    return {
        "assets": sorted(k.to_user_string() for k in graph.get_all_asset_keys()),
        "checks": sorted(f"{k.asset_key.to_user_string()}:{k.name}" for k in graph.asset_check_keys),
        "jobs": jobs,
        "schedules": {s.name: [s.job_name, s.cron_schedule, s.execution_timezone]
                      for s in defs.schedules or []},
        "sensors": sorted(s.name for s in defs.sensors or []),
    }


def test_the_definitions_match_their_snapshot(dbt_manifest):
    from pipelines.orchestration.definitions import defs

    summary = definitions_summary(defs)
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n")
    assert summary == json.loads(SNAPSHOT.read_text())


def test_every_dbt_source_is_a_raw_table_asset(dbt_manifest):
    from pipelines.orchestration.definitions import defs
    from pipelines.orchestration.warehouse.assets import RAW_TABLES, raw_asset_key

    graph = defs.resolve_asset_graph()
    materialisable = {k for k in graph.get_all_asset_keys() if graph.get(k).is_materializable}
    manifest = json.loads(dbt_manifest.read_text())
    source_keys = {tuple(s["meta"]["dagster"]["asset_key"]) for s in manifest["sources"].values()}
    assert source_keys == {tuple(raw_asset_key(t).path) for t in RAW_TABLES}
    for path in source_keys:
        assert raw_asset_key(path[-1]) in materialisable


def test_the_published_copy_depends_on_every_published_table(dbt_manifest):
    from dagster import AssetKey

    from pipelines.orchestration.definitions import defs
    from pipelines.publish.tables import published_relations

    parents = defs.resolve_asset_graph().get(AssetKey(["published_copy"])).parent_keys
    assert {tuple(r.split(".")) for r in published_relations().values()} == {tuple(k.path) for k in parents}


def test_every_dbt_test_is_an_asset_check(dbt_manifest):
    """The consistency rules (singular tests of several models) name the model they check in
    their meta, so that every test's result reaches Dagster as a check."""
    from pipelines.orchestration.dbt.assets import dbt_models
    from pipelines.orchestration.dbt.nodes import DbtNodes
    from pipelines.orchestration.dbt.project import translator
    from pipelines.warehouse.dbt_sources import manifest_nodes

    nodes = manifest_nodes()
    mapped = DbtNodes.from_manifest(nodes, translator, dbt_models.check_keys)
    tests = {uid for uid, node in nodes.items() if node["resource_type"] == "test"}
    assert set(mapped.checks) == tests
    assert set(mapped.checks.values()) == set(dbt_models.check_keys)


def test_a_selection_of_every_asset_is_the_whole_project_and_a_subset_names_its_nodes(dbt_manifest):
    from dagster import AssetKey

    from pipelines.orchestration.dbt.assets import dbt_models
    from pipelines.orchestration.dbt.nodes import DbtNodes
    from pipelines.orchestration.dbt.project import translator
    from pipelines.warehouse.dbt_sources import manifest_nodes

    nodes = DbtNodes.from_manifest(manifest_nodes(), translator, dbt_models.check_keys)
    assert nodes.selection(dbt_models.keys, dbt_models.check_keys) is None
    values = AssetKey(["marts", "indicator_values"])
    checks = [k for k in dbt_models.check_keys if k.asset_key == values]
    selected = nodes.selection([values], checks)
    assert "indicator_values" in selected
    assert set(selected) == {"indicator_values", *(k.name for k in checks)}

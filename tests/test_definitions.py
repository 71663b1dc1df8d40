"""The Dagster graph loads, has the expected assets, and wires every dbt source to an ingest
asset (no orphan sources in the lineage)."""

from __future__ import annotations

import json

from pipelines.orchestration.dbt.assets import dbt_build_args


def test_definitions_load_with_the_expected_assets(dbt_manifest):
    from pipelines.orchestration.definitions import defs

    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    for expected in (
        "raw/projects", "raw/participants", "raw/entities", "raw/activities", "raw/feedback",
        "raw/targets", "raw/uploads", "reference/indicator_catalogue", "marts/indicator_values",
        "marts/indicator_increments", "marts/dim_scopes", "marts/reporting_cutoffs",
        "published_copy",
    ):
        assert expected in keys
    assert defs.resolve_job_def("build_indicators") is not None


def test_every_dbt_source_is_an_ingest_asset(dbt_manifest):
    from pipelines.orchestration.warehouse.assets import RAW_TABLES, raw_asset_key
    from pipelines.orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    materialisable = {k for k in graph.get_all_asset_keys() if graph.get(k).is_materializable}
    manifest = json.loads(dbt_manifest.read_text())
    source_keys = {
        tuple(s["meta"]["dagster"]["asset_key"]) for s in manifest["sources"].values()
    }
    assert source_keys == {tuple(raw_asset_key(t).path) for t in RAW_TABLES}
    for path in source_keys:
        assert raw_asset_key(path[-1]) in materialisable


def test_published_copy_depends_on_the_marts(dbt_manifest):
    from dagster import AssetKey

    from pipelines.orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    parents = graph.get(AssetKey(["published_copy"])).parent_keys
    assert AssetKey(["marts", "indicator_values"]) in parents
    assert AssetKey(["raw", "uploads"]) in parents


def test_dbt_build_args_carry_the_settings():
    args = dbt_build_args("national")
    assert args[0] == "build"
    assert json.loads(args[args.index("--vars") + 1]) == {"long_term_unemployment_rule": "national"}

"""`impact build` runs the asset graph's steps without Dagster's executor (pipelines/warehouse/build.py);
these tests keep that path and the Dagster graph the same, and the command line light."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO_ROOT


def test_direct_build_publishes_what_the_dagster_asset_publishes(dbt_manifest):
    from pipelines.orchestration.dbt.assets import published_tables
    from pipelines.orchestration.publish.assets import relation_name
    from pipelines.warehouse.dbt_run import published_relations

    assert published_relations() == {key.path[-1]: relation_name(key) for key in published_tables()}


def test_the_build_command_and_ingest_do_not_import_dagster():
    code = (
        "import sys, pipelines.warehouse.build, pipelines.warehouse.dbt_run, pipelines.publish.snapshot, pipelines.warehouse.raw_tables, "
        "pipelines.ingest, pipelines.cli; "
        "heavy = sorted(m for m in ('dagster', 'dagster_dbt', 'dbt.cli.main') if m in sys.modules); "
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_build_manifest_loads_the_prepared_parse(dbt_manifest):
    from pipelines.warehouse.dbt_run import DEFAULT_VARS, build_manifest, build_manifest_path
    from pipelines.warehouse.dbt_sources import source_fingerprint

    assert build_manifest_path(source_fingerprint(), DEFAULT_VARS).exists()
    manifest = build_manifest(DEFAULT_VARS)
    assert any(uid.startswith("model.") for uid in manifest.nodes)
    assert manifest.flat_graph  # ready for dbtRunner(manifest=...)

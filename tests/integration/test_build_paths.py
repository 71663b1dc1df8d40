"""The build's steps are one list: `impact build` runs pipelines/warehouse/build.py's step
functions, and the Dagster assets call the same functions. The command line stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO_ROOT

ORCHESTRATION = REPO_ROOT / "pipelines" / "orchestration"


def _imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {f"{node.module}.{alias.name}" for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module for alias in node.names}


def test_the_assets_run_the_build_steps():
    steps = {
        "warehouse/assets.py": "pipelines.warehouse.build.load_raw",
        "dbt/assets.py": "pipelines.warehouse.build.build_models",
        "publish/assets.py": "pipelines.warehouse.build.publish",
    }
    for asset_module, step in steps.items():
        assert step in _imported_names(ORCHESTRATION / asset_module), asset_module


def test_no_private_dagster_or_dbt_name_is_imported():
    for path in (REPO_ROOT / "pipelines").rglob("*.py"):
        for name in _imported_names(path):
            parts = name.split(".")
            if parts[0] in ("dagster", "dagster_dbt", "dbt", "dbt_common"):
                assert not any(p.startswith("_") for p in parts), f"{path}: {name}"
                assert name.split(".")[:2] not in (["dagster_dbt", "asset_utils"], ["dagster_dbt", "core"]), name


def test_the_build_command_and_ingest_do_not_import_dagster():
    code = (
        "import sys, pipelines.warehouse.build, pipelines.warehouse.dbt_invocation, "
        "pipelines.publish.snapshot, pipelines.warehouse.raw_tables, pipelines.ingest, pipelines.cli; "
        "heavy = sorted(m for m in ('dagster', 'dagster_dbt', 'dbt.cli.main') if m in sys.modules); "
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr

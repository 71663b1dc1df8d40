"""The dbt project as Dagster sees it. Kept alone so that preparing it (dbt parse) needs
nothing else from the pipeline."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from pipelines.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def dbt_executable() -> str:
    """The dbt beside this interpreter (an unactivated venv has no dbt on PATH)."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(
        project_dir=dbt_project,
        profiles_dir=str(dbt_project.profiles_dir),
        dbt_executable=dbt_executable(),
    )


def manifest_is_stale() -> bool:
    """True when target/manifest.json is missing or older than any dbt source file."""
    manifest = dbt_project.manifest_path
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    watched = ("models", "seeds", "macros", "tests")
    files = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in watched:
        files.extend(p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file())
    return any(f.stat().st_mtime > built for f in files)


def prepare_manifest(force: bool = False) -> None:
    """Parse the dbt project when its manifest is missing or stale (about 4 s)."""
    if force or manifest_is_stale():
        dbt_resource().cli(["parse", "--quiet"], target_path=dbt_project.target_path).wait()

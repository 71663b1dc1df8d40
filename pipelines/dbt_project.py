"""The dbt project as Dagster sees it. Kept alone so that preparing it (dbt parse) needs
nothing else from the pipeline."""

from __future__ import annotations

from dagster_dbt import DbtProject

from pipelines.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


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
        dbt_project.preparer.prepare(dbt_project)

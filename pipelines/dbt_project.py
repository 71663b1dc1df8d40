"""The dbt project as Dagster sees it. Kept alone so that preparing it (dbt parse) needs
nothing else from the pipeline."""

from __future__ import annotations

import hashlib
import os
import subprocess
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


WATCHED = ("dbt_project.yml", "profiles.yml", "models", "seeds", "macros", "tests")


def source_fingerprint() -> str:
    """A hash of every dbt source file's path and content (a few hundred KB: milliseconds)."""
    digest = hashlib.sha256()
    for entry in WATCHED:
        path = DBT_PROJECT_DIR / entry
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            digest.update(str(f.relative_to(DBT_PROJECT_DIR)).encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()


def _fingerprint_path() -> Path:
    return dbt_project.manifest_path.with_name("manifest.fingerprint")


def manifest_is_stale() -> bool:
    """True when target/manifest.json is missing or was parsed from other dbt sources."""
    stamp = _fingerprint_path()
    if not dbt_project.manifest_path.exists() or not stamp.exists():
        return True
    return stamp.read_text() != source_fingerprint()


def prepare_manifest(force: bool = False) -> None:
    """Parse the dbt project when its sources changed since the last parse (about 4 s)."""
    if not (force or manifest_is_stale()):
        return
    # Fingerprint before parsing: a file changed during the parse makes the next call parse again.
    fingerprint = source_fingerprint()
    # A plain subprocess: dagster-dbt's wrapper adds `dbt --version` and an adapter (~10 s).
    subprocess.run(
        [
            dbt_executable(), "parse", "--quiet",
            "--project-dir", str(DBT_PROJECT_DIR),
            "--profiles-dir", str(dbt_project.profiles_dir),
            "--target-path", str(DBT_PROJECT_DIR / dbt_project.target_path),
        ],
        check=True,
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
    )
    _fingerprint_path().write_text(fingerprint)

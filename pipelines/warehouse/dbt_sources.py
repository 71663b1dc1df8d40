"""The dbt project's source files and its parsed manifest.json, without importing dbt or Dagster
(both take seconds to import): what a quick check, such as a dry run's, needs to know.

`source_fingerprint()` hashes every file dbt reads. `prepare_manifest()` runs `dbt parse` (a
subprocess: this process need not import dbt) when the fingerprint changed since the last parse,
and stamps target/manifest.json with it: Dagster builds its asset graph from that file, and the
published table list and the dry run's lineage read it too. The published copy records the
fingerprint of the models that built it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pipelines.settings import DBT_PROJECT_DIR

MANIFEST_PATH = DBT_PROJECT_DIR / "target" / "manifest.json"  # DbtProject's default target
FINGERPRINT_PATH = MANIFEST_PATH.with_name("manifest.fingerprint")
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


def current_manifest(fingerprint: str | None = None) -> Path | None:
    """target/manifest.json when it was parsed from the dbt sources as they are now, else None."""
    try:
        stamp = FINGERPRINT_PATH.read_text()
    except OSError:
        return None
    if not MANIFEST_PATH.exists() or stamp != (fingerprint or source_fingerprint()):
        return None
    return MANIFEST_PATH


def dbt_executable() -> str:
    """The dbt beside this interpreter (an unactivated venv has no dbt on PATH)."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def prepare_manifest(force: bool = False) -> Path:
    """Parse the dbt project when its sources changed since the last parse (seconds); returns
    target/manifest.json."""
    if not force and current_manifest() is not None:
        return MANIFEST_PATH
    # Fingerprint before parsing: a file changed during the parse makes the next call parse again.
    fingerprint = source_fingerprint()
    subprocess.run(
        [
            dbt_executable(), "parse", "--quiet",
            "--project-dir", str(DBT_PROJECT_DIR),
            "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(MANIFEST_PATH.parent),
        ],
        check=True,
        cwd=DBT_PROJECT_DIR,
        env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
    )
    FINGERPRINT_PATH.write_text(fingerprint)
    return MANIFEST_PATH


def manifest_nodes() -> dict[str, dict]:
    """The nodes of the prepared manifest.json ({unique_id: node}), parsing first if needed."""
    return json.loads(prepare_manifest().read_text(encoding="utf-8"))["nodes"]

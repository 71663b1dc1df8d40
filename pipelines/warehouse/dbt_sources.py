"""The dbt project's source files and its prepared manifest, without importing dbt or Dagster
(both take seconds to import): what a quick check, such as a dry run's, needs to know.

`source_fingerprint()` hashes every file dbt reads; `pipelines.orchestration.dbt.project.prepare_manifest`
stamps target/manifest.json with it, and the published copy records the fingerprint of the
models that built it.
"""

from __future__ import annotations

import hashlib
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

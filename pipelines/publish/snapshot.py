"""Writing the published copy: an immutable snapshot of the marts as Parquet files that the
dashboard, the exports and the API read (pipelines/publish/reader.py), so that nothing outside
the build ever opens the warehouse.

Layout: IMPACT_HOME/published/<version>/<table>.parquet + manifest.json (the build's settings,
cut-offs and inputs, and every table's rows and columns), and the file
IMPACT_HOME/published/CURRENT naming the current version. A new version is written beside the
old one and CURRENT is swapped atomically (os.replace), so a reader sees one whole snapshot.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from pipelines.publish.reader import CURRENT, MANIFEST, Snapshot

KEEP_VERSIONS = 2  # the current one and the one a reader may still be reading


def _new_version_name() -> str:
    return "v" + datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def publish_snapshot(
    warehouse_path: Path,
    published_dir: Path,
    tables: dict[str, str],
    manifest: dict,
) -> Snapshot:
    """Copy `tables` ({file name: warehouse relation}) to a new snapshot and make it current."""
    published_dir.mkdir(parents=True, exist_ok=True)
    version = _new_version_name()
    staging = published_dir / f".{version}.tmp"
    staging.mkdir()
    rows: dict[str, int] = {}
    columns: dict[str, dict[str, str]] = {}
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        for name, relation in tables.items():
            target = staging / f"{name}.parquet"
            con.execute(f"COPY (SELECT * FROM {relation}) TO '{target}' (FORMAT parquet)")
            rows[name] = con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]
            columns[name] = {r[0]: r[1] for r in con.execute(f"DESCRIBE {relation}").fetchall()}
    manifest = {"version": version, **manifest, "tables": rows, "columns": columns}
    (staging / MANIFEST).write_text(
        json.dumps(manifest, indent=2, default=str, ensure_ascii=False), encoding="utf-8"
    )
    final = published_dir / version
    staging.rename(final)
    pointer_tmp = published_dir / f".{CURRENT}.tmp"
    pointer_tmp.write_text(version, encoding="utf-8")
    os.replace(pointer_tmp, published_dir / CURRENT)
    _prune(published_dir, keep=version)
    return Snapshot(version, final)


def publish_warehouse(settings, tables: dict[str, str], inputs: dict[str, str], checks: list[dict]) -> Snapshot:
    """The published copy of a build: `tables` ({file name: warehouse relation}), with the
    build's cut-offs, settings, the inputs it started from (pipelines/warehouse/build_inputs.py)
    and its data tests' results (`checks`) in the manifest."""
    from pipelines.warehouse.dbt_sources import source_fingerprint

    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        cutoffs = [
            str(r[0])
            for r in con.execute(
                "SELECT cutoff_date FROM marts.reporting_cutoffs ORDER BY cutoff_date"
            ).fetchall()
        ]
    return publish_snapshot(
        settings.warehouse_path,
        settings.published_dir,
        tables,
        manifest={
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "cutoffs": cutoffs,
            "settings": {"long_term_unemployment_rule": settings.long_term_unemployment_rule},
            # The models that built this copy: a dry run may take its "before" from here.
            "dbt_fingerprint": source_fingerprint(),
            "inputs": inputs,
            "checks": checks,
        },
    )


def _prune(published_dir: Path, keep: str) -> None:
    versions = sorted(p for p in published_dir.iterdir() if p.is_dir() and p.name.startswith("v"))
    for old in versions[:-KEEP_VERSIONS]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
    for stale in published_dir.glob(".*.tmp"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)

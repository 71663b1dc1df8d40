"""The published copy: an immutable snapshot of the marts as Parquet files that the dashboard
and the exports read, so that nothing outside the pipeline ever opens the warehouse.

Layout: IMPACT_HOME/published/<version>/<table>.parquet + manifest.json, and the file
IMPACT_HOME/published/CURRENT naming the current version. A new version is written beside the
old one and CURRENT is swapped atomically (os.replace), so a reader sees one whole snapshot.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

CURRENT = "CURRENT"
KEEP_VERSIONS = 2  # the current one and the one a reader may still be reading


class NotPublishedError(RuntimeError):
    """No published copy exists yet: run `impact build` first."""


@dataclass(frozen=True)
class Snapshot:
    path: Path

    @property
    def version(self) -> str:
        return self.path.name

    def table(self, name: str) -> Path:
        return self.path / f"{name}.parquet"

    def manifest(self) -> dict:
        return json.loads((self.path / "manifest.json").read_text(encoding="utf-8"))


def current_snapshot(published_dir: Path) -> Snapshot:
    pointer = published_dir / CURRENT
    if not pointer.exists():
        raise NotPublishedError(
            "Nothing has been published yet: run `impact build` (or `make demo`) first. / "
            "Mitään ei ole vielä julkaistu: aja ensin `impact build` (tai `make demo`)."
        )
    return Snapshot(published_dir / pointer.read_text(encoding="utf-8").strip())


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
    with duckdb.connect(str(warehouse_path), read_only=True) as con:
        for name, relation in tables.items():
            target = staging / f"{name}.parquet"
            con.execute(f"COPY (SELECT * FROM {relation}) TO '{target}' (FORMAT parquet)")
            rows[name] = con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]
    manifest = {"version": version, **manifest, "tables": rows}
    (staging / "manifest.json").write_text(
        json.dumps(manifest, indent=2, default=str, ensure_ascii=False), encoding="utf-8"
    )
    final = published_dir / version
    staging.rename(final)
    pointer_tmp = published_dir / f".{CURRENT}.tmp"
    pointer_tmp.write_text(version, encoding="utf-8")
    os.replace(pointer_tmp, published_dir / CURRENT)
    _prune(published_dir, keep=version)
    return Snapshot(final)


def publish_warehouse(settings, tables: dict[str, str], inputs: dict[str, str] | None = None,
                      ) -> tuple[Snapshot, list[str]]:
    """The published copy of a build: `tables` ({file name: warehouse relation}) and the upload
    list, with the build's cut-offs and settings in its manifest, and the inputs the build
    started from when known (pipelines/warehouse/build_inputs.py). What the `published_copy` asset and
    `impact build` both run. Returns the snapshot and the cut-offs."""
    from pipelines.warehouse.dbt_sources import source_fingerprint

    tables = {**tables, "uploads": "raw.uploads"}
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        cutoffs = [
            str(r[0])
            for r in con.execute(
                "SELECT cutoff_date FROM marts.reporting_cutoffs ORDER BY cutoff_date"
            ).fetchall()
        ]
    snapshot = publish_snapshot(
        settings.warehouse_path,
        settings.published_dir,
        tables,
        manifest={
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "cutoffs": cutoffs,
            "settings": {"long_term_unemployment_rule": settings.long_term_unemployment_rule},
            # The models that built this copy: a dry run may take its "before" from here.
            "dbt_fingerprint": source_fingerprint(),
            **({"inputs": inputs} if inputs else {}),
        },
    )
    return snapshot, cutoffs


def _prune(published_dir: Path, keep: str) -> None:
    versions = sorted(p for p in published_dir.iterdir() if p.is_dir() and p.name.startswith("v"))
    for old in versions[:-KEEP_VERSIONS]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
    for stale in published_dir.glob(".*.tmp"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)

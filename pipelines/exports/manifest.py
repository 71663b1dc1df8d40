"""What an export says about itself in manifest.json (from which uploads and as of when, with
which code and settings, the build's data tests, and the SHA-256 of every file), so that every
number can be traced to the files it came from. The workbook's cover says it for people
(cover.py).

Nothing in an export is the clock's: the same uploads, settings and code give the same bytes,
whenever and however often the warehouse is built again (a restored home included). The data's
time is the last contributing upload's (`data_as_of`); an approved export also names its
approval."""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import polars as pl

from indicators.exports.tables import ExportTables
from pipelines.settings import REPO_ROOT

FILES = {
    "indicator_values": "indicator_values.csv",
    "table6": "sfc_table6_outputs.csv",
    "table10": "sfc_table10_results.csv",
    "table6_excel": "sfc_table6_outputs_excel.csv",
    "table10_excel": "sfc_table10_results_excel.csv",
    "pact_annual": "pact_annual.csv",
    "workbook": "indicators.xlsx",
    "manifest": "manifest.json",
}


@dataclass(frozen=True)
class ExportContext:
    """What an export says about itself (cover sheet and manifest)."""

    cutoff: date
    public: bool
    k: int
    snapshot_manifest: dict
    rule: str
    code: dict
    checks: dict
    uploads: pl.DataFrame
    provisional: bool = False  # the cut-off's half-year had not ended (indicators/calendar.py)
    approval: dict | None = None  # the approval this export froze (pipelines/periods/)


def code_version() -> dict[str, Any]:
    """The package version and, in a git checkout, the commit and whether files differ from it."""
    try:
        version = metadata.version("esf-impact")
    except metadata.PackageNotFoundError:
        version = None
    commit, dirty = None, None
    try:
        git = ["git", "-C", str(REPO_ROOT)]
        head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
        if head.returncode == 0:
            commit = head.stdout.strip()
            status = subprocess.run(
                [*git, "status", "--porcelain", "--untracked-files=no"],
                capture_output=True, text=True, timeout=10,
            )
            dirty = bool(status.stdout.strip()) if status.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        pass
    return {"package": "esf-impact", "version": version, "git_commit": commit, "git_dirty": dirty}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def data_as_of(uploads: pl.DataFrame) -> datetime | None:
    """When the last contributing upload was received (naive UTC, as the ledger keeps it): the
    time of the data an export shows (None: no uploads)."""
    return uploads["received_at"].max() if uploads.height else None


def uploads_for_manifest(uploads: pl.DataFrame) -> list[dict]:
    columns = [
        "upload_id", "file_name", "sha256", "kind", "size_bytes", "received_at", "rows_read",
        "inserted", "updated", "unchanged", "rejected", "withdrawn", "outcome",
    ]
    return [
        {**r, "received_at": r["received_at"].isoformat()}
        for r in uploads.select(columns).iter_rows(named=True)
    ]


def checks_summary(snapshot_manifest: dict) -> dict:
    """The build's data tests, as the build ran them on the numbers it published (dbt: the
    consistency rules of indicators.md and every model's row checks). A copy is only published
    when every blocking test passes; warnings are named."""
    tests = snapshot_manifest["checks"]
    failed = [t["test"] for t in tests if t["status"] in ("fail", "error")]
    return {
        "status": "failed" if failed else "passed",
        "note": "The dbt data tests of the build that published these numbers, at its cut-offs "
        f"{snapshot_manifest['cutoffs'][:1]} .. {snapshot_manifest['cutoffs'][-1:]}; numbers are "
        "published only when every blocking test passes.",
        "tests": len(tests),
        "failed": failed,
        "consistency_rules": [t for t in tests if t["consistency_rule"]],
        "warnings": [f"{t['description'] or t['test']} ({t['failing_rows']})" for t in tests if t["status"] == "warn"],
    }


def manifest_for(
    context: ExportContext, tables: ExportTables, files: dict[str, Path], pact_rows: int = 0,
) -> dict:
    rows = {
        FILES["indicator_values"]: tables.long.height,
        FILES["pact_annual"]: pact_rows,
        FILES["table6"]: tables.sfc["table6"].height,
        FILES["table10"]: tables.sfc["table10"].height,
        FILES["table6_excel"]: tables.sfc["table6"].height,
        FILES["table10_excel"]: tables.sfc["table10"].height,
    }
    settings: dict[str, Any] = {
        "long_term_unemployment_rule": context.rule,
        "disclosure_threshold_k": context.k,
        "disclosure_control": "applied" if context.public else "not applied: the official export is exact",
    }
    manifest: dict[str, Any] = {
        "export": "public" if context.public else "official",
        "cutoff_date": context.cutoff.isoformat(),
        "provisional": context.provisional,
        "code_version": context.code,
        "settings": settings,
        "data_as_of": None if (as_of := data_as_of(context.uploads)) is None else as_of.isoformat(),
        "build_settings": context.snapshot_manifest["settings"],
        "uploads": uploads_for_manifest(context.uploads),
        "checks": context.checks,
    }
    if context.approval is not None:
        manifest["approval"] = context.approval
    if context.public:
        manifest["disclosure"] = {
            "k": context.k,
            "suppressed_cells": tables.suppressed_cells,
            "method": "primary suppression of counts 1..k-1 (sensitive indicators: 0..k-1) and of "
            "means of fewer than k responses; secondary suppression until no suppressed cell is "
            "pinned to one value by what a reader of this cut-off's public tables knows: the gender "
            "totals, the scope sums (projects, SFC rows, objectives, programme, regions), "
            "EECO01 = EECO02 + EECO04 + EECO05, counts >= 0, sub-indicators within their parents; "
            "audited by linear programming (HiGHS; indicators/disclosure/). Not yet: a reader who "
            "also uses that cumulative values never fall between the cut-offs' public exports. Euro "
            "amounts (SE23, SE24) are withheld: public only where three organisations are behind "
            "one, which is not counted yet. The EU Pact for Skills' yearly PS rows and pact_annual: "
            "euros withheld, attendances and persons of 1..k-1 withheld, PS01's gender parts "
            "together, PS06's shares where they give 1..k-1 attendances in or out",
            "mark": {"csv": "empty value, flag column true", "xlsx": "..", "excel_csv": ".."},
        }
    manifest["files"] = {
        path.name: {"sha256": sha256_file(path), "bytes": path.stat().st_size, **(
            {"rows": rows[path.name]} if path.name in rows else {}
        )}
        for path in files.values()
    }
    return manifest

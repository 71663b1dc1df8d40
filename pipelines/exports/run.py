"""`impact export`: the funder's tables for one cut-off, from the published copy.

Writes into one folder:
- indicator_values.csv      the long table (first six columns fixed: cutoff_date, scope_type,
                            scope_code, indicator_code, gender, value), plus names, unit,
                            target, target date and achievement rate
- sfc_table6_outputs.csv    SFC2021 Table 6, priority x objective x category of region x EECO
- sfc_table10_results.csv   SFC2021 Table 10, the same for EECR
- indicators.xlsx           all of it as a workbook with a cover sheet
- manifest.json             when, what, which code and settings, every contributing upload by
                            SHA-256, the consistency checks, and the SHA-256 of each file above

`public=True` applies disclosure control (indicators/exports/disclosure.py): suppressed values
are empty with a `*suppressed` flag column in the CSVs and ".." in the workbook. The official
export is exact. The tables hold no clock time, so the same published copy, cut-off and
settings give byte-identical tables; only manifest.json's generated_at changes.

CSV files are UTF-8 without a BOM, comma-separated (the long table's format since the first
release; the workbook is the Excel route); every text cell is neutralised against formulas.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

import polars as pl

from indicators.exports.checks import consistency_checks, scope_warnings
from indicators.exports.safe_text import neutralise
from indicators.exports.tables import ExportInputs, ExportTables, build_tables
from indicators.exports.workbook import Cover, write_workbook
from indicators.values_at_cutoff import format_value
from pipelines.publish.reader import PublishedCopy, Snapshot
from pipelines.settings import REPO_ROOT, Settings

INDICATOR_VALUES_COLUMNS = [
    "cutoff_date", "scope_type", "scope_code", "indicator_code", "gender", "value",
]
LONG_EXTRA_COLUMNS = ["name_fi", "name_en", "unit", "target", "target_date", "achievement_rate"]
SFC_COLUMNS = [
    "cutoff_date", "priority", "specific_objective", "category_of_region", "indicator_code",
    "name_fi", "name_en", "unit", "total", "women", "men", "non_binary", "target",
    "achievement_rate",
]
SFC_FLAG_COLUMNS = ["total_suppressed", "women_suppressed", "men_suppressed", "non_binary_suppressed"]
FILES = {
    "indicator_values": "indicator_values.csv",
    "table6": "sfc_table6_outputs.csv",
    "table10": "sfc_table10_results.csv",
    "workbook": "indicators.xlsx",
    "manifest": "manifest.json",
}
# Uploads whose rows are in the ledger (a refused file, or one with every row rejected, added nothing).
NOT_CONTRIBUTING = ("refused", "nothing_applied")
LONG_TERM_RULES = {
    "eu": ("eu: työtön yli 6 kk (alle 25-v.) tai yli 12 kk (25 v. täyttänyt)",
           "eu: unemployed more than 6 months (below 25) or more than 12 months (25 or over)"),
    "national": ("national: työtön vähintään 12 kk iästä riippumatta",
                 "national: unemployed 12 months or more at any age"),
}


# ---- reading the published copy ----------------------------------------------------------------
def read_inputs(snapshot: Snapshot) -> ExportInputs:
    return ExportInputs(
        scopes=snapshot.table("dim_scopes"),
        indicator_genders=snapshot.table("dim_indicator_genders"),
        catalogue=snapshot.table("indicator_catalogue"),
        increments=snapshot.table("indicator_increments"),
        targets=snapshot.table("dim_targets"),
    )


def contributing_uploads(snapshot: Snapshot) -> pl.DataFrame:
    """The uploads that put rows into the ledger, oldest first."""
    uploads = snapshot.table("uploads")
    return uploads.filter(~pl.col("outcome").is_in(NOT_CONTRIBUTING)).sort("upload_id")


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


# ---- formatting --------------------------------------------------------------------------------
def format_number(value: float | None) -> str:
    """A target: an integer when whole, else its shortest exact decimal."""
    if value is None:
        return ""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def format_rate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def format_date(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def format_flag(value: bool | None) -> str:
    return "true" if value else "false"


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    tmp.replace(path)


def long_rows(tables: ExportTables) -> tuple[list[str], list[list[str]]]:
    header = [*INDICATOR_VALUES_COLUMNS, *LONG_EXTRA_COLUMNS]
    if tables.public:
        header.append("suppressed")
    rows = []
    for r in tables.long.iter_rows(named=True):
        row = [
            r["cutoff_date"].isoformat(), neutralise(r["scope_type"]), neutralise(r["scope_code"]),
            neutralise(r["indicator_code"]), neutralise(r["gender"]),
            format_value(r["value"], r["aggregation"], r["decimals"]),
            neutralise(r["name_fi"]), neutralise(r["name_en"]), neutralise(r["unit"]),
            format_number(r["target"]), format_date(r["target_date"]), format_rate(r["achievement_rate"]),
        ]
        if tables.public:
            row.append(format_flag(r["suppressed"]))
        rows.append(row)
    return header, rows


def sfc_rows(tables: ExportTables, name: str) -> tuple[list[str], list[list[str]]]:
    header = SFC_COLUMNS + (SFC_FLAG_COLUMNS if tables.public else [])
    rows = []
    for r in tables.sfc[name].iter_rows(named=True):
        row = [
            tables.cutoff.isoformat(),
            *(neutralise(r[c]) for c in ("priority", "specific_objective", "category_of_region",
                                         "indicator_code", "name_fi", "name_en", "unit")),
            *(format_value(r[c], "count", 0) for c in ("total", "women", "men", "non_binary")),
            format_number(r["target"]), format_rate(r["achievement_rate"]),
        ]
        if tables.public:
            row.extend(format_flag(r[c]) for c in SFC_FLAG_COLUMNS)
        rows.append(row)
    return header, rows


def write_indicator_values_csv(tables: ExportTables, path: Path) -> None:
    _write_csv(path, *long_rows(tables))


# ---- the manifest and the cover ------------------------------------------------------------------
def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _built_at(snapshot_manifest: dict) -> datetime | None:
    text = snapshot_manifest.get("built_at")
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def _uploads_for_manifest(uploads: pl.DataFrame) -> list[dict]:
    columns = [
        "upload_id", "file_name", "sha256", "kind", "size_bytes", "received_at", "rows_read",
        "inserted", "updated", "unchanged", "rejected", "withdrawn", "outcome",
    ]
    return [
        {**r, "received_at": r["received_at"].isoformat()}
        for r in uploads.select(columns).iter_rows(named=True)
    ]


@dataclass(frozen=True)
class ExportContext:
    """What an export says about itself (cover sheet and manifest)."""

    cutoff: date
    public: bool
    k: int
    snapshot_version: str
    snapshot_manifest: dict
    rule: str
    code: dict
    checks: dict
    uploads: pl.DataFrame


def checks_summary(tables_official: ExportTables, inputs: ExportInputs, snapshot_manifest: dict) -> dict:
    rules = consistency_checks(tables_official.long, inputs.scopes, inputs.catalogue)
    warnings = scope_warnings(inputs.scopes)
    for key in ("warnings", "check_warnings"):
        extra = snapshot_manifest.get(key)
        if isinstance(extra, list):
            warnings.extend(str(w) for w in extra)
    failed = [r["rule"] for r in rules if r["status"] != "passed"]
    return {
        "build": {
            "status": "passed",
            "note": "The build publishes a snapshot only when every blocking consistency rule "
            "(dbt data tests of indicators.md rules 1-6) passes; this export reads snapshot "
            f"{snapshot_manifest.get('version')}.",
        },
        "at_export": {
            "status": "failed" if failed else "passed",
            "note": "Rules 1-6 re-checked on the exact values at this cut-off.",
            "rules": rules,
        },
        "warnings": warnings,
    }


def cover_for(context: ExportContext) -> Cover:
    built = context.snapshot_manifest.get("built_at", "")
    rule_fi, rule_en = LONG_TERM_RULES.get(context.rule, (context.rule, context.rule))
    code = context.code
    code_text = f"esf-impact {code.get('version') or '?'}" + (
        f", git {code['git_commit'][:12]}" if code.get("git_commit") else ""
    )
    at_export = context.checks["at_export"]["status"]
    checks_fi = "läpäisty (julkaisu vaatii estävien tarkistusten läpäisyn)" if at_export == "passed" else "VIRHEITÄ: katso manifest.json"
    checks_en = "passed (only a build whose blocking checks pass is published)" if at_export == "passed" else "FAILED: see manifest.json"
    lines: list[tuple[str, str, Any]] = [
        ("Katkaisupäivä", "Cut-off date", context.cutoff.isoformat()),
        ("Vienti", "Export",
         f"julkinen: tietosuoja k = {context.k} / public: disclosure control k = {context.k}"
         if context.public else "virallinen: tarkat luvut / official: exact values"),
        ("Luvut laskettu", "Numbers computed",
         f"{built} (julkaistu versio / published snapshot {context.snapshot_version})"),
        ("Vientihetki", "Exported at",
         "manifest.json: generated_at (ei tässä, jotta sama aineisto antaa saman tiedoston / "
         "not here, so that the same data gives the same file)"),
        ("Ohjelmistoversio", "Code version", code_text),
        ("Pitkäaikaistyöttömyys (EECO03)", "Long-term unemployment (EECO03)", f"{rule_fi} / {rule_en}"),
        ("Tietosuojakynnys", "Disclosure threshold",
         context.k if context.public else "ei käytetty virallisessa viennissä / not applied in the official export"),
        ("Johdonmukaisuustarkistukset", "Consistency checks", f"{checks_fi} / {checks_en}"),
    ]
    for warning in context.checks["warnings"]:
        lines.append(("Huomautus", "Warning", warning))
    notes = [
        ("Arvot ovat kumulatiivisia ohjelman alusta katkaisupäivään.",
         "Values are cumulative from the start of the programme to the cut-off date."),
        ("SFC-rivit ovat hankkeiden summia toimintalinjan, erityistavoitteen ja aluekategorian mukaan.",
         "SFC rows are sums of the projects by priority, specific objective and category of region."),
    ]
    if context.public:
        notes.append((
            f".. = suojattu: alle {context.k} henkilöä, tai piilotettu, jottei toista suojattua lukua voi laskea. "
            f"Arkaluonteiset (EECO12, EECO15, SE04, SE05) alle {context.k}, myös 0, aina suojattu.",
            f".. = suppressed: fewer than {context.k} persons, or hidden so that another suppressed number "
            f"cannot be worked out. Sensitive indicators (EECO12, EECO15, SE04, SE05) below {context.k}, "
            "0 included, are always suppressed.",
        ))
    return Cover(
        title_fi="ESR+-indikaattorit" + (" (julkinen)" if context.public else " (virallinen)"),
        title_en="ESF+ indicators" + (" (public)" if context.public else " (official)"),
        lines=lines,
        uploads=context.uploads,
        notes=notes,
        created=_built_at(context.snapshot_manifest),
    )


def manifest_for(
    context: ExportContext, tables: ExportTables, files: dict[str, Path], generated_at: datetime
) -> dict:
    rows = {
        FILES["indicator_values"]: tables.long.height,
        FILES["table6"]: tables.sfc["table6"].height,
        FILES["table10"]: tables.sfc["table10"].height,
    }
    settings: dict[str, Any] = {
        "long_term_unemployment_rule": context.rule,
        "disclosure_threshold_k": context.k,
        "disclosure_control": "applied" if context.public else "not applied: the official export is exact",
    }
    manifest: dict[str, Any] = {
        "export": "public" if context.public else "official",
        "generated_at": generated_at.astimezone(timezone.utc).isoformat(timespec="seconds"),
        "cutoff_date": context.cutoff.isoformat(),
        "code_version": context.code,
        "settings": settings,
        "published_snapshot": {
            "version": context.snapshot_version,
            "built_at": context.snapshot_manifest.get("built_at"),
            "settings": context.snapshot_manifest.get("settings"),
        },
        "uploads": _uploads_for_manifest(context.uploads),
        "checks": context.checks,
    }
    if context.public:
        manifest["disclosure"] = {
            "k": context.k,
            "suppressed_cells": tables.suppressed_cells,
            "method": "primary suppression of counts 1..k-1 (sensitive indicators: 0..k-1) and of "
            "means of fewer than k responses; secondary suppression so that no suppressed cell "
            "follows from the gender totals, the scope sums (projects, SFC rows, objectives, "
            "programme, regions) or EECO01 = EECO02 + EECO04 + EECO05; audited by exact linear "
            "algebra (indicators/exports/disclosure.py)",
            "mark": {"csv": "empty value, flag column true", "xlsx": ".."},
        }
    manifest["files"] = {
        path.name: {"sha256": sha256_file(path), "bytes": path.stat().st_size, **(
            {"rows": rows[path.name]} if path.name in rows else {}
        )}
        for path in files.values()
    }
    return manifest


# ---- the export --------------------------------------------------------------------------------
def run_export(
    settings: Settings,
    cutoff: date,
    out_dir: Path,
    public: bool = False,
    generated_at: datetime | None = None,
    log: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write the export into `out_dir`; returns the files written, manifest.json last."""
    snapshot = PublishedCopy(settings.published_dir).current()
    snapshot_manifest = snapshot.manifest
    inputs = read_inputs(snapshot)
    official = build_tables(inputs, cutoff)
    tables = build_tables(inputs, cutoff, public=True, k=settings.disclosure_k) if public else official
    checks = checks_summary(official, inputs, snapshot_manifest)
    if checks["at_export"]["status"] != "passed" and log is not None:
        log("WARNING: a consistency rule fails on the exported values; see manifest.json checks.")
    context = ExportContext(
        cutoff=cutoff,
        public=public,
        k=settings.disclosure_k,
        snapshot_version=snapshot.version,
        snapshot_manifest=snapshot_manifest,
        rule=(snapshot_manifest.get("settings") or {}).get(
            "long_term_unemployment_rule", settings.long_term_unemployment_rule
        ),
        code=code_version(),
        checks=checks,
        uploads=contributing_uploads(snapshot),
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {name: out_dir / file for name, file in FILES.items() if name != "manifest"}
    _write_csv(files["indicator_values"], *long_rows(tables))
    _write_csv(files["table6"], *sfc_rows(tables, "table6"))
    _write_csv(files["table10"], *sfc_rows(tables, "table10"))
    workbook_tmp = out_dir / f".{FILES['workbook']}.tmp"
    write_workbook(workbook_tmp, tables, inputs.scopes, cover_for(context))
    workbook_tmp.replace(files["workbook"])
    manifest = manifest_for(context, tables, files, generated_at or datetime.now(timezone.utc))
    manifest_path = out_dir / FILES["manifest"]
    tmp = out_dir / f".{FILES['manifest']}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, manifest_path)
    return [*files.values(), manifest_path]

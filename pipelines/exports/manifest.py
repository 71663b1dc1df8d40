"""What an export says about itself: the workbook's cover sheet and manifest.json (when, from
which published copy and uploads, with which code and settings, the build's data tests, and the
SHA-256 of every file), so that every number can be traced to the files it came from."""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

import polars as pl

from indicators.exports.tables import ExportTables
from indicators.exports.workbook import Cover
from pipelines.settings import REPO_ROOT

FILES = {
    "indicator_values": "indicator_values.csv",
    "table6": "sfc_table6_outputs.csv",
    "table10": "sfc_table10_results.csv",
    "workbook": "indicators.xlsx",
    "manifest": "manifest.json",
}
LONG_TERM_RULES = {
    "eu": ("eu: työtön yli 6 kk (alle 25-v.) tai yli 12 kk (25 v. täyttänyt)",
           "eu: unemployed more than 6 months (below 25) or more than 12 months (25 or over)"),
    "national": ("national: työtön vähintään 12 kk iästä riippumatta",
                 "national: unemployed 12 months or more at any age"),
}


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


def built_at(snapshot_manifest: dict) -> datetime:
    """When the published copy was built, as naive UTC (the workbook's creation time)."""
    return datetime.fromisoformat(snapshot_manifest["built_at"]).astimezone(timezone.utc).replace(tzinfo=None)


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
        "note": "The dbt data tests of the build that made published snapshot "
        f"{snapshot_manifest['version']}, at its cut-offs {snapshot_manifest['cutoffs'][:1]} .. "
        f"{snapshot_manifest['cutoffs'][-1:]}; a snapshot is published only when every blocking test passes.",
        "tests": len(tests),
        "failed": failed,
        "consistency_rules": [t for t in tests if t["consistency_rule"]],
        "warnings": [f"{t['description'] or t['test']} ({t['failing_rows']})" for t in tests if t["status"] == "warn"],
    }


def cover_for(context: ExportContext) -> Cover:
    built = context.snapshot_manifest["built_at"]
    rule_fi, rule_en = LONG_TERM_RULES.get(context.rule, (context.rule, context.rule))
    code = context.code
    code_text = f"esf-impact {code.get('version') or '?'}" + (
        f", git {code['git_commit'][:12]}" if code.get("git_commit") else ""
    )
    status = context.checks["status"]
    checks_fi = "läpäisty (julkaisu vaatii estävien tarkistusten läpäisyn)" if status == "passed" else "VIRHEITÄ: katso manifest.json"
    checks_en = "passed (only a build whose blocking checks pass is published)" if status == "passed" else "FAILED: see manifest.json"
    lines: list[tuple[str, str, Any]] = [
        ("Katkaisupäivä", "Cut-off date", context.cutoff.isoformat() + (
            " ALUSTAVA: puolivuotiskausi ei ole päättynyt / PROVISIONAL: the half-year has not ended"
            if context.provisional else "")),
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
    if context.approval is not None:
        lines.append(("Hyväksytty", "Approved",
                      f"{context.approval['approved_at']} ({context.approval['approved_by']})"))
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
        created=built_at(context.snapshot_manifest),
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
        "provisional": context.provisional,
        "code_version": context.code,
        "settings": settings,
        "published_snapshot": {
            "version": context.snapshot_version,
            "built_at": context.snapshot_manifest["built_at"],
            "settings": context.snapshot_manifest["settings"],
        },
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
            "pinned to one value by what a reader of the public tables of this and every earlier "
            "half-year cut-off knows: the gender totals, the scope sums (projects, SFC rows, "
            "objectives, programme, regions), EECO01 = EECO02 + EECO04 + EECO05, counts >= 0, "
            "sub-indicators within their parents, cumulative values never falling; audited by "
            "linear programming (HiGHS; indicators/disclosure/)",
            "mark": {"csv": "empty value, flag column true", "xlsx": ".."},
        }
    manifest["files"] = {
        path.name: {"sha256": sha256_file(path), "bytes": path.stat().st_size, **(
            {"rows": rows[path.name]} if path.name in rows else {}
        )}
        for path in files.values()
    }
    return manifest

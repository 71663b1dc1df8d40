"""`impact export`: the funder's tables for one cut-off, from the published copy.

Writes into one folder:
- indicator_values.csv      the long table (first six columns fixed: cutoff_date, scope_type,
                            scope_code, indicator_code, gender, value), plus names, unit,
                            target, target date and achievement rate
- sfc_table6_outputs.csv    SFC2021 Table 6, priority x objective x category of region x EECO
- sfc_table10_results.csv   SFC2021 Table 10, the same for EECR
- sfc_table6_outputs_excel.csv, sfc_table10_results_excel.csv
                            the same two tables for a spreadsheet user: `;`, UTF-8 with a BOM,
                            decimal comma, SFC's codes, headers in fi/sv/en (excel_rows.py)
- pact_annual.csv           the EU Pact for Skills' yearly report (seed-work.md 3.3 e), one row
                            per project x complete calendar year, in the annual survey's order;
                            PS01-PS06 are in the long table at a cut-off of 31 December
- indicators.xlsx           all of it as a workbook with a cover sheet
- manifest.json             when, what, which code and settings, every contributing upload by
                            SHA-256, the build's data tests, and the SHA-256 of each file above
                            (pipelines/exports/manifest.py)

`public=True` applies disclosure control (indicators/disclosure/): suppressed values
are empty with a `*suppressed` flag column in the CSVs and ".." in the workbook. The official
export is exact. The tables hold no clock time, so the same published copy, cut-off and
settings give byte-identical files, manifest.json and the workbook included (manifest.py).
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timezone
from pathlib import Path
import polars as pl

from indicators.calendar import is_provisional
from indicators.exports.pact import pact_annual_table, with_pact_rows
from indicators.exports.tables import ExportInputs, build_tables
from indicators.exports.workbook import write_workbook
from pipelines.exports.cover import cover_for
from pipelines.exports.manifest import FILES, ExportContext, checks_summary, code_version, manifest_for
from pipelines.exports.excel_rows import DELIMITER, ENCODING, excel_sfc_rows
from pipelines.exports.rows import long_rows, pact_annual_rows, sfc_rows, write_csv
from pipelines.publish.reader import PublishedCopy, Snapshot
from pipelines.settings import Settings

# Uploads whose rows are in the ledger (a refused file, or one with every row rejected, added nothing).
NOT_CONTRIBUTING = ("refused", "nothing_applied")


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


def run_export(
    settings: Settings,
    cutoff: date,
    out_dir: Path,
    public: bool = False,
    today: date | None = None,
    approval: dict | None = None,
) -> list[Path]:
    """Write the export into `out_dir`; returns the files written, manifest.json last.
    `approval`: the approval this export freezes (pipelines/periods/freeze.py), in the manifest.
    A cut-off whose half-year has not ended (on `today`, by default the UTC date) is marked
    provisional."""
    today = today or datetime.now(timezone.utc).date()
    snapshot = PublishedCopy(settings.published_dir).current()
    snapshot_manifest = snapshot.manifest
    inputs = read_inputs(snapshot)
    tables = with_pact_rows(
        build_tables(inputs, cutoff, public=public, k=settings.disclosure_k),
        snapshot.table("indicator_values"), snapshot.table("pact_pledges"), inputs.catalogue,
    )
    pact = pact_annual_table(snapshot.table("pact_annual"), cutoff, public, settings.disclosure_k)
    checks = checks_summary(snapshot_manifest)
    context = ExportContext(
        cutoff=cutoff,
        public=public,
        k=settings.disclosure_k,
        snapshot_manifest=snapshot_manifest,
        rule=snapshot_manifest["settings"]["long_term_unemployment_rule"],
        code=code_version(),
        checks=checks,
        uploads=contributing_uploads(snapshot),
        provisional=is_provisional(cutoff, today),
        approval=approval,
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {name: out_dir / file for name, file in FILES.items() if name != "manifest"}
    write_csv(files["indicator_values"], *long_rows(tables))
    write_csv(files["table6"], *sfc_rows(tables, "table6"))
    write_csv(files["table10"], *sfc_rows(tables, "table10"))
    for name in ("table6", "table10"):
        write_csv(files[f"{name}_excel"], *excel_sfc_rows(tables, name), delimiter=DELIMITER, encoding=ENCODING)
    write_csv(files["pact_annual"], *pact_annual_rows(pact, public))
    workbook_tmp = out_dir / f".{FILES['workbook']}.tmp"
    write_workbook(workbook_tmp, tables, inputs.scopes, cover_for(context), pact)
    workbook_tmp.replace(files["workbook"])
    manifest = manifest_for(context, tables, files, pact.height)
    manifest_path = out_dir / FILES["manifest"]
    tmp = out_dir / f".{FILES['manifest']}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, manifest_path)
    return [*files.values(), manifest_path]

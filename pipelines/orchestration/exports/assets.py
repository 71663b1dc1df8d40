"""Exports as Dagster assets: the official and the public export of a half-year cut-off.

Each asset writes IMPACT_HOME/exports/<cutoff>/official or .../public with
pipelines/exports/approved.write_export, the code `impact export` runs: from the published copy,
or, for the official export of an approved (final) cut-off, the files frozen at its approval.
The cut-off is the run config's `cutoff`, by default the last closed cut-off
(indicators/calendar.py).
"""

# No `from __future__ import annotations`: Dagster reads the config class from the annotations.
import json
from datetime import date
from pathlib import Path

from dagster import AssetExecutionContext, AssetKey, Config, MaterializeResult, asset

from indicators.calendar import last_closed_cutoff
from pipelines.orchestration.publish.assets import PUBLISHED_COPY
from pipelines.orchestration.resources import ImpactHome
from pipelines.settings import Settings

EXPORTS_GROUP = "exports"


class ExportConfig(Config):
    cutoff: str = ""  # YYYY-MM-DD; empty: the last closed cut-off


def export_dir(settings: Settings, cutoff: date, variant: str) -> Path:
    return settings.exports_dir / cutoff.isoformat() / variant


def export_cutoff(config: ExportConfig, today: date | None = None) -> date:
    if config.cutoff:
        return date.fromisoformat(config.cutoff)
    return last_closed_cutoff(today or date.today())


def _export(context: AssetExecutionContext, impact: ImpactHome, config: ExportConfig, variant: str):
    from pipelines.exports.approved import write_export

    settings = impact.settings()
    cutoff = export_cutoff(config)
    out = export_dir(settings, cutoff, variant)
    written, final = write_export(settings, cutoff, out, public=variant == "public")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    metadata = {
        "cutoff": cutoff.isoformat(),
        "path": str(out),
        "files": ", ".join(p.name for p in written),
        "uploads": len(manifest["uploads"]),
        "checks": manifest["checks"]["status"],
        "data_as_of": manifest["data_as_of"] or "no uploads",
        "approved": final is not None,
    }
    for name, info in manifest["files"].items():
        metadata[f"sha256 {name}"] = info["sha256"]
    if variant == "public":
        metadata["suppressed_cells"] = manifest["disclosure"]["suppressed_cells"]
        metadata["k"] = manifest["disclosure"]["k"]
    return MaterializeResult(metadata=metadata)


@asset(
    key=AssetKey(["exports", "official"]),
    deps=[PUBLISHED_COPY],
    group_name=EXPORTS_GROUP,
    kinds={"csv", "excel"},
    description=(
        "The official (exact) funder export of a half-year cut-off: long table, SFC2021 Tables 6 "
        "and 10, workbook and manifest, in IMPACT_HOME/exports/<cutoff>/official."
    ),
)
def official_export(context: AssetExecutionContext, impact: ImpactHome, config: ExportConfig) -> MaterializeResult:
    return _export(context, impact, config, "official")


@asset(
    key=AssetKey(["exports", "public"]),
    deps=[PUBLISHED_COPY],
    group_name=EXPORTS_GROUP,
    kinds={"csv", "excel"},
    description=(
        "The public export of a half-year cut-off, after disclosure control (threshold "
        "IMPACT_DISCLOSURE_K), in IMPACT_HOME/exports/<cutoff>/public."
    ),
)
def public_export(context: AssetExecutionContext, impact: ImpactHome, config: ExportConfig) -> MaterializeResult:
    return _export(context, impact, config, "public")


EXPORT_ASSETS = [official_export, public_export]

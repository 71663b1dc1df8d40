"""Exports view: the official or the public export of a cut-off, zipped for download. The export
code is the one `impact export` runs (pipelines/exports/run.py). Only a role that may export
official numbers is offered the official (exact) export; everyone else the public one."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path

from dash import html

from dashboards.components import cutoff_options
from dashboards.data import PublishedCopy, snapshot_cutoffs
from dashboards.i18n import format_date, normalise_lang, t
from dashboards.views.common import chosen_cutoff, meta_line, ready
from pipelines.exports.approved import write_export
from pipelines.settings import Settings

ID = {
    "title": "exports-title",
    "intro": "exports-intro",
    "cutoff": "exports-cutoff",
    "cutoff_label": "exports-cutoff-label",
    "variant": "exports-variant",
    "variant_label": "exports-variant-label",
    "button": "exports-button",
    "download": "exports-download",
    "status": "exports-status",
    "meta": "exports-meta",
}
VARIANTS = ("official", "public")


def offered(may_official: bool) -> tuple[str, ...]:
    """The variants a viewer may download."""
    return VARIANTS if may_official else ("public",)


def controls(copy: PublishedCopy, lang: str | None, cutoff: str | None, variant: str | None,
             may_official: bool = False) -> tuple:
    lang = normalise_lang(lang)
    state = ready(copy, lang)
    snap = state.snap
    opts = cutoff_options(snapshot_cutoffs(snap), lang) if snap is not None else []
    chosen = chosen_cutoff(snap, cutoff)
    variants = offered(may_official)
    variant_options = [{"label": t(f"export_{v}", lang), "value": v} for v in variants]
    meta = meta_line(snap, lang) if snap is not None else (state.blocked or [])
    return (
        t("exports_title", lang),
        t("exports_intro", lang),
        t("cutoff", lang), opts, chosen.isoformat() if chosen else None,
        t("export_variant", lang), variant_options,
        variant if variant in variants else variants[0],
        t("export_download", lang),
        snap is None,
        meta,
    )


def export_zip(settings: Settings, cutoff: dt.date, variant: str = "official") -> tuple[bytes, str]:
    """Run the export into a temporary directory and zip it: (zip bytes, file name)."""
    public = variant == "public"
    with tempfile.TemporaryDirectory(prefix="impact-export-") as tmp:
        out = Path(tmp) / "export"
        write_export(settings, cutoff, out, public=public)  # an approved cut-off: as frozen
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(out).as_posix())
    suffix = "_public" if public else ""
    return buf.getvalue(), f"esf_indicators_{cutoff.isoformat()}{suffix}.zip"


def done_message(cutoff: dt.date, name: str, lang: str) -> html.P:
    return html.P(t("export_done", lang, name=name, cutoff=format_date(cutoff, lang)),
                  className="note", role="status")

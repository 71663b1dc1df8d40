"""Exports view: the official (and, where pipelines/exports/run.py supports it, public) export of a
cut-off, zipped for download. The export code is the one `impact export` runs."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import tempfile
import zipfile
from pathlib import Path

from dash import html

from dashboards.components import cutoff_options
from dashboards.data import PublishedCopy
from dashboards.i18n import format_date, normalise_lang, t
from dashboards.views.common import chosen_cutoff, meta_line, ready
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


def public_supported() -> bool:
    """Whether run_export takes a `public` flag (added by the exports work)."""
    from pipelines.exports.run import run_export

    return "public" in inspect.signature(run_export).parameters


def controls(copy: PublishedCopy, lang: str | None, cutoff: str | None, variant: str | None) -> tuple:
    lang = normalise_lang(lang)
    state = ready(copy, lang)
    snap = state.snap
    opts = cutoff_options(snapshot_cutoffs(snap), lang) if snap is not None else []
    chosen = chosen_cutoff(snap, cutoff)
    public = public_supported()
    variant_options = [
        {"label": t("export_official", lang), "value": "official"},
        {"label": t("export_public", lang) + ("" if public else f" ({t('not_available_short', lang)})"),
         "value": "public", "disabled": not public},
    ]
    meta = meta_line(snap, lang) if snap is not None else (state.blocked or [])
    return (
        t("exports_title", lang),
        t("exports_intro", lang),
        t("cutoff", lang), opts, chosen.isoformat() if chosen else None,
        t("export_variant", lang), variant_options,
        variant if variant in VARIANTS and (variant != "public" or public) else "official",
        t("export_download", lang),
        snap is None,
        meta,
    )


def export_zip(settings: Settings, cutoff: dt.date, variant: str = "official") -> tuple[bytes, str]:
    """Run the export into a temporary directory and zip it: (zip bytes, file name)."""
    from pipelines.exports.run import run_export

    kwargs = {"public": True} if variant == "public" and public_supported() else {}
    with tempfile.TemporaryDirectory(prefix="impact-export-") as tmp:
        out = Path(tmp) / "export"
        run_export(settings, cutoff, out, **kwargs)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(out).as_posix())
    suffix = "_public" if kwargs else ""
    return buf.getvalue(), f"esf_indicators_{cutoff.isoformat()}{suffix}.zip"


def done_message(cutoff: dt.date, name: str, lang: str) -> html.P:
    return html.P(t("export_done", lang, name=name, cutoff=format_date(cutoff, lang)),
                  className="note", role="status")

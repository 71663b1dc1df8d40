"""Data-quality view: per project × kind, the last upload, its rows, the rejected share and the
days since, from the published `uploads` table (see dashboards/quality.py)."""

from __future__ import annotations

import datetime as dt

import polars as pl
from dash import html

from dashboards import metrics as m
from dashboards.components import Col, chart_panel, message, table_block
from dashboards.data import PublishedCopy
from dashboards.figures import bars_figure
from dashboards.figures_eval import freshness_figure
from dashboards.i18n import normalise_lang, t
from dashboards.quality import ALL_PROJECTS, STALE_DAYS, UNKNOWN_KIND, upload_status
from dashboards.views.common import meta_line, ready

ID = {
    "title": "quality-title",
    "body": "quality-body",
    "fresh_graph": "quality-freshness-graph",
    "rejected_graph": "quality-rejected-graph",
}


def kind_label(kind: str, lang: str) -> str:
    return t("kind_unknown", lang) if kind == UNKNOWN_KIND else t(f"kind_{kind}", lang)


def project_label(code: str, lang: str) -> str:
    return t("all_projects", lang) if code == ALL_PROJECTS else code


def render_quality(copy: PublishedCopy, lang: str | None, today: dt.date | None = None) -> list:
    lang = normalise_lang(lang)
    state = ready(copy, lang)
    if not state.ok:
        return state.blocked
    snap = state.snap
    uploads = snap.optional("uploads")
    if uploads is None:
        return [meta_line(snap, lang), message(t("no_uploads", lang))]
    known = set(m.projects(snap)["project_code"].to_list())
    status = upload_status(uploads, known, today or dt.date.today())
    if status.is_empty():
        return [meta_line(snap, lang), message(t("no_uploads", lang))]
    status = status.with_columns(
        pl.struct("project_code", "kind")
        .map_elements(
            lambda r: f"{project_label(r['project_code'], lang)} · {kind_label(r['kind'], lang)}",
            return_dtype=pl.String,
        )
        .alias("label")
    )
    columns = [
        Col(t("col_project", lang), "link"),
        Col(t("col_kind", lang)),
        Col(t("col_last_upload", lang), "date"),
        Col(t("col_days_since", lang), "number"),
        Col(t("col_uploads", lang), "number"),
        Col(t("col_refused", lang), "number"),
        Col(t("col_rows_read", lang), "number"),
        Col(t("col_rejected", lang), "number"),
        Col(t("col_rejected_share", lang), "percent"),
        Col(t("col_warnings", lang), "number"),
        Col(t("col_last_outcome", lang)),
    ]
    rows = [
        [
            (r["project_code"], f"/projects/{r['project_code']}")
            if r["project_code"] != ALL_PROJECTS
            else (t("all_projects", lang), "/projects"),
            kind_label(r["kind"], lang),
            r["last_upload"],
            r["days_since"],
            r["uploads"],
            r["refused"],
            r["rows_read"],
            r["rejected"],
            r["rejected_share"],
            r["warnings"],
            t(f"outcome_{r['last_outcome']}", lang) if r["last_outcome"] else "–",
        ]
        for r in status.iter_rows(named=True)
    ]
    table = table_block("quality-table", lang, columns, rows, t("quality_table_title", lang),
                        "data_quality.csv", open_=True, class_name="nowrap")
    rejected = status.filter(pl.col("rejected_share").is_not_null()).with_columns(
        (pl.col("rejected_share") * 100).alias("rejected_pct")
    ).sort("rejected_pct", descending=True)
    never = sorted(known - set(status["project_code"]))
    notes = [html.P(t("quality_attribution_note", lang), className="note")]
    if never:
        notes.append(html.P(t("quality_no_own_files", lang, projects=", ".join(never)), className="note"))
    return [
        meta_line(snap, lang),
        html.Section(className="panel", children=[html.H2(t("quality_table_title", lang)), *notes, table]),
        chart_panel(t("freshness_title", lang, days=STALE_DAYS), ID["fresh_graph"],
                    freshness_figure(status.sort("days_since", descending=True), lang, STALE_DAYS),
                    None, lang),
        chart_panel(t("rejected_title", lang), ID["rejected_graph"],
                    bars_figure(rejected, lang, t("axis_rejected_pct", lang), 1, value_col="rejected_pct"),
                    None, lang),
    ]

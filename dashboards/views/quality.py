"""Data-quality view: per project × kind the last upload, its rows, the rejected share, the
records in force, the open warnings and the days since; each upload's problems; and the
completeness of the optional fields. From the published `uploads` table and the quality marts
(dashboards/quality.py)."""

from __future__ import annotations

import datetime as dt

import polars as pl
from dash import html

from dashboards import metrics as m
from dashboards.components import Col, chart_panel, message, table_block
from dashboards.data import PublishedCopy
from dashboards.figures.quality import completeness_figure, status_heatmap
from dashboards.figures.quality import kind_name as kind_label
from dashboards.i18n import normalise_lang, t
from dashboards.quality import (
    NO_PROJECT,
    STALE_DAYS,
    column_label,
    completeness_matrix,
    problem_summary,
    upload_status,
)
from dashboards.views.common import meta_line, ready

ID = {
    "title": "quality-title",
    "body": "quality-body",
    "fresh_graph": "quality-freshness-graph",
    "rejected_graph": "quality-rejected-graph",
    "warnings_graph": "quality-warnings-graph",
    "completeness_graph": "quality-completeness-graph",
}


def _project_cell(code: str, lang: str) -> tuple[str, str]:
    """A project's code linking to its page; uploads of no project link to the project list."""
    return (code, f"/projects/{code}") if code != NO_PROJECT else (t("quality_no_project", lang), "/projects")


def projects_text(codes: list[str] | None, lang: str, shown: int = 3) -> str:
    """An upload's projects: up to `shown` codes, then how many there are in all."""
    if not codes:
        return t("quality_no_project", lang)
    if len(codes) <= shown:
        return ", ".join(codes)
    return ", ".join(codes[:shown]) + f" … ({len(codes)})"


def status_table(status: pl.DataFrame, lang: str):
    columns = [
        Col(t("col_project", lang), "link"),
        Col(t("col_kind", lang)),
        Col(t("col_last_upload", lang), "date"),
        Col(t("col_days_since", lang), "number"),
        Col(t("col_uploads", lang), "number"),
        Col(t("col_refused", lang), "number"),
        Col(t("col_records_in_force", lang), "number"),
        Col(t("col_rows_read", lang), "number"),
        Col(t("col_rejected", lang), "number"),
        Col(t("col_rejected_share", lang), "percent"),
        Col(t("col_open_warnings", lang), "number"),
        Col(t("col_last_outcome", lang)),
    ]
    rows = [
        [
            _project_cell(r["project_code"], lang),
            kind_label(r["kind"], lang),
            r["last_upload"],
            r["days_since"],
            r["uploads"],
            r["refused"],
            r["records_in_force"],
            r["rows_read"],
            r["rejected"],
            r["rejected_share"],
            r["open_warnings"],
            t(f"outcome_{r['last_outcome']}", lang) if r["last_outcome"] else "–",
        ]
        for r in status.iter_rows(named=True)
    ]
    return table_block("quality-table", lang, columns, rows, t("quality_table_title", lang),
                       "data_quality.csv", open_=True, class_name="nowrap")


def problems_panel(summary: pl.DataFrame, lang: str) -> html.Section:
    columns = [
        Col(t("col_upload", lang), "number"),
        Col(t("col_file", lang)),
        Col(t("col_kind", lang)),
        Col(t("col_received", lang), "date"),
        Col(t("col_projects", lang)),
        Col(t("col_severity", lang)),
        Col(t("col_rule", lang)),
        Col(t("col_problems", lang), "number"),
        Col(t("col_problem_rows", lang), "number"),
        Col(t("col_open", lang), "number"),
    ]
    rows = [
        [
            r["upload_id"],
            r["file_name"] or t("name_hidden", lang),
            kind_label(r["kind"], lang),
            r["received_at"],
            projects_text(r["projects"], lang),
            t(f"severity_{r['severity']}", lang) if r["severity"] in ("error", "warning") else r["severity"],
            r["rule_id"],
            r["problems"],
            r["problem_rows"],
            r["open_problems"],
        ]
        for r in summary.iter_rows(named=True)
    ]
    open_total = int(summary["open_problems"].sum()) if summary.height else 0
    return html.Section(
        className="panel",
        children=[
            html.H2(t("quality_problems_title", lang)),
            html.P(t("quality_problems_note", lang), className="note"),
            html.P(t("quality_open_count", lang, n=open_total), className="note")
            if summary.height
            else html.P(t("quality_no_problems", lang), className="note"),
            table_block("quality-problems-table", lang, columns, rows, t("quality_problems_title", lang),
                        "upload_problems.csv", class_name="nowrap")
            if summary.height
            else None,
        ],
    )


def completeness_panel(completeness: pl.DataFrame, lang: str) -> html.Section:
    """The heatmap and its numbers: one row per kind × column, one column per project (the
    records each share is of are the status table's records in force)."""
    rows, projects, shares = completeness_matrix(completeness)
    columns = [
        Col(t("col_kind", lang)),
        Col(t("col_column", lang)),
        *(Col(code, "percent") for code in projects),
    ]
    table_rows = [
        [kind_label(k, lang), column_label(k, c, lang), *line]
        for (k, c), line in zip(rows, shares, strict=True)
    ]
    table = table_block("quality-completeness-table", lang, columns, table_rows,
                        t("completeness_title", lang), "completeness.csv", class_name="nowrap")
    return chart_panel(t("completeness_title", lang), ID["completeness_graph"],
                       completeness_figure(completeness, lang), table, lang,
                       note=t("completeness_note", lang))


def render_quality(copy: PublishedCopy, lang: str | None, today: dt.date | None = None) -> list:
    lang = normalise_lang(lang)
    state = ready(copy, lang)
    if not state.ok:
        return state.blocked
    snap = state.snap
    uploads = snap.table("uploads")
    upload_projects = snap.table("quality_upload_projects")
    problems = snap.table("quality_upload_problems")
    completeness = snap.table("quality_completeness")
    status = upload_status(uploads, today or dt.date.today(), upload_projects, problems)
    if status.is_empty():
        return [meta_line(snap, lang), message(t("no_uploads", lang))]
    known = set(m.projects(snap)["project_code"].to_list())
    never = sorted(known - set(status["project_code"]))
    notes = [html.P(t("quality_attribution_note", lang), className="note")]
    if never:
        notes.append(html.P(t("quality_no_own_files", lang, projects=", ".join(never)), className="note"))
    return [
        meta_line(snap, lang),
        html.Section(className="panel", children=[
            html.H2(t("quality_table_title", lang)), *notes, status_table(status, lang),
        ]),
        chart_panel(t("freshness_title", lang, days=STALE_DAYS), ID["fresh_graph"],
                    status_heatmap(status, "days_since", lang, t("axis_days_since", lang),
                                   zmax=STALE_DAYS, flag_above=STALE_DAYS),
                    None, lang, note=t("freshness_note", lang, days=STALE_DAYS)),
        chart_panel(t("rejected_title", lang), ID["rejected_graph"],
                    status_heatmap(status, "rejected_share", lang, t("axis_rejected_pct", lang), kind="percent"),
                    None, lang, note=t("rejected_note", lang)),
        chart_panel(t("open_warnings_title", lang), ID["warnings_graph"],
                    status_heatmap(status, "open_warnings", lang, t("axis_open_warnings", lang)),
                    None, lang, note=t("open_warnings_note", lang)),
        problems_panel(problem_summary(problems, uploads, upload_projects), lang),
        completeness_panel(completeness, lang),
    ]

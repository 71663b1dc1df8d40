"""Upload view: what the page shows of an import report, and the template downloads. (The
build that follows an applied file is views/builds.py; the indicator delta views/upload_delta.py.)

The report is the same ImportReport `impact ingest` prints (pipelines/ingest/report.py). A
refused file shows its refusal reason only: no name when the name was hidden, no rows.
Problem messages are shown in the page's language as indicators.messages words them by rule
id, each row named by the record's id and the column's header as the file wrote them. The
indicator delta is views/upload_delta.py.
"""

from __future__ import annotations

import polars as pl
from dash import dcc, html

from dashboards.components import Col, data_grid, message
from dashboards.i18n import format_number, normalise_lang, t
from indicators.contract import KINDS
from indicators.messages import message as rule_message
from pipelines.ingest import ImportReport, templates
from pipelines.ingest.report import SUMMARY_FIELDS

PROBLEMS_SHOWN = 200
AUTO_KIND = "auto"

ID = {
    "title": "upload-title",
    "intro": "upload-intro",
    "kind": "upload-kind",
    "kind_label": "upload-kind-label",
    "file": "upload-file",
    "report": "upload-report",
    "token": "upload-token",
    "apply": "upload-apply",
    "report_button": "upload-report-button",
    "report_download": "upload-report-download",
    "build": "upload-build",
    "poll": "upload-poll",
    "applied": "upload-applied",
    "templates": "upload-templates",
    "template_download": "upload-template-download",
    "delta": "upload-delta",
    "delta_poll": "upload-delta-poll",
    "access": "upload-access",
}


def problem_message(problem: dict, lang: str) -> str | None:
    """A problem row's message in `lang`, as this version words it for its rule id (so a
    report stored earlier reads as today's); the stored text for a rule id it does not know."""
    stored = problem["message_fi"] if lang == "fi" else problem["message_en"]
    return rule_message(problem["rule_id"], lang, stored)


def kind_options(lang: str) -> list[dict]:
    return [{"label": t("kind_auto", lang), "value": AUTO_KIND}] + [
        {"label": f"{t(f'kind_{k}', lang)} ({k})", "value": k} for k in KINDS
    ]


def report_view(report: ImportReport | None, lang: str | None) -> list:
    """The summary and the row-level problems of one report."""
    lang = normalise_lang(lang)
    if report is None:
        return []
    if report.refused:
        reasons = report.problems.filter(pl.col("row_number").is_null())
        if reasons.is_empty():
            reasons = report.problems
        texts = [problem_message(r, lang) for r in reasons.iter_rows(named=True)] or [report.refusal_reason or ""]
        return [
            html.Div(
                id="upload-outcome",
                className="message message-error",
                role="alert",
                children=[
                    html.H2(t("upload_refused", lang)),
                    *[html.P(text) for text in texts],
                    html.P(t("upload_refused_rule", lang, rule=report.refusal_reason or "–"),
                           className="note"),
                ],
            )
        ]
    heading = t("upload_preview_heading" if report.dry_run else "upload_applied_heading", lang)
    outcome = t(f"outcome_{report.outcome}", lang)
    name = report.file_name if report.file_name is not None else t("name_hidden", lang)
    summary = [
        (t("col_file", lang), name),
        (t("col_kind", lang), f"{t(f'kind_{report.kind}', lang)} ({report.kind})" if report.kind else "–"),
        (t("col_outcome", lang), (t("would_be", lang) + " " if report.dry_run else "") + outcome),
    ]
    if report.previous_upload_id is not None:
        summary.append((t("col_note", lang), t("same_file_before", lang, upload=report.previous_upload_id)))
    counts = [
        html.Div(
            className=f"count count-{attr}",
            children=[
                html.Span(format_number(getattr(report, attr), lang), className="count-value"),
                html.Span(t(f"sum_{attr}", lang), className="count-label"),
            ],
        )
        for attr, _fi, _en in SUMMARY_FIELDS
    ]
    kind = "warning" if report.rejected else "ok"
    parts = [
        html.Div(
            id="upload-outcome",
            className=f"message message-{kind}",
            role="status",
            children=[
                html.H2(heading),
                html.Dl(className="facts", children=[p for k, v in summary for p in (html.Dt(k), html.Dd(v))]),
                html.Div(className="counts", children=counts),
            ],
        )
    ]
    if report.problems.height:
        parts.append(problems_view(report, lang))
    return parts


def problems_view(report: ImportReport, lang: str) -> html.Section:
    """The problems by row, in the file's own words: the record's id and the column's header
    as the file wrote them (pipelines/ingest/report_words.py)."""
    problems = report.problems
    shown = problems.head(PROBLEMS_SHOWN)
    columns = [
        Col(t("col_row", lang), "number"),
        Col(t("col_record", lang)),
        Col(t("col_column", lang)),
        Col(t("col_value", lang)),
        Col(t("col_severity", lang)),
        Col(t("col_message", lang)),
    ]
    rows = [
        [
            r["row_number"],
            report.record_words(r["row_number"]) or "–",
            report.column_words(r["column_name"]) or "–",
            r["value"],
            t(f"severity_{r['severity']}", lang),
            problem_message(r, lang),
        ]
        for r in shown.iter_rows(named=True)
    ]
    notes = []
    if problems.height > shown.height:
        notes.append(html.P(t("problems_truncated", lang, shown=shown.height, total=problems.height),
                            className="note"))
    return html.Section(
        className="panel problems",
        children=[
            html.H2(t("problems_title", lang, n=problems.height)),
            *notes,
            html.Div(className="table-scroll", children=data_grid(columns, rows, lang, t("problems_caption", lang))),
        ],
    )


# --- Templates -------------------------------------------------------------------------------

TEMPLATE_FORMATS = ("csv", "xlsx")


def template_file(kind: str, fmt: str, lang: str) -> tuple[bytes, str]:
    """An empty upload template of `kind` (what `impact template` writes): (bytes, file name).
    Templates are Finnish or English (column names); Swedish users get the English one."""
    lang = lang if lang in templates.LANGS else "en"
    xlsx = fmt == "xlsx"
    content = templates.xlsx_template(kind, lang) if xlsx else templates.csv_template(kind, lang)
    return content, templates.default_file_name(kind, lang, xlsx)


def templates_view(lang: str | None) -> list:
    lang = normalise_lang(lang)
    rows = [
        html.Div(
            className="template-row",
            children=[
                html.Span(t(f"kind_{k}", lang), className="template-kind"),
                *[
                    html.Button(
                        fmt.upper(),
                        id={"type": "template-button", "kind": k, "fmt": fmt},
                        className="button secondary",
                        n_clicks=0,
                        **{"aria-label": f"{t(f'kind_{k}', lang)}: {fmt.upper()}"},
                    )
                    for fmt in TEMPLATE_FORMATS
                ],
            ],
        )
        for k in KINDS
    ]
    return [html.P(t("templates_intro", lang)), html.Div(className="template-buttons", children=rows),
            html.P(dcc.Link(t("history_link", lang), href="/upload-history", id="upload-history-link"))]


def upload_error(lang: str) -> list:
    return [message(t("upload_unreadable", lang), kind="error")]

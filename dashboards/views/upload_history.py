"""Upload history view ('/upload-history'): the uploads a viewer may see, newest first, and one
upload's stored report in the file's own words (pipelines/ingest/history.py report_in_words),
shown as the upload page shows a fresh one and downloadable as the same CSV.

Whose uploads: an administrator's or a coordinator's, every one; a project manager's, those
that stored records of its own projects only, and those it applied itself (a file whose every
row was rejected stores no record). `visible_uploads` is pure; pages/upload_history.py asks it
on the server in every callback.
"""

from __future__ import annotations

import polars as pl
from dash import dcc, html

from dashboards.components import Col, data_grid, message
from dashboards.i18n import normalise_lang, t
from dashboards.views.upload import report_view
from pipelines.access import audit
from pipelines.access.roles import User
from pipelines.ingest.history import list_uploads, report_in_words, upload_projects
from pipelines.ingest.report import ImportReport, reports_to_csv
from pipelines.settings import Settings

ID = {
    "title": "upload-history-title",
    "intro": "upload-history-intro",
    "table": "upload-history-table",
    "choose_label": "upload-history-choose-label",
    "choose": "upload-history-choose",
    "button": "upload-history-button",
    "download": "upload-history-download",
    "report": "upload-history-report",
}
APPLIED = ("upload.apply",)  # audit actions of a user applying a file (dashboard and API)


def visible_uploads(uploads: pl.DataFrame, projects: pl.DataFrame, user: User | None,
                    applied_by_user: set[int]) -> pl.DataFrame:
    """The uploads `user` may see (`uploads`: history.UPLOAD_SCHEMA; `projects`: upload_id,
    project_code), newest first; only uploads with a stored report (an upload id)."""
    frame = uploads.filter(pl.col("upload_id").is_not_null())
    if user is None or not user.may_upload():
        return frame.clear()
    if user.upload_projects is not None:
        own = set(user.upload_projects)
        stored = projects.group_by("upload_id").agg(pl.col("project_code").unique())
        only_own = {u for u, codes in stored.iter_rows() if codes and set(codes) <= own}
        frame = frame.filter(pl.col("upload_id").is_in(sorted(only_own | applied_by_user)))
    return frame.sort("upload_id", descending=True)


def applied_by(settings: Settings, user: User) -> set[int]:
    """The upload ids the audit trail says `user` applied."""
    return {
        int(e.detail["upload_id"]) for e in audit.entries(settings.home)
        if e.actor == user.name and e.action in APPLIED and e.detail.get("upload_id") is not None
    }


def uploads_for(settings: Settings, user: User | None) -> pl.DataFrame:
    if user is None or not user.may_upload():
        return visible_uploads(list_uploads(settings), pl.DataFrame(), user, set())
    projects = upload_projects(settings) if user.upload_projects is not None else pl.DataFrame(
        schema={"upload_id": pl.Int64, "project_code": pl.String})
    own = applied_by(settings, user) if user.upload_projects is not None else set()
    return visible_uploads(list_uploads(settings), projects, user, own)


def report_for(settings: Settings, user: User | None, upload_id: object) -> ImportReport | None:
    """The stored report of an upload `user` may see; None for any other."""
    try:
        wanted = int(upload_id)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if wanted not in set(uploads_for(settings, user)["upload_id"].to_list()):
        return None
    return report_in_words(settings, wanted)


def report_csv(report: ImportReport) -> bytes:
    """The report as the upload page and `impact ingest --report x.csv` write it."""
    return b"\xef\xbb\xbf" + reports_to_csv([report]).encode("utf-8")


def option_label(row: dict, lang: str) -> str:
    when = row["received_at"].strftime("%d.%m.%Y %H:%M") if row["received_at"] else ""
    name = row["file_name"] or t("name_hidden", lang)
    outcome = t("outcome_" + row["outcome"], lang)
    return f"#{row['upload_id']} {when} {name} – {outcome}"


def history_body(uploads: pl.DataFrame, lang: str | None) -> tuple[list, list[dict]]:
    """The table of uploads and the chooser's options."""
    lang = normalise_lang(lang)
    if uploads.is_empty():
        return [message(t("history_empty", lang))], []
    columns = [
        Col(t("col_upload", lang), "number"), Col(t("col_received", lang)), Col(t("col_file", lang)),
        Col(t("col_kind", lang)), Col(t("col_outcome", lang)),
        *[Col(t(f"sum_{c}", lang), "number") for c in ("rows_read", "inserted", "updated", "rejected", "warnings")],
    ]
    rows = [
        [r["upload_id"], r["received_at"].strftime("%d.%m.%Y %H:%M") if r["received_at"] else "",
         r["file_name"] or t("name_hidden", lang), t(f"kind_{r['kind']}", lang) if r["kind"] else "–",
         t(f"outcome_{r['outcome']}", lang),
         *[r[c] for c in ("rows_read", "inserted", "updated", "rejected", "warnings")]]
        for r in uploads.iter_rows(named=True)
    ]
    table = data_grid(columns, rows, lang, t("history_caption", lang))
    table.id = ID["table"]
    options = [{"label": option_label(r, lang), "value": r["upload_id"]} for r in uploads.iter_rows(named=True)]
    return [html.Div(className="table-scroll", children=table)], options


def report_body(report: ImportReport | None, lang: str | None) -> list:
    return report_view(report, lang) if report is not None else []


def download(report: ImportReport) -> dict:
    return dcc.send_bytes(report_csv(report), f"import_report_{report.upload_id}.csv", type="text/csv")

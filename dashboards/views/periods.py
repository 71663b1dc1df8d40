"""Reporting periods view: each project's period at a cut-off with its delivery status
(pipelines/periods/delivery.py), the coordinator's revision queue, and what a change of state
answers. Pure: rows and a language in, Dash components out; the page (pages/periods.py) asks
the periods service and checks who may do what."""

from __future__ import annotations

import datetime as dt

from dash import html

from dashboards.components import data_table, message
from dashboards.i18n import format_date, format_timestamp, normalise_lang, t
from indicators.calendar import is_provisional
from pipelines.periods.delivery import Delivery
from pipelines.periods.service import Revision
from pipelines.periods.states import SUBMITTED_REVISED

ID = {
    "title": "periods-title",
    "intro": "periods-intro",
    "cutoff": "periods-cutoff",
    "cutoff_label": "periods-cutoff-label",
    "cutoff_state": "periods-cutoff-state",
    "body": "periods-body",
    "actions": "periods-actions",
    "actions_title": "periods-actions-title",
    "project": "periods-project",
    "project_label": "periods-project-label",
    "reason": "periods-reason",
    "reason_label": "periods-reason-label",
    "submit": "periods-submit",
    "approve": "periods-approve",
    "reopen": "periods-reopen",
    "result": "periods-result",
    "changed": "periods-changed",
    "queue": "periods-queue",
    "download_button": "periods-download-button",
    "download": "periods-download",
}
TABLE_ID = "periods-table"
REVISION_NEEDED_ID = "upload-revision-needed"
REVISION_RECORDED_ID = "upload-revision-recorded"
QUEUE_TABLE_ID = "periods-queue-table"


def state_label(state: str, lang: str) -> str:
    key = "period_state_revised" if state == SUBMITTED_REVISED else f"period_state_{state}"
    return t(key, lang)


def cutoff_state(cutoff: dt.date, final: bool, deadline: dt.date, lang: str, today: dt.date | None = None) -> list:
    """The line under the selector: provisional, closed or final, and the deadline."""
    lang = normalise_lang(lang)
    if is_provisional(cutoff, today or dt.date.today()):
        head = t("periods_provisional_note", lang)
    else:
        head = t("periods_cutoff_state_final" if final else "periods_cutoff_state_closed", lang)
    return [html.Span(head, className="period-cutoff-state"), " · ",
            html.Span(t("periods_deadline", lang, date=format_date(deadline, lang)), className="period-deadline")]


def delivery_table(rows: list[Delivery], lang: str) -> list:
    """One row per project: state, delivery and timeliness, who/when/why, uploads in the period."""
    lang = normalise_lang(lang)
    if not rows:
        return [message(t("periods_empty", lang))]
    header = [t(k, lang) for k in ("periods_col_project", "periods_col_state", "periods_col_delivered",
                                   "periods_col_timeliness", "periods_col_changed", "periods_col_by",
                                   "periods_col_reason", "periods_col_uploads")]
    body = []
    for r in rows:
        uploads = str(r.uploads_in_period) if r.uploads_in_period else t("periods_nothing_uploaded", lang)
        body.append([
            r.project_code, state_label(r.state, lang), format_timestamp(r.delivered_at, lang),
            t(f"timeliness_{r.timeliness}", lang), format_timestamp(r.changed_at, lang),
            r.changed_by or "–", r.reason or "–", uploads,
        ])
    table = data_table(header, body, numeric_from=len(header) - 1)
    table.id = TABLE_ID
    for tr, r in zip(table.children[1].children, rows):
        tr.className = " ".join(c for c in (f"period-{r.timeliness}", "period-nothing-uploaded" if r.uploaded_nothing
                                                                         else "") if c)
        tr.id = f"period-row-{r.project_code}"
    return [html.Div(className="table-scroll", children=table)]


def revision_queue(queue: list[Revision], lang: str) -> list:
    """The coordinator's queue: periods an upload changed after their approval."""
    lang = normalise_lang(lang)
    parts: list = [html.H2(t("periods_queue_title", lang)), html.P(t("periods_queue_intro", lang), className="intro")]
    if not queue:
        return parts + [message(t("periods_queue_empty", lang))]
    header = [t(k, lang) for k in ("periods_col_cutoff", "periods_col_project", "periods_col_upload",
                                   "periods_col_reason", "periods_col_by", "periods_col_changed")]
    body = [[format_date(r.period.cutoff, lang), r.period.project_code, r.upload or "–", r.period.reason or "–",
             r.period.changed_by or "–", format_timestamp(r.period.changed_at, lang)] for r in queue]
    table = data_table(header, body, numeric_from=len(header))
    table.id = QUEUE_TABLE_ID
    return parts + [html.Div(className="table-scroll", children=table)]


def project_options(projects: list[str]) -> list[dict]:
    return [{"label": p, "value": p} for p in projects]


def done(project: str | None, cutoff: dt.date, state: str, lang: str, final: bool = False) -> html.Div:
    """What a change answers: the period's new state (approve without a project: each one)."""
    lang = normalise_lang(lang)
    body = t("periods_done", lang, project=project or "", cutoff=format_date(cutoff, lang),
             state=state_label(state, lang)).strip()
    if final:
        body += " " + t("periods_final_done", lang, cutoff=format_date(cutoff, lang))
    return message(t("periods_done_title", lang), body, "ok")


def refused_change(reason: str, lang: str) -> html.Div:
    """A change the state machine (or a missing field) refused: nothing changed."""
    return message(t("periods_refused_title", normalise_lang(lang)), reason, "error")


# --- The upload page: a file that changes an approved period (pages/upload.py)


def revision_needed(changed: list, lang: str) -> html.Div:
    """Nothing applied: the file changes approved periods and no reason was given."""
    from pipelines.periods.revisions import lines

    lang = normalise_lang(lang)
    return html.Div(id=REVISION_NEEDED_ID, children=message(
        t("revision_reason_needed_title", lang), t("revision_reason_needed", lang, lines="; ".join(lines(changed))),
        "warning"))


def revision_check_failed(lang: str) -> html.Div:
    lang = normalise_lang(lang)
    return message(t("revision_reason_needed_title", lang), t("revision_check_failed", lang), "error")


def revision_recorded(revised: list, lang: str) -> list:
    """The periods the applied file sent back for approval (none: nothing to say)."""
    if not revised:
        return []
    lang = normalise_lang(lang)
    periods = ", ".join(f"{p.project_code} {format_date(p.cutoff, lang)}" for p in revised)
    return [html.Div(id=REVISION_RECORDED_ID, children=message(
        t("periods_done_title", lang), t("revision_recorded", lang, periods=periods), "ok"))]

"""Audit trail view (admin only): the latest entries of the audit trail (pipelines/access/audit.py),
newest first, and the whole trail as CSV (audit.to_csv, every cell neutralised for spreadsheets)."""

from __future__ import annotations

import json

from dash import html

from dashboards.components import data_table, message
from dashboards.i18n import normalise_lang, t
from pipelines.access.audit import Entry

LATEST = 200
ID = {
    "title": "audit-title",
    "intro": "audit-intro",
    "body": "audit-body",
    "button": "audit-download-button",
    "download": "audit-download",
}
TABLE_ID = "audit-table"


def render_audit(entries: list[Entry], lang: str | None) -> list:
    lang = normalise_lang(lang)
    if not entries:
        return [message(t("audit_empty", lang))]
    header = [t("col_at", lang), t("col_actor", lang), t("col_action", lang), t("col_detail", lang)]
    rows = [[e.at, e.actor, e.action, json.dumps(e.detail, ensure_ascii=False, sort_keys=True)] for e in entries]
    table = data_table(header, rows, numeric_from=len(header))
    table.id = TABLE_ID
    return [html.Div(className="table-scroll", children=table)]

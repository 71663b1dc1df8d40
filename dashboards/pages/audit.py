"""Audit trail page ('/audit'): who did what and when (views/audit.py). For an administrator
only: the navigation offers it to no one else, and both callbacks check it again on the server
(anyone else gets nothing from them)."""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html, no_update

from dashboards import audit_records
from dashboards.access import may
from dashboards.i18n import normalise_lang, t
from dashboards.views.access import refused
from dashboards.views.audit import ID, LATEST, render_audit
from pipelines.access import audit

dash.register_page(
    __name__,
    path="/audit",
    order=8,
    name="Tapahtumaloki",
    title="ESF+ – Tapahtumaloki / Händelselogg / Audit trail",
    label_key="page_audit",
    needs="admin",
)

HIDDEN = {"display": "none"}


def layout(**_query: object) -> html.Div:
    return html.Div(
        className="page audit",
        children=[
            html.H1(id=ID["title"]),
            html.P(id=ID["intro"], className="intro"),
            html.Div(
                className="actions",
                children=[html.Button(id=ID["button"], className="button secondary", n_clicks=0, style=HIDDEN),
                          dcc.Download(id=ID["download"])],
            ),
            dcc.Loading(html.Div(id=ID["body"]), type="dot", delay_show=300),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    @app.callback(
        Output(ID["title"], "children"),
        Output(ID["intro"], "children"),
        Output(ID["button"], "children"),
        Output(ID["button"], "style"),
        Output(ID["body"], "children"),
        Input("lang", "value"),
    )
    def _body(lang):
        lang = normalise_lang(lang)
        user = ctx.viewer()
        if not may(user, "admin"):
            return t("audit_title", lang), "", "", HIDDEN, [refused("refused_audit", user, lang)]
        entries = audit.entries(ctx.settings.home, limit=LATEST)
        return (t("audit_title", lang), t("audit_intro", lang, n=LATEST), t("audit_download", lang), {},
                render_audit(entries, lang))

    @app.callback(
        Output(ID["download"], "data"),
        Input(ID["button"], "n_clicks"),
        prevent_initial_call=True,
    )
    def _download(n_clicks):
        user = ctx.viewer()
        if not n_clicks or not may(user, "admin"):
            return no_update
        entries = audit.entries(ctx.settings.home)
        audit_records.audit_csv(ctx.settings.home, user, len(entries))
        return dcc.send_bytes(("\ufeff" + audit.to_csv(entries)).encode("utf-8"), "audit_trail.csv",
                              type="text/csv")

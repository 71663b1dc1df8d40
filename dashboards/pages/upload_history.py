"""Upload history page ('/upload-history'): past uploads and each one's report, downloadable
(views/upload_history.py). For a role that may upload; a project manager sees its own
projects' uploads only. Every callback checks the viewer again on the server, and a report is
served only for an upload the viewer may see. Reached from the upload page (not in the
navigation)."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html, no_update

from dashboards.access import may
from dashboards.i18n import normalise_lang, t
from dashboards.views.access import refused
from dashboards.views.upload_history import ID, download, history_body, report_body, report_for, uploads_for

dash.register_page(
    __name__,
    path="/upload-history",
    order=7,
    name="Aiemmat lataukset",
    title="ESF+ – Aiemmat lataukset / Tidigare uppladdningar / Past uploads",
    label_key="page_upload_history",
    needs="upload",
    nav=False,
)


def layout(**_query: object) -> html.Div:
    return html.Div(
        className="page upload-history",
        children=[
            html.H1(id=ID["title"]),
            html.P(id=ID["intro"], className="intro"),
            dcc.Loading(html.Div(id="upload-history-body"), type="dot", delay_show=300),
            html.Div(
                className="controls",
                children=[
                    html.Div(className="control", children=[
                        html.Label(id=ID["choose_label"], htmlFor=ID["choose"]),
                        dcc.Dropdown(id=ID["choose"], clearable=False, style={"minWidth": "18rem"}),
                    ]),
                    html.Button(id=ID["button"], className="button secondary", n_clicks=0, disabled=True),
                ],
            ),
            dcc.Download(id=ID["download"]),
            dcc.Loading(html.Div(id=ID["report"]), type="dot", delay_show=300),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    @app.callback(
        Output(ID["title"], "children"),
        Output(ID["intro"], "children"),
        Output("upload-history-body", "children"),
        Output(ID["choose_label"], "children"),
        Output(ID["choose"], "options"),
        Output(ID["button"], "children"),
        Input("lang", "value"),
        Input("data-version", "data"),
    )
    def _body(lang, _version):
        lang = normalise_lang(lang)
        user = ctx.viewer()
        if not may(user, "upload"):
            return t("history_title", lang), "", [refused("refused_upload_history", user, lang)], "", [], ""
        body, options = history_body(uploads_for(ctx.settings, user), lang)
        return (t("history_title", lang), t("history_intro", lang), body, t("history_choose", lang), options,
                t("history_download", lang))

    @app.callback(
        Output(ID["report"], "children"),
        Output(ID["button"], "disabled"),
        Input(ID["choose"], "value"),
        Input("lang", "value"),
    )
    def _report(upload_id, lang):
        user = ctx.viewer()
        if upload_id is None or not may(user, "upload"):
            return [], True
        report = report_for(ctx.settings, user, upload_id)
        return report_body(report, lang), report is None

    @app.callback(
        Output(ID["download"], "data"),
        Input(ID["button"], "n_clicks"),
        State(ID["choose"], "value"),
        prevent_initial_call=True,
    )
    def _download(n_clicks, upload_id):
        user = ctx.viewer()
        if not n_clicks or not may(user, "upload"):
            return no_update
        report = report_for(ctx.settings, user, upload_id)
        return download(report) if report is not None else no_update

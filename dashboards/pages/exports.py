"""Exports page ('/exports'): the official (and public) export of a cut-off as a zip
(views/exports.py runs the same write_export as `impact export`). The official export only for a
role that may export official numbers, checked in the callback that makes the file; every
download is in the audit trail."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html, no_update

from dashboards import audit_records
from dashboards.access import may
from dashboards.data import parse_cutoff, snapshot_cutoffs
from dashboards.i18n import normalise_lang
from dashboards.views.access import refused
from dashboards.views.common import current
from dashboards.views.exports import ID, controls, done_message, export_zip, offered

dash.register_page(
    __name__,
    path="/exports",
    order=7,
    name="Vienti",
    title="ESF+ – Vienti / Export / Exports",
    label_key="page_exports",
)


def layout(**_query: object) -> html.Div:
    return html.Div(
        className="page exports",
        children=[
            html.H1(id=ID["title"]),
            html.Div(id=ID["meta"]),
            html.P(id=ID["intro"], className="intro"),
            html.Div(
                className="controls",
                children=[
                    html.Div(
                        className="control",
                        children=[
                            html.Label(id=ID["cutoff_label"], htmlFor=ID["cutoff"]),
                            dcc.Dropdown(id=ID["cutoff"], clearable=False, searchable=False,
                                         style={"minWidth": "14rem"}),
                        ],
                    ),
                    html.Div(
                        className="control",
                        children=[
                            html.Span(id=ID["variant_label"], className="control-label"),
                            dcc.RadioItems(id=ID["variant"], inline=True),  # the first offered (views/exports.py)
                        ],
                    ),
                    html.Button(id=ID["button"], className="button primary", n_clicks=0),
                ],
            ),
            dcc.Loading(html.Div(id=ID["status"]), type="dot", delay_show=200),
            dcc.Download(id=ID["download"]),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    @app.callback(
        Output(ID["title"], "children"),
        Output(ID["intro"], "children"),
        Output(ID["cutoff_label"], "children"),
        Output(ID["cutoff"], "options"),
        Output(ID["cutoff"], "value"),
        Output(ID["variant_label"], "children"),
        Output(ID["variant"], "options"),
        Output(ID["variant"], "value"),
        Output(ID["button"], "children"),
        Output(ID["button"], "disabled"),
        Output(ID["meta"], "children"),
        Input("lang", "value"),
        Input("data-version", "data"),
        State(ID["cutoff"], "value"),
        State(ID["variant"], "value"),
    )
    def _controls(lang, _version, cutoff, variant):
        return controls(ctx.published(), lang, cutoff, variant, may(ctx.viewer(), "official_export"))

    @app.callback(
        Output(ID["download"], "data"),
        Output(ID["status"], "children"),
        Input(ID["button"], "n_clicks"),
        State(ID["cutoff"], "value"),
        State(ID["variant"], "value"),
        State("lang", "value"),
        prevent_initial_call=True,
    )
    def _export(n_clicks, cutoff, variant, lang):
        user = ctx.viewer()
        snap, _error = current(ctx.published())
        if not n_clicks or snap is None:
            return no_update, no_update
        allowed = offered(may(user, "official_export"))
        variant = variant or allowed[0]
        if variant not in allowed:
            return no_update, refused("refused_official_export", user, normalise_lang(lang))
        chosen = parse_cutoff(cutoff, snapshot_cutoffs(snap))
        content, name = export_zip(ctx.settings, chosen, variant)
        audit_records.export(ctx.settings.home, user, chosen, variant, name)
        return (
            dcc.send_bytes(content, name, type="application/zip"),
            done_message(chosen, name, normalise_lang(lang)),
        )

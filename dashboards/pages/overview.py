"""Overview page ('/'): registration, layout skeleton and callback wiring.

What the page shows is built in dashboards/views/overview.py. The callbacks are bound to one
app and its context by `register_callbacks(app, ctx)`, which app.create_app calls for every
registered page that has it (no `dash.callback` globals).
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from dashboards.components import dropdown_control
from dashboards.url_state import Param, query_value, register_url_sync, url_stores
from dashboards.views.overview import GENDER_MODES, ID, controls, render_overview

dash.register_page(
    __name__,
    path="/",
    order=0,
    name="Yleiskuva",
    title="ESF+ – Yleiskuva / Översikt / Overview",
    label_key="page_overview",  # navigation label, looked up in i18n.LABELS per language
)


URL = (Param("cutoff", ID["cutoff"]), Param("view", ID["mode"]))


def layout(**query: object) -> html.Div:
    return html.Div(
        className="page overview",
        children=[
            *url_stores("overview", URL),
            html.H1(id=ID["title"]),
            html.Div(
                id=ID["controls"],
                className="controls",
                children=[
                    dropdown_control(ID["cutoff_label"], ID["cutoff"], searchable=False,
                                     value=query_value(query, "cutoff")),
                    html.Div(
                        className="control",
                        children=[
                            html.Span(id=ID["mode_label"], className="control-label"),
                            dcc.RadioItems(
                                id=ID["mode"],
                                value=query_value(query, "view", GENDER_MODES, GENDER_MODES[0]),
                                inline=True,
                                options=[{"label": m, "value": m} for m in GENDER_MODES],
                            ),
                        ],
                    ),
                ],
            ),
            dcc.Loading(html.Div(id=ID["body"]), type="dot", delay_show=300),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    register_url_sync(app, "overview", URL)

    @app.callback(
        Output(ID["title"], "children"),
        Output(ID["cutoff_label"], "children"),
        Output(ID["cutoff"], "options"),
        Output(ID["cutoff"], "value"),
        Output(ID["mode_label"], "children"),
        Output(ID["mode"], "options"),
        Output(ID["controls"], "style"),
        Input("lang", "value"),
        Input("data-version", "data"),
        State(ID["cutoff"], "value"),
    )
    def _controls(lang, _version, current_cutoff):
        return controls(ctx.published(), lang, current_cutoff)

    @app.callback(
        Output(ID["body"], "children"),
        Input(ID["cutoff"], "value"),
        Input("lang", "value"),
        Input(ID["mode"], "value"),
        Input("data-version", "data"),
    )
    def _body(cutoff, lang, mode, _version):
        return render_overview(ctx.published(), cutoff, lang, mode)

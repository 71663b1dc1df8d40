"""Indicators page ('/indicators'): layout skeleton and callback wiring (views/indicators.py)."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from dashboards.components import dropdown_control
from dashboards.metrics import SCOPE_TYPES
from dashboards.url_state import Param, query_value, register_url_sync, url_stores
from dashboards.views.indicators import GENDER_CHOICES, ID, controls, render_indicators

dash.register_page(
    __name__,
    path="/indicators",
    order=1,
    name="Indikaattorit",
    title="ESF+ – Indikaattorit / Indikatorer / Indicators",
    label_key="page_indicators",
)


URL = (Param("indicator", ID["code"]), Param("scope", ID["scope"]), Param("gender", ID["gender"]),
       Param("cutoff", ID["cutoff"]))


def layout(**query: object) -> html.Div:
    return html.Div(
        className="page indicators",
        children=[
            *url_stores("indicators", URL),
            html.H1(id=ID["title"]),
            html.Div(
                className="controls",
                children=[
                    dropdown_control(ID["code_label"], ID["code"], "26rem", searchable=True,
                                     value=query_value(query, "indicator")),
                    html.Div(
                        className="control",
                        children=[
                            html.Span(id=ID["scope_label"], className="control-label"),
                            dcc.RadioItems(id=ID["scope"], inline=True,
                                           value=query_value(query, "scope", SCOPE_TYPES, "programme")),
                        ],
                    ),
                    html.Div(
                        className="control",
                        children=[
                            html.Span(id=ID["gender_label"], className="control-label"),
                            dcc.RadioItems(id=ID["gender"], inline=True,
                                           value=query_value(query, "gender", GENDER_CHOICES, "all")),
                        ],
                    ),
                    dropdown_control(ID["cutoff_label"], ID["cutoff"], searchable=False,
                                     value=query_value(query, "cutoff")),
                ],
            ),
            dcc.Loading(html.Div(id=ID["body"]), type="dot", delay_show=300),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    register_url_sync(app, "indicators", URL)

    @app.callback(
        Output(ID["title"], "children"),
        Output(ID["code_label"], "children"),
        Output(ID["code"], "options"),
        Output(ID["code"], "value"),
        Output(ID["scope_label"], "children"),
        Output(ID["scope"], "options"),
        Output(ID["scope"], "value"),
        Output(ID["gender_label"], "children"),
        Output(ID["gender"], "options"),
        Output(ID["gender"], "value"),
        Output(ID["cutoff_label"], "children"),
        Output(ID["cutoff"], "options"),
        Output(ID["cutoff"], "value"),
        Input("lang", "value"),
        Input("data-version", "data"),
        State(ID["code"], "value"),
        State(ID["scope"], "value"),
        State(ID["gender"], "value"),
        State(ID["cutoff"], "value"),
    )
    def _controls(lang, _version, code, scope, gender, cutoff):
        return controls(ctx.published(), lang, code, scope, gender, cutoff)

    @app.callback(
        Output(ID["body"], "children"),
        Input("lang", "value"),
        Input(ID["code"], "value"),
        Input(ID["scope"], "value"),
        Input(ID["gender"], "value"),
        Input(ID["cutoff"], "value"),
        Input("data-version", "data"),
    )
    def _body(lang, code, scope, gender, cutoff, _version):
        return render_indicators(ctx.published(), lang, code, scope, gender, cutoff)

"""Regions page ('/regions'): the maakunnat side by side (views/regions.py)."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from dashboards.components import dropdown_control
from dashboards.url_state import Param, query_value, register_url_sync, url_stores
from dashboards.views.regions import ID, controls, render_regions

dash.register_page(
    __name__,
    path="/regions",
    order=3,
    name="Maakunnat",
    title="ESF+ – Maakunnat / Landskap / Regions",
    label_key="page_regions",
)


URL = (Param("indicator", ID["code"]), Param("cutoff", ID["cutoff"]))


def layout(**query: object) -> html.Div:
    return html.Div(
        className="page regions",
        children=[
            *url_stores("regions", URL),
            html.H1(id=ID["title"]),
            html.Div(
                className="controls",
                children=[
                    dropdown_control(ID["code_label"], ID["code"], "26rem", searchable=True,
                                     value=query_value(query, "indicator")),
                    dropdown_control(ID["cutoff_label"], ID["cutoff"], searchable=False,
                                     value=query_value(query, "cutoff")),
                ],
            ),
            dcc.Loading(html.Div(id=ID["body"]), type="dot", delay_show=300),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    register_url_sync(app, "regions", URL)

    @app.callback(
        Output(ID["title"], "children"),
        Output(ID["code_label"], "children"),
        Output(ID["code"], "options"),
        Output(ID["code"], "value"),
        Output(ID["cutoff_label"], "children"),
        Output(ID["cutoff"], "options"),
        Output(ID["cutoff"], "value"),
        Input("lang", "value"),
        Input("data-version", "data"),
        State(ID["code"], "value"),
        State(ID["cutoff"], "value"),
    )
    def _controls(lang, _version, code, cutoff):
        return controls(ctx.published(), lang, code, cutoff)

    @app.callback(
        Output(ID["body"], "children"),
        Input("lang", "value"),
        Input(ID["code"], "value"),
        Input(ID["cutoff"], "value"),
        Input("data-version", "data"),
    )
    def _body(lang, code, cutoff, _version):
        return render_regions(ctx.published(), lang, code, cutoff)

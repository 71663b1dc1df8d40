"""Regions page ('/regions'): the maakunnat side by side (views/regions.py)."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from dashboards.components import dropdown_control
from dashboards.views.regions import ID, controls, render_regions

dash.register_page(
    __name__,
    path="/regions",
    order=3,
    name="Maakunnat",
    title="ESF+ – Maakunnat / Landskap / Regions",
    label_key="page_regions",
)


def layout(**_query: object) -> html.Div:
    return html.Div(
        className="page regions",
        children=[
            html.H1(id=ID["title"]),
            html.Div(
                className="controls",
                children=[
                    dropdown_control(ID["code_label"], ID["code"], "26rem", searchable=True),
                    dropdown_control(ID["cutoff_label"], ID["cutoff"], searchable=False),
                ],
            ),
            dcc.Loading(html.Div(id=ID["body"]), type="dot", delay_show=300),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
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

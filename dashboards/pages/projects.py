"""Projects page ('/projects'): every project side by side (views/projects.py)."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from dashboards.components import dropdown_control
from dashboards.url_state import Param, query_value, register_url_sync, url_stores
from dashboards.views.projects import ID, controls, render_projects

dash.register_page(
    __name__,
    path="/projects",
    order=2,
    name="Hankkeet",
    title="ESF+ – Hankkeet / Projekt / Projects",
    label_key="page_projects",
)


URL = (Param("cutoff", ID["cutoff"]), Param("indicator", ID["metric"]))


def layout(**query: object) -> html.Div:
    return html.Div(
        className="page projects",
        children=[
            *url_stores("projects", URL),
            html.H1(id=ID["title"]),
            html.Div(
                className="controls",
                children=[
                    dropdown_control(ID["cutoff_label"], ID["cutoff"], searchable=False,
                                     value=query_value(query, "cutoff")),
                    dropdown_control(ID["metric_label"], ID["metric"], "20rem", searchable=False,
                                     value=query_value(query, "indicator")),
                ],
            ),
            dcc.Loading(html.Div(id=ID["body"]), type="dot", delay_show=300),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    register_url_sync(app, "projects", URL)

    @app.callback(
        Output(ID["title"], "children"),
        Output(ID["cutoff_label"], "children"),
        Output(ID["cutoff"], "options"),
        Output(ID["cutoff"], "value"),
        Output(ID["metric_label"], "children"),
        Output(ID["metric"], "options"),
        Output(ID["metric"], "value"),
        Input("lang", "value"),
        Input("data-version", "data"),
        State(ID["cutoff"], "value"),
        State(ID["metric"], "value"),
    )
    def _controls(lang, _version, cutoff, metric):
        return controls(ctx.published(), lang, cutoff, metric)

    @app.callback(
        Output(ID["body"], "children"),
        Input("lang", "value"),
        Input(ID["cutoff"], "value"),
        Input(ID["metric"], "value"),
        Input("data-version", "data"),
    )
    def _body(lang, cutoff, metric, _version):
        return render_projects(ctx.published(), lang, cutoff, metric)

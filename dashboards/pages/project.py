"""One project's page ('/projects/<code>'), reached from the projects table; not in the
navigation (nav=False)."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from dashboards.components import dropdown_control
from dashboards.url_state import Param, query_value, register_url_sync, url_stores
from dashboards.views.projects import ID, project_controls, render_project

dash.register_page(
    __name__,
    path_template="/projects/<code>",
    order=90,
    name="Hanke",
    title="ESF+ – Hanke / Projekt / Project",
    label_key="page_project",
    nav=False,
)


URL = (Param("cutoff", ID["p_cutoff"]),)


def layout(code: str | None = None, **query: object) -> html.Div:
    return html.Div(
        className="page project",
        children=[
            *url_stores("project", URL),
            dcc.Store(id=ID["p_code"], data=code),
            html.H1(id=ID["p_title"]),
            html.Div(
                className="controls",
                children=[dropdown_control(ID["p_cutoff_label"], ID["p_cutoff"], searchable=False,
                                           value=query_value(query, "cutoff"))],
            ),
            dcc.Loading(html.Div(id=ID["p_body"]), type="dot", delay_show=300),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    register_url_sync(app, "project", URL)

    @app.callback(
        Output(ID["p_title"], "children"),
        Output(ID["p_cutoff_label"], "children"),
        Output(ID["p_cutoff"], "options"),
        Output(ID["p_cutoff"], "value"),
        Input("lang", "value"),
        Input(ID["p_code"], "data"),
        Input("data-version", "data"),
        State(ID["p_cutoff"], "value"),
    )
    def _controls(lang, code, _version, cutoff):
        return project_controls(ctx.published(), lang, code, cutoff)

    @app.callback(
        Output(ID["p_body"], "children"),
        Input("lang", "value"),
        Input(ID["p_code"], "data"),
        Input(ID["p_cutoff"], "value"),
        Input("data-version", "data"),
    )
    def _body(lang, code, cutoff, _version):
        return render_project(ctx.published(), lang, code, cutoff)

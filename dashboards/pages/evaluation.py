"""Evaluation page ('/evaluation'): outcome rates, gaps, competence, cohorts
(views/evaluation.py)."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from dashboards.components import dropdown_control
from dashboards.url_state import Param, query_value, register_url_sync, url_stores
from dashboards.views.evaluation import ID, controls, render_evaluation

dash.register_page(
    __name__,
    path="/evaluation",
    order=4,
    name="Arviointi",
    title="ESF+ – Arviointi / Utvärdering / Evaluation",
    label_key="page_evaluation",
)


URL = (Param("cutoff", ID["cutoff"]), Param("outcome", ID["outcome"]))


def layout(**query: object) -> html.Div:
    return html.Div(
        className="page evaluation",
        children=[
            *url_stores("evaluation", URL),
            html.H1(id=ID["title"]),
            html.Div(
                className="controls",
                children=[
                    dropdown_control(ID["cutoff_label"], ID["cutoff"], searchable=False,
                                     value=query_value(query, "cutoff")),
                    html.Div(
                        id="evaluation-outcome-control",
                        children=dropdown_control(ID["outcome_label"], ID["outcome"], "22rem",
                                                  searchable=False, value=query_value(query, "outcome")),
                    ),
                ],
            ),
            dcc.Loading(html.Div(id=ID["body"]), type="dot", delay_show=300),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    register_url_sync(app, "evaluation", URL)

    @app.callback(
        Output(ID["title"], "children"),
        Output(ID["cutoff_label"], "children"),
        Output(ID["cutoff"], "options"),
        Output(ID["cutoff"], "value"),
        Output(ID["outcome_label"], "children"),
        Output(ID["outcome"], "options"),
        Output(ID["outcome"], "value"),
        Output("evaluation-outcome-control", "style"),
        Input("lang", "value"),
        Input("data-version", "data"),
        State(ID["cutoff"], "value"),
        State(ID["outcome"], "value"),
    )
    def _controls(lang, _version, cutoff, outcome):
        return controls(ctx.published(), lang, cutoff, outcome)

    @app.callback(
        Output(ID["body"], "children"),
        Input("lang", "value"),
        Input(ID["cutoff"], "value"),
        Input(ID["outcome"], "value"),
        Input("data-version", "data"),
    )
    def _body(lang, cutoff, outcome, _version):
        return render_evaluation(ctx.published(), lang, cutoff, outcome, ctx.settings.min_group_n)

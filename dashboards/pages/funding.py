"""Funding page ('/funding', seed-work.md 2.5): the register of opportunities, the funnel with its
intervals, the regions, the Gateway contributions and the follow-up-due list (views/funding.py).

Everyone who may read the dashboard sees the register and the funnel in their own shape (the
published copy through ctx.published(): a project manager's own projects exact, the rest public).
The follow-up list names organisations and is for the staff of the project that referred them:
`follow_up_projects` (views/funding.py) decides it on the server in the body's callback, for every
request."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from dashboards.components import dropdown_control
from dashboards.views.funding import ANY, ID, RegisterFilter, controls, follow_up_projects, render_funding

dash.register_page(
    __name__,
    path="/funding",
    order=4.5,
    name="Rahoitusmahdollisuudet",
    title="ESF+ – Rahoitusmahdollisuudet / Finansieringsmöjligheter / Funding",
    label_key="page_funding",
)

FILTERS = ("programme", "instrument", "window", "eligible", "region", "gateway")


def layout(**_query: object) -> html.Div:
    return html.Div(
        className="page funding",
        children=[
            html.H1(id=ID["title"]),
            html.P(id=ID["intro"], className="intro"),
            html.Div(
                className="controls",
                children=[
                    dropdown_control(ID["cutoff_label"], ID["cutoff"], searchable=False),
                    dropdown_control(ID["breakdown_label"], ID["breakdown"], searchable=False, value="all"),
                ],
            ),
            html.Div(
                className="controls funding-filters",
                children=[
                    dropdown_control(ID[f"{name}_label"], ID[name], "11rem", value=ANY) for name in FILTERS
                ],
            ),
            dcc.Loading(html.Div(id=ID["body"]), type="dot", delay_show=300),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    @app.callback(
        Output(ID["title"], "children"),
        Output(ID["intro"], "children"),
        Output(ID["cutoff_label"], "children"),
        Output(ID["cutoff"], "options"),
        Output(ID["cutoff"], "value"),
        Output(ID["breakdown_label"], "children"),
        Output(ID["breakdown"], "options"),
        Output(ID["breakdown"], "value"),
        *[output for name in FILTERS
          for output in (Output(ID[f"{name}_label"], "children"), Output(ID[name], "options"))],
        Input("lang", "value"),
        Input("data-version", "data"),
        State(ID["cutoff"], "value"),
        State(ID["breakdown"], "value"),
    )
    def _controls(lang, _version, cutoff, breakdown):
        return controls(ctx.published(), lang, cutoff, breakdown)

    @app.callback(
        Output(ID["body"], "children"),
        Input("lang", "value"),
        Input(ID["cutoff"], "value"),
        Input(ID["breakdown"], "value"),
        *[Input(ID[name], "value") for name in FILTERS],
        Input("data-version", "data"),
    )
    def _body(lang, cutoff, breakdown, *rest):
        *filters, _version = rest
        chosen = RegisterFilter(**dict(zip(FILTERS, filters)))
        # asked here, for this request: ctx.published() is already in the viewer's shape
        projects = follow_up_projects(ctx.viewer())
        return render_funding(ctx.published(), lang, cutoff, breakdown, chosen, projects, ctx.k)

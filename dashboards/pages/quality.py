"""Data-quality page ('/quality'): uploads, open warnings and completeness of the optional
fields per project × kind, and each upload's problems (views/quality.py)."""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html

from dashboards.i18n import t
from dashboards.views.quality import ID, render_quality

dash.register_page(
    __name__,
    path="/quality",
    order=5,
    name="Tietojen laatu",
    title="ESF+ – Tietojen laatu / Datakvalitet / Data quality",
    label_key="page_quality",
    needs="signed_in",  # a restricted viewer sees its own projects' files here: an anonymous one none
)


def layout(**_query: object) -> html.Div:
    return html.Div(
        className="page quality",
        children=[
            html.H1(id=ID["title"]),
            dcc.Loading(html.Div(id=ID["body"]), type="dot", delay_show=300),
        ],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    @app.callback(
        Output(ID["title"], "children"),
        Output(ID["body"], "children"),
        Input("lang", "value"),
        Input("data-version", "data"),
    )
    def _body(lang, _version):
        return t("quality_title", lang), render_quality(ctx.published(), lang)

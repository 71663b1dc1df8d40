"""The page for an address no page has: Dash Pages shows the module named not_found_404 for
it. Its words follow the UI's language like every page (Dash's own 404 is English only)."""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html

from dashboards.i18n import normalise_lang, t

dash.register_page(__name__, path="/404", name="404", nav=False)

ID = {"title": "not-found-title", "link": "not-found-home"}


def layout(**_query: object) -> html.Div:
    return html.Div(
        className="page not-found",
        children=[html.H1(id=ID["title"]), dcc.Link(id=ID["link"], href="/", className="back-link")],
    )


def register_callbacks(app: dash.Dash, ctx) -> None:
    @app.callback(
        Output(ID["title"], "children"),
        Output(ID["link"], "children"),
        Input("lang", "value"),
    )
    def _words(lang):
        lang = normalise_lang(lang)
        return t("page_not_found", lang), t("back_to_overview", lang)

"""Small building blocks shared by the pages: messages, headline cards, data tables.

Plain html components styled by assets/style.css; tables are real <table> elements with
header cells, so the numbers behind every chart are readable by screen readers and copyable.
"""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from dashboards.i18n import t


def rich(text: str) -> list:
    """Label text with `backticked` commands shown as code."""
    parts = text.split("`")
    return [html.Code(p) if i % 2 else p for i, p in enumerate(parts) if p]


def message(title: str, body: str = "", kind: str = "info") -> html.Div:
    """A notice box; kind "error" is announced as an alert."""
    return html.Div(
        className=f"message message-{kind}",
        role="alert" if kind == "error" else "status",
        children=[html.H2(title), html.P(rich(body)) if body else None],
    )


def card(card_id: str, label: str, value: str, detail: str, code: str) -> html.Div:
    return html.Div(
        className="card",
        id=card_id,
        children=[
            html.Div(value, className="card-value"),
            html.Div(label, className="card-label"),
            html.Div(detail, className="card-detail"),
            html.Div(code, className="card-code"),
        ],
    )


def data_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int
) -> html.Table:
    """A table whose columns from `numeric_from` on are right-aligned numbers."""

    def cls(i: int) -> str | None:
        return "num" if i >= numeric_from else None

    return html.Table(
        className="data-table",
        children=[
            html.Thead(
                html.Tr([html.Th(h, scope="col", className=cls(i)) for i, h in enumerate(header)])
            ),
            html.Tbody(
                [html.Tr([html.Td(v, className=cls(i)) for i, v in enumerate(r)]) for r in rows]
            ),
        ],
    )


def table_details(lang: str, table: html.Table) -> html.Details:
    """The numbers of a chart, folded under the chart."""
    return html.Details(
        className="table-details", children=[html.Summary(t("show_table", lang)), table]
    )

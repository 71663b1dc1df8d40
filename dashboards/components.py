"""Small building blocks shared by the pages: messages, headline cards, data tables with a
CSV download, chart panels, labelled controls.

Plain html components styled by assets/style.css; tables are real <table> elements with
header cells, so the numbers behind every chart are readable by screen readers and copyable.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass

from dash import dcc, html

from dashboards.data import default_of
from dashboards.i18n import format_date, format_number, format_percent, t
from indicators.calendar import is_provisional
from indicators.exports.safe_text import neutralise

GRAPH_CONFIG = {"displaylogo": False, "responsive": True}


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


def card(
    card_id: str, label: str, value: str, detail: str, code: str, extra: list | None = None
) -> html.Div:
    return html.Div(
        className="card",
        id=card_id,
        children=[
            html.Div(value, className="card-value"),
            html.Div(label, className="card-label"),
            html.Div(detail, className="card-detail"),
            *(extra or []),
            html.Div(code, className="card-code"),
        ],
    )


# --- Sortable tables ---------------------------------------------------------------------------
# Every table's header cells are buttons that sort its rows (assets/sortable_tables.js, in the
# browser: no round trip). A cell's `data-sort` holds its raw value, so numbers sort as numbers
# and dates as dates whatever the language writes them as. The table's React key changes with
# its content, so a table a callback redraws with other rows is a new element rather than the
# old one's rows (in their sorted order) filled with new values.


def sort_value(value: object) -> str | int | float:
    """What a cell sorts by: numbers as they are, dates as ISO, a link by its text, nothing as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, tuple) and value:
        return str(value[0])
    return str(value)


def table_key(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    return hashlib.sha1(repr((list(header), [list(r) for r in rows])).encode()).hexdigest()[:16]


def sortable_header(labels: Sequence[str], classes: Sequence[str | None]) -> html.Thead:
    return html.Thead(
        html.Tr(
            [
                html.Th(
                    html.Button(label, type="button", className="sort-button"),
                    scope="col",
                    className=cls,
                    **{"aria-sort": "none"},
                )
                for label, cls in zip(labels, classes, strict=True)
            ]
        )
    )


def data_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int
) -> html.Table:
    """A table of texts whose columns from `numeric_from` on are right-aligned numbers."""
    classes = ["num" if i >= numeric_from else None for i in range(len(header))]
    return html.Table(
        className="data-table sortable",
        key=table_key(header, rows),
        children=[
            sortable_header(header, classes),
            html.Tbody(
                [html.Tr([html.Td(v, className=classes[i]) for i, v in enumerate(r)]) for r in rows]
            ),
        ],
    )


def table_details(lang: str, table: html.Table) -> html.Details:
    """The numbers of a chart, folded under the chart."""
    return html.Details(
        className="table-details", children=[html.Summary(t("show_table", lang)), table]
    )


# --- Tables with their numbers downloadable as CSV -------------------------------------------

CELL_KINDS = ("text", "number", "percent", "date", "link", "bool")


@dataclass(frozen=True)
class Col:
    """A table column: its header and how its raw values are shown.

    kind: text; number (with `decimals`, or -1 for "as needed"); percent (a fraction, 0.25 → 25 %); date (a date or
    ISO string); link (a (text, href) pair; the CSV gets the text); bool (yes/no words).
    """

    label: str
    kind: str = "text"
    decimals: int = 0


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def format_cell(value: object, col: Col, lang: str):
    """A raw value as the table shows it (a string, or a link component)."""
    if col.kind == "link":
        if not value:
            return "–"
        text, href = value
        return dcc.Link(text, href=href)
    if value is None:
        return "–"
    if isinstance(value, str) and col.kind in ("number", "percent"):
        return value  # a word in place of a number ("no data")
    if col.kind == "number":
        decimals = col.decimals
        if decimals < 0:  # as the value needs: whole numbers bare, others with two decimals
            decimals = 0 if float(value).is_integer() else 2
        return format_number(value, lang, decimals)
    if col.kind == "percent":
        return format_percent(value, lang, col.decimals or 1)
    if col.kind == "date":
        return format_date(_as_date(value), lang)
    if col.kind == "bool":
        return t("yes" if value else "no", lang)
    return str(value)


def _raw(value: object, col: Col):
    """A JSON-safe raw value for the CSV store."""
    if col.kind == "link":
        return value[0] if value else None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if col.kind == "percent" and value is not None:
        return round(value * 100, 4)
    return value


def data_grid(columns: Sequence[Col], rows: Sequence[Sequence[object]], lang: str,
              caption: str | None = None, class_name: str = "") -> html.Table:
    """A table of raw values formatted per column; numbers right-aligned."""

    def cls(col: Col) -> str | None:
        return "num" if col.kind in ("number", "percent") else None

    labels = [c.label for c in columns]
    return html.Table(
        className=f"data-table sortable {class_name}".strip(),
        key=table_key([lang, *labels], [[sort_value(v) for v in r] for r in rows]),
        children=[
            html.Caption(caption, className="visually-hidden") if caption else None,
            sortable_header(labels, [cls(c) for c in columns]),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(format_cell(v, c, lang), className=cls(c),
                                    **{"data-sort": sort_value(v)})
                            for v, c in zip(row, columns, strict=True)
                        ]
                    )
                    for row in rows
                ]
            ),
        ],
    )


def table_block(
    table_id: str,
    lang: str,
    columns: Sequence[Col],
    rows: Sequence[Sequence[object]],
    caption: str,
    filename: str,
    open_: bool = False,
    class_name: str = "",
) -> html.Details:
    """The numbers of a chart as a folded table, with a button that downloads them as CSV.

    The raw values travel in a dcc.Store beside the table; one pattern-matching callback
    (app.py) turns them into the CSV, so every table on every page downloads the same way.
    """
    data = {
        "filename": filename,
        "columns": [f"{c.label} (%)" if c.kind == "percent" else c.label for c in columns],
        "kinds": [c.kind for c in columns],
        "rows": [[_raw(v, c) for v, c in zip(r, columns, strict=True)] for r in rows],
    }
    return html.Details(
        className="table-details",
        open=open_,
        children=[
            html.Summary(t("show_table", lang)),
            html.Div(
                className="table-tools",
                children=[
                    html.Button(
                        t("download_csv", lang),
                        id={"type": "csv-button", "table": table_id},
                        className="button secondary",
                        n_clicks=0,
                    ),
                    dcc.Store(id={"type": "csv-data", "table": table_id}, data=data),
                    dcc.Download(id={"type": "csv-download", "table": table_id}),
                ],
            ),
            data_grid(columns, rows, lang, caption, class_name),
        ],
    )


def csv_text(data: dict, lang: str) -> str:
    """The CSV of a table_block's data, for the spreadsheet of the user's language.

    Finnish and Swedish Excel expect `;` between cells and a decimal comma; English `,` and a
    point. Text cells go through the one neutralisation every CSV and XLSX file gets
    (indicators/exports/safe_text.py), so Excel never runs one as a formula.
    """
    nordic = lang in ("fi", "sv")
    delimiter = ";" if nordic else ","
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(data["columns"])
    for row in data["rows"]:
        cells = []
        for value in row:
            if value is None:
                cells.append("")
            elif isinstance(value, bool):
                cells.append("1" if value else "0")
            elif isinstance(value, (int, float)):
                text = repr(value) if isinstance(value, float) else str(value)
                if isinstance(value, float) and value.is_integer():
                    text = str(int(value))
                cells.append(text.replace(".", ",") if nordic else text)
            else:
                cells.append(neutralise(value))
        writer.writerow(cells)
    return buf.getvalue()


# --- Page furniture --------------------------------------------------------------------------


def chart_panel(
    title: str,
    graph_id: str,
    figure,
    table: html.Details | None,
    lang: str,
    note: str | None = None,
) -> html.Section:
    """A titled chart with its numbers as a table underneath."""
    return html.Section(
        className="panel",
        children=[
            html.H2(title),
            html.P(note, className="note") if note else None,
            html.Div(
                role="img",
                **{"aria-label": f"{title}. {t('chart_alt', lang)}"},
                children=dcc.Graph(id=graph_id, figure=figure, config=GRAPH_CONFIG),
            ),
            table,
        ],
    )


def control(label: str, component, label_for: str | None = None) -> html.Div:
    """A labelled form control for a controls row."""
    return html.Div(
        className="control",
        children=[
            html.Label(label, htmlFor=label_for) if label_for else html.Span(label, className="control-label"),
            component,
        ],
    )


def cutoff_options(available: list, lang: str, today: dt.date | None = None) -> list[dict]:
    """Dropdown options for the cut-offs, latest first; the default (the last closed one) and
    every provisional one (its half-year not ended, indicators/calendar.py) marked."""
    today = today or dt.date.today()
    default = default_of(available, today)

    def mark(c) -> str:
        if is_provisional(c, today):
            return f" ({t('provisional', lang)})"
        return f" ({t('last_closed', lang)})" if c == default else ""

    return [{"label": format_date(c, lang) + mark(c), "value": c.isoformat()} for c in reversed(available)]


def dropdown_control(label_id: str, dropdown_id: str, min_width: str = "14rem", **kwargs) -> html.Div:
    """A dropdown with its <label>; texts and options are filled in by the page's callbacks."""
    return html.Div(
        className="control",
        children=[
            html.Label(id=label_id, htmlFor=dropdown_id),
            dcc.Dropdown(
                id=dropdown_id,
                clearable=False,
                style={"minWidth": min_width},
                **kwargs,
            ),
        ],
    )

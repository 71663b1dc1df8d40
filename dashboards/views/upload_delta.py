"""Upload view, part two: the dry run's indicator delta — how the indicators at today's
cut-off would change if the previewed file were applied — as a small table (indicator, scope,
gender, before → after, change), and its "computing…" state while dbt runs.

The delta is the one `impact ingest --dry-run` prints (pipelines.ingest.delta.IndicatorDelta,
computed by dashboards.upload_service through `ingest_bytes`); only its presentation is here.
`delta_rows` is the pure table builder.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dash import html

from dashboards.components import data_table
from dashboards.i18n import format_date, format_number, has_label, normalise_lang, t
from indicators.catalogue import load_catalogue

if TYPE_CHECKING:
    from dashboards.upload_service import DeltaStatus
    from pipelines.ingest.delta import IndicatorDelta

DELTA_TABLE_ID = "upload-delta-table"


@lru_cache(maxsize=3)
def indicator_names(lang: str) -> dict[str, str]:
    """Indicator names in `lang` from the catalogue seed (the one source of truth)."""
    catalogue = load_catalogue()
    return dict(zip(catalogue["indicator_code"], catalogue[f"name_{normalise_lang(lang)}"], strict=True))


def _value(value: float | None, aggregation: str, decimals: int, lang: str, signed: bool = False) -> str:
    if value is None:
        return "–"
    places = 0 if aggregation == "count" else max(int(decimals or 0), 0)
    text = format_number(value, lang, places)
    return "+" + text if signed and round(value, places) > 0 else text


def _scope(scope_type: str, scope_code: str, lang: str) -> str:
    if scope_type == "programme":
        return t("scope_plural_programme", lang)
    key = f"scope_{scope_type}"
    return f"{t(key, lang) if has_label(key) else scope_type} {scope_code}"


def _gender(gender: str, lang: str) -> str:
    key = f"gender_{gender}"
    return t(key, lang) if has_label(key) else gender


def delta_rows(delta: IndicatorDelta, lang: str | None, names: dict[str, str] | None = None) -> list[list[str]]:
    """One row per changed (indicator, gender): indicator, scope, gender, before → after,
    change; in the delta's order (catalogue code, then total, women, men, non-binary)."""
    lang = normalise_lang(lang)
    names = indicator_names(lang) if names is None else names
    scope = _scope(delta.scope_type, delta.scope_code, lang)
    rows = []
    for r in delta.changes.iter_rows(named=True):
        code, aggregation, decimals = r["indicator_code"], r["aggregation"], r["decimals"]
        label = f"{code} {names.get(code, '')}".strip()
        before = _value(r["before"], aggregation, decimals, lang)
        after = _value(r["after"], aggregation, decimals, lang)
        rows.append([
            label, scope, _gender(r["gender"], lang), f"{before} → {after}",
            _value(r["change"], aggregation, decimals, lang, signed=True),
        ])
    return rows


def delta_table(delta: IndicatorDelta, lang: str, names: dict[str, str] | None = None) -> html.Table:
    header = [t("indicator", lang), t("scope", lang), t("gender", lang),
              t("col_before_after", lang), t("col_delta_change", lang)]
    table = data_table(header, delta_rows(delta, lang, names), numeric_from=3)
    table.id = DELTA_TABLE_ID
    return table


def computing_view(seconds: float, lang: str | None) -> list:
    lang = normalise_lang(lang)
    return [
        html.Div(
            className="message message-info delta-computing",
            role="status",
            **{"aria-busy": "true"},
            children=[
                html.P(t("delta_computing", lang, seconds=format_number(seconds, lang)),
                       id="upload-delta-text"),
                html.Progress(**{"aria-label": t("delta_progress", lang)}),  # indeterminate
            ],
        )
    ]


def delta_view(status: DeltaStatus, lang: str | None, applied: bool = False,
               names: dict[str, str] | None = None) -> list:
    """What the page shows of the delta in each state (nothing when none was asked for)."""
    lang = normalise_lang(lang)
    if status.state == "running":
        return computing_view(status.elapsed, lang)
    if status.state == "failed" or (status.state == "done" and status.delta is None):
        return [_box(t("delta_unavailable", lang, reason="–"), "warning")]
    if status.state != "done":
        return []
    delta = status.delta
    if delta.unavailable:
        return [_box(t("delta_unavailable", lang, reason=delta.unavailable), "warning")]
    title = t("delta_applied_title" if applied else "delta_title", lang, cutoff=format_date(delta.cutoff, lang))
    note = html.P(
        t("delta_note", lang, seconds=format_number(delta.seconds, lang, 1)), className="note"
    )
    if delta.changes.height == 0:
        body = [html.P(t("delta_none", lang))]
    else:
        body = [html.Div(className="table-scroll", children=delta_table(delta, lang, names))]
    return [
        html.Section(
            className="panel delta",
            id="upload-delta-result",
            **{"aria-label": title},
            children=[html.H2(title), *body, note],
        )
    ]


def _box(text: str, kind: str) -> html.Div:
    return html.Div(className=f"message message-{kind}", role="status",
                    id="upload-delta-result", children=[html.P(text)])


def programme_only_view(lang: str | None) -> list:
    """Instead of the delta, for a viewer who sees the programme only in the public shape: the
    delta's before → after are the programme's exact numbers."""
    return [html.P(t("upload_delta_programme_only", normalise_lang(lang)), className="note",
                   id="upload-delta-result")]

"""Overview view: programme-level participant indicators at a cut-off date.

Headline cards, a totals chart and a gender breakdown chart, each chart with its numbers as a
table. `controls` and `render_overview` are what the page's callbacks return; they take the
PublishedCopy explicitly and read CURRENT on every call, so a new build shows at the next
interaction.
"""

from __future__ import annotations

import polars as pl
from dash import dcc, html

from dashboards.components import card, data_table, message, table_details
from dashboards.data import (
    GENDERS,
    PublishedCopy,
    PublishedCopyError,
    Snapshot,
    parse_cutoff,
    programme_participant_values,
)
from dashboards.figures import gender_breakdown_figure, gender_shares, participant_totals_figure
from dashboards.i18n import (
    format_date,
    format_number,
    format_percent,
    format_timestamp,
    normalise_lang,
    t,
)

# Headline cards, in this order, for those present in the published copy.
HEADLINE_CODES = ("EECO01", "EECR04", "SE04")
GENDER_MODES = ("share", "count")
GRAPH_CONFIG = {"displaylogo": False, "responsive": True}

ID = {
    "title": "overview-title",
    "controls": "overview-controls",
    "cutoff_label": "overview-cutoff-label",
    "cutoff": "overview-cutoff",
    "mode_label": "overview-gender-mode-label",
    "mode": "overview-gender-mode",
    "body": "overview-body",
    "totals_graph": "overview-totals-graph",
    "gender_graph": "overview-gender-graph",
}


def _current(copy: PublishedCopy) -> tuple[Snapshot | None, str | None]:
    """The snapshot, or None and the reason it cannot be read."""
    try:
        return copy.snapshot(), None
    except PublishedCopyError as exc:
        return None, str(exc)


def controls(copy: PublishedCopy, lang: str | None, current_cutoff: str | None) -> tuple:
    """Title, cut-off label, options and value, gender-mode label and options, controls style."""
    lang = normalise_lang(lang)
    snap, _error = _current(copy)
    available = snap.cutoffs if snap is not None else []
    chosen = parse_cutoff(current_cutoff, available)
    options = [
        {
            "label": format_date(c, lang)
            + (f" ({t('latest', lang)})" if c == available[-1] else ""),
            "value": c.isoformat(),
        }
        for c in reversed(available)
    ]
    mode_options = [{"label": t(f"mode_{m}", lang), "value": m} for m in GENDER_MODES]
    return (
        t("overview_title", lang),
        t("cutoff", lang),
        options,
        chosen.isoformat() if chosen else None,
        t("gender_mode", lang),
        mode_options,
        {} if available else {"display": "none"},
    )


def render_overview(
    copy: PublishedCopy, cutoff: str | None, lang: str | None, mode: str | None = "share"
) -> list:
    """The page body for one cut-off (the latest when `cutoff` is missing or unknown)."""
    lang = normalise_lang(lang)
    mode = mode if mode in GENDER_MODES else GENDER_MODES[0]
    snap, error = _current(copy)
    if error is not None:
        return [message(t("broken_title", lang), t("broken_body", lang, detail=error), "error")]
    if snap is None:
        body = t("no_data_body", lang, path=str(copy.published_dir))
        return [message(t("no_data_title", lang), body)]
    chosen = parse_cutoff(cutoff, snap.cutoffs)
    meta = html.P(
        className="meta",
        children=[
            t(
                "data_version",
                lang,
                version=snap.version,
                built_at=format_timestamp(snap.built_at, lang),
            ),
            " · ",
            t("cumulative_note", lang, cutoff=format_date(chosen, lang)),
        ],
    )
    if chosen is None:
        return [meta, message(t("no_values", lang))]
    frame = programme_participant_values(
        snap.indicator_values, snap.indicator_catalogue, chosen, lang
    )
    if frame.is_empty():
        return [meta, message(t("no_values", lang))]
    return [
        meta,
        headline_cards(frame, lang),
        html.Section(
            className="panel",
            children=[
                html.H2(t("totals_title", lang)),
                dcc.Graph(
                    id=ID["totals_graph"],
                    figure=participant_totals_figure(frame, lang),
                    config=GRAPH_CONFIG,
                ),
                table_details(lang, totals_table(frame, lang)),
            ],
        ),
        html.Section(
            className="panel",
            children=[
                html.H2(t("gender_title", lang)),
                dcc.Graph(
                    id=ID["gender_graph"],
                    figure=gender_breakdown_figure(frame, lang, mode),
                    config=GRAPH_CONFIG,
                ),
                table_details(lang, gender_table(frame, lang, mode)),
            ],
        ),
        html.P(t("sensitive_note", lang), className="footnote")
        if frame["sensitive"].any()
        else None,
    ]


def _name(row: dict) -> str:
    """The indicator name, starred when the indicator is sensitive (GDPR Art. 9)."""
    return row["name"] + (" *" if row["sensitive"] else "")


def headline_cards(frame: pl.DataFrame, lang: str) -> html.Section:
    cards = []
    for code in HEADLINE_CODES:
        rows = frame.filter(pl.col("indicator_code") == code).to_dicts()
        if not rows:
            continue
        row = rows[0]
        if row["share_of_reference"] is not None:
            key = "of_participants" if row["reference_indicator"] == "EECO01" else "of_reference"
            detail = t(
                key,
                lang,
                share=format_percent(row["share_of_reference"], lang),
                ref=row["reference_indicator"],
            )
        else:
            counts = {g: format_number(row[g], lang, row["decimals"]) for g in GENDERS}
            detail = t("gender_counts_line", lang, **counts)
        cards.append(
            card(
                f"card-{code}",
                _name(row),
                format_number(row["total"], lang, row["decimals"]),
                detail,
                code,
            )
        )
    return html.Section(className="cards", children=cards, **{"aria-label": t("headline", lang)})


def totals_table(frame: pl.DataFrame, lang: str) -> html.Table:
    header = [
        t("col_code", lang),
        t("col_indicator", lang),
        t("col_total", lang),
        t("col_reference", lang),
        t("col_share_of_reference", lang),
    ]
    rows = [
        [
            r["indicator_code"],
            _name(r),
            format_number(r["total"], lang, r["decimals"]),
            r["reference_indicator"] or "",
            ""
            if r["share_of_reference"] is None
            else format_percent(r["share_of_reference"], lang),
        ]
        for r in frame.iter_rows(named=True)
    ]
    return data_table(header, rows, numeric_from=2)


def gender_table(frame: pl.DataFrame, lang: str, mode: str) -> html.Table:
    """Counts or shares by gender, as the chart shows them, with the total."""
    header = [t("col_code", lang), t("col_indicator", lang)]
    header += [t(f"gender_{g}", lang) for g in GENDERS] + [t("col_total", lang)]
    rows = []
    for r in gender_shares(frame).iter_rows(named=True):
        if mode == "share":
            parts = [
                "–" if r[f"{g}_share"] is None else format_percent(r[f"{g}_share"] / 100, lang)
                for g in GENDERS
            ]
        else:
            parts = [format_number(r[g], lang, r["decimals"]) for g in GENDERS]
        total = format_number(r["total"], lang, r["decimals"])
        rows.append([r["indicator_code"], _name(r), *parts, total])
    return data_table(header, rows, numeric_from=2)

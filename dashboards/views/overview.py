"""Overview view: programme-level participant indicators at a cut-off date.

Headline cards (with the change since the previous cut-off and, for indicators with a target,
achievement and forecast status), a totals chart, a gender breakdown chart and the
achievement of every programme target, each chart with its numbers as a table. `controls` and
`render_overview` are what the page's callbacks return; they take the PublishedCopy explicitly
and read CURRENT on every call, so a new build shows at the next interaction.
"""

from __future__ import annotations

import polars as pl
from dash import html

from dashboards.components import (
    Col,
    card,
    chart_panel,
    cutoff_options,
    message,
    table_block,
)
from dashboards.data import (
    GENDERS,
    PublishedCopy,
    parse_cutoff,
    previous_cutoff,
    programme_participant_values,
    snapshot_cutoffs,
)
from dashboards.figures.charts import (
    achievement_figure,
    gender_breakdown_figure,
    gender_shares,
    participant_totals_figure,
)
from dashboards.i18n import (
    format_date,
    format_number,
    format_percent,
    format_timestamp,
    normalise_lang,
    t,
)
from dashboards.metrics import achievement_with_names
from dashboards.views.common import current

# Headline cards, in this order, for those present in the published copy.
HEADLINE_CODES = ("EECO01", "EECR04", "SE04")
GENDER_MODES = ("share", "count")

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
    "achievement_graph": "overview-achievement-graph",
}


def controls(copy: PublishedCopy, lang: str | None, current_cutoff: str | None) -> tuple:
    """Title, cut-off label, options and value, gender-mode label and options, controls style."""
    lang = normalise_lang(lang)
    snap, _error = current(copy)
    available = snapshot_cutoffs(snap) if snap is not None else []
    chosen = parse_cutoff(current_cutoff, available)
    options = cutoff_options(available, lang)
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
    snap, error = current(copy)
    if error is not None:
        return [message(t("broken_title", lang), t("broken_body", lang, detail=error), "error")]
    if snap is None:
        body = t("no_data_body", lang, path=str(copy.published_dir))
        return [message(t("no_data_title", lang), body)]
    chosen = parse_cutoff(cutoff, snapshot_cutoffs(snap))
    meta = html.P(
        className="meta",
        children=[
            t(
                "data_version",
                lang,
                version=snap.version,
                built_at=format_timestamp(snap.manifest["built_at"], lang),
            ),
            " · ",
            t("cumulative_note", lang, cutoff=format_date(chosen, lang)),
        ],
    )
    if chosen is None:
        return [meta, message(t("no_values", lang))]
    previous = previous_cutoff(chosen, snapshot_cutoffs(snap))
    frame = programme_participant_values(
        snap.table("indicator_values"), snap.table("indicator_catalogue"), chosen, lang, previous
    )
    if frame.is_empty():
        return [meta, message(t("no_values", lang))]
    targets = achievement_with_names(snap, chosen, "programme", "-", lang)
    return [
        meta,
        headline_cards(frame, lang, previous, targets),
        chart_panel(
            t("totals_title", lang),
            ID["totals_graph"],
            participant_totals_figure(frame, lang),
            totals_table(frame, lang, previous),
            lang,
        ),
        chart_panel(
            t("gender_title", lang),
            ID["gender_graph"],
            gender_breakdown_figure(frame, lang, mode),
            gender_table(frame, lang, mode),
            lang,
        ),
        achievement_section(targets, lang, "overview-achievement", ID["achievement_graph"]),
        html.P(t("sensitive_note", lang), className="footnote")
        if frame["sensitive"].any()
        else None,
    ]


def achievement_section(
    targets: pl.DataFrame, lang: str, table_id: str, graph_id: str
) -> html.Section | html.Div:
    """Achievement against targets and forecast status (a note when there are no targets)."""
    if targets.is_empty():
        return message(t("achievement_title", lang), t("no_targets", lang))
    return chart_panel(
        t("achievement_title", lang),
        graph_id,
        achievement_figure(targets, lang),
        achievement_table(targets, lang, table_id),
        lang,
        note=t("achievement_note", lang),
    )


def achievement_table(targets: pl.DataFrame, lang: str, table_id: str) -> html.Details:
    columns = [
        Col(t("col_code", lang)),
        Col(t("col_indicator", lang)),
        Col(t("col_value", lang), "number"),
        Col(t("col_target", lang), "number"),
        Col(t("col_target_date", lang), "date"),
        Col(t("achievement", lang), "percent"),
        Col(t("col_forecast", lang), "number"),
        Col(t("col_status", lang)),
    ]
    rows = [
        [
            r["indicator_code"],
            r["name"],
            r["value"],
            r["target_value"],
            r["target_date"],
            r["achievement"],
            r["forecast"],
            t(f"status_{r['status']}", lang) if r["status"] else t("status_none", lang),
        ]
        for r in targets.iter_rows(named=True)
    ]
    return table_block(
        table_id, lang, columns, rows, t("achievement_title", lang), "achievement.csv"
    )


def _name(row: dict) -> str:
    """The indicator name, starred when the indicator is sensitive (GDPR Art. 9)."""
    return row["name"] + (" *" if row["sensitive"] else "")


def change_text(change: float | None, previous, lang: str, decimals: int = 0) -> str:
    """"+54 since 30 Jun 2026" (or "no earlier cut-off")."""
    if previous is None:
        return t("no_previous", lang)
    if change is None:
        return ""
    sign = "+" if change > 0 else ""
    return t(
        "change_since",
        lang,
        change=sign + format_number(change, lang, decimals),
        previous=format_date(previous, lang),
    )


def headline_cards(
    frame: pl.DataFrame, lang: str, previous, targets: pl.DataFrame
) -> html.Section:
    statuses = {r["indicator_code"]: r for r in targets.iter_rows(named=True)}
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
        extra = [html.Div(change_text(row["change"], previous, lang), className="card-change")]
        target = statuses.get(code)
        if target is not None and target["achievement"] is not None:
            status = target["status"]
            extra.append(
                html.Div(
                    className=f"card-status status-{status or 'none'}",
                    children=t(
                        "card_target",
                        lang,
                        share=format_percent(target["achievement"], lang, 0),
                        target=format_number(target["target_value"], lang, row["decimals"]),
                        status=t(f"status_{status}", lang) if status else t("status_none", lang),
                    ),
                )
            )
        cards.append(
            card(
                f"card-{code}",
                _name(row),
                format_number(row["total"], lang, row["decimals"]),
                detail,
                code,
                extra,
            )
        )
    return html.Section(className="cards", children=cards, **{"aria-label": t("headline", lang)})


def totals_table(frame: pl.DataFrame, lang: str, previous=None) -> html.Details:
    columns = [
        Col(t("col_code", lang)),
        Col(t("col_indicator", lang)),
        Col(t("col_total", lang), "number"),
        Col(t("col_reference", lang)),
        Col(t("col_share_of_reference", lang), "percent"),
    ]
    if previous is not None:
        columns.append(
            Col(t("col_change_since", lang, previous=format_date(previous, lang)), "number")
        )
    rows = []
    for r in frame.iter_rows(named=True):
        row = [
            r["indicator_code"],
            _name(r),
            r["total"],
            r["reference_indicator"] or "",
            r["share_of_reference"],
        ]
        if previous is not None:
            row.append(r["change"])
        rows.append(row)
    return table_block(
        "overview-totals", lang, columns, rows, t("totals_title", lang), "participant_indicators.csv"
    )


def gender_table(frame: pl.DataFrame, lang: str, mode: str) -> html.Details:
    """Counts or shares by gender, as the chart shows them, with the total."""
    kind = "percent" if mode == "share" else "number"
    columns = [Col(t("col_code", lang)), Col(t("col_indicator", lang))]
    columns += [Col(t(f"gender_{g}", lang), kind) for g in GENDERS]
    columns.append(Col(t("col_total", lang), "number"))
    rows = []
    for r in gender_shares(frame).iter_rows(named=True):
        if mode == "share":
            parts = [None if r[f"{g}_share"] is None else r[f"{g}_share"] / 100 for g in GENDERS]
        else:
            parts = [r[g] for g in GENDERS]
        rows.append([r["indicator_code"], _name(r), *parts, r["total"]])
    return table_block(
        "overview-gender", lang, columns, rows, t("gender_title", lang), "gender_breakdown.csv"
    )

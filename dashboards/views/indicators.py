"""Indicators view: any catalogue indicator by scope (programme, specific objective, project,
region), by gender and over the cut-off series, with its definition beside it and every
chart's numbers as a downloadable table."""

from __future__ import annotations

import polars as pl
from dash import html

from dashboards import metrics as m
from dashboards.components import Col, chart_panel, cutoff_options, message, table_block
from dashboards.data import PublishedCopy, snapshot_cutoffs
from dashboards.figures.charts import bars_figure, half_year_bars_figure, time_series_figure
from dashboards.figures.theme import indicator_label
from dashboards.i18n import format_date, normalise_lang, t
from dashboards.increments import added_per_half_year, mean_per_half_year
from dashboards.regions import region_names
from dashboards.views.common import chosen_cutoff, meta_line, ready, unit_label

GENDER_CHOICES = ("all", "total", "woman", "man", "non_binary")
MAX_SERIES = 21  # lines in the time chart; more scopes show the largest ones

ID = {
    "title": "indicators-title",
    "code": "indicators-code",
    "code_label": "indicators-code-label",
    "scope": "indicators-scope",
    "scope_label": "indicators-scope-label",
    "gender": "indicators-gender",
    "gender_label": "indicators-gender-label",
    "cutoff": "indicators-cutoff",
    "cutoff_label": "indicators-cutoff-label",
    "body": "indicators-body",
    "series_graph": "indicators-series-graph",
    "scope_graph": "indicators-scope-graph",
    "half_year_graph": "indicators-half-year-graph",
}


def controls(copy: PublishedCopy, lang: str | None, code: str | None, scope: str | None,
             gender: str | None, cutoff: str | None) -> tuple:
    """Title; indicator label, options, value; scope label, options, value; gender label,
    options, value; cut-off label, options, value."""
    lang = normalise_lang(lang)
    state = ready(copy, lang)
    snap = state.snap
    code_options, scope_options, cutoff_opts = [], [], []
    chosen = None
    if snap is not None:
        cat = m.catalogue(snap, lang)
        code_options = [
            {"label": indicator_label(r["indicator_code"], r["name"], 80), "value": r["indicator_code"]}
            for r in cat.iter_rows(named=True)
        ]
        codes = [o["value"] for o in code_options]
        code = code if code in codes else (codes[0] if codes else None)
        types = m.scope_types(snap)
        scope_options = [{"label": t(f"scope_{s}", lang), "value": s} for s in types]
        scope = scope if scope in types else "programme"
        cutoff_opts = cutoff_options(snapshot_cutoffs(snap), lang)
        chosen = chosen_cutoff(snap, cutoff)
    gender = gender if gender in GENDER_CHOICES else "all"
    gender_options = [{"label": t(f"gender_choice_{g}", lang), "value": g} for g in GENDER_CHOICES]
    return (
        t("indicators_title", lang),
        t("indicator", lang), code_options, code,
        t("scope", lang), scope_options, scope,
        t("gender", lang), gender_options, gender,
        t("cutoff", lang), cutoff_opts, chosen.isoformat() if chosen else None,
    )


def definition(row: dict, lang: str) -> html.Aside:
    """The indicator's definition from the catalogue and its rule (dim_indicator_genders):
    what it counts, from which date, and how it aggregates."""
    items = [
        (t("def_code", lang), row["indicator_code"]),
        (t("def_group", lang), t(f"group_{row['indicator_group']}", lang)),
        (t("def_unit", lang), unit_label(row["unit"], lang)),
        (t("def_breakdown", lang), t(f"breakdown_{row['breakdown']}", lang)),
    ]
    if row["reference_indicator"]:
        items.append((t("def_reference", lang), row["reference_indicator"]))
    rules = [
        t(f"def_date_{row['counting_date_column']}", lang),
        t(f"def_agg_{row['aggregation']}", lang, decimals=row["decimals"]),
        t("def_cumulative", lang),
    ]
    if row["sensitive"]:
        rules.append(t("def_sensitive", lang))
    return html.Aside(
        className="definition panel",
        **{"aria-labelledby": "indicator-definition-title"},
        children=[
            html.H2(t("definition", lang), id="indicator-definition-title"),
            html.P(html.Strong(row["name"])),
            html.Dl([part for k, v in items for part in (html.Dt(k), html.Dd(v))]),
            *[html.P(r) for r in rules],
        ],
    )


def series_labels(snap, scope_type: str, codes: list[str], lang: str) -> dict[str, str]:
    if scope_type == "programme":
        return {g: t(f"gender_{g}", lang) for g in m.ALL_GENDERS}
    if scope_type == "region":
        names = region_names(snap, lang)
        return {c: names[c] for c in codes}
    if scope_type == "specific_objective":
        return {c: f"{t('scope_specific_objective', lang)} {c}" for c in codes}
    return {c: c for c in codes}  # projects: codes keep the legend short; names are in the table


def render_indicators(copy: PublishedCopy, lang: str | None, code: str | None, scope: str | None,
                      gender: str | None, cutoff: str | None) -> list:
    lang = normalise_lang(lang)
    state = ready(copy, lang)
    if not state.ok:
        return state.blocked
    snap = state.snap
    row = m.indicator_row(snap, code, lang)
    if row is None:
        return [message(t("no_values", lang))]
    scope = scope if scope in m.SCOPE_TYPES else "programme"
    gender = gender if gender in GENDER_CHOICES else "all"
    by_gender = row["breakdown"] == "gender"
    if not by_gender:
        gender = "total"
    chosen = chosen_cutoff(snap, cutoff)
    decimals = int(row["decimals"])
    axis = unit_label(row["unit"], lang)
    notes = []

    # Over time.
    if scope == "programme":
        genders = m.ALL_GENDERS if gender == "all" else (gender,)
        series = m.indicator_series(snap, row["indicator_code"], scope, genders)
        series_col = "gender"
    else:
        series = m.indicator_series(snap, row["indicator_code"], scope,
                                    ("total",) if gender == "all" else (gender,))
        series_col = "scope_code"
        if series["scope_code"].n_unique() > MAX_SERIES:
            latest = series.filter(pl.col("cutoff_date") == series["cutoff_date"].max())
            keep = latest.sort("value", descending=True, nulls_last=True)["scope_code"][:MAX_SERIES]
            series = series.filter(pl.col("scope_code").is_in(keep.to_list()))
            notes.append(t("series_limited", lang, n=MAX_SERIES))
    keys = series[series_col].unique(maintain_order=True).to_list()
    labels = series_labels(snap, scope, keys, lang)
    series_fig = time_series_figure(series, lang, series_col, labels, axis, decimals)
    series_table = _series_table(series, series_col, keys, labels, lang, decimals, row)

    # What each half-year added (a mean: the half-year's own), beside the cumulative values.
    half_years = per_half_year(snap, row, scope, series, series_col, keys, gender)
    half_fig = half_year_bars_figure(half_years, lang, series_col, labels, axis, decimals)
    half_table = _series_table(half_years, series_col, keys, labels, lang, decimals, row,
                               "indicators-half-years", t("half_year_caption", lang), "half_years")

    # By scope at the cut-off.
    at = m.scope_values(snap, row["indicator_code"], scope, chosen, lang)
    if scope == "programme":
        bars = pl.DataFrame({
            "label": [t(f"gender_{g}", lang) for g in m.ALL_GENDERS],
            "value": [at[g][0] if at.height and g in at.columns else None for g in m.ALL_GENDERS],
        }) if by_gender else pl.DataFrame({"label": [t("scope_programme", lang)],
                                           "value": [at["total"][0] if at.height else None]})
        scope_fig = bars_figure(bars, lang, axis, decimals, value_col="value")
    else:
        shown = at.with_columns(
            pl.concat_str(pl.col("scope_code"), pl.lit("  "), pl.col("scope_name").fill_null(""))
            .str.slice(0, 48)
            .alias("label")
        )
        stacked = by_gender and gender == "all"
        value_col = "total" if gender in ("all", "total") else gender
        if not stacked and value_col != "total":
            shown = shown.sort(value_col, descending=True, nulls_last=True)
        scope_fig = bars_figure(shown, lang, axis, decimals, by_gender=stacked, value_col=value_col)
    scope_table = _scope_table(at, scope, lang, decimals, by_gender, row, chosen)

    title = f"{row['indicator_code']} {row['name']}"
    return [
        meta_line(snap, lang, chosen),
        html.Div(
            className="with-aside",
            children=[
                html.Div(
                    className="main-column",
                    children=[
                        *[html.P(n, className="note") for n in notes],
                        chart_panel(
                            t("series_title", lang, scope=t(f"scope_plural_{scope}", lang)),
                            ID["series_graph"], series_fig, series_table, lang,
                        ),
                        chart_panel(
                            t("half_year_title_mean" if row["aggregation"] == "mean" else "half_year_title",
                              lang, scope=t(f"scope_plural_{scope}", lang)),
                            ID["half_year_graph"], half_fig, half_table, lang,
                        ),
                        chart_panel(
                            t("by_scope_title", lang, scope=t(f"scope_plural_{scope}", lang),
                              cutoff=format_date(chosen, lang)),
                            ID["scope_graph"], scope_fig, scope_table, lang,
                        ),
                    ],
                ),
                definition(row, lang),
            ],
            **{"aria-label": title},
        ),
    ]


def per_half_year(snap, row: dict, scope: str, series: pl.DataFrame, series_col: str, keys: list,
                  gender: str) -> pl.DataFrame:
    """The chart's series per half-year (dashboards/increments.py): counts and sums from the
    cumulative values the viewer sees, means from indicator_increments."""
    if row["aggregation"] != "mean":
        return added_per_half_year(series.select("cutoff_date", series_col, "value"), series_col)
    rows = snap.table("indicator_increments").filter(
        (pl.col("indicator_code") == row["indicator_code"]) & (pl.col("scope_type") == scope)
        & pl.col(series_col).is_in(keys)
    )
    if series_col != "gender":
        rows = rows.filter(pl.col("gender") == ("total" if gender == "all" else gender))
    return mean_per_half_year(rows.select("event_date", series_col, "n", "value_sum"), series_col,
                              snapshot_cutoffs(snap), int(row["decimals"]))


def _series_table(series, series_col, keys, labels, lang, decimals, row, table_id="indicators-series",
                  caption=None, name="series") -> html.Details:
    """One row per cut-off, one column per series (as the chart draws them)."""
    dates = sorted(series["cutoff_date"].unique().to_list())
    lookup = {
        (r["cutoff_date"], r[series_col]): r["value"] for r in series.iter_rows(named=True)
    }
    columns = [Col(t("cutoff", lang), "date")] + [
        Col(labels.get(k, k), "number", decimals) for k in keys
    ]
    rows = [[d, *[lookup.get((d, k)) for k in keys]] for d in dates]
    return table_block(table_id, lang, columns, rows, caption or t("series_caption", lang),
                       f"{row['indicator_code']}_{name}.csv")


def _scope_table(at, scope, lang, decimals, by_gender, row, chosen) -> html.Details:
    columns = [Col(t("col_scope_code", lang)), Col(t("col_scope_name", lang))]
    columns.append(Col(t("gender_total", lang), "number", decimals))
    if by_gender:
        columns += [Col(t(f"gender_{g}", lang), "number", decimals) for g in m.GENDERS]
    rows = []
    for r in at.iter_rows(named=True):
        code = r["scope_code"]
        name = r["scope_name"]
        if scope == "project":
            code = (code, f"/projects/{code}")
        cells = [code, name, r["total"]]
        if by_gender:
            cells += [r[g] for g in m.GENDERS]
        rows.append(cells)
    stamp = chosen.isoformat() if chosen else "latest"
    return table_block("indicators-scope", lang, columns, rows, t("by_scope_caption", lang),
                       f"{row['indicator_code']}_{scope}_{stamp}.csv")

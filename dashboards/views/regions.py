"""Regions view: the maakunnat side by side, as a tile map and a ranked chart, and the regional
ecosystems of organisations (eval_regional_ecosystems)."""

from __future__ import annotations

import polars as pl
from dash import html

from dashboards import metrics as m
from dashboards.components import Col, chart_panel, cutoff_options, message, table_block
from dashboards.data import PublishedCopy, snapshot_cutoffs
from dashboards.evaluation import ecosystems_at
from dashboards.figures.charts import bars_figure
from dashboards.figures.theme import indicator_label
from dashboards.figures.regions import ORGANISATION_TYPES, ecosystems_figure, tile_map_figure
from dashboards.i18n import format_date, normalise_lang, t
from dashboards.regions import region_names
from dashboards.views.common import chosen_cutoff, meta_line, ready, unit_label

ID = {
    "title": "regions-title",
    "code": "regions-code",
    "code_label": "regions-code-label",
    "cutoff": "regions-cutoff",
    "cutoff_label": "regions-cutoff-label",
    "body": "regions-body",
    "map_graph": "regions-map-graph",
    "rank_graph": "regions-rank-graph",
    "eco_graph": "regions-ecosystems-graph",
}
DEFAULT_INDICATOR = "EECO01"


def controls(copy: PublishedCopy, lang: str | None, code: str | None, cutoff: str | None) -> tuple:
    lang = normalise_lang(lang)
    snap = ready(copy, lang).snap
    options, opts, chosen = [], [], None
    if snap is not None:
        options = [
            {"label": indicator_label(r["indicator_code"], r["name"], 80), "value": r["indicator_code"]}
            for r in m.catalogue(snap, lang).iter_rows(named=True)
        ]
        codes = [o["value"] for o in options]
        code = code if code in codes else (DEFAULT_INDICATOR if DEFAULT_INDICATOR in codes
                                           else (codes[0] if codes else None))
        opts = cutoff_options(snapshot_cutoffs(snap), lang)
        chosen = chosen_cutoff(snap, cutoff)
    return (
        t("regions_title", lang),
        t("indicator", lang), options, code,
        t("cutoff", lang), opts, chosen.isoformat() if chosen else None,
    )


def render_regions(copy: PublishedCopy, lang: str | None, code: str | None,
                   cutoff: str | None) -> list:
    lang = normalise_lang(lang)
    state = ready(copy, lang)
    if not state.ok:
        return state.blocked
    snap = state.snap
    row = m.indicator_row(snap, code, lang) or m.indicator_row(snap, DEFAULT_INDICATOR, lang)
    chosen = chosen_cutoff(snap, cutoff)
    if row is None:
        return [meta_line(snap, lang, chosen)]
    code = row["indicator_code"]
    decimals = int(row["decimals"])
    axis = unit_label(row["unit"], lang)
    names = region_names(snap, lang)
    at = m.scope_values(snap, code, "region", chosen, lang)
    values = dict(zip(at["scope_code"], at["total"], strict=True))
    # Every region of the seed, with or without a value.
    frame = pl.DataFrame(
        {"region_code": list(names), "value": [values.get(r) for r in names]},
        schema={"region_code": pl.String, "value": pl.Float64},
    )
    ranked = frame.with_columns(
        pl.col("region_code").replace_strict(names, return_dtype=pl.String).alias("label")
    ).sort("value", "label", descending=[True, False], nulls_last=True)
    columns = [
        Col(t("col_region_code", lang)),
        Col(t("col_region", lang)),
        Col(f"{code} ({axis})", "number", decimals),
    ]
    rows = [[r["region_code"], r["label"], r["value"]] for r in ranked.iter_rows(named=True)]
    stamp = chosen.isoformat() if chosen else "latest"
    table = table_block("regions-values", lang, columns, rows, t("regions_table_caption", lang),
                        f"{code}_regions_{stamp}.csv")
    title = f"{code} {row['name']}"
    return [
        meta_line(snap, lang, chosen),
        html.Div(
            className="two-columns",
            children=[
                chart_panel(t("regions_map_title", lang, indicator=title), ID["map_graph"],
                            tile_map_figure(frame, lang, axis, names, decimals), table, lang),
                chart_panel(t("regions_rank_title", lang, indicator=title), ID["rank_graph"],
                            bars_figure(ranked.filter(pl.col("value").is_not_null()), lang, axis,
                                        decimals, value_col="value"), None, lang),
            ],
        ),
        ecosystems_section(snap, chosen, lang),
    ]


def ecosystems_section(snap, cutoff, lang: str) -> html.Section | html.Div:
    """Per region the distinct organisations engaged by type, in all, and the social
    enterprises among them (the mart's 'all' row: an organisation counts once whatever its
    type, so the total is not the sum of the types)."""
    title = t("ecosystems_title", lang)
    frame = ecosystems_at(snap.table("eval_regional_ecosystems"), cutoff)
    if frame.is_empty():
        return message(title, t("no_values_chart", lang))
    names = region_names(snap, lang)
    present = set(frame["organisation_type"])
    types = [ty for ty in ORGANISATION_TYPES if ty in present]
    by_region: dict[str, dict[str, dict]] = {}
    for r in frame.iter_rows(named=True):
        by_region.setdefault(r["region_code"], {})[r["organisation_type"]] = r
    columns = [Col(t("col_region", lang))] + [Col(t(f"org_{ty}", lang), "number") for ty in types] + [
        Col(t("col_total", lang), "number"), Col(t("col_social_enterprises", lang), "number"),
    ]
    rows = []
    for region, parts in sorted(by_region.items(), key=lambda kv: -kv[1]["all"]["organisations"]):
        everyone = parts["all"]
        rows.append([
            names[region],
            *[parts[ty]["organisations"] if ty in parts else 0 for ty in types],
            everyone["organisations"], everyone["social_enterprises"],
        ])
    table = table_block("regions-ecosystems", lang, columns, rows, title, "regional_ecosystems.csv")
    return chart_panel(
        title + (f" – {format_date(cutoff, lang)}" if cutoff else ""),
        ID["eco_graph"], ecosystems_figure(frame, lang, names), table, lang,
        note=t("ecosystems_note", lang),
    )

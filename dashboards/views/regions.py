"""Regions view: the maakunnat side by side, as a tile map and a ranked chart, and the regional
ecosystems of organisations when the evaluation mart is published."""

from __future__ import annotations

import polars as pl
from dash import html

from dashboards import metrics as m
from dashboards.components import Col, chart_panel, cutoff_options, not_available, table_block
from dashboards.data import PublishedCopy
from dashboards.evaluation import normalise_ecosystems
from dashboards.figures import bars_figure, indicator_label
from dashboards.figures_regions import ORGANISATION_TYPES, ecosystems_figure, tile_map_figure
from dashboards.i18n import format_date, has_label, normalise_lang, t
from dashboards.regions import REGIONS, region_name
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
    decimals = int(row.get("decimals") or 0)
    axis = unit_label(row.get("unit"), lang)
    at = m.scope_values(snap, code, "region", chosen, lang)
    values = dict(zip(at["scope_code"], at["total"], strict=True))
    frame = pl.DataFrame(
        {"region_code": list(REGIONS), "value": [values.get(r) for r in REGIONS]},
        schema={"region_code": pl.String, "value": pl.Float64},
    )
    ranked = frame.with_columns(
        pl.col("region_code").map_elements(lambda c: region_name(c, lang), return_dtype=pl.String)
        .alias("label")
    ).sort("value", "label", descending=[True, False], nulls_last=True)
    notes = []
    if not m.has_region_scope(snap):
        notes.append(html.P(t("region_derived_note", lang), className="note"))
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
        *notes,
        html.Div(
            className="two-columns",
            children=[
                chart_panel(t("regions_map_title", lang, indicator=title), ID["map_graph"],
                            tile_map_figure(frame, lang, axis, decimals), table, lang),
                chart_panel(t("regions_rank_title", lang, indicator=title), ID["rank_graph"],
                            bars_figure(ranked.filter(pl.col("value").is_not_null()), lang, axis,
                                        decimals, value_col="value"), None, lang),
            ],
        ),
        ecosystems_section(snap, chosen, lang),
    ]


def ecosystems_section(snap, cutoff, lang: str) -> html.Section | html.Div:
    raw = snap.table("eval_regional_ecosystems")
    if raw is None:
        return not_available(lang, t("ecosystems_title", lang), "eval_regional_ecosystems")
    frame = normalise_ecosystems(raw, cutoff)
    if frame is None:
        return raw_table_section(raw, lang, t("ecosystems_title", lang), "eco-raw")
    types = [ty for ty in ORGANISATION_TYPES if ty in set(frame["organisation_type"])]
    types += sorted(set(frame["organisation_type"]) - set(types))
    wide = {}
    for r in frame.iter_rows(named=True):
        entry = wide.setdefault(r["region_code"], {"social": 0.0})
        entry[r["organisation_type"]] = entry.get(r["organisation_type"], 0) + (r["organisations"] or 0)
        entry["social"] += r["social_enterprises"] or 0
    columns = [Col(t("col_region", lang))] + [
        Col(t(f"org_{ty}", lang) if has_label(f"org_{ty}") else ty, "number") for ty in types
    ] + [Col(t("col_total", lang), "number"), Col(t("col_social_enterprises", lang), "number")]
    rows = []
    for region, entry in sorted(wide.items(), key=lambda kv: -sum(v for k, v in kv[1].items() if k != "social")):
        counts = [entry.get(ty, 0) for ty in types]
        rows.append([region_name(region, lang), *counts, sum(counts), entry["social"]])
    table = table_block("regions-ecosystems", lang, columns, rows, t("ecosystems_title", lang),
                        "regional_ecosystems.csv")
    return chart_panel(
        t("ecosystems_title", lang) + (f" – {format_date(cutoff, lang)}" if cutoff else ""),
        ID["eco_graph"], ecosystems_figure(frame, lang), table, lang,
        note=t("ecosystems_note", lang),
    )


def raw_table_section(raw: pl.DataFrame, lang: str, title: str, table_id: str,
                      limit: int = 200) -> html.Section:
    """A published table whose shape this dashboard does not know yet, shown as it is."""
    columns = [
        Col(c, "number", -1) if dtype.is_numeric() else Col(c) for c, dtype in raw.schema.items()
    ]
    rows = [list(r) for r in raw.head(limit).iter_rows()]
    return html.Section(
        className="panel",
        children=[
            html.H2(title),
            html.P(t("raw_table_note", lang), className="note"),
            table_block(table_id, lang, columns, rows, title, f"{table_id}.csv", open_=True),
        ],
    )

"""Figure builders for the regions page: a tile map of the maakunnat and regional ecosystems.

Pure functions from frames to figures, in the look of figures/theme.py. The tile map is a heatmap on the grid
of dashboards/regions.TILES with the Cividis scale, which stays readable with colour-vision
deficiencies and in greyscale; every tile also carries its number as text.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboards.figures.theme import (
    new_figure,
    FONT_FAMILY,
    OKABE_ITO,
    base_layout,
    empty_figure,
    value_format,
)
from dashboards.figures.contrast import cell_labels, scale_colour
from dashboards.i18n import format_number, has_label, plotly_separators, t
from dashboards.regions import ABBREVIATIONS, TILES

TILE_SCALE = "Cividis"
EMPTY_TILE_FILL = "#e6e6e6"
EMPTY_TILE_TEXT = "#555555"
ORGANISATION_TYPES = (
    "enterprise",
    "public_administration",
    "education",
    "association",
    "foundation",
    "funder",
    "other",
)
ORGANISATION_COLOURS = {
    "enterprise": OKABE_ITO["blue"],
    "public_administration": OKABE_ITO["orange"],
    "education": OKABE_ITO["bluish_green"],
    "association": OKABE_ITO["reddish_purple"],
    "foundation": OKABE_ITO["sky_blue"],
    "funder": OKABE_ITO["vermillion"],
    "other": "#9a9a9a",
}


def tile_map_figure(
    frame: pl.DataFrame, lang: str, axis_title: str, names: dict[str, str], decimals: int = 0
) -> go.Figure:
    """Finland's regions as a grid of tiles coloured by value.

    `frame`: region_code, value; `names`: region code -> name (regions.region_names). Regions
    without a value are drawn empty (grey, "–").
    """
    values = dict(zip(frame["region_code"], frame["value"], strict=True))
    if not any(v is not None for v in values.values()):
        return empty_figure(t("no_values_chart", lang), lang)
    n_cols = max(c for c, _ in TILES.values()) + 1
    n_rows = max(r for _, r in TILES.values()) + 1
    z = [[None] * n_cols for _ in range(n_rows)]
    hover = [[""] * n_cols for _ in range(n_rows)]
    observed = [v for v in values.values() if v is not None]
    zmin, zmax = min(observed), max(observed)
    labels: dict[str, list] = {"x": [], "y": [], "text": [], "fills": []}
    for code, (col, row) in TILES.items():
        value = values.get(code)
        shown = format_number(value, lang, decimals)
        z[row][col] = value
        hover[row][col] = f"<b>{names[code]}</b> ({code})<br>{axis_title}: {shown}"
        if value is not None:
            labels["x"].append(col)
            labels["y"].append(row)
            labels["text"].append(f"{ABBREVIATIONS[code]}<br>{shown}")
            labels["fills"].append(scale_colour(value, zmin, zmax, TILE_SCALE))
    fig = new_figure(
        go.Heatmap(
            z=z,
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=TILE_SCALE,
            zmin=zmin,
            zmax=zmax,
            xgap=4,
            ygap=4,
            hoverongaps=False,
            colorbar={"title": {"text": axis_title, "side": "right"}, "thickness": 14},
        ),
        # Each tile's name and number in black or white, whichever is readable on its colour.
        cell_labels(labels["x"], labels["y"], labels["text"], labels["fills"]),
    )
    # Empty tiles of regions with no value: a light grey square under the heatmap gap.
    for code, (col, row) in TILES.items():
        if values.get(code) is None:
            fig.add_shape(
                type="rect",
                x0=col - 0.46,
                x1=col + 0.46,
                y0=row - 0.46,
                y1=row + 0.46,
                line={"width": 0},
                fillcolor=EMPTY_TILE_FILL,
                layer="below",
            )
            fig.add_annotation(
                x=col, y=row, text=f"{ABBREVIATIONS[code]}<br>–", showarrow=False,
                font={"size": 12, "color": EMPTY_TILE_TEXT},
            )
    fig.update_layout(
        separators=plotly_separators(lang),
        font={"family": FONT_FAMILY, "size": 13, "color": "#222222"},
        height=520,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        plot_bgcolor="#ffffff",
    )
    fig.update_xaxes(visible=False, range=[-0.6, n_cols - 0.4], fixedrange=True)
    fig.update_yaxes(
        visible=False,
        autorange="reversed",
        scaleanchor="x",
        scaleratio=1,
        fixedrange=True,
    )
    return fig


def ecosystems_figure(frame: pl.DataFrame, lang: str, names: dict[str, str]) -> go.Figure:
    """Distinct organisations per region, stacked by organisation type (largest region on top).

    `frame`: region_code, organisation_type, organisations (evaluation.ecosystems_at);
    `names`: region code -> name.
    """
    # The 'all' row is the region's distinct total across types, not a type: stacking it
    # would count every organisation twice.
    frame = frame.filter(pl.col("organisation_type") != "all")
    if frame.is_empty():
        return empty_figure(t("no_values_chart", lang), lang)
    totals = (
        frame.group_by("region_code")
        .agg(pl.col("organisations").sum().alias("sum"))
        .sort("sum", "region_code", descending=[True, False])
    )
    order = totals["region_code"].to_list()
    labels = {c: names[c] for c in order}
    fmt = value_format(0)
    fig = new_figure()
    types = [ty for ty in ORGANISATION_TYPES if ty in set(frame["organisation_type"])]
    types += sorted(set(frame["organisation_type"]) - set(types))
    for org_type in types:
        part = frame.filter(pl.col("organisation_type") == org_type)
        by_region = dict(zip(part["region_code"], part["organisations"], strict=True))
        key = f"org_{org_type}"
        name = t(key, lang) if has_label(key) else org_type
        fig.add_trace(
            go.Bar(
                name=name,
                orientation="h",
                x=[by_region.get(c, 0) for c in order],
                y=[labels[c] for c in order],
                marker={
                    "color": ORGANISATION_COLOURS.get(org_type, "#9a9a9a"),
                    "line": {"color": "#ffffff", "width": 0.5},
                },
                hovertemplate=f"%{{y}}<br>{name}: %{{x:{fmt}}}<extra></extra>",
            )
        )
    base_layout(fig, lang, len(order))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=[labels[c] for c in order])
    fig.update_xaxes(title_text=t("unit_organisations", lang), rangemode="tozero")
    return fig

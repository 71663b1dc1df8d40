"""The one look of every dashboard chart: the palette (Okabe–Ito, distinguishable with the
common colour-vision deficiencies), the font, the layout shared by all figures (legend below the
plot, never beside it, so a chart keeps its width on a phone), short half-year ticks and the
empty-chart notice. Pure functions; no Dash, no file access."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboards.i18n import plotly_separators

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
GENDER_COLOURS = {
    "woman": OKABE_ITO["orange"],
    "man": OKABE_ITO["sky_blue"],
    "non_binary": OKABE_ITO["bluish_green"],
}
GROUP_COLOURS = {
    "common_output": OKABE_ITO["blue"],
    "common_result": OKABE_ITO["vermillion"],
    "project_specific": OKABE_ITO["reddish_purple"],
}
GENDER_ORDER = ("woman", "man", "non_binary")
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
LABEL_MAX_CHARS = 48
ROW_HEIGHT = 26


GRID_COLOUR = "#E6E6E6"


def new_figure(*traces) -> go.Figure:
    """An empty figure without a plotly.py template: the white look comes from plotly.js's own
    defaults and the axis styles below. Applying a template deep-copies it on every figure
    (≈ 30–50 ms each), which alone would use most of a page's time budget."""
    fig = go.Figure(data=list(traces), layout={"template": {}})
    fig.update_xaxes(gridcolor=GRID_COLOUR, zerolinecolor="#BDBDBD", linecolor="#BDBDBD")
    fig.update_yaxes(gridcolor=GRID_COLOUR, zerolinecolor="#BDBDBD", linecolor="#BDBDBD")
    return fig


def indicator_label(code: str, name: str | None, max_chars: int = LABEL_MAX_CHARS) -> str:
    """Axis label `CODE  name`, shortened with an ellipsis; the hover shows the full name."""
    name = name or ""
    text = f"{code}  {name}".rstrip()
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


# Below the plot, in the container's own coordinates, so it never takes the plot's width (a
# legend beside a chart left a project chart 250 px wide) and never covers the axis title;
# "normal": in trace order (plotly reverses it for stacked bars otherwise).
LEGEND_BELOW = {
    "orientation": "h",
    "xref": "container",
    "x": 0,
    "xanchor": "left",
    "yref": "container",
    "y": 0,
    "yanchor": "bottom",
    "traceorder": "normal",
}


def pct_suffix(lang: str) -> str:
    """The percent sign as written in `lang` (a no-break space before it in fi and sv)."""
    return "\u00a0%" if lang in ("fi", "sv") else "%"


def half_year_tick(cutoff) -> str:
    """A cut-off date (30 June, 31 December) or a half-year code (2025-H2) as a short tick:
    '2025/1' for the first half-year, '2025/2' for the second."""
    if isinstance(cutoff, str):
        year, half = cutoff.split("-H")
        return f"{year}/{int(half)}"
    return f"{cutoff.year}/{1 if cutoff.month <= 6 else 2}"


def base_layout(fig: go.Figure, lang: str, n_rows: int) -> go.Figure:
    fig.update_layout(
        separators=plotly_separators(lang),
        font={"family": FONT_FAMILY, "size": 13, "color": "#222222"},
        height=max(220, 110 + ROW_HEIGHT * n_rows),
        margin={"l": 10, "r": 30, "t": 40, "b": 40},
        legend=LEGEND_BELOW,
        hoverlabel={"font": {"family": FONT_FAMILY}},
        bargap=0.25,
    )
    fig.update_yaxes(automargin=True, autorange="reversed", ticks="")
    return fig


def empty_figure(message: str, lang: str) -> go.Figure:
    """A chart-sized notice instead of an empty plot."""
    fig = new_figure()
    fig.add_annotation(
        text=message,
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": 14},
    )
    fig.update_layout(
        separators=plotly_separators(lang),
        height=220,
        xaxis={"visible": False},
        yaxis={"visible": False},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return fig


# Trace colours for many series (scopes): Okabe–Ito without yellow (too light on white), then
# the same colours dashed, so up to 14 series stay distinguishable without colour alone.
SERIES_COLOURS = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["black"],
)
SERIES_DASHES = ("solid", "dash", "dot")
GENDER_SERIES_COLOURS = {"total": OKABE_ITO["black"], **GENDER_COLOURS}
STATUS_COLOURS = {
    "on_track": OKABE_ITO["bluish_green"],
    "at_risk": OKABE_ITO["orange"],
    "off_track": OKABE_ITO["vermillion"],
    None: "#9a9a9a",
}
STATUS_SYMBOLS = {"on_track": "circle", "at_risk": "diamond", "off_track": "x", None: "square"}


def value_format(decimals: int) -> str:
    """A d3 format for hover and bar texts: thousands separated, fixed decimals."""
    return f",.{max(0, int(decimals))}f"


def series_style(i: int) -> dict:
    colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
    dash = SERIES_DASHES[(i // len(SERIES_COLOURS)) % len(SERIES_DASHES)]
    return {"color": colour, "dash": dash}



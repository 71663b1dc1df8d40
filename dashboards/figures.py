"""Figure builders: pure functions from a polars frame to a plotly figure.

No Dash, no file access, no global state: each takes the frame a query in data.py returns and
the language, so tests can check the traces without a browser. Colours are the Okabe–Ito
palette, distinguishable with the common colour-vision deficiencies.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboards.i18n import has_label, plotly_separators, t

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


def indicator_label(code: str, name: str | None, max_chars: int = LABEL_MAX_CHARS) -> str:
    """Axis label `CODE  name`, shortened with an ellipsis; the hover shows the full name."""
    name = name or ""
    text = f"{code}  {name}".rstrip()
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


def _base_layout(fig: go.Figure, lang: str, n_rows: int) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        separators=plotly_separators(lang),
        font={"family": FONT_FAMILY, "size": 13, "color": "#222222"},
        height=max(220, 110 + ROW_HEIGHT * n_rows),
        margin={"l": 10, "r": 30, "t": 40, "b": 40},
        # "normal": legend in trace order (plotly reverses it for stacked bars otherwise).
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "xanchor": "left",
            "x": 0,
            "traceorder": "normal",
        },
        hoverlabel={"font": {"family": FONT_FAMILY}},
        bargap=0.25,
    )
    fig.update_yaxes(automargin=True, autorange="reversed", ticks="")
    return fig


def empty_figure(message: str, lang: str) -> go.Figure:
    fig = go.Figure()
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
        template="plotly_white",
        separators=plotly_separators(lang),
        height=220,
        xaxis={"visible": False},
        yaxis={"visible": False},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return fig


def participant_totals_figure(frame: pl.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars of each indicator's total, one colour per indicator group.

    `frame`: indicator_code, name, indicator_group, total (data.programme_participant_values).
    """
    if frame.is_empty():
        return empty_figure(t("no_values", lang), lang)
    labels = [
        indicator_label(c, n) for c, n in zip(frame["indicator_code"], frame["name"], strict=True)
    ]
    frame = frame.with_columns(pl.Series("label", labels))
    fig = go.Figure()
    for group in frame["indicator_group"].unique(maintain_order=True).to_list():
        part = frame.filter(pl.col("indicator_group") == group)
        fig.add_trace(
            go.Bar(
                name=t(f"group_{group}", lang) if has_label(f"group_{group}") else group,
                orientation="h",
                x=part["total"].to_list(),
                y=part["label"].to_list(),
                marker={"color": GROUP_COLOURS.get(group, OKABE_ITO["black"])},
                customdata=list(zip(part["indicator_code"], part["name"], strict=True)),
                text=part["total"].to_list(),
                texttemplate="%{x:,.0f}",
                textposition="outside",
                cliponaxis=False,
                hovertemplate=(
                    "<b>%{customdata[0]}</b> %{customdata[1]}<br>"
                    + t("col_total", lang)
                    + ": %{x:,.0f}<extra></extra>"
                ),
            )
        )
    _base_layout(fig, lang, frame.height)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    fig.update_xaxes(title_text=t("axis_persons", lang), rangemode="tozero")
    return fig


def gender_shares(frame: pl.DataFrame) -> pl.DataFrame:
    """Each gender's share (0–100) of the sum of the three per indicator; null if the sum is 0."""
    parts = pl.sum_horizontal(*(pl.col(g).fill_null(0) for g in GENDER_ORDER))
    return frame.with_columns(
        pl.when(parts > 0)
        .then(pl.col(g).fill_null(0) / parts * 100)
        .otherwise(None)
        .alias(f"{g}_share")
        for g in GENDER_ORDER
    )


def gender_breakdown_figure(frame: pl.DataFrame, lang: str, mode: str = "count") -> go.Figure:
    """Stacked horizontal bars by indicator: women, men, non-binary.

    mode "count" stacks the numbers of persons; "share" stacks percentages summing to 100.
    `frame`: indicator_code, name, woman, man, non_binary (data.programme_participant_values).
    """
    if frame.is_empty():
        return empty_figure(t("no_values", lang), lang)
    labels = [
        indicator_label(c, n) for c, n in zip(frame["indicator_code"], frame["name"], strict=True)
    ]
    shares = gender_shares(frame)
    fig = go.Figure()
    for gender in GENDER_ORDER:
        counts = shares[gender].to_list()
        pct = shares[f"{gender}_share"].to_list()
        x = pct if mode == "share" else counts
        fig.add_trace(
            go.Bar(
                name=t(f"gender_{gender}", lang),
                orientation="h",
                x=x,
                y=labels,
                marker={
                    "color": GENDER_COLOURS[gender],
                    "line": {"color": "#FFFFFF", "width": 0.5},
                },
                customdata=list(
                    zip(frame["indicator_code"], frame["name"], counts, pct, strict=True)
                ),
                hovertemplate=(
                    "<b>%{customdata[0]}</b> %{customdata[1]}<br>"
                    + t(f"gender_{gender}", lang)
                    + ": %{customdata[2]:,.0f} (%{customdata[3]:.1f}"
                    + ("\u00a0%" if lang == "fi" else "%")
                    + ")<extra></extra>"
                ),
            )
        )
    _base_layout(fig, lang, frame.height)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    if mode == "share":
        suffix = "\u00a0%" if lang == "fi" else "%"
        fig.update_xaxes(title_text=t("axis_share", lang), range=[0, 100], ticksuffix=suffix)
    else:
        fig.update_xaxes(title_text=t("axis_persons", lang), rangemode="tozero")
    return fig

"""Figure builders of the indicator pages (overview, indicators, projects, regions' bars):
pure functions from a polars frame to a plotly figure, in the look of figures/theme.py.

No Dash, no file access, no global state: each takes the frame a query in data.py returns and
the language, so tests can check the traces without a browser.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboards.figures.theme import (
    FONT_FAMILY,
    GENDER_COLOURS,
    GENDER_ORDER,
    GENDER_SERIES_COLOURS,
    GROUP_COLOURS,
    LEGEND_BELOW,
    OKABE_ITO,
    STATUS_COLOURS,
    base_layout,
    empty_figure,
    half_year_tick,
    indicator_label,
    new_figure,
    series_style,
    value_format,
)
from dashboards.i18n import format_date, has_label, plotly_separators, t


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
    fig = new_figure()
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
    base_layout(fig, lang, frame.height)
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
    fig = new_figure()
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
                    + ("\u00a0%" if lang in ("fi", "sv") else "%")
                    + ")<extra></extra>"
                ),
            )
        )
    base_layout(fig, lang, frame.height)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    if mode == "share":
        suffix = "\u00a0%" if lang in ("fi", "sv") else "%"
        fig.update_xaxes(title_text=t("axis_share", lang), range=[0, 100], ticksuffix=suffix)
    else:
        fig.update_xaxes(title_text=t("axis_persons", lang), rangemode="tozero")
    return fig


def time_series_figure(
    frame: pl.DataFrame,
    lang: str,
    series: str,
    labels: dict[str, str],
    axis_title: str,
    decimals: int = 0,
) -> go.Figure:
    """Lines over the cut-off dates, one per value of column `series` (a scope or a gender).

    `frame`: cutoff_date, `series`, value. `labels` names each series (legend and hover).
    Genders get their fixed colours; other series cycle through SERIES_COLOURS and dashes.
    """
    frame = frame.filter(pl.col("value").is_not_null())
    if frame.is_empty():
        return empty_figure(t("no_values_chart", lang), lang)
    fmt = value_format(decimals)
    fig = new_figure()
    keys = frame[series].unique(maintain_order=True).to_list()
    for i, key in enumerate(keys):
        part = frame.filter(pl.col(series) == key).sort("cutoff_date")
        style = (
            {"color": GENDER_SERIES_COLOURS[key], "dash": "solid"}
            if key in GENDER_SERIES_COLOURS
            else series_style(i)
        )
        name = labels.get(key, key)
        fig.add_trace(
            go.Scatter(
                name=name,
                x=part["cutoff_date"].to_list(),
                y=part["value"].to_list(),
                mode="lines+markers",
                line={"color": style["color"], "dash": style["dash"], "width": 2},
                marker={"size": 7},
                customdata=[format_date(d, lang) for d in part["cutoff_date"]],
                hovertemplate=f"<b>{name}</b><br>%{{customdata}}: %{{y:{fmt}}}<extra></extra>",
            )
        )
    fig.update_layout(
        separators=plotly_separators(lang),
        font={"family": FONT_FAMILY, "size": 13, "color": "#222222"},
        height=380,
        margin={"l": 10, "r": 20, "t": 30, "b": 40},
        legend=LEGEND_BELOW,
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    # Ticks on the cut-offs themselves, short ('2025/2': the half-year that ends there), so
    # that they fit a phone's width; the hover names the date in full.
    dates = sorted(frame["cutoff_date"].unique().to_list())
    fig.update_xaxes(type="date", tickvals=dates, ticktext=[half_year_tick(d) for d in dates],
                     automargin=True)
    fig.update_yaxes(title_text=axis_title, rangemode="tozero", automargin=True)
    return fig


def bars_figure(
    frame: pl.DataFrame,
    lang: str,
    axis_title: str,
    decimals: int = 0,
    by_gender: bool = False,
    label_col: str = "label",
    value_col: str = "total",
    colour: str = OKABE_ITO["blue"],
) -> go.Figure:
    """Horizontal bars, one per row of `frame` in its order, top to bottom.

    `frame`: `label_col` and either `value_col` or (by_gender) woman, man, non_binary stacked.
    """
    frame = frame.filter(pl.col(value_col).is_not_null()) if not by_gender else frame
    if frame.is_empty():
        return empty_figure(t("no_values_chart", lang), lang)
    labels = [str(v) for v in frame[label_col].to_list()]
    fmt = value_format(decimals)
    fig = new_figure()
    if by_gender:
        for gender in GENDER_ORDER:
            fig.add_trace(
                go.Bar(
                    name=t(f"gender_{gender}", lang),
                    orientation="h",
                    x=frame[gender].to_list(),
                    y=labels,
                    marker={"color": GENDER_COLOURS[gender], "line": {"color": "#FFFFFF", "width": 0.5}},
                    hovertemplate="%{y}<br>"
                    + t(f"gender_{gender}", lang)
                    + f": %{{x:{fmt}}}<extra></extra>",
                )
            )
        fig.update_layout(barmode="stack")
    else:
        fig.add_trace(
            go.Bar(
                orientation="h",
                x=frame[value_col].to_list(),
                y=labels,
                marker={"color": colour},
                texttemplate=f"%{{x:{fmt}}}",
                textposition="outside",
                cliponaxis=False,
                showlegend=False,
                hovertemplate=f"%{{y}}: %{{x:{fmt}}}<extra></extra>",
            )
        )
    base_layout(fig, lang, frame.height)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    fig.update_xaxes(title_text=axis_title, rangemode="tozero")
    return fig


def achievement_figure(frame: pl.DataFrame, lang: str) -> go.Figure:
    """Achievement of each target (value / target, %) as bars coloured and labelled by forecast
    status, with a line at 100 % and the forecast (forecast / target) as a marker.

    `frame`: indicator_code, name, achievement (fraction), forecast, target_value, status.
    Status is written on every bar, so the colours are never the only cue.
    """
    frame = frame.filter(pl.col("achievement").is_not_null())
    if frame.is_empty():
        return empty_figure(t("no_targets", lang), lang)
    pct = "\u00a0%" if lang in ("fi", "sv") else "%"
    labels = [
        indicator_label(c, n) for c, n in zip(frame["indicator_code"], frame["name"], strict=True)
    ]
    statuses = frame["status"].to_list()
    status_text = [t(f"status_{s}", lang) if s else t("status_none", lang) for s in statuses]
    achieved = [a * 100 for a in frame["achievement"].to_list()]
    fig = new_figure()
    fig.add_trace(
        go.Bar(
            name=t("achievement", lang),
            orientation="h",
            x=achieved,
            y=labels,
            marker={"color": [STATUS_COLOURS.get(s, STATUS_COLOURS[None]) for s in statuses]},
            text=[f"{a:.0f}{pct} · {s}" for a, s in zip(achieved, status_text, strict=True)],
            # Inside the bar where it fits (clear of the forecast markers), else beside it.
            textposition="auto",
            insidetextanchor="start",
            insidetextfont={"color": OKABE_ITO["black"]},
            outsidetextfont={"color": OKABE_ITO["black"]},
            cliponaxis=False,
            customdata=status_text,
            hovertemplate="%{y}<br>"
            + t("achievement", lang)
            + f": %{{x:.1f}}{pct}<br>%{{customdata}}<extra></extra>",
            showlegend=False,
        )
    )
    forecast = [
        (f / tv * 100) if f is not None and tv else None
        for f, tv in zip(frame["forecast"], frame["target_value"], strict=True)
    ]
    if any(v is not None for v in forecast):
        fig.add_trace(
            go.Scatter(
                name=t("forecast_marker", lang),
                x=forecast,
                y=labels,
                mode="markers",
                marker={"symbol": "diamond-open", "size": 11, "color": OKABE_ITO["black"]},
                hovertemplate="%{y}<br>"
                + t("forecast_marker", lang)
                + f": %{{x:.0f}}{pct}<extra></extra>",
            )
        )
    base_layout(fig, lang, frame.height)
    top = max([100.0, *achieved, *[v for v in forecast if v is not None]])
    fig.add_vline(x=100, line={"color": OKABE_ITO["black"], "dash": "dash", "width": 1})
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    fig.update_xaxes(
        title_text=t("axis_achievement", lang), range=[0, top * 1.25], ticksuffix=pct
    )
    return fig


def half_year_bars_figure(
    frame: pl.DataFrame,
    lang: str,
    series: str,
    labels: dict[str, str],
    axis_title: str,
    decimals: int = 0,
) -> go.Figure:
    """What each half-year added (or, for a mean, its own mean): grouped bars per half-year,
    one colour per value of column `series`, as time_series_figure colours its lines.

    `frame`: cutoff_date, `series`, value (dashboards/increments.py)."""
    frame = frame.filter(pl.col("value").is_not_null())
    if frame.is_empty():
        return empty_figure(t("no_values_chart", lang), lang)
    fmt = value_format(decimals)
    dates = sorted(frame["cutoff_date"].unique().to_list())
    ticks = [half_year_tick(d) for d in dates]
    fig = new_figure()
    for i, key in enumerate(frame[series].unique(maintain_order=True).to_list()):
        part = frame.filter(pl.col(series) == key)
        by_date = dict(zip(part["cutoff_date"], part["value"], strict=True))
        colour = GENDER_SERIES_COLOURS[key] if key in GENDER_SERIES_COLOURS else series_style(i)["color"]
        name = labels.get(key, key)
        fig.add_trace(
            go.Bar(
                name=name,
                x=ticks,
                y=[by_date.get(d) for d in dates],
                marker={"color": colour},
                customdata=[format_date(d, lang) for d in dates],
                hovertemplate=f"<b>{name}</b><br>%{{customdata}}: %{{y:{fmt}}}<extra></extra>",
            )
        )
    fig.update_layout(
        separators=plotly_separators(lang),
        font={"family": FONT_FAMILY, "size": 13, "color": "#222222"},
        height=360,
        margin={"l": 10, "r": 20, "t": 30, "b": 40},
        legend=LEGEND_BELOW,
        hoverlabel={"font": {"family": FONT_FAMILY}},
        barmode="group",
        bargap=0.2,
    )
    fig.update_xaxes(type="category", automargin=True)
    fig.update_yaxes(title_text=axis_title, automargin=True)
    return fig

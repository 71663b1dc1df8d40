"""Figures of the Funding page (seed-work.md 2.5): the funnel by group, counts by region and the
Gateway contributions by quarter. Pure functions from plain lists to figures, in the one theme
(dashboards/figures/theme.py); the conversion rates use evaluation.interval_figure."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from dashboards.figures.theme import OKABE_ITO, base_layout, empty_figure, new_figure
from dashboards.i18n import t

# One colour per funnel stage, light to dark along the funnel.
STAGE_COLOURS = (OKABE_ITO["sky_blue"], OKABE_ITO["orange"], OKABE_ITO["blue"], OKABE_ITO["bluish_green"])


def _bar(name: str, labels: Sequence[str], values: Sequence[float | None], colour: str) -> go.Bar:
    return go.Bar(
        name=name,
        orientation="h",
        x=list(values),
        y=list(labels),
        marker={"color": colour},
        texttemplate="%{x:,.0f}",
        textposition="outside",
        cliponaxis=False,
        hovertemplate=f"%{{y}}<br>{name}: %{{x:,.0f}}<extra></extra>",
    )


def funnel_figure(
    labels: Sequence[str], stages: Sequence[tuple[str, Sequence[float | None]]], lang: str, axis_title: str,
) -> go.Figure:
    """Per group, one bar per funnel stage (informed, applied, decided, funded), in stage order.

    `stages`: (stage name, one count per label); a group whose counts are hidden (None: too
    few organisations in the viewer's shape) keeps its row without bars."""
    if not labels or all(v is None for _, values in stages for v in values):
        return empty_figure(t("no_values_chart", lang), lang)
    fig = new_figure(*[
        _bar(name, labels, values, STAGE_COLOURS[i % len(STAGE_COLOURS)])
        for i, (name, values) in enumerate(stages)
    ])
    base_layout(fig, lang, len(labels) * max(1, len(stages) // 2))
    fig.update_layout(barmode="group", bargroupgap=0.05, margin={"t": 20, "b": 70})
    fig.update_yaxes(categoryorder="array", categoryarray=list(labels))
    fig.update_xaxes(title_text=axis_title, rangemode="tozero")
    return fig


def region_figure(
    labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], lang: str, axis_title: str,
) -> go.Figure:
    """Per region, side-by-side bars of the given series (organisations informed, applications)."""
    if not labels or all(v is None for _, values in series for v in values):
        return empty_figure(t("no_values_chart", lang), lang)
    colours = (OKABE_ITO["blue"], OKABE_ITO["orange"])
    fig = new_figure(*[
        _bar(name, labels, values, colours[i % len(colours)]) for i, (name, values) in enumerate(series)
    ])
    base_layout(fig, lang, len(labels) * len(series))
    fig.update_layout(barmode="group", margin={"t": 20, "b": 70})
    fig.update_yaxes(categoryorder="array", categoryarray=list(labels))
    fig.update_xaxes(title_text=axis_title, rangemode="tozero")
    return fig


def gateway_figure(
    quarters: Sequence[str], in_quarter: Sequence[int], cumulative: Sequence[int], lang: str,
    names: tuple[str, str], axis_title: str,
) -> go.Figure:
    """Opportunities contributed to the Gateway: bars per quarter and the running total as a line
    (the SE17 trend)."""
    if not quarters:
        return empty_figure(t("no_values_chart", lang), lang)
    quarter_name, total_name = names
    fig = new_figure(
        go.Bar(
            name=quarter_name, x=list(quarters), y=list(in_quarter), marker={"color": OKABE_ITO["sky_blue"]},
            hovertemplate=f"%{{x}}<br>{quarter_name}: %{{y:,.0f}}<extra></extra>",
        ),
        go.Scatter(
            name=total_name, x=list(quarters), y=list(cumulative), mode="lines+markers",
            line={"color": OKABE_ITO["blue"], "width": 2},
            hovertemplate=f"%{{x}}<br>{total_name}: %{{y:,.0f}}<extra></extra>",
        ),
    )
    base_layout(fig, lang, 8)
    fig.update_layout(margin={"t": 20, "b": 70})
    fig.update_yaxes(autorange=True, rangemode="tozero", title_text=axis_title)
    fig.update_xaxes(type="category", tickangle=0)
    return fig

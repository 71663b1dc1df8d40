"""Figure builders for the evaluation and data-quality pages: rates with their intervals,
competence change, cohorts, distinct organisations, upload freshness. Pure functions from
frames to figures."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboards.figures.theme import (
    new_figure,
    OKABE_ITO,
    base_layout,
    empty_figure,
    series_style,
)
from dashboards.i18n import t

# Distinct organisations: the per-project sum light and hatched, the distinct count solid,
# so the two differ in more than colour.
PROJECT_SUM_COLOUR = OKABE_ITO["sky_blue"]
DISTINCT_COLOUR = OKABE_ITO["blue"]


def _pct(lang: str) -> str:
    return "\u00a0%" if lang in ("fi", "sv") else "%"


def interval_figure(
    labels: list[str],
    centre: list[float | None],
    low: list[float | None],
    high: list[float | None],
    n: list[float | None],
    lang: str,
    axis_title: str,
    percent: bool = True,
    reference: float | None = None,
) -> go.Figure:
    """Points with 95 % interval whiskers, one row per label (a forest plot).

    Values are fractions when `percent` (drawn as %), else plain numbers (score points).
    `reference` draws a dashed line (e.g. the overall rate, or 0 for no change).
    """
    rows = [
        (lab, c, lo, hi, k)
        for lab, c, lo, hi, k in zip(labels, centre, low, high, n, strict=True)
        if c is not None
    ]
    if not rows:
        return empty_figure(t("no_values_chart", lang), lang)
    scale = 100 if percent else 1
    ys = [r[0] for r in rows]
    xs = [r[1] * scale for r in rows]
    minus = [(r[1] - r[2]) * scale if r[2] is not None else 0 for r in rows]
    plus = [(r[3] - r[1]) * scale if r[3] is not None else 0 for r in rows]
    suffix = _pct(lang) if percent else ""
    fmt = ".1f" if percent else ".2f"
    fig = new_figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            marker={"size": 10, "color": OKABE_ITO["blue"], "symbol": "circle"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": plus,
                "arrayminus": minus,
                "color": OKABE_ITO["blue"],
                "thickness": 2,
                "width": 5,
            },
            customdata=[
                [
                    (r[2] * scale) if r[2] is not None else None,
                    (r[3] * scale) if r[3] is not None else None,
                    r[4],
                ]
                for r in rows
            ],
            hovertemplate=(
                f"%{{y}}<br>%{{x:{fmt}}}{suffix} "
                f"(95 %: %{{customdata[0]:{fmt}}}–%{{customdata[1]:{fmt}}}{suffix})"
                "<br>n = %{customdata[2]:,.0f}<extra></extra>"
            ),
            showlegend=False,
        )
    )
    base_layout(fig, lang, len(rows))
    if reference is not None:
        fig.add_vline(
            x=reference * scale, line={"color": OKABE_ITO["black"], "dash": "dash", "width": 1}
        )
    fig.update_yaxes(categoryorder="array", categoryarray=ys)
    fig.update_xaxes(title_text=axis_title, ticksuffix=suffix, zeroline=True)
    if percent:
        fig.update_xaxes(range=[0, 100])
    return fig


def cohort_figure(frame: pl.DataFrame, lang: str, labels: dict[str, str]) -> go.Figure:
    """One line per result indicator: its rate (a fraction, drawn as %) in each entry cohort.

    `frame`: entry_half_year, indicator_code, rate (evaluation.cohorts); `labels`: indicator
    code -> legend label.
    """
    if frame["rate"].drop_nulls().is_empty():
        return empty_figure(t("no_values_chart", lang), lang)
    fig = new_figure()
    for i, (code,) in enumerate(frame.select("indicator_code").unique(maintain_order=True).iter_rows()):
        part = frame.filter(pl.col("indicator_code") == code)
        style = series_style(i)
        name = labels[code]
        fig.add_trace(
            go.Scatter(
                name=name,
                x=part["entry_half_year"].to_list(),
                y=[None if v is None else v * 100 for v in part["rate"]],
                mode="lines+markers",
                line={"color": style["color"], "dash": style["dash"], "width": 2},
                hovertemplate=f"<b>{name}</b><br>%{{x}}: %{{y:.1f}}{_pct(lang)}<extra></extra>",
            )
        )
    base_layout(fig, lang, 10)
    fig.update_yaxes(autorange=True, title_text=t("axis_rate", lang), ticksuffix=_pct(lang))
    fig.update_xaxes(type="category", title_text=t("cohort", lang))
    fig.update_layout(height=380)
    return fig


def distinct_organisations_figure(frame: pl.DataFrame, lang: str, labels: dict[str, str]) -> go.Figure:
    """Per organisation group, two bars side by side: the organisations counted once per
    project that supports them (the indicator's value) and the different organisations among
    them; the hover adds how many were supported by more than one project.

    `frame`: organisation_group, project_sum, distinct_organisations, in_several_projects (one
    scope of evaluation.distinct_organisations); `labels`: group -> axis label.
    """
    if frame.is_empty():
        return empty_figure(t("no_values_chart", lang), lang)
    ys = [labels[g] for g in frame["organisation_group"]]
    several = frame["in_several_projects"].to_list()
    per_project = t("orgs_per_project", lang)
    distinct = t("orgs_distinct", lang)
    in_several = t("orgs_in_several", lang)
    fig = new_figure(
        go.Bar(
            name=per_project,
            orientation="h",
            x=frame["project_sum"].to_list(),
            y=ys,
            marker={
                "color": PROJECT_SUM_COLOUR,
                "pattern": {"shape": "/", "fillmode": "overlay", "fgcolor": "#FFFFFF", "size": 8,
                            "solidity": 0.3},
                "line": {"color": DISTINCT_COLOUR, "width": 1},
            },
            text=frame["project_sum"].to_list(),
            texttemplate="%{x:,.0f}",
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}<br>{per_project}: %{{x:,.0f}}<extra></extra>",
        ),
        go.Bar(
            name=distinct,
            orientation="h",
            x=frame["distinct_organisations"].to_list(),
            y=ys,
            marker={"color": DISTINCT_COLOUR},
            customdata=several,
            text=frame["distinct_organisations"].to_list(),
            texttemplate="%{x:,.0f}",
            textposition="outside",
            cliponaxis=False,
            hovertemplate=(
                f"%{{y}}<br>{distinct}: %{{x:,.0f}}<br>{in_several}: %{{customdata:,.0f}}"
                "<extra></extra>"
            ),
        ),
    )
    base_layout(fig, lang, 2 * frame.height)
    fig.update_layout(barmode="group")
    fig.update_yaxes(categoryorder="array", categoryarray=ys)
    fig.update_xaxes(title_text=t("axis_organisations", lang), rangemode="tozero")
    return fig

"""Figure builders for the evaluation and data-quality pages: rates with their intervals,
competence change, cohorts, distinct organisations, upload freshness. Pure functions from
frames to figures."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboards.figures.theme import (
    OKABE_ITO,
    base_layout,
    empty_figure,
    half_year_tick,
    new_figure,
    pct_suffix,
    series_style,
)
from dashboards.i18n import t

# Distinct organisations: the per-project sum light and hatched, the distinct count solid,
# so the two differ in more than colour.
PROJECT_SUM_COLOUR = OKABE_ITO["sky_blue"]
DISTINCT_COLOUR = OKABE_ITO["blue"]
# Groups too small to compare: grey with a contrast of 4.6:1 on white (WCAG AA).
MUTED_COLOUR = "#767676"


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
    muted: list[bool] | None = None,
) -> go.Figure:
    """Points with 95 % interval whiskers, one row per label (a forest plot).

    Values are fractions when `percent` (drawn as %), else plain numbers (score points).
    `reference` draws a dashed line (e.g. the overall rate, or 0 for no change). Rows whose
    `muted` is true (groups too small to compare) get an open grey point.
    """
    muted = muted or [False] * len(labels)
    rows = [
        (lab, c, lo, hi, k, m)
        for lab, c, lo, hi, k, m in zip(labels, centre, low, high, n, muted, strict=True)
        if c is not None
    ]
    if not rows:
        return empty_figure(t("no_values_chart", lang), lang)
    scale = 100 if percent else 1
    ys = [r[0] for r in rows]
    xs = [r[1] * scale for r in rows]
    minus = [(r[1] - r[2]) * scale if r[2] is not None else 0 for r in rows]
    plus = [(r[3] - r[1]) * scale if r[3] is not None else 0 for r in rows]
    suffix = pct_suffix(lang) if percent else ""
    fmt = ".1f" if percent else ".2f"
    fig = new_figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            marker={
                "size": 10,
                "color": [MUTED_COLOUR if r[5] else OKABE_ITO["blue"] for r in rows],
                "symbol": ["circle-open" if r[5] else "circle" for r in rows],
                "line": {"width": 2},
            },
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


def cohort_figure(
    frame: pl.DataFrame, lang: str, labels: dict[str, str], chosen: str | None = None
) -> go.Figure:
    """One line per result indicator over the entry cohorts (wide from long: one series per
    indicator, each in cohort order): its rate (a fraction, drawn as %) with the 95 % interval
    as whiskers on the `chosen` indicator's line, the others listed in the legend to switch on.

    `frame`: entry_half_year (2024-H1 ...), indicator_code, rate, wilson_low, wilson_high, n
    (evaluation.cohorts); `labels`: indicator code -> legend label. Ticks are short
    half-years ('2024/1').
    """
    if frame["rate"].drop_nulls().is_empty():
        return empty_figure(t("no_values_chart", lang), lang)
    cohorts = sorted(frame["entry_half_year"].unique().to_list())
    ticks = [half_year_tick(c) for c in cohorts]
    codes = sorted(frame["indicator_code"].unique().to_list())
    chosen = chosen if chosen in codes else None
    suffix = pct_suffix(lang)
    fig = new_figure()
    for i, code in enumerate(codes):
        part = frame.filter(pl.col("indicator_code") == code).sort("entry_half_year")
        style = series_style(i)
        name = labels[code]
        rate = [None if v is None else v * 100 for v in part["rate"]]
        low = [None if v is None else v * 100 for v in part["wilson_low"]]
        high = [None if v is None else v * 100 for v in part["wilson_high"]]
        whiskers = {}
        if code == chosen:
            whiskers = {"error_y": {
                "type": "data", "symmetric": False, "color": style["color"], "thickness": 1.5,
                "array": [h - r if h is not None and r is not None else None for r, h in zip(rate, high)],
                "arrayminus": [r - lo if lo is not None and r is not None else None for r, lo in zip(rate, low)],
            }}
        fig.add_trace(
            go.Scatter(
                name=name,
                x=[half_year_tick(c) for c in part["entry_half_year"]],
                y=rate,
                mode="lines+markers",
                line={"color": style["color"], "dash": style["dash"], "width": 3 if code == chosen else 2},
                visible=True if chosen is None or code == chosen else "legendonly",
                customdata=list(zip(low, high, part["n"].to_list(), strict=True)),
                hovertemplate=(
                    f"<b>{name}</b><br>%{{x}}: %{{y:.1f}}{suffix} "
                    f"(95 %: %{{customdata[0]:.1f}}–%{{customdata[1]:.1f}}{suffix})"
                    "<br>n = %{customdata[2]:,.0f}<extra></extra>"
                ),
                **whiskers,
            )
        )
    base_layout(fig, lang, 10)
    fig.update_yaxes(autorange=True, rangemode="tozero", title_text=t("axis_rate", lang),
                     ticksuffix=suffix)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=ticks,
                     title_text=t("cohort", lang))
    fig.update_layout(height=420)
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


SCALE = (1, 5)  # the feedback scale of SE12 (satisfaction) and the competence self-assessment


def scale_figure(frame: pl.DataFrame, lang: str, axis_title: str, value_col: str,
                 label_col: str = "label") -> go.Figure:
    """A dot per row of `frame` (in its order, top to bottom) on the 1–5 feedback scale: the
    axis is the scale itself, never from 0, so a mean of 4.1 and one of 4.3 are told apart."""
    frame = frame.filter(pl.col(value_col).is_not_null())
    if frame.is_empty():
        return empty_figure(t("no_values_chart", lang), lang)
    labels = [str(v) for v in frame[label_col]]
    fig = new_figure(
        go.Scatter(
            x=frame[value_col].to_list(),
            y=labels,
            mode="markers+text",
            marker={"size": 10, "color": OKABE_ITO["blue"]},
            text=frame[value_col].to_list(),
            texttemplate="%{x:.2f}",
            textposition="middle right",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{y}: %{x:.2f}<extra></extra>",
        )
    )
    base_layout(fig, lang, frame.height)
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    fig.update_xaxes(title_text=axis_title, range=[SCALE[0] - 0.05, SCALE[1] + 0.05],
                     tickvals=list(range(SCALE[0], SCALE[1] + 1)))
    return fig

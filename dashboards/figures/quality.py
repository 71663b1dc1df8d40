"""Figure builders for the data-quality page: pure functions from frames to figures, in the look of
figures/theme.py. Every chart is a heatmap on the Cividis scale (readable with colour-vision
deficiencies and in greyscale) with its number written in each cell, so colour is never the
only cue, and light always means "look here": many days since the last upload, a high rejected
share, many open warnings, a low share of filled fields (that scale is reversed). Cells with no
value (a project without files or records of a kind) stay empty."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboards.figures.contrast import cell_labels, scale_colour
from dashboards.figures.theme import FONT_FAMILY, empty_figure, new_figure
from dashboards.i18n import format_number, format_percent, plotly_separators, t
from dashboards.quality import NO_PROJECT, UNKNOWN_KIND, column_label, completeness_matrix
from indicators.contract import KINDS as KIND_ORDER

CELL_HEIGHT = 22


def completeness_figure(completeness: pl.DataFrame, lang: str) -> go.Figure:
    """Share of records with each optional column filled: rows kind · column (contract order),
    columns projects. `completeness`: project_code, kind, column_name, records, filled, filled_share."""
    if completeness.is_empty():
        return empty_figure(t("no_values_chart", lang), lang)
    rows, projects, shares = completeness_matrix(completeness)
    labels = [f"{t(f'kind_{k}', lang)} · {column_label(k, c, lang)}" for k, c in rows]
    z = [[None if s is None else round(s * 100, 1) for s in line] for line in shares]
    text = [[format_percent(s, lang, 0) if s is not None else "" for s in line] for line in shares]
    fig = new_figure(
        go.Heatmap(
            z=z,
            x=projects,
            y=labels,
            text=text,
            colorscale="Cividis",
            reversescale=True,  # light = few filled, as the page's other heatmaps: light = look here
            zmin=0,
            zmax=100,
            xgap=2,
            ygap=2,
            hoverongaps=False,
            hovertemplate="%{x}<br>%{y}: %{text}<extra></extra>",
            colorbar={"title": {"text": t("axis_filled_pct", lang), "side": "right"}, "thickness": 14},
        ),
        _labels(projects, labels, z, text, 0, 100, reverse=True, size=11),
    )
    fig.update_layout(
        separators=plotly_separators(lang),
        font={"family": FONT_FAMILY, "size": 12, "color": "#222222"},
        height=max(260, 120 + CELL_HEIGHT * len(rows)),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor="#ffffff",
    )
    fig.update_xaxes(side="top", type="category", automargin=True, showgrid=False, fixedrange=True)
    fig.update_yaxes(autorange="reversed", type="category", automargin=True, showgrid=False, fixedrange=True)
    return fig


def status_heatmap(
    status: pl.DataFrame,
    value_col: str,
    lang: str,
    axis_title: str,
    kind: str = "number",
    zmax: float | None = None,
    flag_above: float | None = None,
) -> go.Figure:
    """One value of the status table (days since, rejected share, open warnings) as a grid of
    projects × kinds, higher values lighter (Cividis, as every heatmap of the page: light means
    "look here"), every cell with its number; a value above `flag_above` also gets "!" so the
    colour is not the only cue. `kind`: number or percent (a fraction, shown as %).

    `status`: project_code, kind, `value_col` (dashboards.quality.upload_status).
    """
    frame = status.filter(pl.col(value_col).is_not_null())
    if frame.is_empty():
        return empty_figure(t("no_values_chart", lang), lang)
    kinds = [k for k in (*KIND_ORDER, UNKNOWN_KIND) if k in set(frame["kind"])]
    projects = sorted(set(frame["project_code"]) - {NO_PROJECT})
    if NO_PROJECT in set(frame["project_code"]):
        projects.append(NO_PROJECT)
    values = {(p, k): v for p, k, v in frame.select("project_code", "kind", value_col).iter_rows()}
    scale = 100 if kind == "percent" else 1
    z, text = [], []
    for p in projects:
        z.append([None if values.get((p, k)) is None else values[(p, k)] * scale for k in kinds])
        line = []
        for k in kinds:
            v = values.get((p, k))
            if v is None:
                line.append("")
                continue
            shown = format_percent(v, lang, 1) if kind == "percent" else format_number(v, lang)
            line.append(f"{shown} !" if flag_above is not None and v > flag_above else shown)
        text.append(line)
    observed = max(v for line in z for v in line if v is not None)
    top = zmax if zmax is not None else max(observed, 1)
    xs = [kind_name(k, lang) for k in kinds]
    ys = [t("quality_no_project", lang) if p == NO_PROJECT else p for p in projects]
    fig = new_figure(
        go.Heatmap(
            z=z,
            x=xs,
            y=ys,
            text=text,
            colorscale="Cividis",
            zmin=0,
            zmax=top,
            xgap=2,
            ygap=2,
            hoverongaps=False,
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
            colorbar={"title": {"text": axis_title, "side": "right"}, "thickness": 14},
        ),
        _labels(xs, ys, z, text, 0, top),
    )
    fig.update_layout(
        separators=plotly_separators(lang),
        font={"family": FONT_FAMILY, "size": 12, "color": "#222222"},
        height=max(220, 110 + CELL_HEIGHT * len(projects)),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor="#ffffff",
    )
    fig.update_xaxes(side="top", type="category", automargin=True, showgrid=False, fixedrange=True)
    fig.update_yaxes(autorange="reversed", type="category", automargin=True, showgrid=False, fixedrange=True)
    return fig


def _labels(xs: list, ys: list, z: list[list], text: list[list[str]], zmin: float, zmax: float,
            reverse: bool = False, size: int = 12):
    """Every filled cell's text, in black or white as its colour needs (figures/contrast.py)."""
    cells = [(x, y, label, scale_colour(v, zmin, zmax, "Cividis", reverse))
             for y, zline, tline in zip(ys, z, text, strict=True)
             for x, v, label in zip(xs, zline, tline, strict=True) if v is not None]
    return cell_labels([c[0] for c in cells], [c[1] for c in cells], [c[2] for c in cells],
                       [c[3] for c in cells], size)


def kind_name(kind: str | None, lang: str) -> str:
    """An upload kind in `lang`; a refused file's unknown kind (None or UNKNOWN_KIND) says so."""
    return t("kind_unknown", lang) if kind in (None, UNKNOWN_KIND) else t(f"kind_{kind}", lang)

"""Projects view: every project side by side, and one page per project (/projects/<code>)."""

from __future__ import annotations

import polars as pl
from dash import dcc, html

from dashboards import metrics as m
from dashboards.components import Col, card, chart_panel, cutoff_options, message, table_block
from dashboards.data import PublishedCopy, previous_cutoff, snapshot_cutoffs
from dashboards.figures.charts import bars_figure, time_series_figure
from dashboards.i18n import format_date, format_number, format_percent, normalise_lang, t
from dashboards.project_facts import elapsed_share, mean_achievement
from dashboards.regions import region_names
from dashboards.views.common import chosen_cutoff, meta_line, ready, unit_label
from dashboards.views.overview import achievement_section, change_text

ID = {
    "title": "projects-title",
    "cutoff": "projects-cutoff",
    "cutoff_label": "projects-cutoff-label",
    "metric": "projects-metric",
    "metric_label": "projects-metric-label",
    "body": "projects-body",
    "graph": "projects-graph",
    # The page of one project.
    "p_code": "project-code",
    "p_title": "project-title",
    "p_cutoff": "project-cutoff",
    "p_cutoff_label": "project-cutoff-label",
    "p_body": "project-body",
    "p_series_graph": "project-series-graph",
    "p_achievement_graph": "project-achievement-graph",
}
DETAIL_CARDS = ("EECO01", "EECR04", "SE01", "SE07")
DETAIL_SERIES = ("EECO01", "EECR04", "EECO19", "SE01")


def controls(copy: PublishedCopy, lang: str | None, cutoff: str | None, metric: str | None) -> tuple:
    lang = normalise_lang(lang)
    snap = ready(copy, lang).snap
    opts = cutoff_options(snapshot_cutoffs(snap), lang) if snap is not None else []
    chosen = chosen_cutoff(snap, cutoff)
    metric_options = [
        {"label": f"{t('metric_' + key, lang)} ({code})", "value": code}
        for key, code in m.PROJECT_METRICS
    ]
    codes = [c for _, c in m.PROJECT_METRICS]
    return (
        t("projects_title", lang),
        t("cutoff", lang), opts, chosen.isoformat() if chosen else None,
        t("projects_metric", lang), metric_options, metric if metric in codes else codes[0],
    )


def render_projects(copy: PublishedCopy, lang: str | None, cutoff: str | None,
                    metric: str | None) -> list:
    lang = normalise_lang(lang)
    state = ready(copy, lang)
    if not state.ok:
        return state.blocked
    snap = state.snap
    chosen = chosen_cutoff(snap, cutoff)
    frame = m.project_comparison(snap, chosen)
    if frame.is_empty():
        return [meta_line(snap, lang, chosen), message(t("no_projects", lang))]
    codes = [c for _, c in m.PROJECT_METRICS]
    metric = metric if metric in codes else codes[0]
    row = m.indicator_row(snap, metric, lang)
    ranked = frame.with_columns(
        pl.concat_str(pl.col("project_code"), pl.lit("  "), pl.col("project_name").fill_null(""))
        .str.slice(0, 48)
        .alias("label")
    ).sort(metric, descending=True, nulls_last=True)
    fig = bars_figure(ranked, lang, unit_label(row["unit"], lang), int(row["decimals"]),
                      value_col=metric)
    names = region_names(snap, lang)
    # The targets' status first (what a coordinator scans for), then where and how much.
    columns = [
        Col(t("col_project", lang), "link"),
        Col(t("col_project_name", lang)),
        Col(t("col_achievement_mean", lang), "percent"),
        *[Col(t(f"status_{s}", lang), "number") for s in m.ACHIEVEMENT_STATUSES],
        Col(t("col_region", lang)),
        Col(t("col_specific_objective", lang)),
    ] + [Col(f"{t('metric_' + key, lang)} ({code})", "number") for key, code in m.PROJECT_METRICS]
    rows = [
        [
            (r["project_code"], f"/projects/{r['project_code']}"),
            r["project_name"],
            r["achievement_mean"],
            *[r[f"status_{s}"] for s in m.ACHIEVEMENT_STATUSES],
            names[r["region_code"]],
            r["specific_objective"],
            *[r[c] for c in codes],
        ]
        for r in frame.iter_rows(named=True)
    ]
    stamp = chosen.isoformat() if chosen else "latest"
    table = table_block("projects-table", lang, columns, rows, t("projects_table_title", lang),
                        f"projects_{stamp}.csv", open_=True)
    has_targets = frame["targets"].is_not_null().any()
    notes = [] if has_targets else [html.P(t("projects_no_targets", lang), className="note")]
    return [
        meta_line(snap, lang, chosen),
        html.Section(
            className="panel",
            children=[html.H2(t("projects_table_title", lang)), *notes, table],
        ),
        chart_panel(
            t("projects_chart_title", lang, indicator=f"{metric} {row['name']}"),
            ID["graph"], fig, None, lang,
        ),
    ]


# --- One project -----------------------------------------------------------------------------


def project_controls(copy: PublishedCopy, lang: str | None, code: str | None,
                     cutoff: str | None) -> tuple:
    lang = normalise_lang(lang)
    snap = ready(copy, lang).snap
    opts = cutoff_options(snapshot_cutoffs(snap), lang) if snap is not None else []
    chosen = chosen_cutoff(snap, cutoff)
    title = t("project_title", lang, code=code or "?")
    if snap is not None:
        names = m.scope_names(snap)
        if ("project", code) in names:
            title = f"{code} {names[('project', code)]}"
    return title, t("cutoff", lang), opts, chosen.isoformat() if chosen else None


def render_project(copy: PublishedCopy, lang: str | None, code: str | None,
                   cutoff: str | None) -> list:
    lang = normalise_lang(lang)
    state = ready(copy, lang)
    if not state.ok:
        return state.blocked
    snap = state.snap
    info = m.projects(snap).filter(pl.col("project_code") == code).to_dicts()
    back = dcc.Link(t("back_to_projects", lang), href="/projects", className="back-link")
    if not info:
        return [back, message(t("project_not_found", lang, code=code or "?"))]
    info = info[0]
    chosen = chosen_cutoff(snap, cutoff)
    previous = previous_cutoff(chosen, snapshot_cutoffs(snap))
    table = m.scope_indicator_table(snap, chosen, previous, "project", code, lang)
    targets = m.achievement_with_names(snap, chosen, "project", code, lang)
    elapsed = elapsed_share(info["start_date"], info["end_date"], chosen)
    achieved = mean_achievement(targets)
    facts = [
        (t("col_project_period", lang),
         f"{format_date(info['start_date'], lang)} – {format_date(info['end_date'], lang) if info['end_date'] else ''}"
         .rstrip() if info["start_date"] else "–"),
        (t("col_budget", lang),
         f"{format_number(info['budget_eur'], lang, 0)} €" if info["budget_eur"] is not None else "–"),
        (t("col_time_elapsed", lang, cutoff=format_date(chosen, lang)),
         format_percent(elapsed, lang, 0) if elapsed is not None else "–"),
        (t("col_achievement_mean", lang), format_percent(achieved, lang, 0) if achieved is not None else "–"),
        (t("col_lead_organisation", lang), info["lead_organisation"] or "–"),
        (t("col_specific_objective", lang), info["specific_objective"] or "–"),
        (t("col_priority", lang), info["priority"] or "–"),
        (t("col_region", lang), f"{region_names(snap, lang)[info['region_code']]} ({info['region_code']})"),
        (t("col_category_of_region", lang),
         t(f"category_{info['category_of_region']}", lang) if info["category_of_region"] else "–"),
    ]
    cards = []
    for c in DETAIL_CARDS:
        rows = table.filter(pl.col("indicator_code") == c).to_dicts()
        if rows:
            r = rows[0]
            value = t("no_data_cell", lang) if r["no_data"] else format_number(r["total"], lang, r["decimals"])
            cards.append(card(f"project-card-{c}", r["name"], value,
                              "" if r["no_data"] else change_text(r["change"], previous, lang, r["decimals"]), c))
    series = (
        snap.table("indicator_values").filter(
            (pl.col("scope_type") == "project") & (pl.col("scope_code") == code)
            & (pl.col("gender") == "total") & pl.col("indicator_code").is_in(DETAIL_SERIES)
        )
        .select("cutoff_date", "indicator_code", "value")
        .sort("indicator_code", "cutoff_date")
    )
    names = {r["indicator_code"]: f"{r['indicator_code']} {r['name']}"
             for r in m.catalogue(snap, lang).iter_rows(named=True)}
    series_fig = time_series_figure(series, lang, "indicator_code", names, t("axis_count", lang))
    series_codes = [c for c in DETAIL_SERIES if c in set(series["indicator_code"])]
    lookup = {(r["cutoff_date"], r["indicator_code"]): r["value"] for r in series.iter_rows(named=True)}
    series_table = table_block(
        "project-series", lang,
        [Col(t("cutoff", lang), "date"), *[Col(names.get(c, c), "number") for c in series_codes]],
        [[d, *[lookup.get((d, c)) for c in series_codes]]
         for d in sorted(series["cutoff_date"].unique().to_list())],
        t("project_series_title", lang), f"{code}_series.csv",
    )
    all_columns = [
        Col(t("col_code", lang)),
        Col(t("col_indicator", lang)),
        Col(t("col_unit", lang)),
        Col(t("gender_total", lang), "number", -1),
        *[Col(t(f"gender_{g}", lang), "number") for g in m.GENDERS],
        Col(t("gender_not_recorded", lang), "number", -1),
        Col(t("col_change", lang), "number", -1),
    ]
    no_data = t("no_data_cell", lang)
    all_rows = [
        [r["indicator_code"], r["name"] + (" *" if r["sensitive"] else ""), unit_label(r["unit"], lang),
         *([no_data] * 6 if r["no_data"] else
           [r["total"], *[r[g] for g in m.GENDERS], r["not_recorded"], r["change"]])]
        for r in table.iter_rows(named=True)
    ]
    stamp = chosen.isoformat() if chosen else "latest"
    return [
        back,
        meta_line(snap, lang, chosen),
        # Dates, budget and progress together: time passed beside the targets' achievement.
        html.Div(
            className="two-columns project-progress",
            children=[
                html.Dl(className="facts", id="project-facts",
                        children=[p for k, v in facts for p in (html.Dt(k), html.Dd(v))]),
                achievement_section(targets, lang, "project-achievement", ID["p_achievement_graph"]),
            ],
        ),
        html.Section(className="cards", children=cards, **{"aria-label": t("headline", lang)}),
        chart_panel(t("project_series_title", lang), ID["p_series_graph"], series_fig, series_table, lang),
        html.Section(
            className="panel",
            children=[
                html.H2(t("project_all_title", lang)),
                table_block("project-all", lang, all_columns, all_rows, t("project_all_title", lang),
                            f"{code}_{stamp}.csv", open_=True),
                html.P(t("sensitive_note", lang), className="footnote"),
                html.P(t("no_data_note", lang), className="footnote"),
            ],
        ),
    ]

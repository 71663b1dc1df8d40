"""Evaluation view: outcome rates with their 95 % intervals by group, the gaps between groups,
competence change by scope and satisfaction by project, entry cohorts, and distinct
organisations, from the eval_* marts (dashboards/evaluation.py) and the SE12/SE13 indicators."""

from __future__ import annotations

import polars as pl
from dash import html

from dashboards import evaluation as ev
from dashboards.components import Col, chart_panel, cutoff_options, message, table_block
from dashboards.data import PublishedCopy, snapshot_cutoffs
from dashboards.figures.evaluation import (
    cohort_figure,
    distinct_organisations_figure,
    interval_figure,
    scale_figure,
)
from dashboards.figures.theme import half_year_tick, indicator_label
from dashboards.i18n import format_date, normalise_lang, t
from dashboards.metrics import catalogue, scope_values
from dashboards.regions import region_names
from dashboards.views.common import chosen_cutoff, meta_line, ready

ID = {
    "title": "evaluation-title",
    "cutoff": "evaluation-cutoff",
    "cutoff_label": "evaluation-cutoff-label",
    "outcome": "evaluation-outcome",
    "outcome_label": "evaluation-outcome-label",
    "body": "evaluation-body",
    "rates_graph": "evaluation-rates-graph",
    "competence_graph": "evaluation-competence-graph",
    "satisfaction_graph": "evaluation-satisfaction-graph",
    "cohort_graph": "evaluation-cohort-graph",
    "orgs_graph": "evaluation-orgs-graph",
}
# Dimensions whose groups are codes with a label of their own (grp_<value>).
LABELLED_GROUPS = ("all", "gender", "labour_market_status", "partial_work_ability")


def _names(snap, lang: str) -> dict[str, str]:
    return {r["indicator_code"]: r["name"] for r in catalogue(snap, lang).iter_rows(named=True)}


def controls(copy: PublishedCopy, lang: str | None, cutoff: str | None,
             outcome: str | None) -> tuple:
    lang = normalise_lang(lang)
    snap = ready(copy, lang).snap
    opts, chosen, outcome_options = [], None, []
    if snap is not None:
        opts = cutoff_options(snapshot_cutoffs(snap), lang)
        chosen = chosen_cutoff(snap, cutoff)
        rates = ev.outcome_rates(snap.table("eval_outcome_rates"), chosen)
        names = _names(snap, lang)
        outcome_options = [
            {"label": f"{code} {names[code]}", "value": code}
            for code in rates["indicator_code"].unique(maintain_order=True).to_list()
        ]
    values = [o["value"] for o in outcome_options]
    outcome = outcome if outcome in values else (values[0] if values else None)
    return (
        t("evaluation_title", lang),
        t("cutoff", lang), opts, chosen.isoformat() if chosen else None,
        t("outcome", lang), outcome_options, outcome,
        {} if outcome_options else {"display": "none"},
    )


def dimension_label(dimension: str, lang: str) -> str:
    return t(f"dim_{dimension}", lang)


def group_name(dimension: str, group: str, lang: str, regions: dict[str, str]) -> str:
    """A group's own name: a region's name, a translated code, else the value itself (an age
    band, a project code)."""
    if dimension == "region":
        return regions[group]
    if dimension in LABELLED_GROUPS:
        return t(f"grp_{group}", lang)
    return group


def group_label(dimension: str, group: str, lang: str, regions: dict[str, str]) -> str:
    name = group_name(dimension, group, lang, regions)
    return name if dimension == "all" else f"{dimension_label(dimension, lang)}: {name}"


def scope_label(scope_type: str, scope_code: str, lang: str, regions: dict[str, str]) -> str:
    if scope_type == "programme":
        return t("scope_programme", lang).capitalize()
    if scope_type == "region":
        return f"{regions[scope_code]} ({scope_code})"
    return f"{t('scope_specific_objective', lang).capitalize()} {scope_code}"


def render_evaluation(copy: PublishedCopy, lang: str | None, cutoff: str | None,
                      outcome: str | None, min_n: int = ev.MIN_GROUP_N) -> list:
    """The page's body; groups of fewer than `min_n` persons (Settings.min_group_n) are shown
    as too few, never ranked."""
    lang = normalise_lang(lang)
    state = ready(copy, lang)
    if not state.ok:
        return state.blocked
    snap = state.snap
    chosen = chosen_cutoff(snap, cutoff)
    return [
        meta_line(snap, lang, chosen),
        *rates_sections(snap, chosen, outcome, lang, min_n),
        *competence_sections(snap, chosen, lang),
        cohorts_section(snap, chosen, outcome, lang),
        *organisations_sections(snap, chosen, lang),
    ]


def rates_sections(snap, cutoff, outcome, lang, min_n: int = ev.MIN_GROUP_N) -> list:
    rates = ev.outcome_rates(snap.table("eval_outcome_rates"), cutoff)
    title = t("rates_title", lang)
    if rates.is_empty():
        return [message(title, t("no_values_chart", lang))]
    regions = region_names(snap, lang)
    outcomes = rates["indicator_code"].unique(maintain_order=True).to_list()
    outcome = outcome if outcome in outcomes else outcomes[0]
    part = rates.filter(pl.col("indicator_code") == outcome)
    small = [ev.too_few(n, min_n) for n in part["n"]]
    labels = [
        f"{group_label(d, g, lang, regions)} (n={n})"
        for d, g, n in zip(part["group_dimension"], part["group_value"], part["n"], strict=True)
    ]
    overall = part.filter(pl.col("group_dimension") == "all")
    fig = interval_figure(labels, part["rate"].to_list(), part["wilson_low"].to_list(),
                          part["wilson_high"].to_list(), part["n"].to_list(), lang,
                          t("axis_rate", lang), reference=overall["rate"][0] if overall.height else None,
                          muted=small)
    columns = [
        Col(t("col_group_dimension", lang)), Col(t("col_group", lang)),
        Col(t("col_numerator", lang), "number"), Col(t("col_n", lang), "number"),
        Col(t("col_rate", lang), "percent"), Col(t("col_ci_low", lang), "percent"),
        Col(t("col_ci_high", lang), "percent"), Col(t("col_too_few", lang, n=min_n), "bool"),
    ]
    rows = [
        [dimension_label(r["group_dimension"], lang),
         group_name(r["group_dimension"], r["group_value"], lang, regions),
         r["numerator"], r["n"], r["rate"], r["wilson_low"], r["wilson_high"], few]
        for r, few in zip(part.iter_rows(named=True), small, strict=True)
    ]
    table = table_block("evaluation-rates", lang, columns, rows, title, f"{outcome}_rates.csv")
    return [
        chart_panel(f"{title}: {outcome}", ID["rates_graph"], fig, table, lang,
                    note=t("rates_note", lang) + " " + t("rates_too_few_note", lang, n=min_n)),
        gaps_section(rates, lang, regions, min_n),
    ]


def gaps_section(rates: pl.DataFrame, lang: str, regions: dict[str, str], min_n: int) -> html.Section:
    """The gaps between groups, by evidence (ev.rate_gaps): whether the intervals are apart
    first, each compared group with its n, and the groups too small to compare."""
    n_of = {(r["indicator_code"], r["group_dimension"], r["group_value"]): r["n"]
            for r in rates.iter_rows(named=True)}
    gap_columns = [
        Col(t("col_intervals_apart", lang)), Col(t("outcome", lang)),
        Col(t("col_group_dimension", lang)),
        Col(t("col_highest", lang)), Col(t("col_rate", lang), "percent"), Col(t("col_n", lang), "number"),
        Col(t("col_lowest", lang)), Col(t("col_rate", lang), "percent"), Col(t("col_n", lang), "number"),
        Col(t("col_gap_pp", lang), "number", 1), Col(t("col_too_few", lang, n=min_n)),
    ]

    def name(dimension, group):
        return group_name(dimension, group, lang, regions) if group is not None else None

    gap_rows = []
    for r in ev.rate_gaps(rates, min_n).iter_rows(named=True):
        code, dimension = r["indicator_code"], r["group_dimension"]
        apart = (t("too_few", lang) if r["intervals_apart"] is None
                 else t("yes" if r["intervals_apart"] else "no", lang))
        small = ", ".join(f"{name(dimension, g)} (n={n_of[(code, dimension, g)]})" for g in r["too_few"])
        gap_rows.append([
            apart, code, dimension_label(dimension, lang),
            name(dimension, r["highest_group"]), r["highest_rate"], r["highest_n"],
            name(dimension, r["lowest_group"]), r["lowest_rate"], r["lowest_n"],
            r["gap_pp"], small or None,
        ])
    return html.Section(
        className="panel",
        children=[
            html.H2(t("gaps_title", lang)),
            html.P(t("gaps_note", lang) + " " + t("gaps_min_n_note", lang, n=min_n), className="note"),
            table_block("evaluation-gaps", lang, gap_columns, gap_rows, t("gaps_title", lang),
                        "outcome_gaps.csv", open_=True),
        ],
    )


def competence_sections(snap, cutoff, lang) -> list:
    """Competence change by scope with its intervals (eval_competence_change), then
    satisfaction and competence change per project from the indicators SE12 and SE13."""
    title = t("competence_title", lang)
    frame = ev.competence_change(snap.table("eval_competence_change"), cutoff)
    regions = region_names(snap, lang)
    labels = [scope_label(s, c, lang, regions)
              for s, c in zip(frame["scope_type"], frame["scope_code"], strict=True)]
    fig = interval_figure([f"{lab} (n={n})" for lab, n in zip(labels, frame["n"], strict=True)],
                          frame["mean_change"].to_list(), frame["ci_low"].to_list(),
                          frame["ci_high"].to_list(), frame["n"].to_list(), lang,
                          t("axis_score_points", lang), percent=False, reference=0.0)
    columns = [
        Col(t("scope", lang)), Col(t("col_n", lang), "number"),
        Col(t("col_change", lang), "number", 2), Col(t("col_ci_low", lang), "number", 2),
        Col(t("col_ci_high", lang), "number", 2),
    ]
    rows = [[lab, r["n"], r["mean_change"], r["ci_low"], r["ci_high"]]
            for lab, r in zip(labels, frame.iter_rows(named=True), strict=True)]
    sections = [chart_panel(title, ID["competence_graph"], fig,
                            table_block("evaluation-competence", lang, columns, rows, title,
                                        "competence_change.csv"),
                            lang, note=t("competence_note", lang))]
    sat = scope_values(snap, "SE12", "project", cutoff, lang)
    comp = scope_values(snap, "SE13", "project", cutoff, lang)
    if sat.height or comp.height:
        both = sat.select("scope_code", "scope_name", pl.col("total").alias("SE12")).join(
            comp.select("scope_code", pl.col("total").alias("SE13")), on="scope_code", how="full",
            coalesce=True,
        ).with_columns(
            pl.concat_str(pl.col("scope_code"), pl.lit("  "), pl.col("scope_name").fill_null(""))
            .str.slice(0, 48).alias("label")
        ).sort("SE12", descending=True, nulls_last=True)
        names = _names(snap, lang)
        columns = [Col(t("col_project", lang), "link"), Col(t("col_project_name", lang)),
                   Col(f"SE12 {names['SE12']}", "number", 2),
                   Col(f"SE13 {names['SE13']}", "number", 2)]
        rows = [[(r["scope_code"], f"/projects/{r['scope_code']}"), r["scope_name"], r["SE12"], r["SE13"]]
                for r in both.iter_rows(named=True)]
        sections.append(chart_panel(
            t("satisfaction_title", lang, cutoff=format_date(cutoff, lang)),
            ID["satisfaction_graph"],
            scale_figure(both, lang, t("axis_score", lang), "SE12"),
            table_block("evaluation-satisfaction", lang, columns, rows, t("satisfaction_caption", lang),
                        "satisfaction_by_project.csv"),
            lang,
            note=t("satisfaction_note", lang),
        ))
    return sections


def cohorts_section(snap, chosen_cutoff, outcome, lang):
    """Each result indicator's rate per entry cohort, at the latest cut-off (eval_cohorts):
    the page's chosen outcome drawn with its intervals, the others one click away."""
    title = t("cohorts_title", lang)
    frame = ev.cohorts(snap.table("eval_cohorts"))
    names = _names(snap, lang)
    labels = {code: indicator_label(code, names[code]) for code in frame["indicator_code"].unique()}
    columns = [
        Col(t("cohort", lang)), Col(t("col_indicator", lang)),
        Col(t("col_participants", lang), "number"), Col(t("col_numerator", lang), "number"),
        Col(t("col_n", lang), "number"), Col(t("col_rate", lang), "percent"),
        Col(t("col_ci_low", lang), "percent"), Col(t("col_ci_high", lang), "percent"),
        Col(t("col_share_of_participants", lang), "percent"),
    ]
    rows = [
        [half_year_tick(r["entry_half_year"]), f"{r['indicator_code']} {names[r['indicator_code']]}",
         r["participants"], r["numerator"], r["n"], r["rate"], r["wilson_low"], r["wilson_high"],
         r["share_of_participants"]]
        for r in frame.iter_rows(named=True)
        if outcome is None or r["indicator_code"] == outcome
    ]
    latest = frame["cutoff_date"].max()
    note = t("cohorts_note", lang) + (f" ({format_date(latest, lang)})." if latest else ".")
    if latest and chosen_cutoff and chosen_cutoff != latest:
        note += " " + t("cohorts_other_cutoff", lang, latest=format_date(latest, lang))
    return chart_panel(title, ID["cohort_graph"], cohort_figure(frame, lang, labels, outcome),
                       table_block("evaluation-cohorts", lang, columns, rows, title, "cohorts.csv"),
                       lang, note=note)


def org_group_labels(snap, groups: list[str], lang: str, short: bool = True) -> dict[str, str]:
    """'all' and the indicator codes of eval_distinct_organisations as readable labels."""
    names = _names(snap, lang)
    labels = {}
    for g in groups:
        if g == "all":
            labels[g] = t("orgs_group_all", lang)
        elif short:
            labels[g] = indicator_label(g, names[g])
        else:
            labels[g] = f"{g} {names[g]}"
    return labels


def organisations_sections(snap, cutoff, lang) -> list:
    """eval_distinct_organisations: the programme as a chart (per-project sum beside distinct
    organisations, per group) with its numbers, then distinct organisations by specific
    objective and region as a pivoted table."""
    frame = ev.distinct_organisations(snap.table("eval_distinct_organisations"), cutoff)
    if frame.is_empty():
        return [message(t("distinct_orgs_title", lang), t("no_values_chart", lang))]
    when = format_date(cutoff, lang)
    regions = region_names(snap, lang)
    programme = frame.filter(pl.col("scope_type") == "programme")
    groups = frame["organisation_group"].unique(maintain_order=True).to_list()
    short = org_group_labels(snap, groups, lang)
    full = org_group_labels(snap, groups, lang, short=False)
    columns = [
        Col(t("col_org_group", lang)), Col(t("orgs_per_project", lang), "number"),
        Col(t("orgs_distinct", lang), "number"), Col(t("orgs_in_several", lang), "number"),
        Col(t("orgs_extra", lang), "number"),
    ]
    rows = [[full[r["organisation_group"]], r["project_sum"], r["distinct_organisations"],
             r["in_several_projects"], r["extra"]]
            for r in programme.iter_rows(named=True)]
    chart_title = t("distinct_orgs_chart_title", lang, cutoff=when)
    sections = [chart_panel(
        chart_title, ID["orgs_graph"], distinct_organisations_figure(programme, lang, short),
        table_block("evaluation-orgs", lang, columns, rows, chart_title, "distinct_organisations.csv"),
        lang, note=t("distinct_orgs_note", lang) + " " + t("distinct_orgs_chart_note", lang),
    )]
    scoped = frame.filter(pl.col("scope_type") != "programme")
    if scoped.height:
        indicator_groups = [g for g in groups if g != "all"]
        pivot_columns = [
            Col(t("scope", lang)), Col(t("col_scope_name", lang)),
            Col(t("col_all_distinct", lang), "number"), Col(t("col_all_per_project", lang), "number"),
            Col(t("col_all_several", lang), "number"),
            *[Col(g, "number") for g in indicator_groups],
        ]
        pivot_rows = []
        for (scope_type, scope_code), part in scoped.group_by(["scope_type", "scope_code"], maintain_order=True):
            by_group = {r["organisation_group"]: r for r in part.iter_rows(named=True)}
            everyone = by_group["all"]
            pivot_rows.append([
                t(f"scope_{scope_type}", lang).capitalize(),
                f"{regions[scope_code]} ({scope_code})" if scope_type == "region" else scope_code,
                everyone["distinct_organisations"], everyone["project_sum"],
                everyone["in_several_projects"],
                *[by_group[g]["distinct_organisations"] for g in indicator_groups],
            ])
        scope_title = t("distinct_orgs_scope_title", lang, cutoff=when)
        sections.append(html.Section(
            className="panel",
            children=[
                html.H2(scope_title),
                html.P(t("distinct_orgs_scope_note", lang), className="note"),
                table_block("evaluation-orgs-scopes", lang, pivot_columns, pivot_rows, scope_title,
                            "distinct_organisations_by_scope.csv", open_=True),
            ],
        ))
    return sections

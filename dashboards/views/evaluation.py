"""Evaluation view: outcome rates with 95 % intervals by group, the gaps between groups,
competence change and satisfaction, entry cohorts, distinct organisations (from the eval_*
marts when they are published; satisfaction and competence per project from SE12 and SE13
meanwhile)."""

from __future__ import annotations

import polars as pl
from dash import html

from dashboards import evaluation as ev
from dashboards.components import (
    Col,
    chart_panel,
    cutoff_options,
    message,
    not_available,
    table_block,
)
from dashboards.data import PublishedCopy
from dashboards.figures import bars_figure, indicator_label
from dashboards.figures_eval import cohort_figure, distinct_organisations_figure, interval_figure
from dashboards.i18n import format_date, has_label, normalise_lang, t
from dashboards.metrics import catalogue, scope_values
from dashboards.regions import region_name
from dashboards.views.common import chosen_cutoff, meta_line, ready
from dashboards.views.regions import raw_table_section

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


def _rates(snap, cutoff):
    raw = snap.table("eval_outcome_rates")
    if raw is None:
        return None, None
    return raw, ev.normalise_outcome_rates(raw, cutoff)


def controls(copy: PublishedCopy, lang: str | None, cutoff: str | None,
             outcome: str | None) -> tuple:
    lang = normalise_lang(lang)
    snap = ready(copy, lang).snap
    opts, chosen, outcome_options = [], None, []
    if snap is not None:
        opts = cutoff_options(snapshot_cutoffs(snap), lang)
        chosen = chosen_cutoff(snap, cutoff)
        _raw, rates = _rates(snap, chosen)
        if rates is not None and not rates.is_empty():
            names = {r["indicator_code"]: r["name"] for r in catalogue(snap, lang).iter_rows(named=True)}
            outcome_options = [
                {"label": f"{o} {names.get(o, '')}".strip(), "value": o}
                for o in rates["outcome"].unique(maintain_order=True).to_list()
            ]
    values = [o["value"] for o in outcome_options]
    outcome = outcome if outcome in values else (values[0] if values else None)
    return (
        t("evaluation_title", lang),
        t("cutoff", lang), opts, chosen.isoformat() if chosen else None,
        t("outcome", lang), outcome_options, outcome,
        {} if outcome_options else {"display": "none"},
    )


def group_name(dimension: str, group: str, lang: str) -> str:
    """A group's own name: a region's name, a translated code, else the value itself."""
    if dimension == "region" and group:
        return region_name(group, lang)
    return t(f"grp_{group}", lang) if has_label(f"grp_{group}") else group


def group_label(dimension: str, group: str, lang: str) -> str:
    dim = t(f"dim_{dimension}", lang) if has_label(f"dim_{dimension}") else dimension
    grp = group_name(dimension, group, lang)
    return grp if dimension == "all" else f"{dim}: {grp}"


def render_evaluation(copy: PublishedCopy, lang: str | None, cutoff: str | None,
                      outcome: str | None) -> list:
    lang = normalise_lang(lang)
    state = ready(copy, lang)
    if not state.ok:
        return state.blocked
    snap = state.snap
    chosen = chosen_cutoff(snap, cutoff)
    return [
        meta_line(snap, lang, chosen),
        *rates_sections(snap, chosen, outcome, lang),
        *competence_sections(snap, chosen, lang),
        cohorts_section(snap, lang),
        *organisations_sections(snap, chosen, lang),
    ]


def rates_sections(snap, cutoff, outcome, lang) -> list:
    raw, rates = _rates(snap, cutoff)
    title = t("rates_title", lang)
    if raw is None:
        return [not_available(lang, title, "eval_outcome_rates")]
    if rates is None:
        return [raw_table_section(raw, lang, title, "rates-raw")]
    if rates.is_empty():
        return [message(title, t("no_values_chart", lang))]
    outcomes = rates["outcome"].unique(maintain_order=True).to_list()
    outcome = outcome if outcome in outcomes else outcomes[0]
    part = rates.filter(pl.col("outcome") == outcome)
    labels = [group_label(d, g, lang) for d, g in zip(part["dimension"], part["group"], strict=True)]
    labels = [f"{lab} (n={int(n) if n is not None else '–'})" for lab, n in zip(labels, part["n"], strict=True)]
    overall = part.filter(pl.col("dimension").is_in(["all", "total"]))
    reference = overall["rate"][0] if overall.height else None
    fig = interval_figure(labels, part["rate"].to_list(), part["low"].to_list(),
                          part["high"].to_list(), part["n"].to_list(), lang,
                          t("axis_rate", lang), reference=reference)
    columns = [
        Col(t("col_group_dimension", lang)), Col(t("col_group", lang)),
        Col(t("col_numerator", lang), "number"), Col(t("col_n", lang), "number"),
        Col(t("col_rate", lang), "percent"), Col(t("col_ci_low", lang), "percent"),
        Col(t("col_ci_high", lang), "percent"),
    ]
    rows = [
        [group_label(r["dimension"], "", lang).rstrip(": ") if r["dimension"] != "all" else "–",
         group_name(r["dimension"], r["group"], lang), r["numerator"], r["n"], r["rate"], r["low"], r["high"]]
        for r in part.iter_rows(named=True)
    ]
    table = table_block("evaluation-rates", lang, columns, rows, title, f"{outcome}_rates.csv")
    gaps = ev.rate_gaps(rates)
    gap_columns = [
        Col(t("outcome", lang)), Col(t("col_group_dimension", lang)),
        Col(t("col_highest", lang)), Col(t("col_rate", lang), "percent"),
        Col(t("col_lowest", lang)), Col(t("col_rate", lang), "percent"),
        Col(t("col_gap_pp", lang), "number", 1), Col(t("col_intervals_apart", lang), "bool"),
    ]
    gap_rows = [
        [r["outcome"], group_label(r["dimension"], "", lang).rstrip(": "),
         group_name(r["dimension"], r["highest_group"], lang), r["highest_rate"],
         group_name(r["dimension"], r["lowest_group"], lang), r["lowest_rate"], r["gap_pp"], r["intervals_apart"]]
        for r in gaps.iter_rows(named=True)
    ]
    return [
        chart_panel(f"{title}: {outcome}", ID["rates_graph"], fig, table, lang,
                    note=t("rates_note", lang)),
        html.Section(
            className="panel",
            children=[
                html.H2(t("gaps_title", lang)),
                html.P(t("gaps_note", lang), className="note"),
                table_block("evaluation-gaps", lang, gap_columns, gap_rows, t("gaps_title", lang),
                            "outcome_gaps.csv", open_=True),
            ],
        ),
    ]


def competence_sections(snap, cutoff, lang) -> list:
    title = t("competence_title", lang)
    raw = snap.table("eval_competence_change")
    sections = []
    if raw is None:
        sections.append(not_available(lang, title, "eval_competence_change"))
    else:
        frame = ev.normalise_competence(raw, cutoff)
        if frame is None:
            sections.append(raw_table_section(raw, lang, title, "competence-raw"))
        else:
            labels = [group_label(d, g, lang) for d, g in zip(frame["dimension"], frame["group"], strict=True)]
            fig = interval_figure(labels, frame["change"].to_list(), frame["low"].to_list(),
                                  frame["high"].to_list(), frame["n"].to_list(), lang,
                                  t("axis_score_points", lang), percent=False, reference=0.0)
            columns = [
                Col(t("col_group", lang)), Col(t("col_n", lang), "number"),
                Col(t("col_before", lang), "number", 2), Col(t("col_after", lang), "number", 2),
                Col(t("col_change", lang), "number", 2), Col(t("col_ci_low", lang), "number", 2),
                Col(t("col_ci_high", lang), "number", 2), Col(t("col_satisfaction", lang), "number", 2),
            ]
            rows = [
                [lab, r["n"], r["before"], r["after"], r["change"], r["low"], r["high"], r["satisfaction"]]
                for lab, r in zip(labels, frame.iter_rows(named=True), strict=True)
            ]
            sections.append(chart_panel(title, ID["competence_graph"], fig,
                                        table_block("evaluation-competence", lang, columns, rows,
                                                    title, "competence_change.csv"), lang,
                                        note=t("competence_note", lang)))
    # Satisfaction and competence change per project from the indicators (always published).
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
        names = {r["indicator_code"]: r["name"] for r in catalogue(snap, lang).iter_rows(named=True)}
        columns = [Col(t("col_project", lang), "link"), Col(t("col_project_name", lang)),
                   Col(f"SE12 {names.get('SE12', '')}", "number", 2),
                   Col(f"SE13 {names.get('SE13', '')}", "number", 2)]
        rows = [[(r["scope_code"], f"/projects/{r['scope_code']}"), r["scope_name"], r["SE12"], r["SE13"]]
                for r in both.iter_rows(named=True)]
        sections.append(chart_panel(
            t("satisfaction_title", lang, cutoff=format_date(cutoff, lang)),
            ID["satisfaction_graph"],
            bars_figure(both.filter(pl.col("SE12").is_not_null()), lang, t("axis_score", lang), 2,
                        value_col="SE12"),
            table_block("evaluation-satisfaction", lang, columns, rows, t("satisfaction_caption", lang),
                        "satisfaction_by_project.csv"),
            lang,
            note=t("satisfaction_note", lang),
        ))
    return sections


def cohorts_section(snap, lang):
    title = t("cohorts_title", lang)
    raw = snap.table("eval_cohorts")
    if raw is None:
        return not_available(lang, title, "eval_cohorts")
    shaped = ev.normalise_cohorts(raw)
    if shaped is None:
        return raw_table_section(raw, lang, title, "cohorts-raw")
    frame, rate_cols = shaped
    labels = {c: (t(f"col_{c}", lang) if has_label(f"col_{c}") else c) for c in frame.columns}
    fig = cohort_figure(frame, rate_cols, lang, labels)
    numeric = {c for c, d in frame.schema.items() if d.is_numeric()}
    shown = [c for c in frame.columns if c not in ("scope_type", "scope_code", "cutoff_date")]
    columns = [
        Col(labels[c], "number", -1) if c in numeric else Col(labels[c] if c != "cohort" else t("cohort", lang))
        for c in shown
    ]
    rows = [[r[c] for c in shown] for r in frame.iter_rows(named=True)]
    return chart_panel(title, ID["cohort_graph"], fig,
                       table_block("evaluation-cohorts", lang, columns, rows, title, "cohorts.csv"),
                       lang, note=t("cohorts_note", lang))


def org_group_labels(snap, groups: list[str], lang: str, short: bool = True) -> dict[str, str]:
    """'all' and the indicator codes of eval_distinct_organisations as readable labels."""
    names = {r["indicator_code"]: r["name"] for r in catalogue(snap, lang).iter_rows(named=True)}
    labels = {}
    for g in groups:
        if g == "all":
            labels[g] = t("orgs_group_all", lang)
        elif short:
            labels[g] = indicator_label(g, names.get(g))
        else:
            labels[g] = f"{g} {names.get(g, '')}".strip()
    return labels


def _scope_name(scope_type: str, scope_code: str, lang: str) -> str:
    if scope_type == "region":
        return f"{region_name(scope_code, lang)} ({scope_code})"
    return scope_code


def organisations_sections(snap, cutoff, lang) -> list:
    """eval_distinct_organisations: the programme as a chart (per-project sum beside distinct
    organisations, per group) with its numbers, then distinct organisations by specific
    objective and region as a pivoted table."""
    title = t("distinct_orgs_title", lang)
    raw = snap.table("eval_distinct_organisations")
    if raw is None:
        return [not_available(lang, title, "eval_distinct_organisations")]
    frame = ev.normalise_distinct_organisations(raw, cutoff)
    if frame is None:
        section = raw_table_section(raw.drop("cutoff_date", strict=False), lang, title, "distinct-orgs")
        section.children[1] = html.P(t("distinct_orgs_note", lang), className="note")
        return [section]
    when = format_date(cutoff, lang)
    programme = frame.filter(pl.col("scope_type") == "programme")
    groups = frame["group"].unique(maintain_order=True).to_list()
    short = org_group_labels(snap, groups, lang)
    full = org_group_labels(snap, groups, lang, short=False)
    columns = [
        Col(t("col_org_group", lang)), Col(t("orgs_per_project", lang), "number"),
        Col(t("orgs_distinct", lang), "number"), Col(t("orgs_in_several", lang), "number"),
        Col(t("orgs_extra", lang), "number"),
    ]
    rows = [[full[r["group"]], r["project_sum"], r["distinct"], r["in_several"], r["extra"]]
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
            by_group = {r["group"]: r for r in part.iter_rows(named=True)}
            everyone = by_group.get("all", {})
            key = f"scope_{scope_type}"
            pivot_rows.append([
                (t(key, lang) if has_label(key) else scope_type).capitalize(),
                _scope_name(scope_type, scope_code, lang),
                everyone.get("distinct"), everyone.get("project_sum"), everyone.get("in_several"),
                *[by_group.get(g, {}).get("distinct") for g in indicator_groups],
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

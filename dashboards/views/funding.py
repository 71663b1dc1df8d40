"""Funding view (seed-work.md 2.5): the register of opportunities with open / closing-soon badges,
the funnel with its conversion rates and 95 % intervals per breakdown, the counts by region, the
Gateway contributions by quarter (SE17) and the follow-up-due list (FUN-06).

Pure: a snapshot (already in the viewer's shape), the choices and today in, components out. Who
may see the follow-up list is `follow_up_projects(user)`, asked by the page's callback
(pages/funding.py) for every request, which passes the projects whose referrals it may show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from dash import dcc, html

from dashboards.components import GRAPH_CONFIG, Col, chart_panel, cutoff_options, data_grid, message, table_block
from dashboards.data import snapshot_cutoffs
from dashboards.figures.evaluation import interval_figure
from dashboards.figures.funding import funnel_figure, gateway_figure, region_figure
from dashboards.i18n import format_date, format_number, has_label, normalise_lang, t
from dashboards.regions import region_names
from dashboards.views.common import chosen_cutoff, meta_line, ready
from indicators.contract import CONTRACT, ELIGIBILITY_FLAGS
from pipelines.access.roles import User
from pipelines.ingest.funding_rules import FOLLOW_UP_MONTHS, OPEN
from pipelines.publish.shapes import ViewerSnapshot

ID = {
    "title": "funding-title",
    "intro": "funding-intro",
    "cutoff": "funding-cutoff",
    "cutoff_label": "funding-cutoff-label",
    "breakdown": "funding-breakdown",
    "breakdown_label": "funding-breakdown-label",
    "programme": "funding-programme",
    "programme_label": "funding-programme-label",
    "instrument": "funding-instrument",
    "instrument_label": "funding-instrument-label",
    "window": "funding-window",
    "window_label": "funding-window-label",
    "eligible": "funding-eligible",
    "eligible_label": "funding-eligible-label",
    "region": "funding-region",
    "region_label": "funding-region-label",
    "gateway": "funding-gateway",
    "gateway_label": "funding-gateway-label",
    "body": "funding-body",
    "funnel_graph": "funding-funnel-graph",
    "applied_graph": "funding-applied-graph",
    "success_graph": "funding-success-graph",
    "regions_graph": "funding-regions-graph",
    "gateway_graph": "funding-gateway-graph",
}
ANY = "any"
CLOSING_DAYS = 30  # "closing in 30 days" (seed-work.md 2.5)
# The deadline windows in the order the register lists them (most urgent first).
WINDOWS = ("closing", "open", "continuous", "upcoming", "closed")
OPEN_NOW = ("closing", "open", "continuous")
BREAKDOWNS = ("all", "region", "organisation_type", "social_enterprise", "programme", "instrument", "channel", "project")
STAGES = ("informed", "applied", "decided", "funded")
GATEWAY_CHOICES = ("listed", "contributed")
CODE_PREFIX = {"organisation_type": "org_", "social_enterprise": "se_", "programme": "programme_",
               "instrument": "instrument_", "channel": "channel_"}


@dataclass(frozen=True)
class RegisterFilter:
    """The register's filters: ANY (or None) = no filter."""

    programme: str | None = None
    instrument: str | None = None
    window: str | None = None
    eligible: str | None = None
    region: str | None = None
    gateway: str | None = None

    def chosen(self, name: str) -> str | None:
        value = getattr(self, name)
        return None if value in (None, ANY) else value


# ---- who sees the follow-up list ---------------------------------------------------------------
def follow_up_projects(user: User | None) -> frozenset[str] | None | bool:
    """Whose referrals the viewer may see in the follow-up list (it names organisations): the
    projects whose records it keeps (a project manager its own; None: coordinators and
    administrators, every project), or False (anonymous visitors, evaluators: no list)."""
    if user is None or not user.may_upload():
        return False
    return user.upload_projects


# ---- data ------------------------------------------------------------------------------------
def deadline_window(opening: dt.date | None, deadline: dt.date | None, today: dt.date) -> str:
    """Where a call stands today: closed (deadline passed), upcoming (not open yet), closing (the
    deadline within CLOSING_DAYS), open, or continuous (no deadline, open)."""
    if deadline is not None and deadline < today:
        return "closed"
    if opening is not None and opening > today:
        return "upcoming"
    if deadline is None:
        return "continuous"
    return "closing" if (deadline - today).days <= CLOSING_DAYS else "open"


def register_rows(register: pl.DataFrame, today: dt.date, chosen: RegisterFilter) -> pl.DataFrame:
    """The register with each call's window today, filtered, the most urgent first."""
    windows = [deadline_window(o, d, today) for o, d in zip(register["opening_date"], register["deadline_date"])]
    frame = register.with_columns(pl.Series("window", windows, dtype=pl.String))
    if (programme := chosen.chosen("programme")) is not None:
        frame = frame.filter(pl.col("programme") == programme)
    if (instrument := chosen.chosen("instrument")) is not None:
        frame = frame.filter(pl.col("instrument") == instrument)
    if (window := chosen.chosen("window")) is not None:
        frame = frame.filter(pl.col("window").is_in(OPEN_NOW if window == "open" else [window]))
    if (eligible := chosen.chosen("eligible")) is not None:
        frame = frame.filter(pl.col(ELIGIBILITY_FLAGS[eligible]).fill_null(True))  # empty = not excluded
    if (region := chosen.chosen("region")) is not None:
        # a regional call of the region, or a national or EU-wide one (open to it too)
        frame = frame.filter((pl.col("region_code") == region) | (pl.col("geographic_scope") != "regional"))
    if (gateway := chosen.chosen("gateway")) is not None:
        column = "on_gateway" if gateway == "listed" else "contributed_to_gateway"
        frame = frame.filter(pl.col(column).fill_null(False))
    order = {w: i for i, w in enumerate(WINDOWS)}
    return frame.with_columns(
        pl.col("window").replace_strict(order, return_dtype=pl.Int64).alias("_order"),
    ).sort("_order", "deadline_date", "title", nulls_last=True).drop("_order")


def gateway_by_quarter(register: pl.DataFrame) -> pl.DataFrame:
    """Opportunities contributed to the Gateway per quarter of recorded_date (every quarter from the
    first to the last, zeros included) and the running total: SE17's trend."""
    contributed = register.filter(pl.col("contributed_to_gateway").fill_null(False))
    if contributed.is_empty():
        return pl.DataFrame(schema={"quarter": pl.String, "contributed": pl.Int64, "cumulative": pl.Int64})
    quarter = (pl.col("recorded_date").dt.year() * 4 + (pl.col("recorded_date").dt.month() - 1) // 3)
    counts = contributed.group_by(quarter.alias("q")).len()
    first, last = counts["q"].min(), counts["q"].max()
    every = pl.DataFrame({"q": list(range(first, last + 1))}, schema={"q": counts.schema["q"]})
    frame = every.join(counts, on="q", how="left").with_columns(pl.col("len").fill_null(0).cast(pl.Int64))
    return frame.sort("q").select(
        pl.format("{}/Q{}", pl.col("q") // 4, pl.col("q") % 4 + 1).alias("quarter"),
        pl.col("len").alias("contributed"),
        pl.col("len").cum_sum().alias("cumulative"),
    )


def follow_up_due(statuses: pl.DataFrame, today: dt.date, projects: frozenset[str] | None) -> pl.DataFrame:
    """FUN-06's list: referrals whose current status is open and was last checked more than
    FOLLOW_UP_MONTHS before today (the ingest rule's own terms), of `projects` only (None: every
    project), the longest waiting first."""
    limit = pl.lit(today).dt.offset_by(f"-{FOLLOW_UP_MONTHS}mo")
    frame = statuses.filter(pl.col("status").is_in(OPEN) & (pl.col("status_checked_date") < limit))
    if projects is not None:
        frame = frame.filter(pl.col("project_code").is_in(sorted(projects)))
    return frame.sort("status_checked_date", "project_code", "business_id")


def funnel_rows(funnel: pl.DataFrame, cutoff: dt.date, breakdown: str) -> pl.DataFrame:
    """The funnel's rows of one breakdown at the cut-off, the largest group first."""
    return funnel.filter(
        (pl.col("cutoff_date") == cutoff) & (pl.col("group_dimension") == breakdown)
    ).sort("organisations_informed", "group_value", descending=[True, False], nulls_last=True)


def group_label(dimension: str, value: str, lang: str, regions: dict[str, str]) -> str:
    """A group's name: a region's name, a code's words, else the value (a project code)."""
    if value == "unknown":
        return t("grp_unknown", lang)
    if dimension == "all":
        return t("grp_all", lang)
    if dimension == "region":
        return regions.get(value, value)
    key = CODE_PREFIX.get(dimension, "") + value
    return t(key, lang) if dimension in CODE_PREFIX and has_label(key) else value


# ---- controls --------------------------------------------------------------------------------
def _code_options(kind: str, column: str, prefix: str, lang: str) -> list[dict]:
    codes = CONTRACT[kind].column(column).codes
    return [{"label": t("funding_any", lang), "value": ANY}] + [
        {"label": t(prefix + c, lang) if has_label(prefix + c) else c, "value": c} for c in codes
    ]


def controls(copy, lang: str | None, cutoff: str | None, breakdown: str | None) -> tuple:
    """Texts, options and values of the page's controls."""
    lang = normalise_lang(lang)
    snap = ready(copy, lang).snap
    cutoffs, chosen, regions = [], None, {}
    if snap is not None:
        cutoffs = cutoff_options(snapshot_cutoffs(snap), lang)
        chosen = chosen_cutoff(snap, cutoff)
        regions = region_names(snap, lang)
    breakdown = breakdown if breakdown in BREAKDOWNS else "all"
    any_option = {"label": t("funding_any", lang), "value": ANY}
    windows = [any_option] + [{"label": t(f"window_{w}", lang), "value": w}
                              for w in ("open", "closing", "upcoming", "closed")]
    eligible = [any_option] + [{"label": t(f"org_{o}", lang), "value": o} for o in ELIGIBILITY_FLAGS]
    region_options = [any_option] + [{"label": name, "value": code} for code, name in regions.items()]
    gateway = [any_option] + [{"label": t(f"gateway_{g}", lang), "value": g} for g in GATEWAY_CHOICES]
    return (
        t("funding_title", lang), t("funding_intro", lang),
        t("cutoff", lang), cutoffs, chosen.isoformat() if chosen else None,
        t("funding_breakdown", lang),
        [{"label": t(f"dim_{b}", lang), "value": b} for b in BREAKDOWNS], breakdown,
        t("funding_programme", lang), _code_options("funding_opportunities", "programme", "programme_", lang),
        t("funding_instrument", lang), _code_options("funding_opportunities", "instrument", "instrument_", lang),
        t("funding_window", lang), windows,
        t("funding_eligible", lang), eligible,
        t("funding_region", lang), region_options,
        t("funding_gateway", lang), gateway,
    )


# ---- the page --------------------------------------------------------------------------------
def _badge(window: str, lang: str) -> html.Span:
    return html.Span(t(f"window_{window}", lang), className=f"badge badge-{window}")


def register_section(register: pl.DataFrame, today: dt.date, chosen: RegisterFilter, lang: str,
                     regions: dict[str, str]) -> html.Section:
    rows = register_rows(register, today, chosen)
    columns = [
        Col(t("col_status_now", lang)), Col(t("col_title", lang)), Col(t("col_programme", lang)),
        Col(t("col_instrument", lang)), Col(t("col_opening", lang), "date"), Col(t("col_deadline", lang), "date"),
        Col(t("col_grant_max", lang), "number"), Col(t("col_region", lang)), Col(t("col_gateway", lang), "bool"),
        Col(t("col_contributed", lang), "bool"), Col(t("col_register_of", lang)),
    ]
    table_rows = [
        [t(f"window_{r['window']}", lang), r["title"], group_label("programme", r["programme"], lang, regions),
         group_label("instrument", r["instrument"], lang, regions), r["opening_date"], r["deadline_date"],
         r["grant_max_eur"], regions.get(r["region_code"], r["region_code"]) if r["region_code"] else None,
         r["on_gateway"], r["contributed_to_gateway"], r["project_code"]]
        for r in rows.iter_rows(named=True)
    ]
    # the working list: the calls open now as cards with their badge and link, then every row
    open_now = rows.filter(pl.col("window").is_in(OPEN_NOW))
    cards = html.Ul(className="funding-open-list", children=[
        html.Li(className="funding-open-item", children=[
            _badge(r["window"], lang), " ",
            html.A(r["title"], href=r["url"], target="_blank", rel="noopener noreferrer") if r["url"] else r["title"],
            html.Span(f" – {format_date(r['deadline_date'], lang)}" if r["deadline_date"] else "", className="note"),
        ])
        for r in open_now.iter_rows(named=True)
    ])
    body = [message(t("register_empty", lang))] if rows.is_empty() else [
        cards,
        table_block("funding-register", lang, columns, table_rows, t("register_title", lang, n=rows.height),
                    "funding_register.csv", open_=True, class_name="funding-register"),
    ]
    return html.Section(className="panel", children=[
        html.H2(t("register_title", lang, n=rows.height)),
        html.P(t("register_note", lang, today=format_date(today, lang)), className="note"),
        *body,
    ])


def funnel_sections(funnel: pl.DataFrame, cutoff: dt.date, breakdown: str, lang: str,
                    regions: dict[str, str], k: int, restricted: bool) -> list:
    rows = funnel_rows(funnel, cutoff, breakdown)
    labels = [group_label(breakdown, v, lang, regions) for v in rows["group_value"]]
    stages = [(t(f"stage_{s}", lang), rows[f"organisations_{s}"].to_list()) for s in STAGES]
    dimension = t(f"dim_{breakdown}", lang)
    funnel_panel = chart_panel(
        t("funnel_title", lang, breakdown=dimension), ID["funnel_graph"],
        funnel_figure(labels, stages, lang, t("funnel_axis", lang)),
        table_block(
            "funding-funnel", lang,
            [Col(t("col_group", lang)), Col(t("col_orgs_informed", lang), "number"),
             Col(t("col_orgs_applied", lang), "number"), Col(t("col_orgs_decided", lang), "number"),
             Col(t("col_orgs_funded", lang), "number"), Col(t("col_applications", lang), "number"),
             Col(t("col_applications_decided", lang), "number"), Col(t("col_applications_funded", lang), "number"),
             Col(t("col_applied_rate", lang), "percent"), Col(t("col_success_rate", lang), "percent"),
             Col(t("col_days_median", lang), "number", -1), Col(t("col_days_iqr", lang)),
             Col(t("col_granted_eur", lang), "number", 2), Col(t("col_granted_orgs", lang), "number")],
            [[label, r["organisations_informed"], r["organisations_applied"], r["organisations_decided"],
              r["organisations_funded"], r["applications"], r["applications_decided"], r["applications_funded"],
              r["applied_rate"], r["success_rate"], r["days_to_application_median"],
              _iqr(r["days_to_application_q1"], r["days_to_application_q3"], lang),
              r["granted_eur"], r["granted_organisations"]]
             for label, r in zip(labels, rows.iter_rows(named=True))],
            t("funnel_title", lang, breakdown=dimension), f"funding_funnel_{breakdown}.csv",
        ),
        lang,
        note=t("funnel_note", lang, cutoff=format_date(cutoff, lang), k=k),
    )
    rates = html.Section(className="panel", children=[
        html.H2(t("rates_applied_title", lang)),
        html.P(t("funding_rates_note", lang), className="note"),
        _interval_graph(ID["applied_graph"], labels, rows, "applied", "organisations_informed", lang),
        html.H2(t("rates_success_title", lang)),
        _interval_graph(ID["success_graph"], labels, rows, "success", "applications_decided", lang),
    ])
    withheld = restricted and rows["granted_eur"].is_null().all() and rows.height > 0
    return [funnel_panel, rates, message(t("funding_euros_withheld", lang)) if withheld else None]


def _iqr(q1: float | None, q3: float | None, lang: str) -> str | None:
    if q1 is None or q3 is None:
        return None
    return f"{format_number(q1, lang, 0)}–{format_number(q3, lang, 0)}"


def _interval_graph(graph_id: str, labels: list[str], rows: pl.DataFrame, rate: str, n: str, lang: str):
    figure = interval_figure(
        labels, rows[f"{rate}_rate"].to_list(), rows[f"{rate}_wilson_low"].to_list(),
        rows[f"{rate}_wilson_high"].to_list(), rows[n].to_list(), lang, t("col_rate", lang),
    )
    return html.Div(role="img", **{"aria-label": t("chart_alt", lang)},
                    children=dcc.Graph(id=graph_id, figure=figure, config=GRAPH_CONFIG))


def regions_section(funnel: pl.DataFrame, cutoff: dt.date, lang: str, regions: dict[str, str]) -> html.Section:
    rows = funnel_rows(funnel, cutoff, "region")
    labels = [group_label("region", v, lang, regions) for v in rows["group_value"]]
    series = [(t("col_orgs_informed", lang), rows["organisations_informed"].to_list()),
              (t("col_applications", lang), rows["applications"].to_list())]
    return chart_panel(
        t("funding_regions_title", lang, cutoff=format_date(cutoff, lang)), ID["regions_graph"],
        region_figure(labels, series, lang, t("funnel_axis", lang)),
        table_block(
            "funding-regions", lang,
            [Col(t("col_region", lang)), Col(t("col_orgs_informed", lang), "number"),
             Col(t("col_applications", lang), "number"), Col(t("col_granted_eur", lang), "number", 2),
             Col(t("col_granted_orgs", lang), "number")],
            [[label, r["organisations_informed"], r["applications"], r["granted_eur"], r["granted_organisations"]]
             for label, r in zip(labels, rows.iter_rows(named=True))],
            t("funding_regions_title", lang, cutoff=format_date(cutoff, lang)), "funding_regions.csv",
        ),
        lang,
        note=t("funding_regions_note", lang),
    )


def gateway_section(register: pl.DataFrame, lang: str) -> html.Section:
    quarters = gateway_by_quarter(register)
    names = (t("gateway_in_quarter", lang), t("gateway_cumulative", lang))
    return chart_panel(
        t("gateway_title", lang), ID["gateway_graph"],
        gateway_figure(quarters["quarter"].to_list(), quarters["contributed"].to_list(),
                       quarters["cumulative"].to_list(), lang, names, t("gateway_contributed", lang)),
        table_block(
            "funding-gateway", lang,
            [Col(t("gateway_quarter", lang)), Col(names[0], "number"), Col(names[1], "number")],
            quarters.rows(), t("gateway_title", lang), "funding_gateway_quarters.csv",
        ),
        lang,
        note=t("gateway_note", lang),
    )


def follow_up_section(statuses: pl.DataFrame, today: dt.date, projects: frozenset[str] | None,
                      lang: str) -> html.Section:
    due = follow_up_due(statuses, today, projects)
    columns = [Col(t("col_project", lang)), Col(t("col_business_id", lang)), Col(t("col_organisation", lang)),
               Col(t("col_opportunity", lang)), Col(t("col_status", lang)), Col(t("col_informed", lang), "date"),
               Col(t("col_checked", lang), "date")]
    rows = [[r["project_code"], r["business_id"], r["organisation_name"], r["opportunity_title"],
             t(f"status_{r['status']}", lang), r["informed_date"], r["status_checked_date"]]
            for r in due.iter_rows(named=True)]
    return html.Section(className="panel", children=[
        html.H2(t("followup_title", lang, n=due.height)),
        html.P(t("followup_note", lang, months=FOLLOW_UP_MONTHS), className="note"),
        data_grid(columns, rows, lang, t("followup_title", lang, n=due.height), "funding-followup")
        if rows else message(t("followup_none", lang)),
    ])


def render_funding(copy, lang: str | None, cutoff: str | None, breakdown: str | None,
                   chosen: RegisterFilter, follow_up_projects: frozenset[str] | None | bool, k: int,
                   today: dt.date | None = None) -> list:
    """The page body. `follow_up_projects`: the projects whose follow-up list the viewer may
    see (None: every project), or False: no follow-up list at all; k: the public threshold."""
    lang = normalise_lang(lang)
    state = ready(copy, lang)
    if not state.ok:
        return state.blocked
    snap, today = state.snap, today or dt.date.today()
    when = chosen_cutoff(snap, cutoff)
    breakdown = breakdown if breakdown in BREAKDOWNS else "all"
    regions = region_names(snap, lang)
    register = snap.table("funding_register")
    funnel = snap.table("eval_funding_funnel")
    restricted = isinstance(snap, ViewerSnapshot)
    body: list = [meta_line(snap, lang, when), register_section(register, today, chosen, lang, regions)]
    if when is not None:
        body += funnel_sections(funnel, when, breakdown, lang, regions, k, restricted)
        body.append(regions_section(funnel, when, lang, regions))
    body.append(gateway_section(register, lang))
    if follow_up_projects is not False:
        body.append(follow_up_section(snap.table("funding_referral_statuses"), today, follow_up_projects, lang))
    return [b for b in body if b is not None]

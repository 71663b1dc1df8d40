"""The Funding page (seed-work.md 2.5): the register's windows and filters, the Gateway trend by
quarter, FUN-06's follow-up list and who may see it (asked on the server in the callback), the
funnel's figures, and the page in fi/sv/en through the app's own callback for every role."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import plotly.utils
import polars as pl
import pytest

from dashboards.figures.funding import funnel_figure, gateway_figure, region_figure
from dashboards.i18n import t
from dashboards.views import funding as view
from dashboards.views.funding import ANY, RegisterFilter, follow_up_projects
from pipelines.access.roles import User
from pipelines.settings import Settings
from tests.support.dashboard_callbacks import app_as, call
from tests.support.dashboard_copy import LATEST, write_published_copy
from tests.support.funding_tables import TODAY, funding_tables, referral_statuses, register

ADMIN = User("admin", "admin")
COORDINATOR = User("coordinator", "coordinator")
EVALUATOR = User("evaluator", "evaluator")
MANAGER = User("manager", "project_manager", frozenset({"S30355"}))


def as_text(components) -> str:
    return json.dumps(components, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


# ---- the register ------------------------------------------------------------------------------
@pytest.mark.parametrize(("opening", "deadline", "window"), [
    (dt.date(2025, 8, 1), dt.date(2025, 10, 15), "closing"),   # 30 days ahead: closing
    (dt.date(2025, 8, 1), dt.date(2025, 10, 16), "open"),      # 31 days ahead
    (dt.date(2025, 8, 1), TODAY, "closing"),                   # the last day
    (dt.date(2025, 8, 1), dt.date(2025, 9, 14), "closed"),
    (dt.date(2025, 9, 16), dt.date(2025, 12, 1), "upcoming"),
    (None, None, "continuous"),
    (dt.date(2025, 10, 1), None, "upcoming"),
])
def test_a_calls_window_is_its_deadline_against_today(opening, deadline, window) -> None:
    assert view.deadline_window(opening, deadline, TODAY) == window


def test_the_register_lists_the_urgent_first_and_filters() -> None:
    frame = register()
    everything = view.register_rows(frame, TODAY, RegisterFilter())
    assert everything["opportunity_id"].to_list() == ["o-closing", "o-open", "o-continuous", "o-upcoming", "o-closed"]

    def ids(**chosen) -> list[str]:
        return view.register_rows(frame, TODAY, RegisterFilter(**chosen))["opportunity_id"].to_list()

    assert ids(window="open") == ["o-closing", "o-open", "o-continuous"]  # open now: the badge's sense
    assert ids(window="closing") == ["o-closing"]
    assert ids(window="closed") == ["o-closed"]
    assert ids(programme="finnvera") == ["o-continuous"] and ids(programme=ANY) == ids()
    assert ids(instrument="loan") == ["o-continuous"]
    assert "o-continuous" not in ids(eligible="association")  # marked not eligible
    # a region: its own regional calls and every national or EU-wide one, not another region's
    assert ids(region="MK11") == ["o-closing", "o-open", "o-continuous", "o-closed"]
    assert ids(gateway="listed") == ["o-open"]
    assert ids(gateway="contributed") == ["o-closing", "o-open", "o-closed"]


def test_gateway_contributions_by_quarter_with_empty_quarters() -> None:
    quarters = view.gateway_by_quarter(register())
    # recorded 2024-03-05 (Q1), 2024-11-20 (Q4), 2025-08-03 (Q3)
    assert quarters["quarter"].to_list() == ["2024/Q1", "2024/Q2", "2024/Q3", "2024/Q4", "2025/Q1", "2025/Q2", "2025/Q3"]
    assert quarters["contributed"].to_list() == [1, 0, 0, 1, 0, 0, 1]
    assert quarters["cumulative"].to_list() == [1, 1, 1, 2, 2, 2, 3]
    none = register().with_columns(pl.lit(False).alias("contributed_to_gateway"))
    assert view.gateway_by_quarter(none).is_empty()


# ---- the follow-up list ------------------------------------------------------------------------
def test_follow_up_is_due_for_open_statuses_unchecked_for_twelve_months() -> None:
    statuses = referral_statuses()
    due = view.follow_up_due(statuses, TODAY, None)
    # submitted, checked 2.4.2024; informed, checked 10.1.2024 (other project); a funded one and
    # one checked in June are not due; informed checked 15.9.2024 is exactly 12 months: not yet
    assert due["business_id"].to_list() == ["0109862-8", "0116297-6"]
    assert view.follow_up_due(statuses, TODAY + dt.timedelta(days=1), None)["business_id"].to_list() == [
        "0109862-8", "0116297-6", "1572860-0"]
    assert view.follow_up_due(statuses, TODAY, frozenset({"S30355"}))["business_id"].to_list() == ["0116297-6"]


@pytest.mark.parametrize(("user", "projects"), [
    (None, False), (EVALUATOR, False), (MANAGER, frozenset({"S30355"})), (COORDINATOR, None), (ADMIN, None),
])
def test_the_follow_up_list_is_for_the_staff_of_the_referring_project(user, projects) -> None:
    assert follow_up_projects(user) == projects


# ---- figures -----------------------------------------------------------------------------------
def test_the_funnel_figure_has_one_series_per_stage_in_order() -> None:
    stages = [("Informed", [20, 6]), ("Applied", [8, 2]), ("Decided", [5, 1]), ("Funded", [3, None])]
    fig = funnel_figure(["All", "Uusimaa"], stages, "en", "Organisations")
    assert [trace.name for trace in fig.data] == ["Informed", "Applied", "Decided", "Funded"]
    assert list(fig.data[0].x) == [20, 6] and list(fig.data[3].x) == [3, None]
    assert fig.layout.barmode == "group"
    empty = funnel_figure(["All"], [("Informed", [None])], "fi", "Organisaatioita")
    assert empty.data == () and empty.layout.annotations[0].text == t("no_values_chart", "fi")


def test_region_and_gateway_figures() -> None:
    fig = region_figure(["Uusimaa"], [("Informed", [5]), ("Applications", [3])], "sv", "Organisationer")
    assert [list(trace.x) for trace in fig.data] == [[5], [3]]
    gateway = gateway_figure(["2024/Q1", "2024/Q2"], [1, 0], [1, 1], "fi", ("Neljänneksellä", "Yhteensä"), "x")
    assert [trace.type for trace in gateway.data] == ["bar", "scatter"]
    assert list(gateway.data[1].y) == [1, 1]


# ---- the page through the app's callback, per role -----------------------------------------------
@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(home=tmp_path / "home")
    write_published_copy(settings.published_dir, tables=funding_tables())
    return settings


def _body(settings: Settings, user: User | None, lang: str = "en", breakdown: str = "region") -> str:
    app = app_as(settings, user)
    inputs = [
        {"id": "lang", "property": "value", "value": lang},
        {"id": "funding-cutoff", "property": "value", "value": LATEST.isoformat()},
        {"id": "funding-breakdown", "property": "value", "value": breakdown},
        *[{"id": f"funding-{name}", "property": "value", "value": ANY}
          for name in ("programme", "instrument", "window", "eligible", "region", "gateway")],
        {"id": "data-version", "property": "data", "value": None},
    ]
    response = call(app.server.test_client(), app, "funding-body.children", inputs)
    return as_text(response["funding-body"]["children"])


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_page_in_every_language(settings: Settings, lang: str) -> None:
    body = _body(settings, EVALUATOR, lang)
    # the callback compares with the real today: the call that closed in 2024 is closed whenever
    assert t("register_title", lang, n=5) in body and t("window_closed", lang) in body
    assert t("funnel_title", lang, breakdown=t("dim_region", lang)) in body
    assert t("gateway_title", lang) in body and t("rates_applied_title", lang) in body
    assert "_" not in t("dim_social_enterprise", lang)
    assert t("followup_title", lang, n=0).split("(")[0] not in body  # an evaluator gets no list


def test_the_follow_up_list_names_only_the_viewers_own_referrals(settings: Settings) -> None:
    today = dt.date.today()  # the callback's (these referrals were all last checked by 1.6.2025)
    own = view.follow_up_due(referral_statuses(), today, frozenset({"S30355"})).height
    every = view.follow_up_due(referral_statuses(), today, None).height
    assert own >= 1 and every == own + 1
    manager = _body(settings, MANAGER)
    assert t("followup_title", "en", n=own) in manager
    assert "Osuuskunta Tekijät" in manager and "0116297-6" in manager
    assert "Helsingin Yhteisö ry" not in manager and "0109862-8" not in manager  # another project's
    coordinator = _body(settings, COORDINATOR)
    assert t("followup_title", "en", n=every) in coordinator and "Helsingin Yhteisö ry" in coordinator
    anonymous = _body(settings, None)
    assert "Osuuskunta Tekijät" not in anonymous and "0116297-6" not in anonymous


def test_euros_are_withheld_outside_the_viewers_own_projects(settings: Settings) -> None:
    exact = _body(settings, EVALUATOR, breakdown="project")
    assert "40000" in exact.replace(".0", "") and t("funding_euros_withheld", "en") not in exact
    manager = _body(settings, MANAGER, breakdown="region")
    assert t("funding_euros_withheld", "en") in manager

"""Rows of the published funding tables (funding_register, funding_referral_statuses,
eval_funding_funnel) for the dashboard's test copy: a register with a call closing soon, one open,
one continuous, one opening later and one closed, referrals of the test copy's two projects
(S30355, S30356) with follow-ups due and not, and the funnel at the test copy's cut-offs."""

from __future__ import annotations

import datetime as dt

import polars as pl

from tests.support.dashboard_copy import CUTOFFS

TODAY = dt.date(2025, 9, 15)


def _call(oid: str, title: str, programme: str, instrument: str, opening, deadline, *, scope="national",
          region=None, gateway=False, contributed=False, recorded=dt.date(2024, 3, 1), project="S30355",
          eligible_association=True) -> dict:
    return {
        "project_code": project, "opportunity_id": oid, "title": title, "programme": programme,
        "instrument": instrument, "url": f"https://example.org/{oid}", "opening_date": opening,
        "deadline_date": deadline, "geographic_scope": scope, "region_code": region, "on_gateway": gateway,
        "contributed_to_gateway": contributed, "recorded_date": recorded, "grant_max_eur": 200_000.0,
        "eligible_enterprise": True, "eligible_association": eligible_association,
    }


def register() -> pl.DataFrame:
    return pl.DataFrame([
        _call("o-closing", "ESR+ kehittämishaku", "esf_plus_national", "grant", dt.date(2025, 8, 1),
              dt.date(2025, 10, 1), scope="regional", region="MK11", contributed=True, recorded=dt.date(2025, 8, 3)),
        _call("o-open", "Social Innovation+ call", "esf_plus_social_innovation", "grant", dt.date(2025, 9, 1),
              dt.date(2025, 12, 15), scope="eu", gateway=True, contributed=True, recorded=dt.date(2024, 11, 20)),
        _call("o-continuous", "Finnvera pienlaina", "finnvera", "loan", dt.date(2024, 1, 1), None,
              eligible_association=False),
        _call("o-upcoming", "LEADER yritystuki", "eafrd_leader", "grant", dt.date(2025, 11, 1),
              dt.date(2026, 1, 31), scope="regional", region="MK01", project="S30356"),
        _call("o-closed", "STEA avustus", "state_grant", "grant", dt.date(2024, 3, 1), dt.date(2024, 5, 31),
              contributed=True, recorded=dt.date(2024, 3, 5)),
    ])


def referral_statuses() -> pl.DataFrame:
    rows = [
        # (project, business id, name, status, informed, last checked)
        ("S30355", "0116297-6", "Osuuskunta Tekijät", "submitted", dt.date(2024, 3, 1), dt.date(2024, 4, 2)),
        ("S30355", "1572860-0", "Kuopion Työpaja ry", "informed", dt.date(2024, 8, 1), dt.date(2024, 9, 15)),
        ("S30355", "2428337-5", "Savon Sosiaalitalous Oy", "funded", dt.date(2024, 2, 1), dt.date(2024, 3, 1)),
        ("S30355", "0201256-6", "Tuore Oy", "preparing", dt.date(2025, 6, 1), dt.date(2025, 6, 1)),
        ("S30356", "0109862-8", "Helsingin Yhteisö ry", "informed", dt.date(2024, 1, 10), dt.date(2024, 1, 10)),
    ]
    return pl.DataFrame([
        {"project_code": p, "opportunity_project_code": "S30355", "opportunity_id": "o-open", "business_id": b,
         "organisation_name": n, "opportunity_title": "Social Innovation+ call", "status": s, "informed_date": i,
         "status_checked_date": c, "is_prior_application": False}
        for p, b, n, s, i, c in rows
    ])


def _funnel(cutoff, dimension, value, informed, applied, decided, funded, euros, organisations) -> dict:
    return {
        "cutoff_date": cutoff, "group_dimension": dimension, "group_value": value,
        "organisations_informed": informed, "organisations_applied": applied, "organisations_decided": decided,
        "organisations_funded": funded, "referrals": informed + 2, "applications": applied + 1,
        "applications_decided": decided + 1, "applications_funded": funded,
        "applied_rate": applied / informed if informed else None, "applied_wilson_low": 0.1 if informed else None,
        "applied_wilson_high": 0.7 if informed else None,
        "success_rate": funded / (decided + 1), "success_wilson_low": 0.05, "success_wilson_high": 0.8,
        "days_to_application_n": applied + 1, "days_to_application_q1": 12.0, "days_to_application_median": 30.5,
        "days_to_application_q3": 56.0, "granted_eur": euros, "granted_organisations": organisations,
    }


def funnel() -> pl.DataFrame:
    rows = []
    for i, cutoff in enumerate(CUTOFFS, start=1):
        rows += [
            _funnel(cutoff, "all", "all", 20 * i, 8 * i, 5 * i, 3 * i, 60_000.0 * i, 3 * i),
            _funnel(cutoff, "project", "S30355", 14 * i, 6 * i, 4 * i, 2 * i, 40_000.0 * i, 2 * i),
            _funnel(cutoff, "project", "S30356", 6 * i, 2 * i, 1 * i, 1 * i, 20_000.0 * i, 1 * i),
            _funnel(cutoff, "region", "MK11", 15 * i, 6 * i, 4 * i, 2 * i, 40_000.0 * i, 2 * i),
            _funnel(cutoff, "region", "MK01", 5 * i, 2 * i, 1 * i, 1 * i, 20_000.0 * i, 1 * i),
            _funnel(cutoff, "programme", "esf_plus_national", 12 * i, 5 * i, 3 * i, 2 * i, 50_000.0 * i, 2 * i),
            _funnel(cutoff, "programme", "finnvera", 3 * i, 1 * i, 1 * i, 1 * i, 10_000.0 * i, 1 * i),
            _funnel(cutoff, "social_enterprise", "wise", 9 * i, 4 * i, 2 * i, 1 * i, 20_000.0 * i, 1 * i),
            _funnel(cutoff, "social_enterprise", "no", 11 * i, 4 * i, 3 * i, 2 * i, 40_000.0 * i, 2 * i),
        ]
    return pl.DataFrame(rows)


def funding_tables() -> dict[str, pl.DataFrame]:
    return {"funding_register": register(), "funding_referral_statuses": referral_statuses(),
            "eval_funding_funnel": funnel()}

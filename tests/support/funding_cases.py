"""Hand-written cases for the funding kinds' rules across columns, rows and uploads (seed-work
section 2.3, FUN-01 to FUN-06): each breaks one rule and has a variant that satisfies it.
tests/unit/test_funding_rules.py runs them against a ledger holding the sample projects,
entities, activities and opportunities, at FUNDING_TODAY; the rule coverage test counts them."""

from __future__ import annotations

import datetime as dt

O = "funding_opportunities"
R = "funding_referrals"
FUNDING_TODAY = dt.date(2025, 12, 1)
_OPEN = {"status": "submitted", "decision_date": "", "granted_amount_eur": ""}
_OTHER_ORG = {"business_id": "1234567-1", "social_enterprise": "", "region_code": ""}

# (case id, kind, changes that break the rule, changes that satisfy it, rule id)
FUNDING_CASES = [
    ("opp-deadline-before-opening", O, {"deadline_date": "14.1.2024"}, {"deadline_date": "15.1.2024"},
     f"{O}.deadline_date.before_opening"),
    ("opp-grant-max-below-min", O, {"grant_max_eur": "99999,99"}, {"grant_max_eur": "100000"},
     f"{O}.grant_max_eur.below_min"),
    ("opp-region-if-regional", O, {"geographic_scope": "alueellinen"},
     {"geographic_scope": "alueellinen", "region_code": "Uusimaa"}, f"{O}.region_code.required_if_regional"),
    ("opp-recorded-future", O, {"recorded_date": "2025-12-02"}, {"recorded_date": "2025-12-01"},
     f"{O}.recorded_date.future"),
    ("ref-unknown-opportunity", R, {"opportunity_id": "NOPE"}, {}, f"{R}.opportunity_id.unknown_opportunity"),
    ("ref-unknown-opportunity-register", R, {"opportunity_project_code": "S30356"},
     {"opportunity_project_code": "S30355"}, f"{R}.opportunity_id.unknown_opportunity"),
    ("ref-unknown-activity", R, {"activity_id": "A-404"}, {"activity_id": ""}, f"{R}.activity_id.unknown_activity"),
    ("ref-type-unless-in-entities", R, {**_OTHER_ORG, "organisation_type": ""}, {"organisation_type": ""},
     f"{R}.organisation_type.required_unless_in_entities"),
    ("ref-type-differs", R, {"organisation_type": "association"}, {"organisation_type": "enterprise"},
     f"{R}.organisation_type.differs_from_entities"),
    ("ref-se-differs", R, {"social_enterprise": "wise"}, {"social_enterprise": ""},
     f"{R}.social_enterprise.differs_from_entities"),
    ("ref-region-differs", R, {"region_code": "MK06"}, {"region_code": "Uusimaa"},
     f"{R}.region_code.differs_from_entities"),
    ("ref-informed-future", R, {"informed_date": "2025-12-02", "status_checked_date": "2025-12-02"}, {},
     f"{R}.informed_date.future"),
    ("ref-checked-future", R, {"status_checked_date": "2025-12-02"}, {"status_checked_date": "2025-12-01"},
     f"{R}.status_checked_date.future"),
    ("ref-checked-before-informed", R, {"status_checked_date": "4.3.2024"}, {"status_checked_date": "5.3.2024"},
     f"{R}.status_checked_date.before_informed"),
    ("ref-decision-before-application", R, {"decision_date": "2024-05-01"}, {"decision_date": "2024-05-02"},
     f"{R}.decision_date.before_application"),
    # FUN-01
    ("fun01-application-date", R, {"application_date": ""},
     {"status": "peruttu", "application_date": "", "decision_date": "", "granted_amount_eur": ""},
     f"{R}.application_date.required_for_status"),
    ("fun01-decision-date", R, {"decision_date": ""}, _OPEN | {"status_checked_date": "2025-06-01"},
     f"{R}.decision_date.required_for_status"),
    ("fun01-granted-required", R, {"granted_amount_eur": ""}, {"status": "hylatty", "granted_amount_eur": ""},
     f"{R}.granted_amount_eur.required_if_funded"),
    ("fun01-granted-only-funded", R, {"status": "rejected"}, {"status": "rejected", "granted_amount_eur": ""},
     f"{R}.granted_amount_eur.only_if_funded"),
    # FUN-02 .. FUN-06 (warnings)
    ("fun02-prior-application", R, {"application_date": "2024-03-04"}, {"application_date": "2024-03-05"},
     f"{R}.application_date.before_informed"),
    ("fun03-after-deadline", R, {"application_date": "2024-10-01"}, {"application_date": "2024-09-30"},
     f"{R}.application_date.after_deadline"),
    ("fun04-not-eligible", R,
     {"business_id": "1572860-0", "organisation_type": "", "social_enterprise": "", "region_code": ""},
     {**_OTHER_ORG, "organisation_type": "education"}, f"{R}.organisation_type.not_eligible"),
    ("fun05-more-than-applied", R, {"granted_amount_eur": "200000,01"}, {"granted_amount_eur": "200000"},
     f"{R}.granted_amount_eur.unusual"),
    ("fun05-more-than-grant-max", R, {"applied_amount_eur": "", "granted_amount_eur": "500000.01"},
     {"applied_amount_eur": "", "granted_amount_eur": "500000"}, f"{R}.granted_amount_eur.unusual"),
    ("fun06-follow-up-due", R, _OPEN | {"status_checked_date": "30.11.2024"},
     _OPEN | {"status_checked_date": "1.12.2024"}, f"{R}.status_checked_date.follow_up_due"),
    ("fun06-open-not-closed", R, _OPEN | {"status": "preparing", "application_date": "", "status_checked_date": "1.4.2024"},
     _OPEN | {"status": "ei_hakenut", "application_date": "", "status_checked_date": "1.4.2024"},
     f"{R}.status_checked_date.follow_up_due"),
]

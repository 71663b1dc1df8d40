"""Every validation rule with a failing and a passing example (spec section 3)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from indicators.contract import CONTRACT
from indicators.messages import all_rules
from pipelines.ingest import ingest_bytes
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv
from pipelines.settings import Settings


@pytest.fixture(scope="module")
def template_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("template") / "home"
    s = Settings(home=home)
    for kind in ("projects", "activities"):
        assert ingest_bytes(s, sample_file(kind), f"{kind}.csv").exit_code == 0
    return home


@pytest.fixture
def settings(template_home, tmp_path) -> Settings:
    """Each test its own home: a copy of the template (projects and activities loaded)."""
    home = tmp_path / "home"
    shutil.copytree(template_home, home)
    return Settings(home=home)


P = "participants"
# (case id, kind, changes that break the rule, changes that satisfy it, rule id)
CASES = [
    ("gender-code", P, {"gender": "x"}, {"gender": "Nainen"}, "participants.gender.code"),
    ("gender-required", P, {"gender": ""}, {"gender": "mies"}, "participants.gender.required"),
    ("id-pattern", P, {"participant_id": "P 1"}, {"participant_id": "P_1-a"}, "participants.participant_id.pattern"),
    ("entry-format", P, {"entry_date": "2024/02/01"}, {"entry_date": "1.2.2024"}, "participants.entry_date.format"),
    ("entry-format-us", P, {"entry_date": "02/01/2024"}, {"entry_date": "01.02.2024"}, "participants.entry_date.format"),
    ("entry-invalid-day", P, {"entry_date": "30.2.2024"}, {"entry_date": "29.2.2024"}, "participants.entry_date.format"),
    ("entry-future", P, {"entry_date": "2099-01-01", "exit_date": "2099-02-01"}, {}, "participants.entry_date.future"),
    ("exit-future", P, {"exit_date": "2099-01-01"}, {}, "participants.exit_date.future"),
    ("exit-before-entry", P, {"exit_date": "2024-01-31"}, {"exit_date": "2024-02-01"}, "participants.exit_date.before_entry"),
    ("age-max", P, {"age_at_entry": "121"}, {"age_at_entry": "120"}, "participants.age_at_entry.max"),
    ("age-min", P, {"age_at_entry": "-1"}, {"age_at_entry": "0"}, "participants.age_at_entry.min"),
    ("age-format", P, {"age_at_entry": "34.5"}, {"age_at_entry": "34"}, "participants.age_at_entry.format"),
    ("age-young", P, {"age_at_entry": "14"}, {"age_at_entry": "15"}, "participants.age_at_entry.unusual"),
    ("age-old", P, {"age_at_entry": "91"}, {"age_at_entry": "90"}, "participants.age_at_entry.unusual"),
    ("unemp-required", P, {"unemployment_months": ""}, {"unemployment_months": "0"},
     "participants.unemployment_months.required_if_unemployed"),
    ("unemp-only", P, {"labour_market_status": "tyossa", "unemployment_months": "3"},
     {"labour_market_status": "tyossa", "unemployment_months": ""}, "participants.unemployment_months.only_if_unemployed"),
    ("unemp-format", P, {"unemployment_months": "many"}, {"unemployment_months": "2,0"},
     "participants.unemployment_months.format"),
    ("status-code", P, {"labour_market_status": "student"}, {"labour_market_status": "Työvoiman ulkopuolella", "unemployment_months": ""},
     "participants.labour_market_status.code"),
    ("isced-missing", P, {"education_isced": ""}, {"education_isced": "0"}, "participants.education_isced.missing"),
    ("isced-max", P, {"education_isced": "9"}, {"education_isced": "8"}, "participants.education_isced.max"),
    ("exit-col-required", P, {"exit_employed": ""}, {"exit_employed": "ei"}, "participants.exit_employed.required_with_exit_date"),
    ("exit-col-without-exit", P,
     {"exit_date": "", "followup_date": "", "followup_employed": ""},
     {"exit_date": "", "followup_date": "", "followup_employed": "", "exit_job_searching": "",
      "exit_in_education": "", "exit_qualification": "", "exit_employed": ""},
     "participants.exit_employed.without_exit_date"),
    ("followup-without-exit", P,
     {"exit_date": "", "exit_job_searching": "", "exit_in_education": "", "exit_qualification": "", "exit_employed": ""},
     {"exit_date": "", "exit_job_searching": "", "exit_in_education": "", "exit_qualification": "",
      "exit_employed": "", "followup_date": "", "followup_employed": ""},
     "participants.followup_date.without_exit_date"),
    ("followup-col-without-date", P, {"followup_date": ""}, {"followup_date": "", "followup_employed": ""},
     "participants.followup_employed.without_followup_date"),
    ("improved-not-employed", P, {"followup_improved": "yes"},
     {"followup_improved": "yes", "labour_market_status": "employed", "unemployment_months": ""},
     "participants.followup_improved.not_employed_at_entry"),
    ("followup-before-exit", P, {"followup_date": "2024-08-14"}, {"followup_date": "2025-02-15"},
     "participants.followup_date.before_exit"),
    ("followup-window", P, {"followup_date": "2024-09-15"}, {"followup_date": "2025-01-16"},
     "participants.followup_date.outside_window"),
    ("followup-window-late", P, {"followup_date": "2025-03-16"}, {"followup_date": "2025-03-15"},
     "participants.followup_date.outside_window"),
    ("disability-format", P, {"disability": "maybe"}, {"disability": "Ei halua vastata"}, "participants.disability.format"),
    ("declined-not-allowed", P, {"homeless": "declined"}, {"homeless": "K"}, "participants.homeless.format"),
    ("withdrawn-format", P, {"withdrawn": "maybe"}, {"withdrawn": "E"}, "participants.withdrawn.format"),
    ("default-not-for-bad-code", "projects", {"category_of_region": "x"}, {"category_of_region": "Transition"},
     "projects.category_of_region.code"),
    ("bool-swedish", P, {"homeless": "kanske"}, {"homeless": "nej"}, "participants.homeless.format"),
    ("region-code", P, {"region_code": "MK03"}, {"region_code": "Etelä-Savo"}, "participants.region_code.code"),
    ("unknown-project", P, {"project_code": "S99999"}, {"project_code": "S30356"}, "participants.project_code.unknown_project"),
    ("duplicate-key", P, [{}, {"age_at_entry": "40"}], [{}, {"participant_id": "P999"}], "participants.key.duplicate"),
    ("project-code-pattern", "projects", {"project_code": "s30399"}, {"project_code": "S30399"}, "projects.project_code.pattern"),
    ("so-pattern", "projects", {"specific_objective": "4"}, {"specific_objective": "4.12"}, "projects.specific_objective.pattern"),
    ("lead-ytunnus-check", "projects", {"lead_business_id": "0116297-5"}, {"lead_business_id": "0116297-6"},
     "projects.lead_business_id.check_digit"),
    ("lead-ytunnus-format", "projects", {"lead_business_id": "116297-6"}, {"lead_business_id": ""},
     "projects.lead_business_id.format"),
    ("project-end-before-start", "projects", {"end_date": "2023-12-31"}, {"end_date": "2024-01-01"},
     "projects.end_date.before_start"),
    ("budget-min", "projects", {"budget_eur": "-1"}, {"budget_eur": "0"}, "projects.budget_eur.min"),
    ("budget-format", "projects", {"budget_eur": "1.000,5"}, {"budget_eur": "1 000,5"}, "projects.budget_eur.format"),
    ("category-code", "projects", {"category_of_region": "rich"}, {"category_of_region": ""}, "projects.category_of_region.code"),
    ("region-required", "projects", {"region_code": ""}, {"region_code": "1"}, "projects.region_code.required"),
    ("entity-ytunnus", "entities", {"business_id": "0116297-7"}, {"business_id": "0116297-6"}, "entities.business_id.check_digit"),
    ("size-class-enterprise", "entities", {"size_class": ""}, {"size_class": "", "organisation_type": "association"},
     "entities.size_class.required_if_enterprise"),
    ("pwa-exceeds", "entities", {"employees_partial_work_ability": "9"}, {"employees_partial_work_ability": "8"},
     "entities.employees_partial_work_ability.exceeds_employees"),
    ("support-hours-min", "entities", {"support_hours": "-0,5"}, {"support_hours": "0,5"}, "entities.support_hours.min"),
    ("social-enterprise-code", "entities", {"social_enterprise": "yes"}, {"social_enterprise": "WISE"},
     "entities.social_enterprise.code"),
    ("entity-unknown-project", "entities", {"project_code": "S12345"}, {}, "entities.project_code.unknown_project"),
    ("duration-positive", "activities", {"duration_hours": "0"}, {"duration_hours": "0,5"}, "activities.duration_hours.positive"),
    ("attendees-parts", "activities", {"attendees_women": "16"}, {"attendees_women": "15"},
     "activities.attendees_total.parts_exceed_total"),
    ("activity-end-before-start", "activities", {"end_date": "2024-03-04"}, {"end_date": "2024-03-05"},
     "activities.end_date.before_start"),
    ("activity-type-code", "activities", {"activity_type": "party"}, {"activity_type": "Info event"}, "activities.activity_type.code"),
    ("unknown-activity", "feedback", {"activity_id": "A-999"}, {"activity_id": "A-002"}, "feedback.activity_id.unknown_activity"),
    ("activity-of-other-project", "feedback", {"project_code": "S30356"}, {}, "feedback.activity_id.unknown_activity"),
    ("response-before-activity", "feedback", {"response_date": "2024-03-04"}, {"response_date": "2024-03-05"},
     "feedback.response_date.before_activity"),
    ("satisfaction-max", "feedback", {"satisfaction": "6"}, {"satisfaction": "5"}, "feedback.satisfaction.max"),
    ("satisfaction-min", "feedback", {"satisfaction": "0"}, {"satisfaction": "1"}, "feedback.satisfaction.min"),
    ("respondent-pattern", "feedback", {"respondent_id": "R 1"}, {"respondent_id": "R-1"}, "feedback.respondent_id.pattern"),
    ("indicator-unknown", "targets", {"indicator_code": "XX01"}, {"indicator_code": "SE01"}, "targets.indicator_code.unknown"),
    ("scope-format", "targets", {"scope_code": "4.1"}, {"scope_code": "-"}, "targets.scope_code.format"),
    ("scope-project-unknown", "targets", {"scope_type": "project", "scope_code": "S99999"},
     {"scope_type": "project", "scope_code": "S30356"}, "targets.scope_code.unknown_project"),
    ("target-min", "targets", {"target_value": "-1"}, {"target_value": "0"}, "targets.target_value.min"),
    ("target-gender", "targets", {"gender": "x"}, {"gender": "yhteensä"}, "targets.gender.code"),
]


def _file(kind: str, changes) -> bytes:
    base = SAMPLE_ROWS[kind][0]
    rows = [dict(base, **c) for c in changes] if isinstance(changes, list) else [dict(base, **changes)]
    return to_csv(kind, rows)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rule(settings, case):
    _, kind, bad, good, rule_id = case
    severity = all_rules()[rule_id].severity

    report = ingest_bytes(settings, _file(kind, bad), f"{kind}.csv", kind=kind, dry_run=True)
    hits = report.problems.filter(pl.col("rule_id") == rule_id)
    assert hits.height >= 1, report.format_text()
    assert set(hits["severity"]) == {severity}
    assert hits["row_number"].min() == 2
    assert report.exit_code == (1 if severity == "error" else 0)
    if severity == "warning":
        assert report.rejected == 0 and report.warnings >= 1
    column = hits["column_name"][0]
    if column in CONTRACT[kind].column_names and CONTRACT[kind].column(column).sensitive:
        assert hits["value"].is_null().all()
    assert hits["message_fi"][0] and hits["message_en"][0]

    report = ingest_bytes(settings, _file(kind, good), f"{kind}.csv", kind=kind, dry_run=True)
    assert report.problems.filter(pl.col("rule_id") == rule_id).height == 0, report.format_text()


def test_every_sample_row_is_clean(settings):
    for kind in ("projects", "participants", "entities", "activities", "feedback", "targets"):
        report = ingest_bytes(settings, sample_file(kind), f"{kind}.csv", dry_run=True)
        assert report.problems.height == 0, report.format_text()


def test_duplicate_key_rejects_both_rows(settings):
    report = ingest_bytes(settings, _file(P, [{}, {"age_at_entry": "40"}, {"participant_id": "P2"}]), "p.csv")
    dup = report.problems.filter(pl.col("rule_id") == "participants.key.duplicate")
    assert sorted(dup["row_number"].to_list()) == [2, 3]
    assert dup["value"].to_list() == ["S30355/P001", "S30355/P001"]
    assert (report.rejected, report.inserted, report.exit_code) == (2, 1, 1)


def test_sensitive_value_is_never_echoed(settings):
    report = ingest_bytes(settings, _file(P, {"minority": "secret-ish"}), "p.csv", dry_run=True)
    hit = report.problems.filter(pl.col("rule_id") == "participants.minority.format")
    assert hit.height == 1 and hit["value"][0] is None
    assert "secret-ish" not in report.format_text()


def test_rejected_row_keeps_previous_version(settings):
    assert ingest_bytes(settings, _file(P, {}), "p.csv").inserted == 1
    report = ingest_bytes(settings, _file(P, {"age_at_entry": "200"}), "p.csv")
    assert (report.rejected, report.updated, report.exit_code) == (1, 0, 1)
    report = ingest_bytes(settings, _file(P, {}), "p.csv", dry_run=True)
    assert report.unchanged == 1


def test_projects_in_same_upload_feed_participants_only_after_apply(settings):
    rows = [dict(SAMPLE_ROWS[P][0], project_code="S40000")]
    report = ingest_bytes(settings, to_csv(P, rows), "p.csv")
    assert report.rejected == 1
    projects = [dict(SAMPLE_ROWS["projects"][0], project_code="S40000")]
    assert ingest_bytes(settings, to_csv("projects", projects), "projects.csv").inserted == 1
    assert ingest_bytes(settings, to_csv(P, rows), "p.csv").inserted == 1


def test_every_rule_has_messages_in_both_languages():
    for rule_id, text in all_rules().items():
        assert text.severity in ("error", "warning"), rule_id
        assert text.fi.strip() and text.en.strip(), rule_id
        assert text.fi != text.en or rule_id.endswith(".code"), rule_id

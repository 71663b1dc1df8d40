"""The small hand-made ESF+ network the dbt integration tests build a warehouse from: four
projects (one withdrawn) with their participants, organisations, activities, feedback and
targets, each row written to exercise a rule (the EU long-term unemployment rule, withdrawn
rows, records in another region, dates on a cut-off); `EXPECTED_VALUES`, indicator values
computed by hand from it; and `SCOPES`, the scopes the build should report on.
"""

from __future__ import annotations

from typing import Any

from tests.support.dbt_builds import D

def participant(project: str, pid: str, entry: str, gender: str, age: int, status: str, **columns: Any):
    row = {
        "project_code": project,
        "participant_id": pid,
        "entry_date": D(entry),
        "gender": gender,
        "age_at_entry": age,
        "labour_market_status": status,
    }
    for name, value in columns.items():
        row[name] = D(value) if name.endswith("_date") and value else value
    return row


def entity(project: str, business_id: str, support_start: str, organisation_type: str, **columns: Any):
    return {
        "project_code": project,
        "business_id": business_id,
        "organisation_name": f"Organisation {business_id}",
        "organisation_type": organisation_type,
        "support_start_date": D(support_start),
        "support_type": "advisory",
        **columns,
    }


def activity(project: str, activity_id: str, start: str, activity_type: str, target_group: str,
             hours: float, attendees: int, **columns: Any):
    return {
        "project_code": project,
        "activity_id": activity_id,
        "activity_type": activity_type,
        "title": f"Activity {activity_id}",
        "start_date": D(start),
        "duration_hours": hours,
        "target_group": target_group,
        "attendees_total": attendees,
        **columns,
    }


def feedback(project: str, activity_id: str, respondent_id: str, response: str, **columns: Any):
    return {
        "project_code": project,
        "activity_id": activity_id,
        "respondent_id": respondent_id,
        "response_date": D(response),
        **columns,
    }


def target(scope_type: str, scope_code: str, indicator: str, target_date: str, value: float,
           gender: str | None = "total", **columns: Any) -> dict[str, Any]:
    return {
        "scope_type": scope_type,
        "scope_code": scope_code,
        "indicator_code": indicator,
        "target_date": D(target_date),
        "target_value": value,
        "gender": gender,
        **columns,
    }


def project(code: str, so: str, region: str, **columns: Any) -> dict[str, Any]:
    return {
        "project_code": code,
        "project_name": f"Project {code}",
        "lead_organisation": "Lead Oy",
        "specific_objective": so,
        "priority": "4",
        "region_code": region,
        "start_date": D("2023-09-01"),
        "end_date": D("2027-08-31"),
        **columns,
    }


SMALL_DATA: dict[str, list[dict[str, Any]]] = {
    "projects": [
        project("S10001", "4.1", "MK01"),
        project("S10002", "4.1", "MK02", withdrawn=False),
        project("S20001", "4.2", "MK12", category_of_region="transition"),
        project("S30001", "4.3", "MK19", withdrawn=True),
    ],
    "participants": [
        # S10001
        participant(
            "S10001", "p1", "2024-03-01", "woman", 24, "unemployed", unemployment_months=7,
            education_isced=2, exit_date="2024-09-15", exit_job_searching=False,
            exit_in_education=False, exit_qualification=False, exit_employed=True,
            followup_date="2025-03-10", followup_employed=True,
        ),
        participant(
            "S10001", "p2", "2024-06-30", "man", 30, "employed", education_isced=5,
            disability="yes", partial_work_ability="yes", exit_date="2024-12-31",
            exit_job_searching=False, exit_in_education=False, exit_qualification=True,
            exit_employed=True, followup_date="2025-06-30", followup_employed=True,
            followup_improved=True,
        ),
        # lives in Varsinais-Suomi: counts in region MK02, not in the project's MK01
        participant(
            "S10001", "p3", "2024-07-01", "non_binary", 55, "inactive", minority="declined",
            partial_work_ability="declined", region_code="MK02",
        ),
        participant("S10001", "p4", "2024-02-01", "woman", 17, "inactive", withdrawn=True),
        # S10002
        participant(
            "S10002", "p1", "2025-01-02", "woman", 25, "unemployed", unemployment_months=13,
            education_isced=3, third_country_national=True, foreign_background=True,
            exit_date="2025-05-05", exit_job_searching=True, exit_in_education=False,
            exit_qualification=False, exit_employed=False,
        ),
        participant(
            "S10002", "p5", "2025-06-30", "man", 29, "unemployed", unemployment_months=12,
            homeless=True, rural_area=True, withdrawn=False,
        ),
        # S20001
        participant("S20001", "q1", "2025-07-01", "woman", 18, "employed"),
        participant("S20001", "q2", "2024-10-10", "man", 40, "unemployed", unemployment_months=24),
        # withdrawn project
        participant("S30001", "x1", "2024-01-10", "woman", 40, "unemployed", unemployment_months=30),
    ],
    "entities": [
        entity("S10001", "0116297-6", "2024-05-01", "enterprise", size_class="micro", social_enterprise="mark",
               newly_founded=True, employees=10, employees_partial_work_ability=2),
        entity("S10001", "0201256-6", "2024-08-01", "public_administration", region_code="MK02"),
        # the same organisation in another project counts again there (in its own region MK01,
        # not in S10002's MK02)
        entity("S10002", "0116297-6", "2025-02-01", "enterprise", size_class="micro", newly_founded=True,
               employees=10, employees_partial_work_ability=1, region_code="MK01"),
        entity("S10002", "1572860-0", "2025-03-01", "enterprise", size_class="large", social_enterprise="wise",
               employees_partial_work_ability=5, withdrawn=True),
        entity("S30001", "0116297-6", "2024-05-01", "public_administration"),
    ],
    "activities": [
        # held in Pohjois-Karjala (MK12); its feedback counts there too
        activity("S10001", "a1", "2024-06-30", "training", "business_services", 6.5, 12,
                 attendees_women=5, attendees_men=4, region_code="MK12"),
        # online, no region: the project's MK01
        activity("S10001", "a2", "2024-09-01", "webinar", "employment_services", 1.25, 30,
                 attendees_women=10, attendees_men=10, attendees_non_binary=1, delivery_mode="online"),
        activity("S10001", "a3", "2025-01-15", "network_event", "other", 3, 40),
        activity("S10001", "a4", "2024-03-01", "training", "business_services", 100, 100, withdrawn=True),
        activity("S20001", "b1", "2025-07-01", "training", "social_enterprises", 2, 8),
    ],
    "feedback": [
        feedback("S10001", "a1", "r1", "2024-07-01", satisfaction=5, competence_before=2, competence_after=4),
        feedback("S10001", "a1", "r2", "2024-07-02", satisfaction=4, competence_before=3, competence_after=3),
        feedback("S10001", "a1", "r3", "2024-07-03", satisfaction=4),
        feedback("S10001", "a1", "r4", "2024-07-03", satisfaction=1, withdrawn=True),
        feedback("S10001", "a2", "r1", "2025-01-10", satisfaction=2, competence_before=1, competence_after=3),
        # on a withdrawn activity
        feedback("S10001", "a4", "r1", "2024-03-02", satisfaction=1, competence_before=5, competence_after=1),
    ],
    "targets": [
        # the programme: a milestone and a final target (gender empty = total)
        target("programme", "-", "EECO01", "2024-12-31", 4, gender=None),
        target("programme", "-", "EECO01", "2025-12-31", 8),
        target("project", "S20001", "EECO01", "2025-12-31", 10),
        target("programme", "-", "SE12", "2025-12-31", 4.0),
        # withdrawn: no target
        target("project", "S10001", "EECO01", "2025-12-31", 100, withdrawn=True),
        # of the withdrawn project: kept in dim_targets, matches no value (a warning)
        target("project", "S30001", "EECO01", "2025-12-31", 5),
    ],
}

# (cutoff, scope_type, scope_code, indicator, gender) -> value, computed by hand from SMALL_DATA
# with the EU long-term unemployment rule.
EXPECTED_VALUES = {
    # EECO01: p1 (2024-03-01) and p2 (on the cut-off) by 2024-06-30; p3 and q2 by 2024-12-31;
    # S10002's p1 and p5 (on the cut-off) by 2025-06-30; q1 (2025-07-01) after the last cut-off.
    ("2024-06-30", "programme", "-", "EECO01", "total"): 2,
    ("2024-12-31", "programme", "-", "EECO01", "total"): 4,
    ("2025-06-30", "programme", "-", "EECO01", "total"): 6,
    ("2025-06-30", "programme", "-", "EECO01", "woman"): 2,
    ("2025-06-30", "programme", "-", "EECO01", "man"): 3,
    ("2025-06-30", "programme", "-", "EECO01", "non_binary"): 1,
    ("2025-06-30", "project", "S10001", "EECO01", "total"): 3,
    ("2025-06-30", "project", "S10002", "EECO01", "total"): 2,
    ("2025-06-30", "specific_objective", "4.1", "EECO01", "total"): 5,
    ("2025-06-30", "project", "S20001", "EECO01", "total"): 1,
    ("2025-06-30", "specific_objective", "4.2", "EECO01", "total"): 1,
    # EECO02 / EECO03: p1 (24 y, 7 months: long-term), q2 (40 y, 24 months: long-term),
    # S10002's p1 (25 y, 13 months: long-term), p5 (29 y, 12 months: not long-term under EU).
    ("2024-06-30", "programme", "-", "EECO02", "total"): 1,
    ("2025-06-30", "programme", "-", "EECO02", "total"): 4,
    ("2024-06-30", "programme", "-", "EECO03", "total"): 1,
    ("2024-12-31", "programme", "-", "EECO03", "total"): 2,
    ("2025-06-30", "programme", "-", "EECO03", "total"): 3,
    ("2025-06-30", "programme", "-", "EECO03", "man"): 1,
    ("2025-06-30", "programme", "-", "EECO04", "total"): 1,
    ("2025-06-30", "programme", "-", "EECO05", "total"): 1,
    # ages 24, 30, 55, 25, 29, 40 (17-year-old p4 withdrawn, 18-year-old q1 too late)
    ("2025-06-30", "programme", "-", "EECO06", "total"): 0,
    ("2025-06-30", "programme", "-", "EECO07", "total"): 3,
    ("2025-06-30", "programme", "-", "EECO08", "total"): 1,
    # ISCED 2, 5, missing, 3, missing, missing
    ("2025-06-30", "programme", "-", "EECO09", "total"): 1,
    ("2025-06-30", "programme", "-", "EECO10", "total"): 1,
    ("2025-06-30", "programme", "-", "EECO11", "total"): 1,
    # disability yes (p2); minority declined (p3) does not count
    ("2024-06-30", "programme", "-", "EECO12", "man"): 1,
    ("2025-06-30", "programme", "-", "EECO15", "total"): 0,
    ("2025-06-30", "programme", "-", "EECO13", "woman"): 1,
    ("2025-06-30", "programme", "-", "EECO14", "total"): 1,
    ("2025-06-30", "programme", "-", "EECO16", "total"): 1,
    ("2025-06-30", "programme", "-", "EECO17", "total"): 1,
    # upon leaving: p1 (2024-09-15) and p2 (2024-12-31, on the cut-off) employed; S10002's p1
    # job searching (2025-05-05); p2 qualification
    ("2024-06-30", "programme", "-", "EECR04", "total"): 0,
    ("2024-12-31", "programme", "-", "EECR04", "total"): 2,
    ("2025-06-30", "programme", "-", "EECR01", "total"): 1,
    ("2025-06-30", "programme", "-", "EECR02", "total"): 0,
    ("2025-06-30", "programme", "-", "EECR03", "man"): 1,
    # six months after: p1 (2025-03-10) and p2 (2025-06-30) employed; p2 employed at entry, improved
    ("2024-12-31", "programme", "-", "EECR05", "total"): 0,
    ("2025-06-30", "programme", "-", "EECR05", "total"): 2,
    ("2025-06-30", "programme", "-", "EECR06", "man"): 1,
    # partial work ability: p2 yes (entry on the cut-off, employed upon leaving); p3 declined
    ("2024-06-30", "programme", "-", "SE04", "total"): 1,
    ("2024-06-30", "programme", "-", "SE05", "total"): 0,
    ("2024-12-31", "programme", "-", "SE05", "total"): 1,
    ("2025-06-30", "project", "S10001", "SE04", "non_binary"): 0,
    # organisations, once per project key from support_start_date: a micro social enterprise
    # (mark, newly founded) in S10001 and again in S10002 (not a social enterprise there);
    # a public administration; a withdrawn large enterprise and one in a withdrawn project
    ("2024-06-30", "programme", "-", "EECO19", "total"): 1,
    ("2025-06-30", "programme", "-", "EECO19", "total"): 2,
    ("2025-06-30", "specific_objective", "4.1", "EECO19", "total"): 2,
    ("2025-06-30", "project", "S10002", "EECO19", "total"): 1,
    ("2024-06-30", "programme", "-", "EECO18", "total"): 0,
    ("2024-12-31", "programme", "-", "EECO18", "total"): 1,
    ("2025-06-30", "programme", "-", "SE01", "total"): 1,
    ("2025-06-30", "programme", "-", "SE02", "total"): 2,
    ("2025-06-30", "programme", "-", "SE03", "total"): 1,
    ("2024-12-31", "programme", "-", "SE06", "total"): 2,
    ("2025-06-30", "programme", "-", "SE06", "total"): 3,
    # activities from start_date: a1 training (on the cut-off), a2 webinar, a3 network event;
    # a4 withdrawn; b1 after the last cut-off
    ("2024-06-30", "programme", "-", "SE07", "total"): 1,
    ("2025-06-30", "programme", "-", "SE07", "total"): 1,
    ("2025-06-30", "programme", "-", "SE08", "total"): 6.5,
    ("2024-06-30", "programme", "-", "SE09", "total"): 12,
    ("2024-12-31", "programme", "-", "SE09", "total"): 42,
    ("2024-12-31", "programme", "-", "SE10", "total"): 0,
    ("2025-06-30", "programme", "-", "SE10", "total"): 1,
    ("2024-06-30", "programme", "-", "SE11", "total"): 12,
    ("2024-06-30", "programme", "-", "SE11", "woman"): 5,
    ("2024-06-30", "programme", "-", "SE11", "non_binary"): 0,
    ("2025-06-30", "programme", "-", "SE11", "total"): 82,
    ("2025-06-30", "programme", "-", "SE11", "woman"): 15,
    ("2025-06-30", "programme", "-", "SE11", "man"): 14,
    ("2025-06-30", "programme", "-", "SE11", "non_binary"): 1,
    # feedback means from response_date: (5 + 4 + 4) / 3, then (5 + 4 + 4 + 2) / 4; competence
    # change (2 + 0) / 2, then (2 + 0 + 2) / 3; withdrawn responses and activities left out
    ("2024-06-30", "programme", "-", "SE12", "total"): None,
    ("2024-12-31", "programme", "-", "SE12", "total"): 4.33,
    ("2025-06-30", "programme", "-", "SE12", "total"): 3.75,
    ("2025-06-30", "project", "S10001", "SE12", "total"): 3.75,
    ("2025-06-30", "project", "S20001", "SE12", "total"): None,
    ("2024-12-31", "programme", "-", "SE13", "total"): 1.0,
    ("2025-06-30", "programme", "-", "SE13", "total"): 1.33,
    # regions: each record in its own region, else its project's (S10001 MK01, S10002 MK02,
    # S20001 MK12). p1 and p2 in MK01; p3 lives in MK02 with S10002's p1 and p5; q2 in MK12.
    ("2024-12-31", "region", "MK01", "EECO01", "total"): 2,
    ("2024-12-31", "region", "MK02", "EECO01", "total"): 1,
    ("2025-06-30", "region", "MK01", "EECO01", "total"): 2,
    ("2025-06-30", "region", "MK01", "EECO01", "woman"): 1,
    ("2025-06-30", "region", "MK02", "EECO01", "total"): 3,
    ("2025-06-30", "region", "MK02", "EECO01", "non_binary"): 1,
    ("2025-06-30", "region", "MK12", "EECO01", "total"): 1,
    ("2025-06-30", "region", "MK02", "EECR01", "total"): 1,
    # the public administration lies in MK02; the SME counts in MK01 for both its projects
    ("2024-12-31", "region", "MK02", "EECO18", "total"): 1,
    ("2024-12-31", "region", "MK01", "EECO18", "total"): 0,
    ("2025-06-30", "region", "MK01", "EECO19", "total"): 2,
    ("2025-06-30", "region", "MK02", "EECO19", "total"): 0,
    ("2025-06-30", "region", "MK01", "SE06", "total"): 3,
    # a1 (12 attendees) in MK12; the online a2 (30) and a3 (40) in S10001's MK01
    ("2025-06-30", "region", "MK12", "SE11", "total"): 12,
    ("2025-06-30", "region", "MK12", "SE11", "woman"): 5,
    ("2025-06-30", "region", "MK01", "SE11", "total"): 70,
    ("2025-06-30", "region", "MK02", "SE11", "total"): 0,
    # feedback in its activity's region: a1's (5, 4, 4; changes 2, 0) in MK12, a2's in MK01
    ("2025-06-30", "region", "MK12", "SE12", "total"): 4.33,
    ("2025-06-30", "region", "MK01", "SE12", "total"): 2.0,
    ("2025-06-30", "region", "MK02", "SE12", "total"): None,
    ("2025-06-30", "region", "MK12", "SE13", "total"): 1.0,
    ("2025-06-30", "region", "MK01", "SE13", "total"): 2.0,
}

SCOPES = {
    ("programme", "-"),
    ("specific_objective", "4.1"),
    ("specific_objective", "4.2"),
    ("project", "S10001"),
    ("project", "S10002"),
    ("project", "S20001"),
    ("region", "MK01"),
    ("region", "MK02"),
    ("region", "MK12"),
}

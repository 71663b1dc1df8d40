"""End-to-end tests of the dbt project (dbt_project/): `dbt build` on an empty warehouse and on a
small hand-made one; indicator values (every scope, regions included), targets and achievement,
and the evaluation marts checked against hand-computed values; and proof that each consistency
test of indicators.md (rules 1-6 blocking, rule 7 a warning) catches a violation of its rule.

Every test works in its own temporary IMPACT_HOME; dbt runs as a subprocess of the venv's dbt
with its own target and log paths, so parallel runs do not collide. Each dbt call costs about
3 s before any work, so the module makes three: build (empty, with the unit tests), build (small
data, data tests only), test (a violated copy, consistency tests only).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from indicators.contract import KINDS
from indicators.ledger_schema import create_table_sql, create_uploads_table_sql
from pipelines.warehouse.raw_tables import SUMMARY_TABLES, create_summary_table_sql

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
DBT_EXECUTABLE = Path(sys.executable).parent / "dbt"
AS_OF_DATE = "2025-06-15"  # the cut-off series then runs to 2025-06-30

pytestmark = pytest.mark.slow

D = dt.date.fromisoformat


# ---------------------------------------------------------------------------------------------
# helpers


@dataclass(frozen=True)
class DbtRun:
    returncode: int
    output: str
    results: dict[str, dict[str, Any]]  # node name -> run_results entry

    def status(self, name: str) -> str:
        return self.results[name]["status"]


# dbt reads the warehouse path relative to each home (the working directory), so the profile
# is the same for every run and a run can reuse the previous run's parse (partial parsing
# starts over when the profile's connection details change): about 4 s saved per run.
RELATIVE_WAREHOUSE = Path("warehouse") / "warehouse.duckdb"


def warehouse_path(home: Path) -> Path:
    return home / RELATIVE_WAREHOUSE


def create_raw_warehouse(home: Path, rows: Mapping[str, list[dict[str, Any]]]) -> Path:
    """The raw schema the ingest assets maintain, with the contract's DDL and the given rows."""
    path = warehouse_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists raw")
        for kind in KINDS:
            con.execute(create_table_sql(f"raw.{kind}", kind))
            for row in rows.get(kind, []):
                columns = ", ".join(row)
                placeholders = ", ".join("?" for _ in row)
                con.execute(f"insert into raw.{kind} ({columns}) values ({placeholders})", list(row.values()))
        con.execute(create_uploads_table_sql("raw.uploads"))
        for table in SUMMARY_TABLES:  # the ledger summaries the quality marts read (empty)
            con.execute(create_summary_table_sql(table))
    return path


def run_dbt(home: Path, *args: str, parse_cache: Path) -> DbtRun:
    """dbt `args` on the warehouse of `home`, reusing (and then keeping) the parse in parse_cache."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("IMPACT_", "DBT_"))}
    env |= {"IMPACT_WAREHOUSE": str(RELATIVE_WAREHOUSE), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    target_path = home / "dbt_target"
    target_path.mkdir(exist_ok=True)
    cached_parse = parse_cache / "partial_parse.msgpack"
    if cached_parse.exists():
        shutil.copy(cached_parse, target_path / cached_parse.name)
    command = [
        str(DBT_EXECUTABLE),
        *args,
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(target_path),
        "--log-path", str(home / "dbt_logs"),
        "--vars", json.dumps({"as_of_date": AS_OF_DATE}),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=home)
    if (target_path / cached_parse.name).exists():
        shutil.copy(target_path / cached_parse.name, cached_parse)
    results: dict[str, dict[str, Any]] = {}
    run_results = target_path / "run_results.json"
    if run_results.exists():
        for result in json.loads(run_results.read_text())["results"]:
            # model.esf_impact.<name>, test.esf_impact.<name>.<hash>, unit_test.esf_impact.<model>.<name>
            parts = result["unique_id"].split(".")
            results[parts[3] if parts[0] == "unit_test" else parts[2]] = result
    return DbtRun(done.returncode, done.stdout + done.stderr, results)


def query(warehouse: Path, sql: str, params: list[Any] | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def values_by_cell(warehouse: Path) -> dict[tuple, float | None]:
    rows = query(
        warehouse,
        "select cutoff_date, scope_type, scope_code, indicator_code, gender, value from marts.indicator_values",
    )
    return {tuple(row[:5]): row[5] for row in rows}


def increments(warehouse: Path) -> list[tuple]:
    return query(
        warehouse,
        """
        select scope_type, scope_code, indicator_code, gender, event_date, n, value_sum, aggregation
        from marts.indicator_increments
        """,
    )


def value_at(rows: list[tuple], cutoff: str | dt.date, scope_type: str, scope_code: str, indicator: str, gender: str):
    """A value at an arbitrary cut-off from indicator_increments rows, by the formula of its yml."""
    cutoff = D(cutoff) if isinstance(cutoff, str) else cutoff
    selected = [
        row for row in rows
        if row[:4] == (scope_type, scope_code, indicator, gender) and row[4] <= cutoff
    ]
    n = sum(row[5] for row in selected)
    value_sum = sum(row[6] for row in selected)
    aggregation = selected[0][7] if selected else None
    if aggregation == "mean":
        return mean_rounded(value_sum, n)
    if aggregation == "sum":
        return value_sum
    return n  # count (a mean without rows is absent: the caller compares with None)


def mean_rounded(value_sum: float, n: int) -> float:
    """Half away from zero to 2 decimals, exactly (Python's round() is half to even)."""
    from decimal import ROUND_HALF_UP, Decimal

    return float((Decimal(repr(value_sum)) / Decimal(n)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def r6(value: float) -> float:
    """What the marts keep: half up to 6 decimals (macro round_half_up)."""
    return math.floor(value * 1e6 + 0.5) / 1e6


Z = 1.959964


def wilson(successes: int, n: int) -> tuple[float, float]:
    """The Wilson score 95 % interval, from its textbook form (Wilson 1927; Newcombe 1998)."""
    p = successes / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def days(first: str, second: str) -> int:
    return (D(second) - D(first)).days


# ---------------------------------------------------------------------------------------------
# the small hand-made data set


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


# ---------------------------------------------------------------------------------------------
# fixtures: one dbt build each


@pytest.fixture(scope="module")
def parse_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("dbt_parse_cache")


@pytest.fixture(scope="module")
def empty_build(tmp_path_factory: pytest.TempPathFactory, parse_cache: Path) -> tuple[Path, DbtRun]:
    home = tmp_path_factory.mktemp("empty_home")
    create_raw_warehouse(home, {})
    return home, run_dbt(home, "build", parse_cache=parse_cache)


@pytest.fixture(scope="module")
def small_build(tmp_path_factory: pytest.TempPathFactory, parse_cache: Path) -> tuple[Path, DbtRun]:
    home = tmp_path_factory.mktemp("small_home")
    create_raw_warehouse(home, SMALL_DATA)
    # the unit tests do not read the warehouse: the empty build runs them
    return home, run_dbt(home, "build", "--exclude-resource-type", "unit_test", parse_cache=parse_cache)


@pytest.fixture(scope="module")
def small_warehouse(small_build: tuple[Path, DbtRun]) -> Path:
    home, run = small_build
    assert run.returncode == 0, run.output[-5000:]
    return warehouse_path(home)


def n_indicator_genders(warehouse: Path) -> int:
    """Indicator x gender rows per cut-off and scope: every catalogue indicator (all have a rule)
    with its breakdown ('gender': 4 rows, 'total': 1)."""
    [(from_mart,)] = query(warehouse, "select count(*) from marts.dim_indicator_genders")
    catalogue = (DBT_PROJECT_DIR / "seeds" / "indicator_catalogue.csv").read_text(encoding="utf-8")
    breakdowns = [row["breakdown"] for row in csv.DictReader(io.StringIO(catalogue))]
    assert from_mart == sum(4 if b == "gender" else 1 for b in breakdowns)
    return from_mart


# ---------------------------------------------------------------------------------------------
# tests


def test_build_succeeds_on_an_empty_warehouse(empty_build: tuple[Path, DbtRun]) -> None:
    home, run = empty_build
    assert run.returncode == 0, run.output[-5000:]
    unit_tests = [r for r in run.results.values() if r["unique_id"].startswith("unit_test.")]
    assert unit_tests and all(r["status"] == "pass" for r in unit_tests)
    warehouse = warehouse_path(home)
    assert query(warehouse, "select cutoff_date, is_latest from marts.reporting_cutoffs") == [(D("2025-06-30"), True)]
    assert query(warehouse, "select scope_type, scope_code from marts.dim_scopes") == [("programme", "-")]
    assert query(warehouse, "select count(*) from marts.indicator_increments") == [(0,)]
    aggregation = dict(query(warehouse, "select indicator_code, aggregation from intermediate.int_indicator_rules"))
    values = query(warehouse, "select indicator_code, value from marts.indicator_values")
    assert len(values) == n_indicator_genders(warehouse)
    for indicator, value in values:
        # nothing counts yet: counts and sums are 0, means absent
        assert value == (None if aggregation[indicator] == "mean" else 0), indicator
    # the targets, rule-7 and evaluation marts exist and are empty (or zeros)
    for table in ("dim_targets", "indicator_achievement", "reported_values", "reported_value_decreases",
                  "eval_outcome_rates", "eval_cohorts", "eval_regional_ecosystems"):
        assert query(warehouse, f"select count(*) from marts.{table}") == [(0,)], table
    assert query(warehouse, "select n, mean_change from marts.eval_competence_change") == [(0, None)]
    assert query(warehouse, "select distinct project_sum from marts.eval_distinct_organisations") == [(0,)]


def test_build_succeeds_on_small_data(small_build: tuple[Path, DbtRun]) -> None:
    _, run = small_build
    assert run.returncode == 0, run.output[-5000:]
    # the one warning expected: a target of the withdrawn project S30001 matches no scope
    assert run.status("assert_targets_match_a_scope_and_breakdown") == "warn"
    others = {
        name: r["status"] for name, r in run.results.items()
        # exposures are listed as no-ops
        if name != "assert_targets_match_a_scope_and_breakdown" and not r["unique_id"].startswith("exposure.")
    }
    assert all(status in ("success", "pass") for status in others.values()), [
        (name, status) for name, status in others.items() if status not in ("success", "pass")
    ]
    assert run.status("assert_cumulative_values_never_decrease") == "pass"


def test_reporting_cutoffs_run_from_first_entry_through_as_of(small_warehouse: Path) -> None:
    assert query(small_warehouse, "select cutoff_date from marts.reporting_cutoffs order by 1") == [
        (D("2024-06-30"),), (D("2024-12-31"),), (D("2025-06-30"),),
    ]


def test_scopes_leave_out_the_withdrawn_project(small_warehouse: Path) -> None:
    assert set(query(small_warehouse, "select scope_type, scope_code from marts.dim_scopes")) == SCOPES


def test_indicator_values_match_hand_computed_ones(small_warehouse: Path) -> None:
    values = values_by_cell(small_warehouse)
    for (cutoff, *cell), expected in EXPECTED_VALUES.items():
        assert values[(D(cutoff), *cell)] == expected, (cutoff, *cell)


def test_indicator_values_scaffold_is_complete(small_warehouse: Path) -> None:
    values = values_by_cell(small_warehouse)
    assert len(values) == 3 * len(SCOPES) * n_indicator_genders(small_warehouse)


def test_increments_give_the_value_at_any_cutoff(small_warehouse: Path) -> None:
    rows = increments(small_warehouse)
    # p1, p2 and p3 have entered by 30 September 2024 (not a reporting cut-off)
    assert value_at(rows, "2024-09-30", "programme", "-", "EECO01", "total") == 3
    assert value_at(rows, "2024-09-30", "project", "S10001", "EECO01", "non_binary") == 1
    # q1 entered after the last reporting cut-off: in the increments, in no reporting value
    assert value_at(rows, "2025-07-01", "programme", "-", "EECO01", "total") == 7
    assert value_at(rows, "2025-07-01", "programme", "-", "SE08", "total") == 8.5
    # means at a cut-off between two responses: (5 + 4) / 2
    assert value_at(rows, "2024-07-02", "programme", "-", "SE12", "total") == 4.5
    # the formula reproduces every reporting value
    for (cutoff, *cell), value in values_by_cell(small_warehouse).items():
        computed = value_at(rows, cutoff, *cell)
        if value is None:  # an absent mean
            assert not any(row[:4] == tuple(cell) and row[4] <= cutoff for row in rows), (cutoff, *cell)
        else:
            assert computed == pytest.approx(value, abs=1e-9), (cutoff, *cell)


def test_regions_add_up_to_the_programme(small_warehouse: Path) -> None:
    """Every counted record lies in exactly one region, so the regions of a count or a sum add
    up to the programme (they are still no part of consistency rule 6's project sums)."""
    rows = query(
        small_warehouse,
        """
        select v.cutoff_date, v.indicator_code, v.gender,
            sum(case when v.scope_type = 'region' then v.value end),
            sum(case when v.scope_type = 'programme' then v.value end)
        from marts.indicator_values as v
        inner join intermediate.int_indicator_rules as r on v.indicator_code = r.indicator_code
        where r.aggregation <> 'mean'
        group by 1, 2, 3
        """,
    )
    assert rows
    for cutoff, indicator, gender, regions, programme in rows:
        assert regions == pytest.approx(programme), (cutoff, indicator, gender)


def test_build_settings_say_which_rule_was_used(small_warehouse: Path) -> None:
    settings = dict(query(small_warehouse, "select setting_name, setting_value from marts.build_settings"))
    assert settings["long_term_unemployment_rule"] == "eu"
    assert settings["as_of_date"] == AS_OF_DATE


def test_targets_in_force(small_warehouse: Path) -> None:
    rows = query(
        small_warehouse,
        """
        select scope_type, scope_code, indicator_code, gender, target_date, target_value,
            previous_target_date, is_latest_target
        from marts.dim_targets order by 1, 2, 3, 5
        """,
    )
    assert rows == [
        ("programme", "-", "EECO01", "total", D("2024-12-31"), 4, None, False),
        ("programme", "-", "EECO01", "total", D("2025-12-31"), 8, D("2024-12-31"), True),
        ("programme", "-", "SE12", "total", D("2025-12-31"), 4.0, None, True),
        ("project", "S20001", "EECO01", "total", D("2025-12-31"), 10, None, True),
        # the withdrawn S10001 target is gone; S30001's stays but has no scope (a warning)
        ("project", "S30001", "EECO01", "total", D("2025-12-31"), 5, None, True),
    ]


def test_achievement_forecast_and_status(small_warehouse: Path) -> None:
    rows = query(
        small_warehouse,
        """
        select cutoff_date, scope_type, scope_code, indicator_code, gender, value, target_date,
            target_value, achievement_pct, forecast_value, forecast_pct, trend_base_date, status
        from marts.indicator_achievement
        """,
    )
    got = {tuple(row[:5]): row[5:] for row in rows}
    # the forecast by hand: value + (value - base) x days(now -> target) / days(base -> now);
    # the programme's base is 2023-12-31 (before the series, all 0), S20001's the last zero
    # cut-off 2024-06-30; in the running half-year "now" is the as-of date 2025-06-15
    f1 = 2 + 2 * days("2024-06-30", "2024-12-31") / days("2023-12-31", "2024-06-30")
    f3 = 6 + 6 * days(AS_OF_DATE, "2025-12-31") / days("2023-12-31", AS_OF_DATE)
    g2 = 1 + 1 * days("2024-12-31", "2025-12-31") / days("2024-06-30", "2024-12-31")
    g3 = 1 + 1 * days(AS_OF_DATE, "2025-12-31") / days("2024-06-30", AS_OF_DATE)
    programme = ("programme", "-", "EECO01", "total")
    s20001 = ("project", "S20001", "EECO01", "total")
    se12 = ("programme", "-", "SE12", "total")
    expected = {
        # the milestone (4 by 2024-12-31) applies up to its date: 2 + 2.02 -> 4.02, on track
        (D("2024-06-30"), *programme): (2, D("2024-12-31"), 4, 50.0, r6(f1), r6(100 * f1 / 4), D("2023-12-31"), "on track"),
        # reached on the milestone date
        (D("2024-12-31"), *programme): (4, D("2024-12-31"), 4, 100.0, 4, 100.0, D("2023-12-31"), "on track"),
        # then the final target, 8 by 2025-12-31: 6 now, forecast 8.24
        (D("2025-06-30"), *programme): (6, D("2025-12-31"), 8, 75.0, r6(f3), r6(100 * f3 / 8), D("2023-12-31"), "on track"),
        (D("2024-06-30"), *s20001): (0, D("2025-12-31"), 10, 0.0, 0, 0.0, None, "off track"),
        (D("2024-12-31"), *s20001): (1, D("2025-12-31"), 10, 10.0, r6(g2), r6(10 * g2), D("2024-06-30"), "off track"),
        (D("2025-06-30"), *s20001): (1, D("2025-12-31"), 10, 10.0, r6(g3), r6(10 * g3), D("2024-06-30"), "off track"),
        # a mean: no responses yet (no status), reached (4.33 >= 4), then 3.75 = 93.75 %: at risk
        (D("2024-06-30"), *se12): (None, D("2025-12-31"), 4.0, None, None, None, None, None),
        (D("2024-12-31"), *se12): (4.33, D("2025-12-31"), 4.0, 108.25, 4.33, 108.25, D("2024-06-30"), "on track"),
        (D("2025-06-30"), *se12): (3.75, D("2025-12-31"), 4.0, 93.75, 3.75, 93.75, D("2024-06-30"), "at risk"),
    }
    assert set(got) == set(expected)  # nothing for the target of the withdrawn project
    for key, row in expected.items():
        assert got[key] == pytest.approx(row), key


def test_outcome_rates_by_group(small_warehouse: Path) -> None:
    rows = query(
        small_warehouse,
        """
        select cutoff_date, group_dimension, group_value, indicator_code, numerator, n, rate,
            wilson_low, wilson_high
        from marts.eval_outcome_rates
        """,
    )
    got = {tuple(row[:4]): row[4:] for row in rows}
    # the reference reproduces Newcombe (1998), Stat Med 17:857, table I
    for (x, n), bounds in {(81, 263): (0.2553, 0.3662), (15, 148): (0.0624, 0.1605),
                           (0, 20): (0.0, 0.1611), (1, 29): (0.0061, 0.1718)}.items():
        assert tuple(round(b, 4) for b in wilson(x, n)) == bounds
    # every rate and interval is the textbook one, kept to 6 decimals
    for key, (numerator, n, rate, low, high) in got.items():
        if n == 0:
            assert (rate, low, high) == (None, None, None), key
        else:
            expected_low, expected_high = wilson(numerator, n)
            assert (rate, low, high) == (r6(numerator / n), r6(expected_low), r6(expected_high)), key
    # at group 'all' the numerators are the programme's result indicators
    values = values_by_cell(small_warehouse)
    for (cutoff, dimension, _, indicator), (numerator, *_) in got.items():
        if dimension == "all":
            assert numerator == values[(cutoff, "programme", "-", indicator, "total")], (cutoff, indicator)
    # by 2025-06-30: leavers p1 (employed), p2 (employed, qualification), S10002's p1 (job
    # searching); followed up p1 and p2 (both employed), of whom p2 was employed at entry
    c = D("2025-06-30")
    assert got[(c, "all", "all", "EECR04")][:2] == (2, 3)
    assert got[(c, "all", "all", "EECR01")][:2] == (1, 3)
    assert got[(c, "all", "all", "EECR05")][:2] == (2, 2)
    assert got[(c, "all", "all", "EECR06")][:2] == (1, 1)
    assert got[(c, "gender", "woman", "EECR04")][:2] == (1, 2)
    assert got[(c, "age_band", "30-54", "EECR03")][:2] == (1, 1)
    assert got[(c, "labour_market_status", "employed", "EECR06")][:2] == (1, 1)
    assert got[(c, "partial_work_ability", "yes", "EECR04")][:2] == (1, 1)
    assert got[(c, "partial_work_ability", "declined", "EECR04")][:2] == (0, 0)  # p3 has not left
    assert got[(c, "partial_work_ability", "unknown", "EECR01")][:2] == (1, 2)
    assert got[(c, "project", "S10002", "EECR01")][:2] == (1, 1)
    assert got[(c, "region", "MK02", "EECR01")][:2] == (1, 1)
    assert got[(D("2024-06-30"), "all", "all", "EECR04")][:2] == (0, 0)
    # each dimension splits the denominator
    for (cutoff, dimension, _, indicator), (_, n, *_) in got.items():
        total = sum(v[1] for k, v in got.items() if k[0] == cutoff and k[1] == dimension and k[3] == indicator)
        assert total == got[(cutoff, "all", "all", indicator)][1], (cutoff, dimension, indicator)


def test_competence_change_with_its_interval(small_warehouse: Path) -> None:
    rows = query(
        small_warehouse,
        "select cutoff_date, scope_type, scope_code, n, mean_change, sd, t_critical, ci_low, ci_high "
        "from marts.eval_competence_change",
    )
    got = {tuple(row[:3]): row[3:] for row in rows}
    # changes 2 and 0 (a1, MK12) by 2024-12-31, then 2 (a2, MK01): mean 4/3, sd sqrt(4/3),
    # t(0.975, 2) = 4.302653 (Student t, from the seed)
    mean, sd, t = 4 / 3, math.sqrt(4 / 3), 4.302652730
    half = t * sd / math.sqrt(3)
    assert got[(D("2025-06-30"), "programme", "-")] == pytest.approx(
        (3, r6(mean), r6(sd), r6(t), r6(mean - half), r6(mean + half))
    )
    assert got[(D("2025-06-30"), "region", "MK01")] == (1, 2.0, None, None, None, None)
    assert got[(D("2024-06-30"), "programme", "-")] == (0, None, None, None, None, None)
    # rounded half away from zero to 2 decimals it is SE13
    values = values_by_cell(small_warehouse)
    for (cutoff, scope_type, scope_code), (n, mean_change, *_) in got.items():
        se13 = values[(cutoff, scope_type, scope_code, "SE13", "total")]
        assert se13 == (None if n == 0 else mean_rounded(mean_change * n, n)), (cutoff, scope_type, scope_code)


def test_cohorts_by_entry_half_year(small_warehouse: Path) -> None:
    rows = query(
        small_warehouse,
        "select entry_half_year, indicator_code, cutoff_date, participants, leavers, followed_up, numerator, n "
        "from marts.eval_cohorts",
    )
    got = {row[:2]: row[2:] for row in rows}
    # 2024-H1: p1, p2 (both left employed, followed up); 2024-H2: p3, q2 (still in);
    # 2025-H1: S10002's p1 (left job searching) and p5; q1 entered after the latest cut-off
    c = D("2025-06-30")
    assert got[("2024-H1", "EECR04")] == (c, 2, 2, 2, 2, 2)
    assert got[("2024-H1", "EECR06")] == (c, 2, 2, 2, 1, 1)
    assert got[("2024-H2", "EECR01")] == (c, 2, 0, 0, 0, 0)
    assert got[("2025-H1", "EECR01")] == (c, 2, 1, 0, 1, 1)
    assert len(got) == 3 * 6
    [(eeco01,)] = query(
        small_warehouse,
        "select value from marts.indicator_values where cutoff_date = ? and scope_type = 'programme' "
        "and indicator_code = 'EECO01' and gender = 'total'", [c],
    )
    assert sum(v[1] for k, v in got.items() if k[1] == "EECR01") == eeco01


def test_distinct_organisations_beside_project_sums(small_warehouse: Path) -> None:
    rows = query(
        small_warehouse,
        "select cutoff_date, scope_type, scope_code, organisation_group, project_sum, "
        "distinct_organisations, in_several_projects from marts.eval_distinct_organisations",
    )
    got = {tuple(row[:4]): row[4:] for row in rows}
    c = D("2025-06-30")
    # the micro SME 0116297-6 is supported by S10001 (a social enterprise, mark) and S10002
    assert got[(c, "programme", "-", "EECO19")] == (2, 1, 1)
    assert got[(c, "programme", "-", "all")] == (3, 2, 1)
    assert got[(c, "programme", "-", "SE02")] == (2, 1, 1)
    assert got[(c, "programme", "-", "SE01")] == (1, 1, 0)
    assert got[(c, "region", "MK01", "EECO19")] == (2, 1, 1)
    assert got[(c, "region", "MK02", "EECO18")] == (1, 1, 0)
    assert got[(c, "specific_objective", "4.2", "all")] == (0, 0, 0)
    # the sums are the indicators
    values = values_by_cell(small_warehouse)
    for (cutoff, scope_type, scope_code, group), (project_sum, *_) in got.items():
        if group != "all":
            assert project_sum == values[(cutoff, scope_type, scope_code, group, "total")]

    ecosystems = query(
        small_warehouse,
        "select region_code, region_name, organisation_type, organisations, social_enterprises, newly_founded "
        "from marts.eval_regional_ecosystems where cutoff_date = ? order by 1, 3", [c],
    )
    assert ecosystems == [
        ("MK01", "Uusimaa", "all", 1, 1, 1),
        ("MK01", "Uusimaa", "enterprise", 1, 1, 1),
        ("MK02", "Varsinais-Suomi", "all", 1, 0, 0),
        ("MK02", "Varsinais-Suomi", "public_administration", 1, 0, 0),
    ]


# The consistency tests of indicators.md, and a violation of each that leaves the other rules
# intact (every level and the total are changed together, unless the rule is about levels):
# test -> (table, cut-off, indicator, genders, scopes, delta). All but rule 7 block the build.
ABOVE_S10001 = [("project", "S10001"), ("specific_objective", "4.1"), ("programme", "-")]
ABOVE_S10002 = [("project", "S10002"), ("specific_objective", "4.1"), ("programme", "-")]
ABOVE_S20001 = [("project", "S20001"), ("specific_objective", "4.2"), ("programme", "-")]
VIOLATIONS = {
    # rule 1: EECO01 = EECO02 + EECO04 + EECO05
    "assert_eeco01_is_sum_of_labour_market_statuses": (
        "indicator_values", "2025-06-30", "EECO02", ["woman", "total"], ABOVE_S10001, +1,
    ),
    # rule 2: EECO03 <= EECO02 (S20001 has one unemployed man, long-term)
    "assert_eeco03_within_eeco02": (
        "indicator_values", "2025-06-30", "EECO03", ["man", "total"], ABOVE_S20001, +1,
    ),
    # rule 3: each of EECO12-17 <= EECO01 (S10002 has one man, homeless)
    "assert_groups_within_eeco01": (
        "indicator_values", "2025-06-30", "EECO16", ["man", "total"], ABOVE_S10002, +3,
    ),
    # rule 4: each result <= its reference output (S10001 has one woman by then)
    "assert_results_within_reference_outputs": (
        "indicator_values", "2025-06-30", "EECR02", ["woman", "total"], ABOVE_S10001, +5,
    ),
    # rule 5: total = woman + man + non_binary (S10002 has one third-country national woman)
    "assert_gender_parts_add_up_to_total": (
        "indicator_values", "2025-06-30", "EECO13", ["total"], ABOVE_S10002, -1,
    ),
    # rule 6: projects sum to their objective (a training more in S10001 alone)
    "assert_project_sums_equal_higher_scopes": (
        "indicator_values", "2025-06-30", "SE07", ["total"], [("project", "S10001")], +1,
    ),
    # rule 7 (a warning): S20001 had reported 6 participants at 2024-12-31, has 1 at
    # 2025-06-30, and no correction upload explains the difference
    "assert_cumulative_values_never_decrease": (
        "reported_values", "2024-12-31", "EECO01", ["total"], [("project", "S20001")], +5,
    ),
}
WARNINGS = {"assert_cumulative_values_never_decrease"}
# The cells each test must report: exactly those its own violation breaks, so no violation
# leaks into another rule's test. At 2025-06-30 (EU rule):
EXPECTED_FAILURES = {
    # EECO02 woman and total at the three levels
    "assert_eeco01_is_sum_of_labour_market_statuses": 6,
    # S20001 and 4.2, man and total (2 > 1); not the programme, where EECO02 has p5 too
    "assert_eeco03_within_eeco02": 4,
    # EECO16 4 > EECO01 for S10002 man (1) and total (2), 4.1 man (2), programme man (3)
    "assert_groups_within_eeco01": 4,
    # EECR02 5 > EECO01 for S10001 woman (1) and total (3), 4.1 woman (2), programme woman (2)
    "assert_results_within_reference_outputs": 4,
    # EECO13 total at the three levels
    "assert_gender_parts_add_up_to_total": 3,
    # 4.1's SE07 against its projects' sum (the programme still sums its objectives)
    "assert_project_sums_equal_higher_scopes": 1,
    # S20001's EECO01 total, 6 reported at 2024-12-31, 1 at 2025-06-30
    "assert_cumulative_values_never_decrease": 1,
}


def test_consistency_tests_catch_violations(
    small_build: tuple[Path, DbtRun], parse_cache: Path, tmp_path: Path
) -> None:
    home, build = small_build
    assert build.returncode == 0, build.output[-5000:]
    scratch = warehouse_path(tmp_path)
    scratch.parent.mkdir(parents=True)
    shutil.copy(warehouse_path(home), scratch)
    with duckdb.connect(str(scratch)) as con:
        for table, cutoff, indicator, genders, scopes, delta in VIOLATIONS.values():
            for gender in genders:
                for scope_type, scope_code in scopes:
                    changed = con.execute(
                        f"""
                        update marts.{table} set value = value + ?
                        where cutoff_date = ? and indicator_code = ? and gender = ?
                            and scope_type = ? and scope_code = ?
                        """,
                        [delta, D(cutoff), indicator, gender, scope_type, scope_code],
                    ).fetchall()
                    assert changed == [(1,)], (table, indicator, gender, scope_type, scope_code)

    run = run_dbt(tmp_path, "test", "--select", "tag:consistency", parse_cache=parse_cache)

    assert run.returncode != 0
    # every consistency test ran, and each reports exactly the cells its violation breaks
    assert set(run.results) == set(VIOLATIONS)
    for name in VIOLATIONS:
        assert run.status(name) == ("warn" if name in WARNINGS else "fail"), name
        assert run.results[name]["failures"] == EXPECTED_FAILURES[name], name
    [decrease] = query(
        scratch,
        "select scope_code, previous_value, value, value_source, is_explained from marts.reported_value_decreases",
    )
    assert decrease == ("S20001", 6, 1, "current", False)


def test_row_checks_catch_violations(small_build: tuple[Path, DbtRun], parse_cache: Path, tmp_path: Path) -> None:
    """A model's row checks (one row_checks test, tests/generic/row_checks.sql) report each
    broken check once: a duplicated key, a value outside its accepted values, a missing value
    where one is required, a value its referenced model does not have; the checks whose `where`
    leaves a row out ignore it."""
    home, build = small_build
    assert build.returncode == 0, build.output[-5000:]
    scratch = warehouse_path(tmp_path)
    scratch.parent.mkdir(parents=True)
    shutil.copy(warehouse_path(home), scratch)
    with duckdb.connect(str(scratch)) as con:
        con.execute("""
            insert into marts.indicator_values
            select * from marts.indicator_values
            where scope_type = 'programme' and indicator_code = 'EECO01' and gender = 'total'
        """)
        con.execute("update marts.indicator_values set gender = 'all' where scope_type = 'project' and indicator_code = 'EECO02'")
        con.execute("update marts.indicator_values set value = null where indicator_code in ('EECO05', 'SE12')")
        con.execute("""
            update marts.indicator_values set cutoff_date = date '1999-12-31'
            where scope_type = 'programme' and indicator_code = 'EECO04' and gender = 'man'
        """)

    run = run_dbt(tmp_path, "test", "--select", "indicator_values,test_name:row_checks", parse_cache=parse_cache)

    assert run.returncode != 0
    [(name, result)] = run.results.items()
    assert name.startswith("row_checks_indicator_values")
    assert result["status"] == "fail"
    # unique, accepted_values(gender), not_null(value) where not SE12/SE13 and the cut-off not
    # among reporting_cutoffs': four failing checks
    assert result["failures"] == 4

"""End-to-end tests of the dbt project (dbt_project/): `dbt build` on an empty warehouse and on a
small hand-made one, indicator values checked against hand-computed ones, and proof that the
blocking consistency tests (indicators.md rules 1, 2 and 5) fail the build on a violation.

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
        participant(
            "S10001", "p3", "2024-07-01", "non_binary", 55, "inactive", minority="declined",
            partial_work_ability="declined",
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
        entity("S10001", "0201256-6", "2024-08-01", "public_administration"),
        # the same organisation in another project counts again there
        entity("S10002", "0116297-6", "2025-02-01", "enterprise", size_class="micro", newly_founded=True,
               employees=10, employees_partial_work_ability=1),
        entity("S10002", "1572860-0", "2025-03-01", "enterprise", size_class="large", social_enterprise="wise",
               employees_partial_work_ability=5, withdrawn=True),
        entity("S30001", "0116297-6", "2024-05-01", "public_administration"),
    ],
    "activities": [
        activity("S10001", "a1", "2024-06-30", "training", "business_services", 6.5, 12,
                 attendees_women=5, attendees_men=4),
        activity("S10001", "a2", "2024-09-01", "webinar", "employment_services", 1.25, 30,
                 attendees_women=10, attendees_men=10, attendees_non_binary=1),
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
}

SCOPES = {
    ("programme", "-"),
    ("specific_objective", "4.1"),
    ("specific_objective", "4.2"),
    ("project", "S10001"),
    ("project", "S10002"),
    ("project", "S20001"),
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


def test_build_succeeds_on_small_data(small_build: tuple[Path, DbtRun]) -> None:
    _, run = small_build
    assert run.returncode == 0, run.output[-5000:]
    assert all(r["status"] in ("success", "pass") for r in run.results.values()), [
        (name, r["status"]) for name, r in run.results.items() if r["status"] not in ("success", "pass")
    ]


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


# The consistency tests of indicators.md that must block the build, and a violation of each
# that leaves the other rules intact (every level and the total are changed together).
VIOLATIONS = {
    # rule 1: EECO01 = EECO02 + EECO04 + EECO05
    "assert_eeco01_is_sum_of_labour_market_statuses": (
        "EECO02", ["woman", "total"], [("project", "S10001"), ("specific_objective", "4.1"), ("programme", "-")], +1,
    ),
    # rule 2: EECO03 <= EECO02 (S20001 has one unemployed man, long-term)
    "assert_eeco03_within_eeco02": (
        "EECO03", ["man", "total"], [("project", "S20001"), ("specific_objective", "4.2"), ("programme", "-")], +1,
    ),
    # rule 5: total = woman + man + non_binary (S10002 has one third-country national woman)
    "assert_gender_parts_add_up_to_total": (
        "EECO13", ["total"], [("project", "S10002"), ("specific_objective", "4.1"), ("programme", "-")], -1,
    ),
}


def test_consistency_tests_fail_on_violations(
    small_build: tuple[Path, DbtRun], parse_cache: Path, tmp_path: Path
) -> None:
    home, build = small_build
    assert build.returncode == 0, build.output[-5000:]
    scratch = warehouse_path(tmp_path)
    scratch.parent.mkdir(parents=True)
    shutil.copy(warehouse_path(home), scratch)
    with duckdb.connect(str(scratch)) as con:
        for indicator, genders, scopes, delta in VIOLATIONS.values():
            for gender in genders:
                for scope_type, scope_code in scopes:
                    changed = con.execute(
                        """
                        update marts.indicator_values set value = value + ?
                        where cutoff_date = date '2025-06-30' and indicator_code = ? and gender = ?
                            and scope_type = ? and scope_code = ?
                        """,
                        [delta, indicator, gender, scope_type, scope_code],
                    ).fetchall()
                    assert changed == [(1,)]

    run = run_dbt(tmp_path, "test", "--select", "tag:consistency", parse_cache=parse_cache)

    assert run.returncode != 0
    for name in VIOLATIONS:
        assert run.status(name) == "fail", name
        assert run.results[name]["failures"] >= 1
    # each violation trips its own rule only: the other consistency tests still pass
    others = {name for name in run.results if name not in VIOLATIONS}
    assert others, "the other consistency tests ran"
    assert {run.status(name) for name in others} == {"pass"}

"""`dbt build` succeeds on an empty warehouse (unit tests included, every mart empty or zero)
and on the small hand-made network (only the expected warning); the reporting cut-offs, the
scopes and the complete indicator_values scaffold it builds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.dbt_builds import D, DbtRun, n_indicator_genders, query, values_by_cell, warehouse_path
from tests.support.small_network import SCOPES

pytestmark = pytest.mark.slow


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


def test_indicator_values_scaffold_is_complete(small_warehouse: Path) -> None:
    values = values_by_cell(small_warehouse)
    cumulative = {cell: v for cell, v in values.items() if not cell[3].startswith("PS")}
    assert len(cumulative) == 3 * len(SCOPES) * n_indicator_genders(small_warehouse)
    # PS01-PS06 (PS01 with its three gender parts: 9 rows) per project at the one year end
    pact = {cell for cell in values if cell[3].startswith("PS")}
    projects = {code for scope_type, code in SCOPES if scope_type == "project"}
    assert pact == {
        (D("2024-12-31"), "project", project, code, gender)
        for project in projects
        for code, gender in [("PS01", g) for g in ("total", "woman", "man", "non_binary")]
        + [(f"PS0{i}", "total") for i in range(2, 7)]
    }

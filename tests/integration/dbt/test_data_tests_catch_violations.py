"""The dbt data tests catch what they are for: each consistency test of indicators.md (rules
1-6 blocking, rule 7 a warning) reports exactly the cells a violation of its rule breaks, and a
model's row checks report each broken check once. Each test runs `dbt test` on a violated copy
of the small network's warehouse.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.support.dbt_builds import D, DbtRun, query, run_dbt, warehouse_path

pytestmark = pytest.mark.slow


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
    # every consistency test ran, and each of rules 1-7 reports exactly the cells its violation
    # breaks; the funding rules 8-13 (seed-work.md 2.4) have nothing to count here and pass
    assert set(VIOLATIONS) <= set(run.results)
    others = set(run.results) - set(VIOLATIONS)
    assert len(others) == 6 and all(run.status(name) == "pass" for name in others), others
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

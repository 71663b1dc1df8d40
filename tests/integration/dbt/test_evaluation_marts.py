"""The evaluation marts of the small network against hand-computed values: outcome rates by
group with their Wilson intervals, competence change with its t interval, cohorts by entry
half-year, and distinct organisations beside the project sums (with the regional ecosystems).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.support.dbt_builds import D, mean_rounded, query, r6, values_by_cell, wilson

pytestmark = pytest.mark.slow


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

"""The indicator marts of the small network: indicator_values against hand-computed values,
indicator_increments giving the value at any cut-off, regions adding up to the programme, and
build_settings recording the rules the build used.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.dbt_builds import AS_OF_DATE, D, increments, query, value_at, values_by_cell
from tests.support.small_network import EXPECTED_VALUES

pytestmark = pytest.mark.slow


def test_indicator_values_match_hand_computed_ones(small_warehouse: Path) -> None:
    values = values_by_cell(small_warehouse)
    for (cutoff, *cell), expected in EXPECTED_VALUES.items():
        assert values[(D(cutoff), *cell)] == expected, (cutoff, *cell)


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
    # the formula reproduces every reporting value of a counting rule (the Pact's PS values are
    # per calendar year, not cumulative: pact_indicator_values, no increments)
    ruled = {code for (code,) in query(small_warehouse, "select indicator_code from intermediate.int_indicator_rules")}
    for (cutoff, *cell), value in values_by_cell(small_warehouse).items():
        if cell[2] not in ruled:
            assert cell[2].startswith("PS"), cell
            continue
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

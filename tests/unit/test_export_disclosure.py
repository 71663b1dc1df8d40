"""Disclosure control of the public export (docs/indicators.md, "Disclosure control").

The property tests build random small programmes (objectives, SFC rows of different categories
of region, projects, participants by status and gender, a sensitive indicator), run the real
public export shapes on them (build_tables, public=True) and check every public table with
oracles written independently of indicators/disclosure/: exact rational Gaussian elimination
over the relations a reader knows (gender totals, project sums = SFC row = objective =
programme, EECO01 = EECO02 + EECO04 + EECO05), and the attacker of tests/support/attacker.py,
who bounds every suppressed person count of a cut-off's public tables with linear programming
(counts >= 0, EECO12 <= EECO01). A reader of several cut-offs who also uses that values never
fall between them is not yet beaten (issue #14).
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.disclosure.audit import pinned_cells
from indicators.disclosure.cells import COUNT, MEAN, Cell
from indicators.disclosure import protection
from indicators.disclosure.reader import Table, table_rows
from indicators.disclosure.relations import Relation, build_inequalities, build_relations
from indicators.disclosure.suppression import primary_suppression
from indicators.exports.tables import build_tables
from tests.support.attacker import recovered
from tests.support.exports import CUTOFF, GENDERS, SENSITIVE, determined_by_relations, programme_inputs, with_totals

STATUS_CODES = {"unemployed": "EECO02", "inactive": "EECO04", "employed": "EECO05"}
INDICATORS = ("EECO01", "EECO02", "EECO04", "EECO05", "EECO12")


# ---- building a small programme ---------------------------------------------------------------
@st.composite
def programmes(draw):
    """1-2 objectives, each with 1-2 categories of region, each with 1-3 projects; participants
    by labour market status and gender, and a sensitive count no larger than EECO01."""
    projects = []
    small = st.integers(min_value=0, max_value=9)
    for o in range(draw(st.integers(1, 2))):
        categories = draw(st.sampled_from([["more_developed"], ["more_developed", "transition"], ["transition"]]))
        for category in categories:
            for _ in range(draw(st.integers(1, 3))):
                code = f"S{len(projects) + 10001}"
                status = {s: {g: draw(small) for g in GENDERS} for s in STATUS_CODES}
                eeco01 = {g: sum(status[s][g] for s in STATUS_CODES) for g in GENDERS}
                eeco12 = {g: draw(st.integers(0, eeco01[g])) for g in GENDERS}
                counts = {"EECO01": with_totals(eeco01), "EECO12": with_totals(eeco12)}
                for s, c in STATUS_CODES.items():
                    counts[c] = with_totals(status[s])
                projects.append({"code": code, "objective": f"4.{o + 1}", "category": category, "counts": counts})
    return projects


# ---- the oracle ------------------------------------------------------------------------------
def published_cells(tables) -> dict[tuple, tuple[float | None, bool]]:
    """Every number of the public long table and SFC tables: key -> (value, suppressed)."""
    cells = {}
    for r in tables.long.iter_rows(named=True):
        cells[(r["scope_type"], r["scope_code"], r["indicator_code"], r["gender"])] = (r["value"], r["suppressed"])
    for frame in tables.sfc.values():
        for r in frame.iter_rows(named=True):
            row = ("sfc", f"{r['priority']}/{r['specific_objective']}/{r['category_of_region']}")
            for gender, column in (("total", "total"), ("woman", "women"), ("man", "men"), ("non_binary", "non_binary")):
                cells[(*row, r["indicator_code"], gender)] = (r[column], r[f"{column}_suppressed"])
    return cells


def reader_relations(projects: list[dict], codes) -> list[tuple[tuple, list[tuple]]]:
    """(total, members) identities a reader knows, over the published cells."""
    rows: dict[str, list[str]] = defaultdict(list)
    objectives: dict[str, list[str]] = defaultdict(list)
    sfc_of_objective: dict[str, set[str]] = defaultdict(set)
    for p in projects:
        row = f"4/{p['objective']}/{p['category']}"
        rows[row].append(p["code"])
        objectives[p["objective"]].append(p["code"])
        sfc_of_objective[p["objective"]].add(row)
    scopes = [("programme", "-")] + [("specific_objective", o) for o in objectives] + \
        [("project", p["code"]) for p in projects] + [("sfc", r) for r in rows]
    relations = []
    for code in codes:
        for g in ("total", *GENDERS):
            relations.append((("programme", "-", code, g), [("specific_objective", o, code, g) for o in objectives]))
            for o, members in objectives.items():
                relations.append((("specific_objective", o, code, g), [("project", m, code, g) for m in members]))
                relations.append((("specific_objective", o, code, g), [("sfc", r, code, g) for r in sorted(sfc_of_objective[o])]))
            for r, members in rows.items():
                relations.append((("sfc", r, code, g), [("project", m, code, g) for m in members]))
        for scope in scopes:
            relations.append(((*scope, code, "total"), [(*scope, code, g) for g in GENDERS]))
    for scope in scopes:
        for g in ("total", *GENDERS):
            relations.append(((*scope, "EECO01", g), [(*scope, c, g) for c in ("EECO02", "EECO04", "EECO05")]))
    return relations


def true_values(projects) -> dict[tuple, int]:
    values: dict[tuple, int] = defaultdict(int)
    for p in projects:
        row = f"4/{p['objective']}/{p['category']}"
        for code, by_gender in p["counts"].items():
            for g, n in by_gender.items():
                for scope in (("project", p["code"]), ("specific_objective", p["objective"]),
                              ("programme", "-"), ("sfc", row)):
                    values[(*scope, code, g)] += n
    return values


def assert_safe(projects, tables, k: int) -> None:
    cells = published_cells(tables)
    truth = true_values(projects)
    codes = sorted({c for p in projects for c in p["counts"]})
    # every published count is 0 or at least k; sensitive ones at least k; suppressed are empty
    for key, (value, suppressed) in cells.items():
        assert truth[key] == (truth[key] if value is None else value), key
        if suppressed:
            assert value is None, key
            continue
        assert value is not None, key
        if key[2] in SENSITIVE:
            assert value >= k, (key, value)
        else:
            assert value == 0 or value >= k, (key, value)
    # no suppressed cell follows from the published ones through the relations
    relations = [
        (total, members) for total, members in reader_relations(projects, codes)
        if total in cells and all(m in cells for m in members)
    ]
    hidden = sorted(key for key, (_, suppressed) in cells.items() if suppressed)
    assert not determined_by_relations(relations, hidden)
    # nor from the lower bounds a reader knows (a suppressed count is >= 1 unless sensitive)
    for total, members in relations:
        if cells[total][1]:
            continue
        hidden_members = [m for m in members if cells[m][1]]
        if hidden_members:
            hidden_sum = sum(truth[m] for m in hidden_members)
            floor = sum(0 if m[2] in SENSITIVE else 1 for m in hidden_members)
            assert hidden_sum >= k and hidden_sum > floor, (total, hidden_members)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects=programmes(), k=st.sampled_from([3, 5]))
def test_no_public_table_lets_a_suppressed_cell_be_recovered(projects, k):
    tables = build_tables(programme_inputs(projects), CUTOFF, public=True, k=k)
    assert_safe(projects, tables, k)


@settings(max_examples=40, deadline=None)
@given(projects=programmes())
def test_the_official_export_is_exact(projects):
    tables = build_tables(programme_inputs(projects), CUTOFF)
    truth = true_values(projects)
    for key, (value, suppressed) in published_cells(tables).items():
        assert not suppressed and value == truth[key], key


# ---- examples ----------------------------------------------------------------------------------
def _one_project(counts: dict[str, dict[str, int]]) -> list[dict]:
    return [{"code": "S10001", "objective": "4.1", "category": "more_developed",
             "counts": {c: with_totals(v) for c, v in counts.items()}},
            {"code": "S10002", "objective": "4.1", "category": "more_developed",
             "counts": {c: with_totals({"woman": 40, "man": 40, "non_binary": 10}) for c in counts}}]


def _long(tables) -> dict[tuple, tuple]:
    return {(r["scope_code"], r["indicator_code"], r["gender"]): (r["value"], r["suppressed"])
            for r in tables.long.iter_rows(named=True)}


def test_a_non_binary_count_is_not_left_recoverable_from_the_total():
    projects = _one_project({"EECO02": {"woman": 30, "man": 20, "non_binary": 2}})
    out = _long(build_tables(programme_inputs(projects), CUTOFF, public=True, k=5))
    assert out[("S10001", "EECO02", "non_binary")] == (None, True)
    # the smallest other part goes too, so total - women - men gives nothing
    assert out[("S10001", "EECO02", "man")] == (None, True)
    assert out[("S10001", "EECO02", "woman")] == (30, False)
    assert out[("S10001", "EECO02", "total")] == (52, False)


def test_two_small_cells_that_add_up_to_two_are_not_left_alone():
    # woman 1 and man 1 are both primary; 22 - 20 = 2 = 1 + 1 would pin both to 1
    projects = _one_project({"EECO02": {"woman": 1, "man": 1, "non_binary": 20}})
    out = _long(build_tables(programme_inputs(projects), CUTOFF, public=True, k=5))
    hidden = {g for g in ("woman", "man", "non_binary") if out[("S10001", "EECO02", g)][1]}
    assert hidden == {"woman", "man", "non_binary"}


def test_sensitive_zero_is_not_published_and_large_values_are():
    projects = _one_project({"EECO12": {"woman": 0, "man": 12, "non_binary": 0}})
    out = _long(build_tables(programme_inputs(projects), CUTOFF, public=True, k=5))
    assert out[("S10001", "EECO12", "woman")] == (None, True)
    assert out[("S10001", "EECO12", "non_binary")] == (None, True)
    assert out[("S10001", "EECO12", "man")] == (None, True)  # else 12 - 12 shows the zeros
    assert out[("S10001", "EECO12", "total")] == (12, False)


def test_one_project_in_an_objective_hides_the_objective_with_it():
    projects = [{"code": "S10001", "objective": "4.1", "category": "transition",
                 "counts": {"EECO02": with_totals({"woman": 3, "man": 9, "non_binary": 0})}},
                {"code": "S10002", "objective": "4.2", "category": "transition",
                 "counts": {"EECO02": with_totals({"woman": 30, "man": 9, "non_binary": 0})}}]
    tables = build_tables(programme_inputs(projects), CUTOFF, public=True, k=5)
    out = {(r["scope_type"], r["scope_code"], r["gender"]): r["suppressed"]
           for r in tables.long.filter(pl.col("indicator_code") == "EECO02").iter_rows(named=True)}
    assert out[("project", "S10001", "woman")] and out[("specific_objective", "4.1", "woman")]
    assert_safe(projects, tables, 5)


def protect(cells, relations, k, inequalities=()) -> set:
    """One cut-off protected on its own."""
    table = Table(CUTOFF, cells, tuple(relations), tuple(inequalities))
    return set(protection.protect(table, k).suppressed[0])


def pinned(cells, relations, hidden, inequalities=()) -> set:
    table = Table(CUTOFF, cells, tuple(relations), tuple(inequalities))
    rows = table_rows(0, table)
    rows_of = {}
    for r, row in enumerate(rows):
        for var, _ in row.terms:
            rows_of.setdefault(var, []).append(r)
    variables = {(0, c) for c in hidden}
    found, _ = pinned_cells(variables, variables, rows, rows_of, lambda v: cells[v[1]])
    return {v[1] for v in found}


def test_means_of_fewer_than_k_responses_are_suppressed_and_protected_in_the_hierarchy():
    cells = {
        ("programme", "-", "SE12", "total"): Cell(4.0, 13, MEAN),
        ("specific_objective", "4.1", "SE12", "total"): Cell(4.0, 13, MEAN),
        ("project", "S1", "SE12", "total"): Cell(3.0, 3, MEAN),
        ("project", "S2", "SE12", "total"): Cell(4.3, 10, MEAN),
    }
    groupings = [(("programme", "-"), [("specific_objective", "4.1")]),
                 (("specific_objective", "4.1"), [("project", "S1"), ("project", "S2")])]
    relations = build_relations(cells, groupings)
    assert primary_suppression(cells, 5) == {("project", "S1", "SE12", "total")}
    hidden = protect(cells, relations, 5)
    # who knows the response counts could solve S1 from 4.1 and S2: one more is hidden
    assert ("project", "S1", "SE12", "total") in hidden and len(hidden) >= 2
    assert not pinned(cells, relations, hidden)


def test_the_audit_finds_what_the_reader_pins():
    a, b, c = ("p", "a", "X", "total"), ("p", "b", "X", "total"), ("p", "c", "X", "total")
    t = ("p", "t", "X", "total")
    cells = {key: Cell(v, v, COUNT) for key, v in zip((a, b, c, t), (3, 4, 5, 12))}
    relations = [Relation(t, (a, b, c))]
    assert pinned(cells, relations, {a}) == {a}
    assert pinned(cells, relations, {a, b}) == set()
    # two suppressed counts that add up to 2 are both 1: only the lower bounds tell
    cells[a], cells[b], cells[t] = Cell(1, 1, COUNT), Cell(1, 1, COUNT), Cell(7, 7, COUNT)
    assert pinned(cells, relations, {a, b}) == {a, b}


def test_a_sensitive_zero_under_a_published_zero_parent_is_pinned_and_protected():
    """The issue's one-file attack: EECO01 men = 0 pins EECO12 men = 0 (EECO12 <= EECO01)."""
    cells = {("project", "P", "EECO01", g): Cell(v, v, COUNT) for g, v in
             (("total", 20), ("woman", 12), ("man", 0), ("non_binary", 8))}
    cells |= {("project", "P", "EECO12", g): Cell(v, v, COUNT, sensitive=True) for g, v in
              (("total", 6), ("woman", 6), ("man", 0), ("non_binary", 0))}
    relations = build_relations(cells, [])
    inequalities = build_inequalities(cells, {}, relations)
    man = ("project", "P", "EECO12", "man")
    hidden = primary_suppression(cells, 5) | {("project", "P", "EECO12", "woman")}
    assert man in pinned(cells, relations, hidden, inequalities)
    hidden = protect(cells, relations, 5, inequalities)
    assert ("project", "P", "EECO01", "man") in hidden  # the zero parent goes with it
    assert not pinned(cells, relations, hidden, inequalities)


def test_relations_that_do_not_hold_are_not_used():
    # SE11-like: the parts add up to less than the total (unknown gender), so no identity
    cells = {("p", "a", "SE11", g): Cell(v, v, COUNT) for g, v in
             (("total", 30), ("woman", 10), ("man", 12), ("non_binary", 2))}
    assert build_relations(cells, []) == []


def test_threshold_must_be_positive():
    with pytest.raises(ValueError):
        protect({}, [], 0)


def test_regions_are_protected_as_a_partition_of_the_programme():
    """Regions (by the participant's region) are not sums of projects, but they split the
    programme: a region's small count must not be recoverable as programme - other regions."""
    from indicators.exports.tables import scope_groupings

    scopes = pl.DataFrame({
        "scope_type": ["programme", "specific_objective", "project", "project", "region", "region", "region"],
        "scope_code": ["-", "4.1", "S1", "S2", "MK01", "MK11", "MK19"],
        "priority": [None, "4", "4", "4", None, None, None],
        "specific_objective": [None, "4.1", "4.1", "4.1", None, None, None],
        "category_of_region": [None, None, "transition", "transition", None, None, None],
        "region_code": [None, None, "MK01", "MK11", None, None, None],
    })
    values = {("programme", "-"): 40, ("specific_objective", "4.1"): 40, ("project", "S1"): 25,
              ("project", "S2"): 15, ("region", "MK01"): 22, ("region", "MK11"): 14, ("region", "MK19"): 4}
    cells = {(st_, sc, "EECO01", "total"): Cell(v, v, COUNT) for (st_, sc), v in values.items()}
    cells[("sfc_row", "4\x1f4.1\x1ftransition", "EECO01", "total")] = Cell(40, 40, COUNT)
    relations = build_relations(cells, scope_groupings(scopes))
    # programme = regions holds (22 + 14 + 4); a region is never taken for the sum of its projects
    assert any(r.total == ("programme", "-", "EECO01", "total") and r.members[0][0] == "region" for r in relations)
    assert not any(r.total[0] == "region" for r in relations)
    hidden = protect(cells, relations, 5)
    assert ("region", "MK19", "EECO01", "total") in hidden
    assert ("region", "MK11", "EECO01", "total") in hidden  # the smallest other region
    assert ("programme", "-", "EECO01", "total") not in hidden
    assert not pinned(cells, relations, hidden)


# ---- the attacker ------------------------------------------------------------------------------
def assert_the_attacker_recovers_nothing(projects, k: int) -> None:
    export = build_tables(programme_inputs(projects), CUTOFF, public=True, k=k)
    assert not recovered(projects, [export], [true_values(projects)], k)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects=programmes(), k=st.sampled_from([3, 5]))
def test_the_attacker_recovers_no_suppressed_person_cell(projects, k):
    assert_the_attacker_recovers_nothing(projects, k)


def test_the_issue_s_one_file_attack_is_beaten():
    """EECO01 men = 0 in a project with sensitive counts, and an objective whose published
    EECO12 men total would give the other project's small count by subtraction."""
    status = {"EECO02": {"woman": 6, "man": 0, "non_binary": 2}, "EECO04": {"woman": 3, "man": 0, "non_binary": 0},
              "EECO05": {"woman": 4, "man": 0, "non_binary": 0}}
    other = {"EECO02": {"woman": 9, "man": 7, "non_binary": 1}, "EECO04": {"woman": 5, "man": 6, "non_binary": 0},
             "EECO05": {"woman": 8, "man": 9, "non_binary": 0}}
    projects = []
    for code, by_status, eeco12 in (("S10001", status, {"woman": 6, "man": 0, "non_binary": 1}),
                                    ("S10002", other, {"woman": 2, "man": 3, "non_binary": 0})):
        counts = {c: with_totals(v) for c, v in by_status.items()}
        counts["EECO01"] = with_totals({g: sum(by_status[c][g] for c in by_status) for g in GENDERS})
        counts["EECO12"] = with_totals(eeco12)
        projects.append({"code": code, "objective": "4.1", "category": "more_developed", "counts": counts})
    assert_the_attacker_recovers_nothing(projects, 5)


def test_euro_amounts_are_withheld_from_every_public_table():
    """seed-work.md 2.4: euro amounts (SE23, SE24) of fewer than three organisations are never
    public; until the organisations behind a cell are counted, the public shape withholds them
    all, at every scope, while the official export keeps them exact."""
    projects = [{"code": f"S{i}", "objective": "4.1", "category": "transition",
                 "counts": {"EECO01": {"woman": 7, "man": 8}, "SE23": {"woman": 30000 * i, "man": 12000}}}
                for i in (1, 2, 3)]
    inputs = programme_inputs(projects)
    euros = inputs.catalogue.with_columns(
        pl.when(pl.col("indicator_code") == "SE23").then(pl.lit("euros")).otherwise(pl.col("unit")).alias("unit"))
    inputs = type(inputs)(**{**inputs.__dict__, "catalogue": euros})
    public = _long(build_tables(inputs, CUTOFF, public=True, k=5))
    official = _long(build_tables(inputs, CUTOFF))
    se23 = [key for key in official if key[1] == "SE23"]
    assert se23 and official[("-", "SE23", "woman")][0] == 30000 * 6 and official[("-", "SE23", "man")][0] == 36000
    assert all(public[key] == (None, True) for key in se23)
    assert public[("-", "EECO01", "woman")] == (21, False)  # persons as before

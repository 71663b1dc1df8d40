"""The export's shapes as pure functions: targets at a cut-off, SFC rows from projects, the
achievement rate, formula neutralisation, the consistency re-check, the half-year cut-off."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from indicators.exports.safe_text import neutralise
from indicators.exports.tables import achievement_rate, applicable_targets, build_tables
from indicators.calendar import last_closed_cutoff
from pipelines.orchestration.exports.assets import ExportConfig, export_cutoff
from tests.support.exports import CUTOFF, programme_inputs, with_totals


def _targets(rows):
    return pl.DataFrame(
        rows,
        schema={"scope_type": pl.String, "scope_code": pl.String, "indicator_code": pl.String,
                "gender": pl.String, "target_date": pl.Date, "target_value": pl.Float64},
        orient="row",
    )


def test_the_applicable_target_is_the_next_one_else_the_latest():
    targets = _targets([
        ("programme", "-", "EECO01", "total", date(2024, 12, 31), 100.0),
        ("programme", "-", "EECO01", "total", date(2026, 12, 31), 300.0),
        ("programme", "-", "EECO01", "total", date(2025, 12, 31), 200.0),
        ("project", "S1", "EECO01", "total", date(2024, 12, 31), 10.0),
    ])
    at = {(r["scope_code"]): r["target_value"] for r in applicable_targets(targets, date(2025, 6, 30)).iter_rows(named=True)}
    assert at == {"-": 200.0, "S1": 10.0}  # earliest on or after C; else the latest before
    on_the_day = applicable_targets(targets, date(2025, 12, 31))
    assert on_the_day.filter(pl.col("scope_code") == "-")["target_value"].to_list() == [200.0]
    after_all = applicable_targets(targets, date(2027, 6, 30))
    assert after_all.filter(pl.col("scope_code") == "-")["target_value"].to_list() == [300.0]
    assert applicable_targets(targets.clear(), date(2025, 6, 30)).is_empty()


def test_achievement_rate():
    assert achievement_rate(50, 200) == 0.25
    assert achievement_rate(1, 3) == 0.3333
    assert achievement_rate(2, 3) == 0.6667  # half away from zero
    assert achievement_rate(None, 10) is None
    assert achievement_rate(5, 0) is None
    assert achievement_rate(5, None) is None


def _mixed_objective():
    # one objective, projects of two categories of region: SFC rows split it
    counts = lambda w, m, nb: {"EECO01": with_totals({"woman": w, "man": m, "non_binary": nb})}  # noqa: E731
    return [
        {"code": "S10001", "objective": "4.1", "category": "more_developed", "counts": counts(10, 20, 1)},
        {"code": "S10002", "objective": "4.1", "category": "transition", "counts": counts(7, 8, 0)},
        {"code": "S10003", "objective": "4.1", "category": "transition", "counts": counts(5, 6, 2)},
        {"code": "S10004", "objective": "4.2", "category": "transition", "counts": counts(30, 30, 3)},
    ]


def test_sfc_rows_sum_the_projects_of_each_category_of_region():
    tables = build_tables(programme_inputs(_mixed_objective()), CUTOFF)
    rows = {(r["specific_objective"], r["category_of_region"]): r for r in tables.sfc["table6"].iter_rows(named=True)}
    assert set(rows) == {("4.1", "more_developed"), ("4.1", "transition"), ("4.2", "transition")}
    assert (rows[("4.1", "transition")]["total"], rows[("4.1", "transition")]["women"],
            rows[("4.1", "transition")]["non_binary"]) == (28, 12, 2)
    assert rows[("4.1", "more_developed")]["total"] == 31
    assert rows[("4.1", "transition")]["name_en"] == "EECO01 en"
    assert tables.sfc["table10"].is_empty()  # no result indicator in this programme


def test_sfc_targets_from_the_objective_or_from_all_of_its_projects():
    inputs = programme_inputs(_mixed_objective())
    targets = _targets([
        ("specific_objective", "4.2", "EECO01", "total", date(2027, 12, 31), 126.0),
        ("specific_objective", "4.1", "EECO01", "total", date(2027, 12, 31), 999.0),  # split: not used
        ("project", "S10002", "EECO01", "total", date(2027, 12, 31), 20.0),
        ("project", "S10003", "EECO01", "total", date(2027, 12, 31), 36.0),
        ("project", "S10004", "EECO01", "woman", date(2027, 12, 31), 40.0),
    ])
    inputs = type(inputs)(**{**inputs.__dict__, "targets": targets})
    tables = build_tables(inputs, CUTOFF)
    rows = {(r["specific_objective"], r["category_of_region"]): r for r in tables.sfc["table6"].iter_rows(named=True)}
    assert rows[("4.2", "transition")]["target"] == 126.0
    assert rows[("4.2", "transition")]["achievement_rate"] == 0.5
    assert rows[("4.1", "transition")]["target"] == 56.0 and rows[("4.1", "transition")]["achievement_rate"] == 0.5
    assert rows[("4.1", "more_developed")]["target"] is None  # S10001 has no target
    long = {(r["scope_code"], r["gender"]): r for r in tables.long.iter_rows(named=True)}
    assert long[("S10004", "woman")]["target"] == 40.0 and long[("S10004", "woman")]["achievement_rate"] == 0.75
    assert long[("S10004", "woman")]["target_date"] == date(2027, 12, 31)
    # a suppressed value takes its achievement rate with it (target x rate = value)
    public = build_tables(inputs, CUTOFF, public=True, k=5)
    row = {(r["specific_objective"], r["category_of_region"]): r for r in public.sfc["table6"].iter_rows(named=True)}
    assert row[("4.1", "transition")]["target"] == 56.0
    for r in public.long.iter_rows(named=True):
        if r["suppressed"]:
            assert r["value"] is None and r["achievement_rate"] is None


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("-", "-"), ("Kuopio", "Kuopio"), ("", ""), (None, ""), (5, "5"), ("4.1", "4.1"),
])
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


@pytest.mark.parametrize("today, expected", [
    (date(2026, 7, 1), date(2026, 6, 30)),
    (date(2026, 6, 30), date(2025, 12, 31)),  # the half-year has not ended yet
    (date(2027, 1, 1), date(2026, 12, 31)),
    (date(2026, 12, 31), date(2026, 6, 30)),
    (date(2026, 3, 15), date(2025, 12, 31)),
])
def test_last_closed_cutoff(today, expected):
    assert last_closed_cutoff(today) == expected
    assert export_cutoff(ExportConfig(), today) == expected
    assert export_cutoff(ExportConfig(cutoff="2024-06-30"), today) == date(2024, 6, 30)


def test_csv_text_cells_are_neutralised_and_numbers_are_not(tmp_path):
    from pipelines.exports.rows import long_rows, sfc_rows, write_csv

    projects = _mixed_objective()
    inputs = programme_inputs(projects)
    evil = inputs.scopes.with_columns(
        pl.when(pl.col("scope_code") == "S10004").then(pl.lit("=1+1")).otherwise(pl.col("priority")).alias("priority")
    )
    tables = build_tables(type(inputs)(**{**inputs.__dict__, "scopes": evil}), CUTOFF)
    write_csv(tmp_path / "t6.csv", *sfc_rows(tables, "table6"))
    write_csv(tmp_path / "long.csv", *long_rows(tables))
    import csv

    with (tmp_path / "t6.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["priority"] for r in rows} == {"4", "'=1+1"}
    with (tmp_path / "long.csv").open(newline="", encoding="utf-8") as handle:
        long = list(csv.DictReader(handle))
    assert {r["scope_code"] for r in long if r["scope_type"] == "programme"} == {"-"}  # a lone "-" stays

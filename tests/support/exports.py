"""Small programmes for the export tests: hand-made export inputs, the long table read back
from a CSV, and an exact oracle of what a reader can work out from published relations."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from fractions import Fraction
from pathlib import Path

import polars as pl

from indicators.exports.tables import ExportInputs

CUTOFF = date(2025, 12, 31)
GENDERS = ("woman", "man", "non_binary")
SENSITIVE = {"EECO12"}


def read_values(path: Path) -> dict[tuple[str, str, str, str], str]:
    """The long table (indicator_values.csv) as {(scope_type, scope_code, indicator, gender): value}."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows, "the export is empty"
    assert list(rows[0])[:6] == [
        "cutoff_date", "scope_type", "scope_code", "indicator_code", "gender", "value",
    ]
    return {(r["scope_type"], r["scope_code"], r["indicator_code"], r["gender"]): r["value"] for r in rows}


def programme_inputs(projects: list[dict]) -> ExportInputs:
    """ExportInputs for projects given as {code, objective, category, counts: {code: {gender: n}}}."""
    scopes = [{"scope_type": "programme", "scope_code": "-", "scope_name": "Programme", "priority": None,
               "specific_objective": None, "category_of_region": None, "region_code": None,
               "lead_organisation": None}]
    for objective in sorted({p["objective"] for p in projects}):
        scopes.append({"scope_type": "specific_objective", "scope_code": objective,
                       "scope_name": f"SO {objective}", "priority": "4", "specific_objective": objective,
                       "category_of_region": None, "region_code": None, "lead_organisation": None})
    for p in projects:
        scopes.append({"scope_type": "project", "scope_code": p["code"], "scope_name": p.get("name", p["code"]),
                       "priority": "4", "specific_objective": p["objective"],
                       "category_of_region": p["category"], "region_code": "MK01",
                       "lead_organisation": "Org"})
    codes = sorted({c for p in projects for c in p["counts"]})
    increments = []
    sums: dict[tuple, int] = defaultdict(int)
    for p in projects:
        for code, by_gender in p["counts"].items():
            for gender, n in by_gender.items():
                for scope in (("project", p["code"]), ("specific_objective", p["objective"]), ("programme", "-")):
                    sums[(*scope, code, gender)] += n
    for (scope_type, scope_code, code, gender), n in sums.items():
        if n:
            increments.append((scope_type, scope_code, code, gender, CUTOFF, n, float(n), "count"))
    genders = [(c, g, "count") for c in codes for g in ("total", *GENDERS)]
    catalogue = [
        (c, "project_specific" if c.startswith("SE") else "common_output", f"{c} fi", f"{c} sv", f"{c} en",
         "persons", c in SENSITIVE, 0, None)
        for c in codes
    ]
    return ExportInputs(
        scopes=pl.DataFrame(scopes),
        indicator_genders=pl.DataFrame(genders, schema=["indicator_code", "gender", "aggregation"], orient="row"),
        catalogue=pl.DataFrame(
            catalogue,
            schema={"indicator_code": pl.String, "indicator_group": pl.String, "name_fi": pl.String,
                    "name_sv": pl.String, "name_en": pl.String, "unit": pl.String, "sensitive": pl.Boolean,
                    "decimals": pl.Int32, "reference_indicator": pl.String},
            orient="row",
        ),
        increments=pl.DataFrame(
            increments,
            schema={"scope_type": pl.String, "scope_code": pl.String, "indicator_code": pl.String,
                    "gender": pl.String, "event_date": pl.Date, "n": pl.Int64, "value_sum": pl.Float64,
                    "aggregation": pl.String},
            orient="row",
        ),
        targets=pl.DataFrame(schema={"scope_type": pl.String, "scope_code": pl.String,
                                     "indicator_code": pl.String, "gender": pl.String,
                                     "target_date": pl.Date, "target_value": pl.Float64}),
    )


def with_totals(by_gender: dict[str, int]) -> dict[str, int]:
    return {**by_gender, "total": sum(by_gender[g] for g in GENDERS)}


def determined_by_relations(relations, unknown: list[tuple]) -> set[tuple]:
    """Unknowns fixed by the relations: Gauss-Jordan elimination in exact fractions (sparse
    rows), then an unknown is fixed when its pivot row holds nothing else."""
    unknown_set = set(unknown)
    pivot_rows: dict[tuple, dict[tuple, Fraction]] = {}
    for total, members in relations:
        row: dict[tuple, Fraction] = defaultdict(Fraction)
        for cell, sign in [(total, 1), *[(m, -1) for m in members]]:
            if cell in unknown_set:
                row[cell] += sign
        row = {c: v for c, v in row.items() if v}
        for col in [c for c in row if c in pivot_rows]:
            factor = row.get(col, 0)
            if factor:
                for c2, v2 in pivot_rows[col].items():
                    row[c2] = row.get(c2, 0) - factor * v2
                row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        col = max(row)  # another pivot order than the production code's
        lead = row[col]
        row = {c: v / lead for c, v in row.items()}
        for other_col, other in pivot_rows.items():
            factor = other.get(col, 0)
            if factor:
                for c2, v2 in row.items():
                    other[c2] = other.get(c2, 0) - factor * v2
                pivot_rows[other_col] = {c: v for c, v in other.items() if v}
        pivot_rows[col] = row
    return {col for col, row in pivot_rows.items() if len(row) == 1}

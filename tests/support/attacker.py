"""The attacker of the public exports, written apart from indicators/disclosure/: a reader who
holds the public tables of every cut-off and bounds each suppressed person count with linear
programming (scipy's HiGHS), using the sums, counts >= 0 (>= 1 for a suppressed count that is
not sensitive and not 0), EECO12 <= EECO01 and, given the exports of consecutive cut-offs,
values never falling from one to the next (the audit does not beat that reader yet: issue #14)."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
from scipy.optimize import linprog

from tests.support.exports import GENDERS, SENSITIVE

STATUS = ("EECO02", "EECO04", "EECO05")


def published(tables) -> dict[tuple, float | None]:
    """Every number a reader sees in one export (long table and SFC table 6): key -> value."""
    cells = {}
    for r in tables.long.iter_rows(named=True):
        cells[(r["scope_type"], r["scope_code"], r["indicator_code"], r["gender"])] = r["value"]
    for r in tables.sfc["table6"].iter_rows(named=True):
        row = ("sfc", f"{r['priority']}/{r['specific_objective']}/{r['category_of_region']}")
        for gender, column in (("total", "total"), ("woman", "women"), ("man", "men"), ("non_binary", "non_binary")):
            cells[(*row, r["indicator_code"], gender)] = r[column]
    return cells


def reader_knowledge(projects: list[dict], codes) -> tuple[list, list]:
    """(equalities total = sum(members), inequalities part <= whole) over one cut-off's cells."""
    rows, objectives = defaultdict(list), defaultdict(list)
    for p in projects:
        rows[f"4/{p['objective']}/{p['category']}"].append(p["code"])
        objectives[p["objective"]].append(p["code"])
    scopes = [("programme", "-"), *[("specific_objective", o) for o in objectives],
              *[("project", p["code"]) for p in projects], *[("sfc", r) for r in rows]]
    equal, within = [], []
    for code in codes:
        for g in ("total", *GENDERS):
            equal.append((("programme", "-", code, g), [("specific_objective", o, code, g) for o in objectives]))
            for o, members in objectives.items():
                equal.append((("specific_objective", o, code, g), [("project", m, code, g) for m in members]))
                equal.append((("specific_objective", o, code, g),
                              [("sfc", r, code, g) for r in rows if r.split("/")[1] == o]))
            for r, members in rows.items():
                equal.append((("sfc", r, code, g), [("project", m, code, g) for m in members]))
        for scope in scopes:
            equal.append(((*scope, code, "total"), [(*scope, code, g) for g in GENDERS]))
    for scope in scopes:
        for g in ("total", *GENDERS):
            equal.append(((*scope, "EECO01", g), [(*scope, c, g) for c in STATUS]))
            within.append(((*scope, "EECO12", g), (*scope, "EECO01", g)))
    return equal, within


def recovered(projects: list[dict], exports: list, truths: list[dict], k: int) -> list[tuple]:
    """The suppressed person cells the attacker pins: true value 1..k-1, or a sensitive 0."""
    codes = sorted({c for p in projects for c in p["counts"]})
    equal, within = reader_knowledge(projects, codes)
    seen = [published(t) for t in exports]
    unknown = sorted((i, key) for i, cells in enumerate(seen) for key, v in cells.items() if v is None)
    column = {u: j for j, u in enumerate(unknown)}
    a_eq, b_eq, a_ub, b_ub = [], [], [], []

    def term(i, key, sign, row, rhs):
        if (i, key) in column:
            row[column[(i, key)]] += sign
            return rhs
        return rhs - sign * seen[i][key]

    for i, cells in enumerate(seen):
        for total, members in equal:
            if total not in cells or not all(m in cells for m in members):
                continue
            row = np.zeros(len(unknown))
            rhs = term(i, total, 1.0, row, 0.0)
            for m in members:
                rhs = term(i, m, -1.0, row, rhs)
            if row.any():
                a_eq.append(row), b_eq.append(rhs)
        for part, whole in within:
            row = np.zeros(len(unknown))
            rhs = term(i, whole, -1.0, row, term(i, part, 1.0, row, 0.0))
            if row.any():
                a_ub.append(row), b_ub.append(rhs)
        if i:
            for key in cells:
                row = np.zeros(len(unknown))
                rhs = term(i, key, -1.0, row, term(i - 1, key, 1.0, row, 0.0))
                if row.any():
                    a_ub.append(row), b_ub.append(rhs)
    bounds = [(0 if key[2] in SENSITIVE or truths[i][key] == 0 else 1, None) for i, key in unknown]
    found = []
    for (i, key), j in column.items():
        truth = truths[i][key]
        if not (1 <= truth < k or (truth == 0 and key[2] in SENSITIVE)):
            continue
        ends = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(unknown))
            c[j] = sign
            res = linprog(c, A_ub=np.array(a_ub) if a_ub else None, b_ub=b_ub or None,
                          A_eq=np.array(a_eq) if a_eq else None, b_eq=b_eq or None, bounds=bounds, method="highs")
            assert res.status in (0, 3), res.message
            ends.append(None if res.status == 3 else sign * res.fun)
        low, high = ends
        if high is not None and math.ceil(low - 1e-6) == math.floor(high + 1e-6):
            found.append((i, key, truth))
    return found

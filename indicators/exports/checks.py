"""The consistency rules of indicators.md, re-checked on the exact numbers an export writes.

The build already runs them as blocking dbt data tests and publishes nothing when one fails, so
a published snapshot has passed them. Checking again on the values at the export's own cut-off
(which need not be a half-year one) costs milliseconds and lets the manifest state the result
for the very numbers in the files. Rule 7 (values never decrease between cut-offs) compares
exports over time and is not checked here.
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl

GENDERED = ("woman", "man", "non_binary")
EXAMPLES = 5


def _values(long: pl.DataFrame) -> dict[tuple[str, str, str, str], float | None]:
    return {
        (r[0], r[1], r[2], r[3]): r[4]
        for r in long.select("scope_type", "scope_code", "indicator_code", "gender", "value").iter_rows()
    }


def _result(rule: str, description: str, violations: list[str]) -> dict:
    return {
        "rule": rule,
        "description": description,
        "status": "failed" if violations else "passed",
        "violations": len(violations),
        "examples": violations[:EXAMPLES],
    }


def consistency_checks(
    long: pl.DataFrame, scopes: pl.DataFrame, catalogue: pl.DataFrame
) -> list[dict]:
    """Rules 1-6 on the exact long table (scope x indicator x gender at one cut-off)."""
    values = _values(long)
    scope_genders = sorted({(k[0], k[1], k[3]) for k in values})

    def v(scope_type, scope_code, code, gender):
        return values.get((scope_type, scope_code, code, gender))

    def present(*xs):
        return all(x is not None for x in xs)

    out: list[dict] = []
    bad: list[str] = []
    for st, sc, g in scope_genders:
        total, parts = v(st, sc, "EECO01", g), [v(st, sc, c, g) for c in ("EECO02", "EECO04", "EECO05")]
        if present(total, *parts) and total != sum(parts):
            bad.append(f"{st} {sc} {g}: EECO01 {total:g} != {sum(parts):g}")
    out.append(_result("1", "EECO01 = EECO02 + EECO04 + EECO05", bad))

    bad = []
    for st, sc, g in scope_genders:
        a, b = v(st, sc, "EECO03", g), v(st, sc, "EECO02", g)
        if present(a, b) and a > b:
            bad.append(f"{st} {sc} {g}: EECO03 {a:g} > EECO02 {b:g}")
    out.append(_result("2", "EECO03 <= EECO02", bad))

    bad = []
    for st, sc, g in scope_genders:
        base = v(st, sc, "EECO01", g)
        if base is None:
            continue
        for group in (("EECO06", "EECO07", "EECO08"), ("EECO09", "EECO10", "EECO11")):
            parts = [v(st, sc, c, g) for c in group]
            if present(*parts) and sum(parts) > base:
                bad.append(f"{st} {sc} {g}: {'+'.join(group)} {sum(parts):g} > EECO01 {base:g}")
        for code in ("EECO12", "EECO13", "EECO14", "EECO15", "EECO16", "EECO17"):
            x = v(st, sc, code, g)
            if x is not None and x > base:
                bad.append(f"{st} {sc} {g}: {code} {x:g} > EECO01 {base:g}")
    out.append(_result("3", "age bands, ISCED bands and EECO12-EECO17 do not exceed EECO01", bad))

    bad = []
    pairs = [
        (r["indicator_code"], r["reference_indicator"])
        for r in catalogue.iter_rows(named=True)
        if r.get("reference_indicator")
    ] + [("SE03", "SE02"), ("SE03", "SE01")]
    for st, sc, g in scope_genders:
        for code, reference in pairs:
            x, ref = v(st, sc, code, g), v(st, sc, reference, g)
            if present(x, ref) and x > ref:
                bad.append(f"{st} {sc} {g}: {code} {x:g} > {reference} {ref:g}")
    out.append(_result("4", "each result indicator <= its reference output; SE03 <= SE02, SE01", bad))

    bad = []
    by_scope_code: dict[tuple[str, str, str], dict[str, float | None]] = defaultdict(dict)
    for (st, sc, code, g), x in values.items():
        by_scope_code[(st, sc, code)][g] = x
    for (st, sc, code), genders in sorted(by_scope_code.items()):
        if not all(g in genders for g in (*GENDERED, "total")):
            continue
        parts = [genders[g] for g in GENDERED]
        if not present(genders["total"], *parts):
            continue
        if code == "SE11":
            if sum(parts) > genders["total"]:
                bad.append(f"{st} {sc} {code}: parts {sum(parts):g} > total {genders['total']:g}")
        elif sum(parts) != genders["total"]:
            bad.append(f"{st} {sc} {code}: parts {sum(parts):g} != total {genders['total']:g}")
    out.append(_result("5", "total = woman + man + non_binary (SE11: parts <= total)", bad))

    bad = []
    means = set(long.filter(pl.col("aggregation") == "mean")["indicator_code"].unique().to_list())
    objective_of = {
        r["scope_code"]: r["specific_objective"]
        for r in scopes.filter(pl.col("scope_type") == "project").iter_rows(named=True)
    }
    sums: dict[tuple[str, str, str, str], float] = defaultdict(float)
    for (st, sc, code, g), x in values.items():
        if code in means or x is None:
            continue
        if st == "project":
            sums[("specific_objective", objective_of.get(sc), code, g)] += x
        elif st == "specific_objective":
            sums[("programme", "-", code, g)] += x
    for (st, sc, code, g), x in values.items():
        if code in means or st not in ("specific_objective", "programme"):
            continue
        expected = sums.get((st, sc, code, g), 0.0)
        if x is not None and abs(x - expected) > 1e-6:
            bad.append(f"{st} {sc} {code} {g}: {x:g} != sum of parts {expected:g}")
    out.append(_result("6", "project sums = specific objective; objective sums = programme", bad))
    return out


def scope_warnings(scopes: pl.DataFrame) -> list[str]:
    """The build's warning-level rule on scopes, restated: an objective whose projects disagree
    on the priority or the category of region (the SFC rows then split it, see tables.py)."""
    rows = scopes.filter(
        (pl.col("scope_type") == "specific_objective")
        & (pl.col("priority").is_null() | pl.col("category_of_region").is_null())
    )
    return [
        f"specific objective {r['scope_code']}: its projects differ in priority or category of "
        "region; SFC rows split it by the projects' own values"
        for r in rows.sort("scope_code").iter_rows(named=True)
    ]

"""The reporting shapes of indicators.md ("Reporting shapes"), built from the published copy.

- The long table: one row per scope x indicator x gender at the cut-off, with the indicator's
  names and unit, the applicable target and the achievement rate.
- SFC2021 Table 6 (common outputs EECO01-19) and Table 10 (common results EECR01-06): one row
  per priority x specific objective x category of region x indicator, with total, women, men,
  non-binary, target and achievement rate, and SFC's codes for the row (sfc_codes.py). One objective can hold projects of different
  categories of region, so the rows are sums of the *project* values grouped by the projects'
  own (priority, objective, category of region) in dim_scopes, never the objective's row.
- The public variants: the same tables after disclosure control (indicators/disclosure/,
  `public_disclosure`).

Everything here is a pure function of polars frames; pipelines/exports/run.py reads and writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import polars as pl

from indicators.disclosure.cells import COUNT, MEAN, OPEN, Cell, CellKey
from indicators.disclosure.protection import Published, protect
from indicators.disclosure.reader import Table
from indicators.disclosure.relations import build_inequalities, build_relations
from indicators.exports.sfc_codes import with_sfc_codes
from indicators.values_at_cutoff import KEY, values_at_cutoff

GENDERS = ("total", "woman", "man", "non_binary")
# SFC column names per gender (Table 6 and Table 10 say total, women, men, non-binary).
SFC_GENDER_COLUMNS = {"total": "total", "woman": "women", "man": "men", "non_binary": "non_binary"}
SFC_TABLES = {"table6": "common_output", "table10": "common_result"}
SFC_KEY = ["priority", "specific_objective", "category_of_region"]
SFC_ROW = "sfc_row"  # the scope type of an SFC row's cells inside disclosure control
# Units whose counts are about persons: protected by the threshold. Organisations, events and
# hours are not personal data (which organisations a public programme supports is public).
PROTECTED_UNITS = frozenset({"persons", "attendances"})
# Units never in the public shape: euro amounts (SE23, SE24) may be public only where at least
# three organisations are behind the amount (seed-work.md 2.4), and the organisations behind a
# cell are not counted yet, so the public tables withhold every one (the official export and
# the programme's own roles see them).
WITHHELD_UNITS = frozenset({"euros"})
ACHIEVEMENT_DECIMALS = 4
TARGET_KEY = ["scope_type", "scope_code", "indicator_code", "gender"]


@dataclass(frozen=True)
class ExportInputs:
    """What an export reads from one published snapshot."""

    scopes: pl.DataFrame  # dim_scopes
    indicator_genders: pl.DataFrame  # dim_indicator_genders
    catalogue: pl.DataFrame  # the indicator_catalogue seed
    increments: pl.DataFrame  # indicator_increments
    targets: pl.DataFrame  # dim_targets


@dataclass(frozen=True)
class ExportTables:
    cutoff: date
    long: pl.DataFrame
    sfc: dict[str, pl.DataFrame]  # "table6", "table10"
    public: bool = False
    k: int | None = None
    suppressed_cells: int = 0


# ---- targets ---------------------------------------------------------------------------------
def applicable_targets(targets: pl.DataFrame, cutoff: date) -> pl.DataFrame:
    """The target that applies at the cut-off C per scope x indicator x gender (dim_targets:
    withdrawn targets are not in it): the earliest target_date on or after C, else the latest
    one before it."""
    columns = [*TARGET_KEY, "target_date", "target_value"]
    frame = targets.select(columns)
    upcoming = (
        frame.filter(pl.col("target_date") >= cutoff)
        .sort([*TARGET_KEY, "target_date"])
        .group_by(TARGET_KEY, maintain_order=True)
        .first()
    )
    past = (
        frame.filter(pl.col("target_date") < cutoff)
        .sort([*TARGET_KEY, "target_date"])
        .group_by(TARGET_KEY, maintain_order=True)
        .last()
        .join(upcoming.select(TARGET_KEY), on=TARGET_KEY, how="anti")
    )
    return pl.concat([upcoming, past]).sort(TARGET_KEY).select(columns)


def achievement_rate(value: float | None, target: float | None) -> float | None:
    """value / target, rounded half away from zero; absent without a value or a positive target."""
    if value is None or target is None or target <= 0:
        return None
    ratio = Decimal(repr(float(value))) / Decimal(repr(float(target)))
    quantum = Decimal(1).scaleb(-ACHIEVEMENT_DECIMALS)
    return float(ratio.quantize(quantum, rounding=ROUND_HALF_UP))


def _with_achievement(frame: pl.DataFrame, value: str = "value") -> pl.DataFrame:
    rates = [
        achievement_rate(v, t) for v, t in zip(frame[value].to_list(), frame["target"].to_list())
    ]
    return frame.with_columns(pl.Series("achievement_rate", rates, dtype=pl.Float64))


# ---- the long table ------------------------------------------------------------------------
def scaffold(inputs: ExportInputs) -> pl.DataFrame:
    """Every scope x (indicator, gender) the build computes, with the indicator's aggregation."""
    scopes = inputs.scopes.select("scope_type", "scope_code")
    indicators = inputs.indicator_genders.select("indicator_code", "gender", "aggregation")
    return scopes.join(indicators, how="cross")


def catalogue_columns(catalogue: pl.DataFrame) -> pl.DataFrame:
    return catalogue.select(
        "indicator_code", "indicator_group", "name_fi", "name_sv", "name_en", "unit",
        pl.col("sensitive").cast(pl.Boolean).fill_null(False),
        pl.col("decimals").cast(pl.Int64).fill_null(0),
    )


def long_table(inputs: ExportInputs, cutoff: date) -> pl.DataFrame:
    """The exact long table at the cut-off, with catalogue columns, target and achievement."""
    catalogue = catalogue_columns(inputs.catalogue)
    decimals = dict(zip(catalogue["indicator_code"], catalogue["decimals"]))
    values = values_at_cutoff(inputs.increments, scaffold(inputs), cutoff, decimals)
    targets = applicable_targets(inputs.targets, cutoff).rename({"target_value": "target"})
    frame = (
        values.join(catalogue, on="indicator_code", how="left", maintain_order="left")
        .join(targets, on=TARGET_KEY, how="left", maintain_order="left")
    )
    return _with_achievement(frame).with_columns(pl.lit(False).alias("suppressed"))


# ---- SFC2021 tables 6 and 10 ------------------------------------------------------------------
def _project_attributes(scopes: pl.DataFrame) -> pl.DataFrame:
    return scopes.filter(pl.col("scope_type") == "project").select(
        "scope_code", *[pl.col(c).cast(pl.String).fill_null("") for c in SFC_KEY]
    )


def sfc_cells(long: pl.DataFrame, scopes: pl.DataFrame) -> pl.DataFrame:
    """Per SFC row x common indicator x gender: the sum of the row's projects (exact)."""
    projects = long.filter(
        (pl.col("scope_type") == "project")
        & pl.col("indicator_group").is_in(list(SFC_TABLES.values()))
    ).join(_project_attributes(scopes), on="scope_code", how="inner")
    return (
        projects.group_by([*SFC_KEY, "indicator_code", "gender"])
        .agg(
            pl.col("value").sum().alias("value"),
            pl.col("n").sum().alias("n"),
            pl.col("scope_code").sort().alias("projects"),
        )
        .sort([*SFC_KEY, "indicator_code", "gender"])
    )


def sfc_row_code(priority: str, objective: str, category: str) -> str:
    return "\x1f".join((priority, objective, category))


def sfc_targets(
    sfc: pl.DataFrame, scopes: pl.DataFrame, targets: pl.DataFrame
) -> dict[tuple[str, str, str, str], float]:
    """Target per SFC row x indicator (total): the objective's own target when the objective
    is this one row; else the sum of the row's project targets when every project has one."""
    if targets.is_empty():
        return {}
    totals = targets.filter(pl.col("gender") == "total")
    objective_target = {
        (r["scope_code"], r["indicator_code"]): r["target_value"]
        for r in totals.filter(pl.col("scope_type") == "specific_objective").iter_rows(named=True)
    }
    project_target = {
        (r["scope_code"], r["indicator_code"]): r["target_value"]
        for r in totals.filter(pl.col("scope_type") == "project").iter_rows(named=True)
    }
    rows_per_objective = (
        _project_attributes(scopes).unique(SFC_KEY).group_by("specific_objective").len()
    )
    single_row = set(
        rows_per_objective.filter(pl.col("len") == 1)["specific_objective"].to_list()
    )
    out: dict[tuple[str, str, str, str], float] = {}
    for r in sfc.filter(pl.col("gender") == "total").iter_rows(named=True):
        key = (r["priority"], r["specific_objective"], r["category_of_region"], r["indicator_code"])
        objective = r["specific_objective"]
        if objective in single_row and (objective, r["indicator_code"]) in objective_target:
            out[key] = objective_target[(objective, r["indicator_code"])]
            continue
        parts = [project_target.get((p, r["indicator_code"])) for p in r["projects"]]
        if parts and all(p is not None for p in parts):
            out[key] = float(sum(parts))
    return out


def sfc_table(
    cells: pl.DataFrame,
    catalogue: pl.DataFrame,
    group: str,
    targets: dict[tuple[str, str, str, str], float],
    suppressed: set[CellKey] | None = None,
) -> pl.DataFrame:
    """One SFC table (wide by gender) from the SFC cells; suppressed cells become null."""
    suppressed = suppressed or set()
    names = catalogue_columns(catalogue).filter(pl.col("indicator_group") == group)
    rows: dict[tuple, dict] = {}
    for r in cells.join(names.select("indicator_code"), on="indicator_code").iter_rows(named=True):
        key = (r["priority"], r["specific_objective"], r["category_of_region"], r["indicator_code"])
        row = rows.setdefault(key, {})
        cell_key = (SFC_ROW, sfc_row_code(*key[:3]), key[3], r["gender"])
        hidden = cell_key in suppressed
        column = SFC_GENDER_COLUMNS[r["gender"]]
        row[column] = None if hidden else r["value"]
        row[f"{column}_suppressed"] = hidden
    records = []
    for key in sorted(rows):
        row = rows[key]
        target = targets.get(key)
        total_hidden = row.get("total_suppressed", False)
        records.append({
            "priority": key[0], "specific_objective": key[1], "category_of_region": key[2],
            "indicator_code": key[3],
            **{c: row.get(c) for c in SFC_GENDER_COLUMNS.values()},
            "target": target,
            "achievement_rate": None if total_hidden else achievement_rate(row.get("total"), target),
            **{f"{c}_suppressed": row.get(f"{c}_suppressed", False) for c in SFC_GENDER_COLUMNS.values()},
        })
    schema = {
        "priority": pl.String, "specific_objective": pl.String, "category_of_region": pl.String,
        "indicator_code": pl.String,
        **{c: pl.Float64 for c in SFC_GENDER_COLUMNS.values()},
        "target": pl.Float64, "achievement_rate": pl.Float64,
        **{f"{c}_suppressed": pl.Boolean for c in SFC_GENDER_COLUMNS.values()},
    }
    frame = pl.DataFrame(records, schema=schema, orient="row")
    return with_sfc_codes(frame.join(
        names.select("indicator_code", "name_fi", "name_sv", "name_en", "unit"),
        on="indicator_code", how="left", maintain_order="left",
    ))


# ---- disclosure control ----------------------------------------------------------------------
def cell_kind(aggregation: str, unit: str | None) -> str:
    if aggregation == "mean":
        return MEAN
    return COUNT if unit in PROTECTED_UNITS else OPEN


def disclosure_cells(long: pl.DataFrame, sfc: pl.DataFrame) -> dict[CellKey, Cell]:
    """Every number the public export shows, as cells for disclosure control."""
    cells: dict[CellKey, Cell] = {}
    kinds = {}
    for r in long.iter_rows(named=True):
        if r["unit"] in WITHHELD_UNITS:  # not in the public tables at all (build_tables)
            continue
        kind = cell_kind(r["aggregation"], r["unit"])
        kinds[r["indicator_code"]] = (kind, bool(r["sensitive"]))
        n = int(r["n"]) if kind == MEAN else int(round(r["value"] or 0))
        cells[(r["scope_type"], r["scope_code"], r["indicator_code"], r["gender"])] = Cell(
            r["value"], n, kind, bool(r["sensitive"])
        )
    for r in sfc.iter_rows(named=True):
        kind, sensitive = kinds.get(r["indicator_code"], (OPEN, False))
        n = int(r["n"]) if kind == MEAN else int(round(r["value"] or 0))
        code = sfc_row_code(r["priority"], r["specific_objective"], r["category_of_region"])
        cells[(SFC_ROW, code, r["indicator_code"], r["gender"])] = Cell(r["value"], n, kind, sensitive)
    return cells


def scope_groupings(scopes: pl.DataFrame) -> list[tuple[tuple[str, str], list[tuple[str, str]]]]:
    """The additive structure of the scopes, as it holds by construction: programme > objectives >
    SFC rows > projects; objective > projects as well; programme > each other scope type (the
    regions: a participant's region). A region is not the sum of the projects whose region it
    is (participants come from elsewhere too): where that held by chance, a reader could not
    know it (kept by build_relations only where these hold exactly)."""
    programme = ("programme", "-")
    by_type: dict[str, list[dict]] = {}
    for r in scopes.iter_rows(named=True):
        by_type.setdefault(r["scope_type"], []).append(r)
    projects = by_type.get("project", [])
    groupings: list[tuple[tuple[str, str], list[tuple[str, str]]]] = []
    objectives = sorted({r["scope_code"] for r in by_type.get("specific_objective", [])})
    groupings.append((programme, [("specific_objective", o) for o in objectives]))
    rows: dict[str, dict[str, list[str]]] = {}
    for p in projects:
        key = tuple("" if p.get(c) is None else str(p[c]) for c in SFC_KEY)
        rows.setdefault(str(p["specific_objective"]), {}).setdefault(sfc_row_code(*key), []).append(
            p["scope_code"]
        )
    for objective in sorted(rows):
        groupings.append(
            (("specific_objective", objective), [(SFC_ROW, code) for code in sorted(rows[objective])])
        )
        groupings.append((
            ("specific_objective", objective),
            [("project", c) for code in sorted(rows[objective]) for c in rows[objective][code]],
        ))
        for code in sorted(rows[objective]):
            groupings.append(((SFC_ROW, code), [("project", c) for c in sorted(rows[objective][code])]))
    for scope_type in sorted(set(by_type) - {"programme", "specific_objective", "project"}):
        members = sorted(r["scope_code"] for r in by_type[scope_type])
        groupings.append((programme, [(scope_type, m) for m in members]))
    return groupings


def reference_indicators(catalogue: pl.DataFrame) -> dict[str, str]:
    """Indicator -> the indicator it never exceeds (the catalogue's reference_indicator)."""
    rows = catalogue.filter(pl.col("reference_indicator").is_not_null())
    return dict(zip(rows["indicator_code"].to_list(), rows["reference_indicator"].to_list()))


def disclosure_table(inputs: ExportInputs, cutoff: date) -> Table:
    """One cut-off's public numbers and the relations a reader knows between them."""
    long = long_table(inputs, cutoff)
    cells = disclosure_cells(long, sfc_cells(long, inputs.scopes))
    relations = build_relations(cells, scope_groupings(inputs.scopes))
    inequalities = build_inequalities(cells, reference_indicators(inputs.catalogue), relations)
    return Table(cutoff, cells, tuple(relations), tuple(inequalities))


def public_disclosure(inputs: ExportInputs, cutoff: date, k: int) -> Published:
    """The public suppression of the cut-off's tables."""
    return protect(disclosure_table(inputs, cutoff), k)


# ---- the whole export ------------------------------------------------------------------------
def build_tables(
    inputs: ExportInputs, cutoff: date, public: bool = False, k: int = 5,
    disclosure: Published | None = None,
) -> ExportTables:
    """Every table of an export: exact, or after disclosure control when `public` (with the
    cut-off's suppression in `disclosure` when the caller has it already)."""
    long = long_table(inputs, cutoff)
    cells = sfc_cells(long, inputs.scopes)
    targets = applicable_targets(inputs.targets, cutoff)
    row_targets = sfc_targets(cells, inputs.scopes, targets)
    suppressed: frozenset[CellKey] = frozenset()
    if public:
        disclosure = disclosure or public_disclosure(inputs, cutoff, k)
        if disclosure.tables[0].cutoff != cutoff:
            raise ValueError(f"the disclosure is of {disclosure.tables[0].cutoff}, not {cutoff}")
        suppressed = disclosure.suppressed[0]
        hidden = pl.Series(
            "suppressed",
            [
                (r[0], r[1], r[2], r[3]) in suppressed or r[4] in WITHHELD_UNITS
                for r in long.select(*KEY, "unit").iter_rows()
            ],
            dtype=pl.Boolean,
        )
        long = long.with_columns(hidden).with_columns(
            pl.when(pl.col("suppressed")).then(None).otherwise(pl.col("value")).alias("value"),
            pl.when(pl.col("suppressed")).then(None).otherwise(pl.col("achievement_rate")).alias("achievement_rate"),
        )
    sfc = {
        name: sfc_table(cells, inputs.catalogue, group, row_targets, suppressed)
        for name, group in SFC_TABLES.items()
    }
    return ExportTables(
        cutoff=cutoff, long=long, sfc=sfc, public=public, k=k if public else None,
        suppressed_cells=len(suppressed),
    )

"""Small published copies for the dashboard tests, shaped as a build publishes them.

Every table a build publishes is written (pipelines/publish/tables.py: each model of the marts,
each seed, and `uploads`), with the columns, in the order and of the types a build gives it: the
marts' dbt ymls (their contracts are enforced, so a build can publish nothing else), the seeds'
files, the ledger's upload layout (indicators/ledger_schema.py). A test gives the rows of the
tables it is about, by those columns (a column the table does not have is an error); every other
table is empty, as in a home where nothing of its kind was uploaded yet. The indicator catalogue
and the regions are the project's own seeds, so names are the ones users see.

The copy itself is a fake (a few hand-made values), consistent with the indicator rules where a
page could tell: EECO01 is the sum of its parts, results stay within their reference outputs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from functools import cache
from pathlib import Path

import polars as pl
import yaml

from indicators.ledger_schema import UPLOADS_COLUMNS
from tests.support.paths import REPO_ROOT

MARTS = REPO_ROOT / "dbt_project" / "models" / "marts"
SEEDS = REPO_ROOT / "dbt_project" / "seeds"
TYPES = {
    "varchar": pl.String, "date": pl.Date, "double": pl.Float64, "bigint": pl.Int64,
    "integer": pl.Int32, "boolean": pl.Boolean, "timestamp": pl.Datetime("us"),
}

CUTOFFS = (dt.date(2024, 12, 31), dt.date(2025, 6, 30))
LATEST = CUTOFFS[-1]
BUILT_AT = "2025-07-01T08:30:00+03:00"

# Programme values at the latest cut-off (woman, man, non_binary); consistent with the
# indicator rules (EECO01 = EECO02 + EECO04 + EECO05, results ≤ their reference, ...).
PROGRAMME_LATEST: dict[str, tuple[int, int, int]] = {
    "EECO01": (120, 100, 4),
    "EECO02": (60, 55, 2),
    "EECO03": (20, 25, 1),
    "EECO04": (30, 20, 1),
    "EECO05": (30, 25, 1),
    "EECO06": (5, 6, 0),
    "EECO07": (40, 35, 2),
    "EECO08": (15, 12, 0),
    "EECO09": (30, 35, 1),
    "EECO10": (50, 45, 2),
    "EECO11": (40, 20, 1),
    "EECO12": (8, 6, 0),
    "EECO13": (12, 14, 1),
    "EECO14": (25, 22, 1),
    "EECO15": (3, 2, 0),
    "EECO16": (4, 6, 0),
    "EECO17": (35, 30, 1),
    "EECR01": (20, 18, 1),
    "EECR02": (15, 10, 1),
    "EECR03": (12, 9, 0),
    "EECR04": (40, 35, 1),
    "EECR05": (30, 28, 1),
    "EECR06": (10, 9, 0),
    "SE04": (15, 12, 0),
    "SE05": (5, 4, 0),
}
# Indicators that are not about participants: they must stay off the participant views.
PROGRAMME_TOTAL_ONLY = {"EECO18": 7, "EECO19": 21, "SE07": 12}
# The two projects, their share of the programme's values and their region (a region's
# values are its project's: each project's records lie in its own region here).
PROJECTS = {"S30355": (0.75, "MK11"), "S30356": (0.25, "MK01")}


def expected_total(code: str, scale: int = 1) -> int:
    return sum(PROGRAMME_LATEST[code]) * scale


# --- What a build publishes ------------------------------------------------------------------


@cache
def published_schemas() -> dict[str, dict[str, pl.DataType]]:
    """{table: {column: type}} of every table a build publishes, columns in their order."""
    schemas: dict[str, dict[str, pl.DataType]] = {}
    for path in sorted(MARTS.rglob("*.yml")):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            schemas[model["name"]] = {c["name"]: TYPES[c["data_type"]] for c in model["columns"]}
    for name, frame in seed_tables().items():
        schemas[name] = dict(frame.schema)
    schemas["uploads"] = {name: TYPES[sql.lower()] for name, sql in UPLOADS_COLUMNS}
    return schemas


@cache
def seed_tables() -> dict[str, pl.DataFrame]:
    """The dbt seeds as the build loads them: each CSV with the column types its yml sets."""
    seeds = {}
    for path in sorted(SEEDS.glob("*.csv")):
        config = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))["seeds"][0]
        column_types = config.get("config", {}).get("column_types", {})
        seeds[path.stem] = pl.read_csv(
            path, schema_overrides={c: TYPES[t] for c, t in column_types.items()}
        )
    return seeds


def conform(name: str, frame: pl.DataFrame | None) -> pl.DataFrame:
    """`frame` as table `name` is published: its columns in order and type, the ones the test
    left out empty. An empty table when `frame` is None."""
    schema = published_schemas()[name]
    frame = pl.DataFrame() if frame is None else frame
    unknown = [c for c in frame.columns if c not in schema]
    if unknown:
        raise ValueError(f"{name} has no column {unknown} (it has {list(schema)})")
    return pl.DataFrame([
        frame[c].cast(dtype) if c in frame.columns else pl.Series(c, [None] * frame.height, dtype)
        for c, dtype in schema.items()
    ])


# --- The fake network --------------------------------------------------------------------------


def indicator_values(scale: int, cutoffs: tuple[dt.date, ...], codes: tuple[str, ...]) -> pl.DataFrame:
    """Values at the latest cut-off are PROGRAMME_LATEST × scale; earlier cut-offs are smaller
    (cumulative). Specific objective and project rows carry other numbers, so a page that
    forgets to filter to the programme shows wrong values."""
    rows = []
    for i, cutoff in enumerate(sorted(cutoffs)):
        factor = scale * (i + 1) / len(cutoffs)  # cumulative: grows to `scale` at the latest
        for code, parts in PROGRAMME_LATEST.items():
            if code not in codes:
                continue
            split = [round(p * factor) for p in parts]
            first = [round(v * PROJECTS["S30355"][0]) for v in split]
            second = [a - b for a, b in zip(split, first, strict=True)]
            for scope_type, scope_code, values in (
                ("programme", "-", split),
                ("specific_objective", "4.1", split),  # the only SO: equals the programme
                ("project", "S30355", first),
                ("project", "S30356", second),
                ("region", PROJECTS["S30355"][1], first),
                ("region", PROJECTS["S30356"][1], second),
            ):
                for gender, v in zip(("woman", "man", "non_binary"), values, strict=True):
                    rows.append((cutoff, scope_type, scope_code, code, gender, float(v)))
                rows.append((cutoff, scope_type, scope_code, code, "total", float(sum(values))))
        for code, total in PROGRAMME_TOTAL_ONLY.items():
            rows.append((cutoff, "programme", "-", code, "total", float(round(total * factor))))
    return pl.DataFrame(rows, orient="row", schema=list(published_schemas()["indicator_values"]))


def dim_scopes() -> pl.DataFrame:
    names = {code: name for code, name in seed_tables()["regions"].select("region_code", "name_fi").rows()}
    return pl.DataFrame({
        "scope_type": ["programme", "specific_objective", "project", "project", "region", "region"],
        "scope_code": ["-", "4.1", "S30355", "S30356", "MK11", "MK01"],
        "scope_name": ["Uudistuva ja osaava Suomi", "4.1", "Yhteiskunnalliset yritykset",
                       "Osatyökykyiset", names["MK11"], names["MK01"]],
        "priority": [None, "4", "4", "4", None, None],
        "specific_objective": [None, "4.1", "4.1", "4.1", None, None],
        "category_of_region": [None, "more_developed", "more_developed", "more_developed", None, None],
        "region_code": [None, None, "MK11", "MK01", "MK11", "MK01"],
        "lead_organisation": [None, None, "Esimerkkiyhdistys ry", "Kaupunki", None, None],
        "start_date": [None, None, dt.date(2024, 1, 1), dt.date(2024, 9, 1), None, None],
        "end_date": [None, None, dt.date(2026, 12, 31), None, None, None],
        "budget_eur": [None, None, 1_200_000.0, None, None, None],
    })


def dim_indicator_genders() -> pl.DataFrame:
    """Each catalogue indicator's rule as the test copy pretends it: the genders of its
    breakdown, its aggregation (means for scores, sums for hours) and counting date."""
    dates = {"participants": "entry_date", "entities": "support_start_date",
             "activities": "start_date", "feedback": "response_date",
             "funding_opportunities": "recorded_date", "funding_organisations": "first_informed_date",
             "funding_referrals": "decision_date"}
    rows = []
    for r in seed_tables()["indicator_catalogue"].iter_rows(named=True):
        aggregation = {"score": "mean", "score points": "mean", "percent": "mean", "hours": "sum",
                       "euros": "sum"}.get(r["unit"], "count")
        genders = ("woman", "man", "non_binary", "total") if r["breakdown"] == "gender" else ("total",)
        for order, gender in enumerate(genders):
            rows.append({**{k: r[k] for k in ("indicator_code", "subject", "indicator_group", "unit",
                                              "breakdown", "decimals", "sensitive", "reference_indicator")},
                         "gender": gender, "aggregation": aggregation,
                         "counting_date_column": dates.get(r["subject"], "start_date"),  # a new subject: as events
                         "gender_order": order})
    return pl.DataFrame(rows)


def write_published_copy(
    published_dir: Path,
    version: str = "v1",
    *,
    scale: int = 1,
    cutoffs: tuple[dt.date, ...] = CUTOFFS,
    codes: tuple[str, ...] | None = None,
    tables: dict[str, pl.DataFrame] | None = None,
    set_current: bool = True,
) -> Path:
    """Write one published version (every table + manifest.json) and, by default, point
    CURRENT at it. `tables`: rows of further tables (indicator_achievement, eval_*, uploads,
    quality_* ...), by their published column names."""
    codes = tuple(PROGRAMME_LATEST) if codes is None else codes
    given = {
        **seed_tables(),
        "indicator_values": indicator_values(scale, cutoffs, codes),
        "dim_scopes": dim_scopes(),
        "dim_indicator_genders": dim_indicator_genders(),
        "reporting_cutoffs": pl.DataFrame({"cutoff_date": sorted(cutoffs)}),
        **(tables or {}),
    }
    target = published_dir / version
    target.mkdir(parents=True, exist_ok=True)
    rows, columns = {}, {}
    for name, schema in published_schemas().items():
        frame = conform(name, given.get(name))
        frame.write_parquet(target / f"{name}.parquet")
        rows[name] = frame.height
        columns[name] = {c: str(t) for c, t in schema.items()}
    manifest = {
        "version": version,
        "built_at": BUILT_AT,
        "cutoffs": [c.isoformat() for c in sorted(cutoffs)],
        "settings": {"long_term_unemployment_rule": "eu"},
        "tables": rows,
        "columns": columns,
    }
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    if set_current:
        set_current_version(published_dir, version)
    return target


def set_current_version(published_dir: Path, version: str) -> None:
    """Swap CURRENT atomically, as the pipeline does."""
    published_dir.mkdir(parents=True, exist_ok=True)
    tmp = published_dir / "CURRENT.tmp"
    tmp.write_text(version + "\n", encoding="utf-8")
    os.replace(tmp, published_dir / "CURRENT")


def add_tables(published_dir: Path, tables: dict[str, pl.DataFrame], version: str = "v1") -> None:
    """Give tables of an existing test copy their rows (as a later build of the same inputs
    plus these would)."""
    target = published_dir / version
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    for name, frame in tables.items():
        frame = conform(name, frame)
        frame.write_parquet(target / f"{name}.parquet")
        manifest["tables"][name] = frame.height
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

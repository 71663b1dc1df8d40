"""Running the dbt project (dbt_project/) in a test and reading what it built: a raw warehouse
with the contract's DDL, `dbt` as a subprocess of the venv's dbt with its own target and log
paths (so parallel runs do not collide), queries on the result, and the hand formulas the marts
are checked against (value at a cut-off, rounding, Wilson interval).

Each dbt call costs about 3 s before any work; `run_dbt` reuses a parse cache across runs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from indicators.contract import KINDS
from indicators.ledger_schema import create_table_sql, create_uploads_table_sql
from pipelines.warehouse.raw_tables import SUMMARY_TABLES, create_summary_table_sql
from pipelines.warehouse.approved_values import load_approved_values
from tests.support.paths import REPO_ROOT

DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
DBT_EXECUTABLE = Path(sys.executable).parent / "dbt"
AS_OF_DATE = "2025-06-15"  # the cut-off series then runs to 2025-06-30

D = dt.date.fromisoformat


@dataclass(frozen=True)
class DbtRun:
    returncode: int
    output: str
    results: dict[str, dict[str, Any]]  # node name -> run_results entry

    def status(self, name: str) -> str:
        return self.results[name]["status"]


# dbt reads the warehouse path relative to each home (the working directory), so the profile
# is the same for every run and a run can reuse the previous run's parse (partial parsing
# starts over when the profile's connection details change): about 4 s saved per run.
RELATIVE_WAREHOUSE = Path("warehouse") / "warehouse.duckdb"


def warehouse_path(home: Path) -> Path:
    return home / RELATIVE_WAREHOUSE


def create_raw_warehouse(home: Path, rows: Mapping[str, list[dict[str, Any]]]) -> Path:
    """The raw schema the ingest assets maintain, with the contract's DDL and the given rows."""
    path = warehouse_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists raw")
        for kind in KINDS:
            con.execute(create_table_sql(f"raw.{kind}", kind))
            for row in rows.get(kind, []):
                columns = ", ".join(row)
                placeholders = ", ".join("?" for _ in row)
                con.execute(f"insert into raw.{kind} ({columns}) values ({placeholders})", list(row.values()))
        con.execute(create_uploads_table_sql("raw.uploads"))
        for table in SUMMARY_TABLES:  # the ledger summaries the quality marts read (empty)
            con.execute(create_summary_table_sql(table))
        load_approved_values(con, home)  # no reporting periods in these homes: empty
    return path


def run_dbt(home: Path, *args: str, parse_cache: Path) -> DbtRun:
    """dbt `args` on the warehouse of `home`, reusing (and then keeping) the parse in parse_cache."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("IMPACT_", "DBT_"))}
    env |= {"IMPACT_WAREHOUSE": str(RELATIVE_WAREHOUSE), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    target_path = home / "dbt_target"
    target_path.mkdir(exist_ok=True)
    cached_parse = parse_cache / "partial_parse.msgpack"
    if cached_parse.exists():
        shutil.copy(cached_parse, target_path / cached_parse.name)
    command = [
        str(DBT_EXECUTABLE),
        *args,
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(target_path),
        "--log-path", str(home / "dbt_logs"),
        "--vars", json.dumps({"as_of_date": AS_OF_DATE}),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=home)
    if (target_path / cached_parse.name).exists():
        shutil.copy(target_path / cached_parse.name, cached_parse)
    results: dict[str, dict[str, Any]] = {}
    run_results = target_path / "run_results.json"
    if run_results.exists():
        for result in json.loads(run_results.read_text())["results"]:
            # model.esf_impact.<name>, test.esf_impact.<name>.<hash>, unit_test.esf_impact.<model>.<name>
            parts = result["unique_id"].split(".")
            results[parts[3] if parts[0] == "unit_test" else parts[2]] = result
    return DbtRun(done.returncode, done.stdout + done.stderr, results)


def query(warehouse: Path, sql: str, params: list[Any] | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def values_by_cell(warehouse: Path) -> dict[tuple, float | None]:
    rows = query(
        warehouse,
        "select cutoff_date, scope_type, scope_code, indicator_code, gender, value from marts.indicator_values",
    )
    return {tuple(row[:5]): row[5] for row in rows}


def increments(warehouse: Path) -> list[tuple]:
    return query(
        warehouse,
        """
        select scope_type, scope_code, indicator_code, gender, event_date, n, value_sum, aggregation
        from marts.indicator_increments
        """,
    )


def n_indicator_genders(warehouse: Path) -> int:
    """Indicator x gender rows per cut-off and scope: every cumulative catalogue indicator (each has a rule)
    with its breakdown ('gender': 4 rows, 'total': 1)."""
    [(from_mart,)] = query(warehouse, "select count(*) from marts.dim_indicator_genders")
    catalogue = (DBT_PROJECT_DIR / "seeds" / "indicator_catalogue.csv").read_text(encoding="utf-8")
    # the Pact's yearly PS codes are no rule: pact_indicator_values adds them, at project scope
    breakdowns = [row["breakdown"] for row in csv.DictReader(io.StringIO(catalogue)) if row["subject"] != "pact"]
    assert from_mart == sum(4 if b == "gender" else 1 for b in breakdowns)
    return from_mart


def value_at(rows: list[tuple], cutoff: str | dt.date, scope_type: str, scope_code: str, indicator: str, gender: str):
    """A value at an arbitrary cut-off from indicator_increments rows, by the formula of its yml."""
    cutoff = D(cutoff) if isinstance(cutoff, str) else cutoff
    selected = [
        row for row in rows
        if row[:4] == (scope_type, scope_code, indicator, gender) and row[4] <= cutoff
    ]
    n = sum(row[5] for row in selected)
    value_sum = sum(row[6] for row in selected)
    aggregation = selected[0][7] if selected else None
    if aggregation == "mean":
        return mean_rounded(value_sum, n)
    if aggregation == "sum":
        return value_sum
    return n  # count (a mean without rows is absent: the caller compares with None)


def mean_rounded(value_sum: float, n: int) -> float:
    """Half away from zero to 2 decimals, exactly (Python's round() is half to even)."""
    from decimal import ROUND_HALF_UP, Decimal

    return float((Decimal(repr(value_sum)) / Decimal(n)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def r6(value: float) -> float:
    """What the marts keep: half up to 6 decimals (macro round_half_up)."""
    return math.floor(value * 1e6 + 0.5) / 1e6


Z = 1.959964


def wilson(successes: int, n: int) -> tuple[float, float]:
    """The Wilson score 95 % interval, from its textbook form (Wilson 1927; Newcombe 1998)."""
    p = successes / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def days(first: str, second: str) -> int:
    return (D(second) - D(first)).days

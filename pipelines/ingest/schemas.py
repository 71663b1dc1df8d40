"""pandera (polars backend) schemas generated from the contract, one per kind.

They check the typed frame: required cells filled, codes, patterns, ranges and Y-tunnus check
digits. Each check's position in its column is mapped back to a stable rule id, so a pandera
failure case becomes a row-level problem (see `failures`). Run on collected frames only: a
LazyFrame would be checked for its schema alone.
"""

from __future__ import annotations

import sys
import threading
from functools import lru_cache

import pandera.polars as pa
import polars as pl
from pandera.api.polars.types import PolarsData

from indicators.contract import CONTRACT, EARLIEST_DATE, Column, Kind
from indicators.identifiers import YTUNNUS_PATTERN, ytunnus_valid_expr
from pipelines.ingest.parse import POLARS_TYPES


def _check_digit(data: PolarsData) -> pl.LazyFrame:
    # Only judge well-shaped IDs: a badly shaped one is already a `.format` failure.
    col = pl.col(data.key)
    return data.lazyframe.select(
        (~col.str.contains(YTUNNUS_PATTERN)).fill_null(True) | ytunnus_valid_expr(col).fill_null(True)
    )


def _column_checks(kind: Kind, c: Column) -> list[tuple[str, pa.Check]]:
    base = f"{kind.name}.{c.name}"
    checks: list[tuple[str, pa.Check]] = []
    if c.codes:
        checks.append((f"{base}.code", pa.Check.isin(list(c.codes))))
    if c.pattern:
        checks.append((f"{base}.pattern", pa.Check.str_matches(c.pattern)))
    if c.type == "business_id":
        checks.append((f"{base}.format", pa.Check.str_matches(YTUNNUS_PATTERN)))
        checks.append((f"{base}.check_digit", pa.Check(_check_digit, name=f"{base}.check_digit")))
    if c.type == "date":
        checks.append((f"{base}.too_early", pa.Check.ge(EARLIEST_DATE)))
    if c.min is not None:
        checks.append((f"{base}.min", pa.Check.ge(c.min)))
    if c.max is not None:
        checks.append((f"{base}.max", pa.Check.le(c.max)))
    if c.greater_than is not None:
        checks.append((f"{base}.positive", pa.Check.gt(c.greater_than)))
    return checks


_STRATEGIES_IMPORT = threading.Lock()


@lru_cache(maxsize=1)
def _import_strategies_without_hypothesis() -> None:
    """Import pandera's data-synthesis strategies, as registering its polars backends on the
    first `validate` would, but without hypothesis: they import it whenever it is installed (a
    dev dependency here), ≈ 70 ms of every `impact ingest` for nothing validation uses. A None
    entry in sys.modules makes that import fail, and pandera then treats hypothesis as absent;
    the entry is removed at once (under a lock: the dashboard validates on two threads), so a
    later `import hypothesis` works. A process that already has hypothesis (the tests) keeps
    it as it is."""
    with _STRATEGIES_IMPORT:
        if "hypothesis" in sys.modules or "pandera.strategies.base_strategies" in sys.modules:
            return
        sys.modules["hypothesis"] = None  # type: ignore[assignment]
        try:
            import pandera.strategies.base_strategies  # noqa: F401
        finally:
            if sys.modules.get("hypothesis", ...) is None:
                del sys.modules["hypothesis"]


@lru_cache(maxsize=None)
def schema_for(kind_name: str) -> tuple[pa.DataFrameSchema, dict[tuple[str, int], str]]:
    """(schema, {(column, check_number): rule id}) for one kind."""
    kind = CONTRACT[kind_name]
    columns = {}
    rule_ids: dict[tuple[str, int], str] = {}
    for c in kind.columns:
        checks = _column_checks(kind, c)
        for i, (rule_id, _) in enumerate(checks):
            rule_ids[(c.name, i)] = rule_id
        columns[c.name] = pa.Column(
            POLARS_TYPES[c.type], checks=[chk for _, chk in checks], nullable=not c.required,
        )
    schema = pa.DataFrameSchema(columns, strict=False, coerce=False, name=kind_name)
    return schema, rule_ids


def failures(kind: Kind, typed: pl.DataFrame) -> pl.DataFrame:
    """pandera's failure cases as (index, column, rule_id); index is the row in `typed`."""
    _import_strategies_without_hypothesis()
    schema, rule_ids = schema_for(kind.name)
    empty = pl.DataFrame(schema={"index": pl.Int64, "column": pl.String, "rule_id": pl.String})
    try:
        schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
    else:
        return empty
    if fc.filter(pl.col("index").is_null()).height:
        # Schema-level failures (wrong dtype, missing column) mean a bug in parse.py.
        raise RuntimeError(
            f"schema-level validation failure for {kind.name}: "
            + "; ".join(fc.filter(pl.col("index").is_null())["check"].unique().to_list())
        )
    mapping = pl.DataFrame(
        {
            "column": [k[0] for k in rule_ids],
            "check_number": [k[1] for k in rule_ids],
            "rule_id": list(rule_ids.values()),
        },
        schema={"column": pl.String, "check_number": pl.Int32, "rule_id": pl.String},
    )
    nulls = (
        fc.filter(pl.col("check") == "not_nullable")
        .select(
            pl.col("index").cast(pl.Int64), "column",
            pl.lit(f"{kind.name}.").add(pl.col("column")).add(pl.lit(".required")).alias("rule_id"),
        )
    )
    checks = (
        fc.filter(pl.col("check") != "not_nullable")
        .join(mapping, on=["column", "check_number"], how="left")
        .select(pl.col("index").cast(pl.Int64), "column", "rule_id")
    )
    if checks.filter(pl.col("rule_id").is_null()).height:
        raise RuntimeError(f"unmapped pandera check for {kind.name}")
    return pl.concat([nulls, checks]).unique(maintain_order=True)

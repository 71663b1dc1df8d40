"""Keyed upserts against the ledger's current state.

Each accepted row is compared with the current version of its key (null-safe, every contract
column). Categories, which partition the accepted rows:

- inserted: a new key (not withdrawn);
- updated: a known key with any change (including un-withdrawing);
- withdrawn: a row with withdrawn = yes whose record was not withdrawn before (new or known);
- unchanged: identical to the current version: counted, not stored again.

Rows read = inserted + updated + withdrawn + unchanged + rejected. Omitting a record never
deletes it.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from indicators.contract import Kind

CURRENT = "__current"


@dataclass
class Diff:
    to_store: pl.DataFrame  # contract columns + source_row, the new versions
    inserted: int
    updated: int
    unchanged: int
    withdrawn: int


def diff(kind: Kind, accepted: pl.DataFrame, current: pl.DataFrame) -> Diff:
    names = list(kind.column_names)
    others = [c for c in names if c not in kind.key]
    cur = current.select(
        list(kind.key) + [pl.col(c).alias(c + CURRENT) for c in others]
    ).with_columns(pl.lit(True).alias("exists" + CURRENT))
    joined = accepted.join(cur, on=list(kind.key), how="left", maintain_order="left")
    exists = pl.col("exists" + CURRENT).fill_null(False)
    changed = pl.any_horizontal([pl.col(c).ne_missing(pl.col(c + CURRENT)) for c in others]) if others else pl.lit(False)
    was_withdrawn = pl.col("withdrawn" + CURRENT).fill_null(False)
    now_withdrawn = pl.col("withdrawn").fill_null(False)
    status = (
        pl.when(~exists & now_withdrawn).then(pl.lit("withdrawn"))
        .when(~exists).then(pl.lit("inserted"))
        .when(~changed).then(pl.lit("unchanged"))
        .when(now_withdrawn & ~was_withdrawn).then(pl.lit("withdrawn"))
        .otherwise(pl.lit("updated"))
    )
    joined = joined.with_columns(status.alias("status__"))
    counts = dict(joined.group_by("status__").len().iter_rows())
    to_store = joined.filter(pl.col("status__") != "unchanged").select(
        names + [pl.col("_row").cast(pl.Int64).alias("source_row")]
    )
    return Diff(
        to_store=to_store,
        inserted=counts.get("inserted", 0),
        updated=counts.get("updated", 0),
        unchanged=counts.get("unchanged", 0),
        withdrawn=counts.get("withdrawn", 0),
    )

"""The long table of indicator values at a cut-off in the shape a viewer may see: exact for a
viewer who sees every project (admin, coordinator, evaluator); for a project manager exact for
its own projects and disclosure-controlled for everything else, with its own numbers counted as
known (indicators/exports/tables.build_tables); for an anonymous visitor of the public view the
public export's shape. Computed once per published version, cut-off and shape."""

from __future__ import annotations

from datetime import date

import polars as pl

from indicators.exports.tables import build_tables
from pipelines.access.roles import User
from pipelines.exports.run import read_inputs
from pipelines.publish.reader import Snapshot

COLUMNS = ["cutoff_date", "scope_type", "scope_code", "indicator_code", "gender", "value", "suppressed"]


def shape_key(user: User | None) -> tuple:
    """Viewers who see the same shape share it: exact, public, or public around own projects."""
    if user is not None and user.sees_everything_exactly:
        return ("exact",)
    return ("public", tuple(sorted(user.projects)) if user else ())


def long_table(snapshot: Snapshot, cutoff: date, user: User | None, k: int) -> pl.DataFrame:
    key = shape_key(user)

    def compute() -> pl.DataFrame:
        inputs = read_inputs(snapshot)
        if key[0] == "exact":
            return build_tables(inputs, cutoff).long.with_columns(pl.lit(False).alias("suppressed")).select(COLUMNS)
        tables = build_tables(inputs, cutoff, public=True, k=k, known_projects=frozenset(key[1]))
        return tables.long.select(COLUMNS)

    return snapshot.memo(("indicator_shape", cutoff, key, k), compute)

"""The published copy as the dashboard reads it (pipelines/publish/reader.py, the reader the
exports and the API share; the dashboard never opens the warehouse, so it can never block a
build), and the query helpers the pages share: pure functions over the published frames.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from indicators.calendar import default_cutoff
from pipelines.publish.reader import PublishedCopy, PublishedCopyError, Snapshot

__all__ = ["PublishedCopy", "PublishedCopyError", "Snapshot"]

GENDERS = ("woman", "man", "non_binary")
PROGRAMME_SCOPE = ("programme", "-")


def snapshot_cutoffs(snap: Snapshot) -> list[dt.date]:
    """The cut-off dates the published values have, oldest first."""
    return snap.memo("cutoffs", lambda: cutoffs(snap.table("indicator_values")))


# --- Queries: pure functions over the published frames -------------------------------------


def cutoffs(values: pl.DataFrame) -> list[dt.date]:
    return sorted(values.get_column("cutoff_date").unique().drop_nulls().to_list())


def previous_cutoff(cutoff: dt.date | None, available: list[dt.date]) -> dt.date | None:
    """The cut-off just before `cutoff` in `available`, or None for the first one."""
    earlier = [c for c in available if cutoff is not None and c < cutoff]
    return earlier[-1] if earlier else None


def default_of(available: list[dt.date], today: dt.date | None = None) -> dt.date | None:
    """The cut-off a page shows unless asked: the last closed one (indicators/calendar.py) that
    this version has; the earliest there is when none of them is closed."""
    last_closed = default_cutoff(today or dt.date.today())
    closed = [c for c in available if c <= last_closed]
    return closed[-1] if closed else (available[0] if available else None)


def parse_cutoff(value: str | dt.date | None, available: list[dt.date],
                 today: dt.date | None = None) -> dt.date | None:
    """The cut-off the user asked for if it exists in this version, else the default one
    (the last closed cut-off: a provisional one is only shown when chosen)."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            value = None
    if value in available:
        return value
    return default_of(available, today)


def catalogue_with_order(catalogue: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The catalogue with its row order kept and `name` in `lang`."""
    return catalogue.with_row_index("catalogue_order").with_columns(
        pl.col(f"name_{lang}").alias("name")
    )


def programme_participant_values(
    values: pl.DataFrame,
    catalogue: pl.DataFrame,
    cutoff: dt.date,
    lang: str,
    previous: dt.date | None = None,
) -> pl.DataFrame:
    """Programme-level participant indicators at one cut-off, one row per indicator.

    Columns: indicator_code, name, indicator_group, reference_indicator, sensitive, decimals,
    total, woman, man, non_binary, reference_total, share_of_reference, previous_total and
    change (null without a `previous` cut-off); catalogue order.
    Participant indicators are those whose catalogue subject is `participants` (EECO01–17,
    EECR01–06, SE04, SE05): whichever of them the published copy holds.
    """
    scope_type, scope_code = PROGRAMME_SCOPE
    cat = catalogue_with_order(catalogue, lang).filter(pl.col("subject") == "participants")
    at_cutoff = values.filter(
        (pl.col("cutoff_date") == cutoff)
        & (pl.col("scope_type") == scope_type)
        & (pl.col("scope_code") == scope_code)
    )
    wide = (
        at_cutoff.filter(pl.col("gender").is_in(("total", *GENDERS)))
        .group_by("indicator_code")
        .agg(
            pl.col("value").filter(pl.col("gender") == g).first().alias(g)
            for g in ("total", *GENDERS)
        )
    )
    frame = cat.join(wide, on="indicator_code", how="inner")
    totals = wide.select(
        pl.col("indicator_code").alias("reference_indicator"),
        pl.col("total").alias("reference_total"),
    )
    frame = frame.join(totals, on="reference_indicator", how="left").with_columns(
        pl.when(pl.col("reference_total") > 0)
        .then(pl.col("total") / pl.col("reference_total"))
        .otherwise(None)
        .alias("share_of_reference")
    )
    earlier = values.clear() if previous is None else values.filter(
        (pl.col("cutoff_date") == previous)
        & (pl.col("scope_type") == scope_type)
        & (pl.col("scope_code") == scope_code)
        & (pl.col("gender") == "total")
    )
    earlier = earlier.select("indicator_code", pl.col("value").alias("previous_total"))
    frame = frame.join(earlier, on="indicator_code", how="left").with_columns(
        (pl.col("total") - pl.col("previous_total")).alias("change")
    )
    return frame.sort("catalogue_order").select(
        "indicator_code",
        "name",
        "indicator_group",
        "reference_indicator",
        "sensitive",
        "decimals",
        "total",
        *GENDERS,
        "reference_total",
        "share_of_reference",
        "previous_total",
        "change",
    )

"""Uploads that would change an approved period (issue #15, revisions in the open): before
`impact ingest` applies files while some period is approved, each file is dry-run with its
indicator delta (pipelines/ingest/delta.py; dbt, seconds) to find the approved periods whose
values it would change. Applying them needs a reason; the periods then go to
`submitted (revised)` (pipelines/periods/service.py `revise`), their approved values frozen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from pipelines.ingest.delta import format_change
from pipelines.settings import Settings


class RevisionCheckFailed(RuntimeError):
    """The delta could not be computed, so whether approved values change is unknown."""


def changed_approved_periods(settings: Settings, paths: list[Path], kind: str | None
                             ) -> list[tuple[str, date, pl.DataFrame]]:
    """The approved periods (project, cut-off, changes) the files would change, each file
    against the ledger as it is (as the dry run reports them)."""
    from pipelines.ingest.service import ingest_bytes

    out = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError:
            continue  # the ingest itself reports the missing file
        report = ingest_bytes(settings, data, Path(path).name, kind, dry_run=True, indicator_delta=True)
        delta = report.indicator_delta
        if delta is None:
            continue  # refused whole, or nothing to store: nothing would change
        if delta.unavailable:
            raise RevisionCheckFailed(f"{Path(path).name}: {delta.unavailable}")
        out.extend(delta.revised)
    return out


def lines(changed: list[tuple[str, date, pl.DataFrame]]) -> list[str]:
    """'S10001 31.12.2025: EECO01 +1 (woman +1)', one per period and indicator."""
    out = []
    for project, cutoff, changes in changed:
        for (_,), group in changes.group_by("indicator_code", maintain_order=True):
            out.append(f"{project} {cutoff.day}.{cutoff.month}.{cutoff.year}: {format_change(group.to_dicts())}")
    return out

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


Changed = list[tuple[str, date, pl.DataFrame]]  # (project, cut-off, changes) per approved period


class RevisionCheckFailed(RuntimeError):
    """The delta could not be computed, so whether approved values change is unknown."""


class ReasonNeeded(ValueError):
    """The upload changes approved periods and no reason was given: nothing may be applied."""

    def __init__(self, changed: Changed):
        super().__init__("the upload changes approved reporting periods: a revision reason is needed")
        self.changed = changed


def changed_by_bytes(settings: Settings, data: bytes, name: str, kind: str | None,
                     permitted_projects: frozenset[str] | None = None) -> Changed:
    """The approved periods (project, cut-off, changes) one file would change against the
    ledger as it is (as its dry run reports them); nothing while no period is approved."""
    from pipelines.ingest.service import ingest_bytes
    from pipelines.periods.store import approved_periods

    if not approved_periods(settings.home):
        return []
    report = ingest_bytes(settings, data, name, kind, dry_run=True, indicator_delta=True,
                          permitted_projects=permitted_projects)
    delta = report.indicator_delta
    if delta is None:
        return []  # refused whole, or nothing to store: nothing would change
    if delta.unavailable:
        raise RevisionCheckFailed(f"{name}: {delta.unavailable}")
    return list(delta.revised)


def changed_approved_periods(settings: Settings, paths: list[Path], kind: str | None) -> Changed:
    """The approved periods (project, cut-off, changes) the files would change, each file
    against the ledger as it is (as the dry run reports them)."""
    out = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError:
            continue  # the ingest itself reports the missing file
        out.extend(changed_by_bytes(settings, data, Path(path).name, kind))
    return out


def required_reason(changed: Changed, reason: str | None) -> str | None:
    """The reason to record (stripped), None when no approved period changes; ReasonNeeded when
    some does and the reason is empty. The one rule for `impact ingest --revision-reason`, the
    upload page and the API."""
    if not changed:
        return None
    text = (reason or "").strip()
    if not text:
        raise ReasonNeeded(changed)
    return text


def record(settings: Settings, actor: str, changed: Changed, reason: str, upload: str,
           via: str | None = None) -> list:
    """After the upload was applied: each changed period goes to `submitted (revised)` with the
    reason and the upload (period.revise in the audit trail). Returns the new periods."""
    from pipelines.periods.service import revise

    return [revise(settings, actor, project, cutoff, reason, upload, via=via) for project, cutoff, _ in changed]


def lines(changed: list[tuple[str, date, pl.DataFrame]]) -> list[str]:
    """'S10001 31.12.2025: EECO01 +1 (woman +1)', one per period and indicator."""
    out = []
    for project, cutoff, changes in changed:
        for (_,), group in changes.group_by("indicator_code", maintain_order=True):
            out.append(f"{project} {cutoff.day}.{cutoff.month}.{cutoff.year}: {format_change(group.to_dicts())}")
    return out

"""Submit, approve and reopen reporting periods: the state machine (states.py) applied in one
access-store transaction with its history and frozen values (store.py, freeze.py), then the
audit trail (pipelines/access/audit.py). `today` is the caller's (the calendar's) date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from indicators.calendar import is_closed
from pipelines.access import audit
from pipelines.access.store import connect
import polars as pl

from pipelines.periods import freeze, store
from pipelines.periods.delivery import Delivery, delivery_rows
from pipelines.periods.states import APPROVED, SUBMITTED_REVISED, TransitionRefused, is_final, transition
from pipelines.publish.reader import PublishedCopy, Snapshot
from pipelines.settings import Settings
from pipelines.writer_lock import writer_lock


@dataclass(frozen=True)
class CutoffStatus:
    cutoff: date
    closed: bool
    final: bool
    periods: list[store.Period]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _snapshot(settings: Settings) -> Snapshot:
    return PublishedCopy(settings.published_dir).current()


def _check_project(snapshot: Snapshot, project: str, cutoff: date) -> None:
    if project not in freeze.active_projects(snapshot, cutoff):
        raise TransitionRefused(
            f"no project {project} runs in the half-year ending {cutoff.isoformat()} (published copy {snapshot.version})"
        )


def status(settings: Settings, cutoff: date, today: date) -> CutoffStatus:
    projects = sorted(freeze.active_projects(_snapshot(settings), cutoff))
    with connect(settings.home) as con:
        stored = store.periods_of(con, cutoff)
    periods = [stored.get(p, store.Period(p, cutoff, "open")) for p in projects]
    states = {p.project_code: p.state for p in periods}
    return CutoffStatus(cutoff, is_closed(cutoff, today), is_final(states, set(projects)), periods)


def _how(via: str | None) -> dict:
    """The audit detail naming the way in (dashboard, api); the command line names none."""
    return {"via": via} if via else {}


def submit(settings: Settings, actor: str, project: str, cutoff: date, today: date,
           via: str | None = None) -> store.Period:
    _check_project(_snapshot(settings), project, cutoff)
    at = _now().isoformat()
    with connect(settings.home) as con:
        old = store.period(con, project, cutoff)
        new_state = transition(old.state, "submit", cutoff, today)
        store.set_state(con, old, new_state, at, actor, None)
    audit.record(settings.home, actor, "period.submit", project=project, cutoff=cutoff.isoformat(),
                 from_state=old.state, to_state=new_state, **_how(via))
    return store.Period(project, cutoff, new_state, at, actor)


def reopen(settings: Settings, actor: str, project: str, cutoff: date, reason: str, today: date,
           via: str | None = None) -> store.Period:
    at = _now().isoformat()
    with connect(settings.home) as con:
        old = store.period(con, project, cutoff)
        new_state = transition(old.state, "reopen", cutoff, today, reason)
        store.set_state(con, old, new_state, at, actor, reason)
    audit.record(settings.home, actor, "period.reopen", project=project, cutoff=cutoff.isoformat(),
                 from_state=old.state, to_state=new_state, reason=reason, **_how(via))
    return store.Period(project, cutoff, new_state, at, actor, reason)


def revise(settings: Settings, actor: str, project: str, cutoff: date, reason: str, upload: str,
           via: str | None = None) -> store.Period:
    """An applied upload changed an approved period's values: it waits for approval again
    (`submitted (revised)`, in the coordinator's queue); the approved values stay frozen."""
    at = _now().isoformat()
    with connect(settings.home) as con:
        old = store.period(con, project, cutoff)
        new_state = transition(old.state, "revise", cutoff, cutoff, reason)
        store.set_state(con, old, new_state, at, actor, reason)
    audit.record(settings.home, actor, "period.revise", project=project, cutoff=cutoff.isoformat(),
                 from_state=old.state, to_state=new_state, reason=reason, upload=upload, **_how(via))
    return store.Period(project, cutoff, new_state, at, actor, reason)


def approve(settings: Settings, actor: str, cutoff: date, today: date,
            project: str | None = None, via: str | None = None) -> tuple[list[str], store.Final | None]:
    """Approve one project's period, or (no project) every active project's period not yet
    approved. Freezes each one's values; when the cut-off becomes final, freezes the programme's
    rows and the official export too. Returns (the projects approved, the new final or None)."""
    snapshot = _snapshot(settings)
    with writer_lock(settings.lock_path):
        if not freeze.published_is_current(settings, snapshot):
            raise TransitionRefused(
                "the published copy does not hold every applied upload yet: run `impact build` "
                "(or wait for the service's build) and approve then"
            )
    active = freeze.active_projects(snapshot, cutoff)
    if project is not None:
        _check_project(snapshot, project, cutoff)
    at = _now()
    with connect(settings.home) as con:
        stored = store.periods_of(con, cutoff)
        targets = [project] if project is not None else sorted(
            p for p in active if stored.get(p, store.Period(p, cutoff, "open")).state != APPROVED
        )
        if not targets:
            raise TransitionRefused(f"every active project's period of {cutoff.isoformat()} is approved already")
        olds = {p: store.period(con, p, cutoff) for p in targets}
        for p in targets:
            transition(olds[p].state, "approve", cutoff, today)
        states = {p: s.state for p, s in stored.items()} | {p: APPROVED for p in targets}
        final = is_final(states, active)
        if final:
            _check_unchanged(con, snapshot, cutoff, sorted(active - set(targets)))
    # the export reads the published copy for seconds: made outside the store's write transaction
    approval = None
    files: dict[str, bytes] = {}
    if final:
        approval = _approval_record(cutoff, at, actor, snapshot.version, active, stored, targets)
        files = freeze.official_export_bytes(settings, cutoff, at, approval)
    event_ids = {}
    with connect(settings.home) as con:
        for p in targets:
            old = store.period(con, p, cutoff)
            if old != olds[p]:
                raise TransitionRefused(f"the period of {p} at {cutoff.isoformat()} changed meanwhile: try again")
            event_ids[p] = store.set_state(con, old, APPROVED, at.isoformat(), actor, None, snapshot.version)
            store.keep_values(con, event_ids[p], cutoff, freeze.project_rows(snapshot, cutoff, p))
        new_final = None
        if final:
            last = event_ids[targets[-1]]
            store.keep_values(con, last, cutoff, freeze.programme_rows(snapshot, cutoff))
            store.add_final(con, cutoff, at.isoformat(), actor, snapshot.version, last, files)
            new_final = store.latest_final(con, cutoff)
    for p in targets:
        audit.record(settings.home, actor, "period.approve", project=p, cutoff=cutoff.isoformat(),
                     from_state=olds[p].state, to_state=APPROVED, snapshot=snapshot.version, **_how(via))
    if new_final is not None:
        audit.record(settings.home, actor, "period.final", cutoff=cutoff.isoformat(), snapshot=snapshot.version,
                     files={name: len(content) for name, content in files.items()}, **_how(via))
    return targets, new_final


def delivery(settings: Settings, cutoff: date, today: date) -> list[Delivery]:
    """Each active project's delivery of the half-year (pipelines/periods/delivery.py): its
    state, first submission or approval, and its uploads (the ledger's, by upload time)."""
    from pipelines.ingest.history import list_uploads, upload_projects

    periods = status(settings, cutoff, today).periods
    with connect(settings.home) as con:
        delivered = store.first_deliveries(con, cutoff)
    uploads = list_uploads(settings).filter(pl.col("upload_id").is_not_null())
    stored = upload_projects(settings).join(uploads.select("upload_id", "received_at"), on="upload_id")
    times: dict[str, list] = {}
    for project, at in stored.select("project_code", "received_at").iter_rows():
        times.setdefault(project, []).append(at)
    return delivery_rows(cutoff, periods, delivered, times, settings.submission_deadline_days, today)


@dataclass(frozen=True)
class Revision:
    """A period in the coordinator's revision queue: an upload changed its approved values."""

    period: store.Period
    upload: str | None  # the file names of the upload, as its period.revise entry names them


def revision_queue(settings: Settings) -> list[Revision]:
    """Every period in `submitted (revised)`, oldest cut-off first, with its upload."""
    with connect(settings.home) as con:
        periods = store.periods_in_state(con, SUBMITTED_REVISED)
        return [Revision(p, store.revising_upload(con, p.project_code, p.cutoff)) for p in periods]


def _check_unchanged(con, snapshot: Snapshot, cutoff: date, projects: list[str]) -> None:
    """Projects approved earlier must still have the values they were approved with, or the
    final export would carry values nobody approved."""
    for p in projects:
        if store.approved_project_values(con, p, cutoff) != freeze.project_rows(snapshot, cutoff, p):
            raise TransitionRefused(
                f"the values of {p} at {cutoff.isoformat()} changed since its approval: "
                f"reopen it (impact periods reopen) and approve it again"
            )


def _approval_record(cutoff: date, at: datetime, actor: str, version: str, active: set[str],
                     stored: dict[str, store.Period], targets: list[str]) -> dict:
    projects = {}
    for p in sorted(active):
        if p in targets:
            projects[p] = {"approved_at": at.isoformat(), "approved_by": actor}
        else:
            projects[p] = {"approved_at": stored[p].changed_at, "approved_by": stored[p].changed_by}
    return {
        "cutoff_date": cutoff.isoformat(),
        "state": "final: every active project's period approved",
        "approved_at": at.isoformat(),
        "approved_by": actor,
        "published_snapshot": version,
        "projects": projects,
    }

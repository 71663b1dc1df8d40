"""What the upload page does with a file: the same `ingest_bytes` as `impact ingest`, a dry run
first, then the real apply, with the bytes held in memory in between.

The dry run's indicator delta (what applying would change in the indicators, as
`impact ingest --dry-run` prints it) takes seconds of dbt, so the preview does not wait for
it: `start_delta` runs `ingest_bytes(..., dry_run=True, indicator_delta=True)` on a worker
thread (one at a time: the machine's cores are few and dbt uses them) and the page polls
`delta_status`. A delta still running when the file is applied is dropped: the ledger it would
read may already hold the upload.

The bytes of a previewed file stay in this process only (never on disk, never in the browser
after the upload): a file refused for a henkilötunnus must not be stored anywhere, and the
ingest code stores accepted files itself when they are applied. `UploadStash` keeps a few
recent previews, keyed by a random token the page holds, each with the user who previewed it
(`owned_by`: another user's token is worth nothing). Nothing here logs file contents.

An uploader limited to some projects (a project manager) passes them as `permitted_projects`:
the preview, its delta and the apply reject the rows of any other project, as the API does.
"""

from __future__ import annotations

import base64
import binascii
import logging
import secrets
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipelines.ingest import ImportReport, ingest_bytes
from pipelines.ingest.report import reports_to_csv
from pipelines.periods import revisions
from pipelines.settings import Settings

if TYPE_CHECKING:
    from pipelines.ingest.delta import IndicatorDelta

MAX_PENDING = 8


@dataclass
class Pending:
    file_name: str
    data: bytes | None  # dropped once applied
    kind: str | None
    report: ImportReport
    delta: Future | None = None  # the background dry run with the indicator delta
    delta_started: float | None = None  # time.monotonic() when it was asked for
    delta_dropped: bool = False  # applied before the delta was known: not shown
    owner: str | None = None  # the user who previewed it
    permitted_projects: frozenset[str] | None = None  # None: every project
    revised: list = field(default_factory=list)  # the approved periods applying it sent back (Period)


@dataclass(frozen=True)
class DeltaStatus:
    state: str  # none (not asked for) | running | done | failed | dropped
    delta: IndicatorDelta | None = None
    elapsed: float = 0.0


class UploadStash:
    """Recent previews by token, newest last; the oldest drop out past MAX_PENDING."""

    def __init__(self, max_pending: int = MAX_PENDING):
        self._items: OrderedDict[str, Pending] = OrderedDict()
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self.max_pending = max_pending

    def put(self, pending: Pending) -> str:
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._items[token] = pending
            while len(self._items) > self.max_pending:
                _token, dropped = self._items.popitem(last=False)
                if dropped.delta is not None:
                    dropped.delta.cancel()  # only if it has not started
        return token

    def submit(self, fn, *args) -> Future:
        """Run `fn(*args)` on the stash's one background worker (created on first use)."""
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="upload-delta")
            return self._executor.submit(fn, *args)

    def get(self, token: str | None) -> Pending | None:
        if not token:
            return None
        with self._lock:
            return self._items.get(token)


def decode_contents(contents: str) -> bytes:
    """dcc.Upload's `data:<type>;base64,<data>` to bytes; ValueError if it is not that."""
    try:
        _header, payload = contents.split(",", 1)
        return base64.b64decode(payload, validate=True)
    except (ValueError, binascii.Error) as exc:
        raise ValueError("not a base64 data URL") from exc


def preview(
    settings: Settings, stash: UploadStash, data: bytes, file_name: str, kind: str | None, *,
    owner: str | None = None, permitted_projects: frozenset[str] | None = None,
) -> tuple[str, ImportReport]:
    """Dry-run the file; keep it (unless refused) for apply by `owner`. Returns (token, report)."""
    report = ingest_bytes(settings, data, file_name, kind=kind or None, dry_run=True,
                          permitted_projects=permitted_projects)
    keep = None if report.refused else data
    token = stash.put(Pending(file_name, keep, kind or None, report, owner=owner,
                              permitted_projects=permitted_projects))
    return token, report


def owned_by(stash: UploadStash, token: str | None, owner: str | None) -> bool:
    """Whether the preview `token` is there and was made by `owner`."""
    pending = stash.get(token)
    return pending is not None and pending.owner == owner


def apply(settings: Settings, stash: UploadStash, token: str, reason: str | None = None,
          actor: str | None = None) -> ImportReport | None:
    """Ingest the previewed file for real; None when the preview is gone or was refused.

    A file that changes an approved reporting period is applied only with a `reason`, by the
    rule `impact ingest --revision-reason` keeps (pipelines/periods/revisions.py): without one
    it raises ReasonNeeded (RevisionCheckFailed when that cannot be told) and nothing is
    applied; with one, the periods go to `submitted (revised)` by `actor` (`pending.revised`)."""
    pending = stash.get(token)
    if pending is None or pending.data is None:
        return None
    changed = revisions.changed_by_bytes(settings, pending.data, pending.file_name, pending.kind,
                                         pending.permitted_projects)
    reason = revisions.required_reason(changed, reason)
    if pending.delta is not None and not pending.delta.done():
        pending.delta.cancel()
        pending.delta_dropped = True
    report = ingest_bytes(settings, pending.data, pending.file_name, kind=pending.kind,
                          permitted_projects=pending.permitted_projects)
    pending.data = None
    pending.report = report
    if changed and report.upload_id is not None and not report.refused:
        pending.revised = revisions.record(settings, actor or pending.owner or "", changed, reason,
                                           pending.file_name, via="dashboard")
    return report


def can_apply(report: ImportReport) -> bool:
    """A preview is worth applying when some row would be written."""
    return report.dry_run and report.outcome in ("applied", "partially_applied")


def dry_run_delta(settings: Settings, data: bytes, file_name: str, kind: str | None,
                  permitted_projects: frozenset[str] | None = None) -> IndicatorDelta | None:
    """What `impact ingest --dry-run FILE` computes and prints: the same call, the same code."""
    report = ingest_bytes(settings, data, file_name, kind=kind, dry_run=True, indicator_delta=True,
                          permitted_projects=permitted_projects)
    return report.indicator_delta


LOG = logging.getLogger(__name__)
_DELTA_START = threading.Lock()  # two callbacks of one preview start one delta


def _log_failure(future: Future) -> None:
    if not future.cancelled() and future.exception() is not None:
        # the exception's type only: its text may quote the uploaded file
        LOG.warning("indicator delta of an upload preview failed: %s", type(future.exception()).__name__)


def start_delta(settings: Settings, stash: UploadStash, token: str | None) -> bool:
    """Start computing the previewed file's indicator delta in the background, once; False
    when there is nothing to compute (no such preview, refused, or no row would be written)."""
    pending = stash.get(token)
    if pending is None or pending.data is None or not can_apply(pending.report):
        return False
    with _DELTA_START:
        if pending.delta is None:
            pending.delta_started = time.monotonic()
            pending.delta = stash.submit(dry_run_delta, settings, pending.data, pending.file_name, pending.kind,
                                         pending.permitted_projects)
            pending.delta.add_done_callback(_log_failure)
    return True


def forget_delta(stash: UploadStash, token: str | None) -> None:
    """A newer preview replaces this one: do not start its delta if it is still queued."""
    pending = stash.get(token)
    if pending is not None and pending.delta is not None:
        pending.delta.cancel()


def delta_status(stash: UploadStash, token: str | None) -> DeltaStatus:
    pending = stash.get(token)
    if pending is None or pending.delta is None:
        return DeltaStatus("none")
    elapsed = time.monotonic() - (pending.delta_started or time.monotonic())
    if pending.delta_dropped or pending.delta.cancelled():
        return DeltaStatus("dropped", elapsed=elapsed)
    if not pending.delta.done():
        return DeltaStatus("running", elapsed=elapsed)
    if pending.delta.exception() is not None:
        return DeltaStatus("failed", elapsed=elapsed)
    delta = pending.delta.result()
    return DeltaStatus("done", delta, delta.seconds if delta is not None else elapsed)


def report_csv(stash: UploadStash, token: str | None) -> bytes | None:
    """The import report as the command line writes it (`--report x.csv`): for Finnish Excel."""
    pending = stash.get(token)
    if pending is None:
        return None
    return b"\xef\xbb\xbf" + reports_to_csv([pending.report]).encode("utf-8")

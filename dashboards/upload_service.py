"""What the upload page does with a file: the same `ingest_bytes` as `impact ingest`, a dry run
first, then the real apply, with the bytes held in memory in between.

The bytes of a previewed file stay in this process only (never on disk, never in the browser
after the upload): a file refused for a henkilötunnus must not be stored anywhere, and the
ingest code stores accepted files itself when they are applied. `UploadStash` keeps a few
recent previews, keyed by a random token the page holds. Nothing here logs file contents.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

from pipelines.ingest import ImportReport, ingest_bytes
from pipelines.ingest.report import reports_to_csv
from pipelines.settings import Settings

MAX_PENDING = 8


@dataclass
class Pending:
    file_name: str
    data: bytes | None  # dropped once applied
    kind: str | None
    report: ImportReport


class UploadStash:
    """Recent previews by token, newest last; the oldest drop out past MAX_PENDING."""

    def __init__(self, max_pending: int = MAX_PENDING):
        self._items: OrderedDict[str, Pending] = OrderedDict()
        self._lock = threading.Lock()
        self.max_pending = max_pending

    def put(self, pending: Pending) -> str:
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._items[token] = pending
            while len(self._items) > self.max_pending:
                self._items.popitem(last=False)
        return token

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
    settings: Settings, stash: UploadStash, data: bytes, file_name: str, kind: str | None
) -> tuple[str, ImportReport]:
    """Dry-run the file; keep it (unless refused) for apply. Returns (token, report)."""
    report = ingest_bytes(settings, data, file_name, kind=kind or None, dry_run=True)
    keep = None if report.refused else data
    token = stash.put(Pending(file_name, keep, kind or None, report))
    return token, report


def apply(settings: Settings, stash: UploadStash, token: str) -> ImportReport | None:
    """Ingest the previewed file for real; None when the preview is gone or was refused."""
    pending = stash.get(token)
    if pending is None or pending.data is None:
        return None
    report = ingest_bytes(settings, pending.data, pending.file_name, kind=pending.kind)
    pending.data = None
    pending.report = report
    return report


def can_apply(report: ImportReport) -> bool:
    """A preview is worth applying when some row would be written."""
    return report.dry_run and report.outcome in ("applied", "partially_applied")


def report_csv(stash: UploadStash, token: str | None) -> bytes | None:
    """The import report as the command line writes it (`--report x.csv`): for Finnish Excel."""
    pending = stash.get(token)
    if pending is None:
        return None
    return b"\xef\xbb\xbf" + reports_to_csv([pending.report]).encode("utf-8")

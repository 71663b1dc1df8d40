"""The bytes of refused files, kept within a quota and a retention (Settings
`refused_quota_mb`, `refused_retention_days`), so that a stream of refused uploads cannot fill
the disk. Only files that were scanned whole come here: a file that could not be scanned, or
held a henkilötunnus, is never kept (pipelines.ingest.service decides).

A blob is a refused file's when every upload with its SHA-256 was refused; a blob that an
applied upload also names is the system of record's and is never dropped. Called under the
writer lock, after the refusal's upload row is in the ledger.
"""

from __future__ import annotations

import datetime as dt

from pipelines.ingest import ledger
from pipelines.settings import Settings

_REFUSED_ONLY = """
SELECT sha256, max(received_at) AS last_received
FROM uploads
WHERE sha256 IS NOT NULL
GROUP BY sha256
HAVING bool_and(outcome = 'refused')
ORDER BY last_received, sha256
"""


def _refused_blobs(settings: Settings) -> list[tuple[str, dt.datetime]]:
    """(sha256, last time refused) of every refused-only upload, oldest first."""
    con = ledger.connect_for_reading(settings)
    if con is None:
        return []
    try:
        return [(sha, at) for sha, at in con.execute(_REFUSED_ONLY).fetchall()]
    finally:
        con.close()


def keep(settings: Settings, sha256: str, data: bytes, now: dt.datetime) -> bool:
    """Drop refused files past the retention, then keep this one if the quota allows (dropping
    the oldest others to make room). Returns whether its bytes are kept."""
    quota = settings.refused_quota_mb << 20
    oldest = now - dt.timedelta(days=settings.refused_retention_days)
    present = []
    for sha, last in _refused_blobs(settings):
        path = settings.blobs_dir / sha
        if not path.exists() or sha == sha256:
            continue
        if last < oldest:
            path.unlink()
        else:
            present.append((path, path.stat().st_size))
    if len(data) > quota or settings.refused_retention_days == 0:
        return False
    used = sum(size for _, size in present)
    for path, size in present:  # oldest first
        if used + len(data) <= quota:
            break
        path.unlink()
        used -= size
    ledger.store_blob(settings, sha256, data)
    return True

"""The audit trail: who did what and when, append-only. Sign-ins (success and failure),
uploads and applies (file hash, counts), withdrawals, exports and downloads, user, role and
token changes, period changes. Details are small JSON objects built by the callers from
codes, counts and hashes: never a password, a token or a cell of an uploaded file."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from indicators.exports.safe_text import neutralise
from pipelines.access.store import connect

@dataclass(frozen=True)
class Entry:
    id: int
    at: str
    actor: str
    action: str
    detail: dict


def record(home: Path, actor: str, action: str, **detail) -> None:
    at = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    with connect(home) as con:
        con.execute("INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)",
                    (at, actor, action, json.dumps(detail, sort_keys=True, default=str)))


def entries(home: Path, limit: int | None = None) -> list[Entry]:
    """Newest first."""
    with connect(home) as con:
        rows = con.execute("SELECT id, at, actor, action, detail FROM audit ORDER BY id DESC"
                           + (" LIMIT ?" if limit else ""), (limit,) if limit else ()).fetchall()
    return [Entry(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]


def to_csv(rows: list[Entry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "at", "actor", "action", "detail"])
    for e in rows:
        writer.writerow([e.id, e.at, neutralise(e.actor), neutralise(e.action),
                         neutralise(json.dumps(e.detail, sort_keys=True))])
    return out.getvalue()

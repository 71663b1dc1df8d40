"""The reporting periods in the access store (its tables: pipelines/access/store.py): reads and
writes on an open connection, so that a state change, its history row and the values it froze
are one transaction. A period never written is `open`."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from pathlib import Path

from pipelines.access.store import store_path
from pipelines.periods.states import APPROVED, OPEN, SUBMITTED, SUBMITTED_REVISED

VALUE_KEY = ("scope_type", "scope_code", "indicator_code", "gender")


@dataclass(frozen=True)
class Period:
    project_code: str
    cutoff: date
    state: str
    changed_at: str | None = None
    changed_by: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Final:
    id: int
    cutoff: date
    at: str
    actor: str
    snapshot_version: str
    event_id: int


def period(con: sqlite3.Connection, project: str, cutoff: date) -> Period:
    row = con.execute(
        "SELECT state, changed_at, changed_by, reason FROM periods WHERE project_code = ? AND cutoff_date = ?",
        (project, cutoff.isoformat()),
    ).fetchone()
    return Period(project, cutoff, *row) if row else Period(project, cutoff, OPEN)


def periods_of(con: sqlite3.Connection, cutoff: date) -> dict[str, Period]:
    rows = con.execute(
        "SELECT project_code, state, changed_at, changed_by, reason FROM periods WHERE cutoff_date = ?",
        (cutoff.isoformat(),),
    ).fetchall()
    return {r[0]: Period(r[0], cutoff, *r[1:]) for r in rows}


def set_state(con: sqlite3.Connection, old: Period, state: str, at: str, actor: str,
              reason: str | None, snapshot_version: str | None = None) -> int:
    """Write the new state and its history row; returns the history row's id."""
    con.execute(
        "INSERT INTO periods (project_code, cutoff_date, state, changed_at, changed_by, reason) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (project_code, cutoff_date) DO UPDATE SET "
        "state = excluded.state, changed_at = excluded.changed_at, changed_by = excluded.changed_by, "
        "reason = excluded.reason",
        (old.project_code, old.cutoff.isoformat(), state, at, actor, reason),
    )
    cursor = con.execute(
        "INSERT INTO period_events (project_code, cutoff_date, from_state, to_state, at, actor, reason, "
        "snapshot_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (old.project_code, old.cutoff.isoformat(), old.state, state, at, actor, reason, snapshot_version),
    )
    return cursor.lastrowid


def keep_values(con: sqlite3.Connection, event_id: int, cutoff: date, rows: list[tuple]) -> None:
    """Freeze `rows` (scope_type, scope_code, indicator_code, gender, value) under an event."""
    con.executemany(
        "INSERT INTO period_values (event_id, cutoff_date, scope_type, scope_code, indicator_code, gender, value) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(event_id, cutoff.isoformat(), *r) for r in rows],
    )


def approval_event(con: sqlite3.Connection, project: str, cutoff: date,
                   up_to: int | None = None) -> tuple[int, str] | None:
    """The latest approval of a period (up to history row `up_to`): (event id, snapshot version)."""
    return con.execute(
        "SELECT id, snapshot_version FROM period_events WHERE project_code = ? AND cutoff_date = ? "
        "AND to_state = 'approved' AND id <= ? ORDER BY id DESC LIMIT 1",
        (project, cutoff.isoformat(), up_to if up_to is not None else 2**62),
    ).fetchone()


def approved_project_values(con: sqlite3.Connection, project: str, cutoff: date,
                            up_to: int | None = None) -> list[tuple]:
    """The project's rows as its latest approval (up to history row `up_to`) froze them, in key order."""
    event = approval_event(con, project, cutoff, up_to)
    if event is None:
        return []
    return con.execute(
        "SELECT scope_type, scope_code, indicator_code, gender, value FROM period_values "
        "WHERE event_id = ? AND scope_type = 'project' AND scope_code = ? "
        "ORDER BY scope_type, scope_code, indicator_code, gender",
        (event[0], project),
    ).fetchall()


def add_final(con: sqlite3.Connection, cutoff: date, at: str, actor: str, snapshot_version: str,
              event_id: int, files: dict[str, bytes]) -> int:
    final_id = con.execute(
        "INSERT INTO period_finals (cutoff_date, at, actor, snapshot_version, event_id) VALUES (?, ?, ?, ?, ?)",
        (cutoff.isoformat(), at, actor, snapshot_version, event_id),
    ).lastrowid
    con.executemany(
        "INSERT INTO period_final_files (final_id, file_name, content) VALUES (?, ?, ?)",
        [(final_id, name, content) for name, content in sorted(files.items())],
    )
    return final_id


def latest_final(con: sqlite3.Connection, cutoff: date) -> Final | None:
    row = con.execute(
        "SELECT id, cutoff_date, at, actor, snapshot_version, event_id FROM period_finals "
        "WHERE cutoff_date = ? ORDER BY id DESC LIMIT 1",
        (cutoff.isoformat(),),
    ).fetchone()
    return Final(row[0], date.fromisoformat(row[1]), *row[2:]) if row else None


def final_files(con: sqlite3.Connection, final_id: int) -> dict[str, bytes]:
    rows = con.execute(
        "SELECT file_name, content FROM period_final_files WHERE final_id = ? ORDER BY file_name", (final_id,)
    ).fetchall()
    return {name: bytes(content) for name, content in rows}


def final_values(con: sqlite3.Connection, final: Final) -> list[tuple]:
    """Every scope's approved rows of a final cut-off: each project's from its approval as it
    stood at the finalisation, the programme's, objectives' and regions' from the finalisation."""
    rows = con.execute(
        "SELECT scope_type, scope_code, indicator_code, gender, value FROM period_values "
        "WHERE event_id = ? AND scope_type <> 'project'",
        (final.event_id,),
    ).fetchall()
    projects = [r[0] for r in con.execute(
        "SELECT DISTINCT project_code FROM period_events WHERE cutoff_date = ? AND to_state = 'approved' "
        "AND id <= ? ORDER BY project_code", (final.cutoff.isoformat(), final.event_id),
    ).fetchall()]
    for project in projects:
        rows.extend(approved_project_values(con, project, final.cutoff, final.event_id))
    return sorted(rows, key=lambda r: r[:4])


def first_deliveries(con: sqlite3.Connection, cutoff: date) -> dict[str, str]:
    """Each project's first submission or approval at the cut-off (ISO time): when its
    half-year was delivered (pipelines/periods/delivery.py)."""
    rows = con.execute(
        "SELECT project_code, min(at) FROM period_events WHERE cutoff_date = ? AND to_state IN (?, ?) "
        "GROUP BY project_code",
        (cutoff.isoformat(), SUBMITTED, APPROVED),
    ).fetchall()
    return dict(rows)


def periods_in_state(con: sqlite3.Connection, state: str) -> list[Period]:
    """Every period now in `state`, oldest cut-off first."""
    rows = con.execute(
        "SELECT project_code, cutoff_date, state, changed_at, changed_by, reason FROM periods WHERE state = ? "
        "ORDER BY cutoff_date, project_code",
        (state,),
    ).fetchall()
    return [Period(r[0], date.fromisoformat(r[1]), *r[2:]) for r in rows]


def revising_upload(con: sqlite3.Connection, project: str, cutoff: date) -> str | None:
    """The upload (its file names) that last sent the period to `submitted (revised)`, as the
    audit trail's `period.revise` entry names it (the one place that fact is kept)."""
    row = con.execute(
        "SELECT json_extract(detail, '$.upload') FROM audit WHERE action = 'period.revise' "
        "AND json_extract(detail, '$.project') = ? AND json_extract(detail, '$.cutoff') = ? "
        "ORDER BY id DESC LIMIT 1",
        (project, cutoff.isoformat()),
    ).fetchone()
    return row[0] if row else None


def approved_periods(home: Path) -> set[tuple[str, date]]:
    """Every approved (or approved, now revised by an upload) period, read-only: a dry run
    reads this and must write nothing, not even a new store."""
    path = store_path(home)
    if not path.exists():
        return set()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'periods'").fetchone():
            return set()
        rows = con.execute(
            "SELECT project_code, cutoff_date FROM periods WHERE state IN (?, ?)", (APPROVED, SUBMITTED_REVISED)
        ).fetchall()
    finally:
        con.close()
    return {(p, date.fromisoformat(c)) for p, c in rows}


APPROVED_VALUES_SQL = """
WITH latest_approvals AS (
    SELECT project_code, cutoff_date, max(id) AS event_id
    FROM period_events WHERE to_state = 'approved'
    GROUP BY project_code, cutoff_date
),
latest_finals AS (
    SELECT cutoff_date, max(id) AS final_id FROM period_finals GROUP BY cutoff_date
)
SELECT v.cutoff_date, v.scope_type, v.scope_code, v.indicator_code, v.gender, v.value, e.at
FROM latest_approvals AS a
JOIN period_values AS v
    ON v.event_id = a.event_id AND v.scope_type = 'project' AND v.scope_code = a.project_code
JOIN period_events AS e ON e.id = a.event_id
UNION ALL
SELECT v.cutoff_date, v.scope_type, v.scope_code, v.indicator_code, v.gender, v.value, f.at
FROM latest_finals AS l
JOIN period_finals AS f ON f.id = l.final_id
JOIN period_values AS v ON v.event_id = f.event_id AND v.scope_type <> 'project'
ORDER BY 1, 2, 3, 4, 5
"""


def approved_values(home: Path) -> list[tuple]:
    """The values as last approved, read-only (a build reads them; consistency rule 7 compares
    with them): every project's rows from its period's latest approval, and the programme's,
    objectives' and regions' rows of each final cut-off from its latest finalisation, as
    (cutoff_date, scope_type, scope_code, indicator_code, gender, value, approved_at), ISO texts."""
    path = store_path(home)
    if not path.exists():
        return []
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'period_finals'").fetchone():
            return []
        return con.execute(APPROVED_VALUES_SQL).fetchall()
    finally:
        con.close()

"""The access store: one SQLite file, IMPACT_HOME/access/access.sqlite (owner-only), holding the
accounts, their projects, API tokens (hashed), sign-in failures and the audit trail. SQLite in
WAL mode: readers never wait for a writer, a write takes milliseconds, and nothing else (a
build, an upload) ever opens it. The audit table refuses UPDATE and DELETE."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    password_hash TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS user_projects (
    name TEXT NOT NULL REFERENCES users(name),
    project_code TEXT NOT NULL,
    PRIMARY KEY (name, project_code)
);
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY,
    name TEXT NOT NULL REFERENCES users(name),
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS session_limits (
    name TEXT PRIMARY KEY,
    valid_after REAL NOT NULL  -- a session begun before this time (epoch seconds) is worth nothing
);
CREATE TABLE IF NOT EXISTS sign_in_failures (
    name_key TEXT PRIMARY KEY,  -- sha256 of the name as typed (it may be a mistyped password)
    failures INTEGER NOT NULL,
    locked_until REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
-- reporting periods (pipelines/periods/): the state of each project x cut-off, its history,
-- the values each approval froze and the official export of each final cut-off
CREATE TABLE IF NOT EXISTS periods (
    project_code TEXT NOT NULL,
    cutoff_date TEXT NOT NULL,
    state TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    reason TEXT,
    PRIMARY KEY (project_code, cutoff_date)
);
CREATE TABLE IF NOT EXISTS period_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_code TEXT NOT NULL,
    cutoff_date TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT,
    snapshot_version TEXT  -- approvals: the published version whose values were frozen
);
CREATE TRIGGER IF NOT EXISTS period_events_no_update BEFORE UPDATE ON period_events
BEGIN SELECT RAISE(ABORT, 'the period history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS period_events_no_delete BEFORE DELETE ON period_events
BEGIN SELECT RAISE(ABORT, 'the period history is append-only'); END;
CREATE TABLE IF NOT EXISTS period_values (
    event_id INTEGER NOT NULL REFERENCES period_events(id),  -- the approval (or finalisation)
    cutoff_date TEXT NOT NULL,
    scope_type TEXT NOT NULL,
    scope_code TEXT NOT NULL,
    indicator_code TEXT NOT NULL,
    gender TEXT NOT NULL,
    value REAL,
    PRIMARY KEY (event_id, scope_type, scope_code, indicator_code, gender)
);
CREATE TABLE IF NOT EXISTS period_finals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    cutoff_date TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    snapshot_version TEXT NOT NULL,
    event_id INTEGER NOT NULL REFERENCES period_events(id)  -- the approval that made it final
);
CREATE TABLE IF NOT EXISTS period_final_files (
    final_id INTEGER NOT NULL REFERENCES period_finals(id),
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (final_id, file_name)
);
"""


def store_path(home: Path) -> Path:
    return home / "access" / "access.sqlite"


@contextmanager
def connect(home: Path) -> Iterator[sqlite3.Connection]:
    """A connection in one transaction (committed on success), the schema in place."""
    path = store_path(home)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA foreign_keys=ON")
        con.executescript(SCHEMA)
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    finally:
        con.close()
    os.chmod(path, 0o600)

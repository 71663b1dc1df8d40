"""Accounts: adding, listing, disabling users and setting passwords (the `impact users`
commands, acting as admin), API tokens, and signing in with throttling.

Sign-in failures are counted per name, whether or not the name exists, so that the answers
never tell which names exist: after LOCK_AFTER failures in a row a name is locked for
LOCK_SECONDS (doubling with every further failure), and a locked name is refused even with the
right password until the lock ends.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pipelines.access import audit
from pipelines.access.passwords import hash_password, new_token, token_hash, verify_password
from pipelines.access.roles import User, check_role
from pipelines.access.store import connect

LOCK_AFTER = 10
LOCK_SECONDS = 15 * 60
MAX_LOCK_SECONDS = 24 * 3600
NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")


class AccountError(ValueError):
    """A request about accounts that cannot be done (no such user, a name taken ...)."""


class Locked(Exception):
    """Too many failed sign-ins for this name: try again after `retry_after` seconds."""

    def __init__(self, retry_after: float):
        super().__init__(f"locked for {retry_after:.0f} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    projects: tuple[str, ...]
    disabled: bool
    created_at: str
    tokens: int


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def check_name(name: str) -> str:
    if not NAME.match(name):
        raise AccountError("a user name is 2-64 characters: lower-case letters, digits and . _ @ -")
    return name


def _user(con, name: str) -> User | None:
    row = con.execute("SELECT role FROM users WHERE name = ? AND disabled = 0", (name,)).fetchone()
    if row is None:
        return None
    projects = frozenset(r[0] for r in con.execute(
        "SELECT project_code FROM user_projects WHERE name = ?", (name,)))
    return User(name, row[0], projects)


def get_user(home: Path, name: str) -> User | None:
    """The active user of that name (None if there is none, or it is disabled)."""
    with connect(home) as con:
        return _user(con, name)


def add_user(home: Path, actor: str, name: str, role: str, password: str, projects: list[str]) -> None:
    check_name(name)
    check_role(role)
    if role == "project_manager" and not projects:
        raise AccountError("a project manager needs at least one --project")
    password_hash = hash_password(password)
    with connect(home) as con:
        if con.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
            raise AccountError(f"user {name} exists")
        con.execute("INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    (name, role, password_hash, _now()))
        con.executemany("INSERT INTO user_projects (name, project_code) VALUES (?, ?)",
                        [(name, p) for p in sorted(set(projects))])
    audit.record(home, actor, "user.add", user=name, role=role, projects=sorted(set(projects)))


def list_accounts(home: Path) -> list[Account]:
    with connect(home) as con:
        users = con.execute("SELECT name, role, disabled, created_at FROM users ORDER BY name").fetchall()
        projects = con.execute("SELECT name, project_code FROM user_projects ORDER BY project_code").fetchall()
        tokens = dict(con.execute(
            "SELECT name, count(*) FROM tokens WHERE revoked_at IS NULL GROUP BY name").fetchall())
    return [Account(n, r, tuple(p for u, p in projects if u == n), bool(d), c, tokens.get(n, 0))
            for n, r, d, c in users]


def _existing(con, name: str) -> None:
    if not con.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
        raise AccountError(f"no user {name}")


def _end_sessions(con, name: str) -> None:
    con.execute("INSERT INTO session_limits (name, valid_after) VALUES (?, ?) ON CONFLICT (name) "
                "DO UPDATE SET valid_after = excluded.valid_after", (name, time.time()))


def end_sessions(home: Path, name: str) -> None:
    """Every session of `name` begun until now ends (signing out, anywhere)."""
    with connect(home) as con:
        _end_sessions(con, name)


def session_user(home: Path, name: str, signed_in_at: float) -> User | None:
    """The user of a session begun at `signed_in_at`, unless it has ended since (signed out,
    disabled, new password) or the user is disabled."""
    with connect(home) as con:
        row = con.execute("SELECT valid_after FROM session_limits WHERE name = ?", (name,)).fetchone()
        if row is not None and signed_in_at <= row[0]:
            return None
        return _user(con, name)


def disable_user(home: Path, actor: str, name: str) -> None:
    with connect(home) as con:
        _existing(con, name)
        con.execute("UPDATE users SET disabled = 1 WHERE name = ?", (name,))
        _end_sessions(con, name)
        con.execute("UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", (_now(), name))
    audit.record(home, actor, "user.disable", user=name)


def set_password(home: Path, actor: str, name: str, password: str) -> None:
    password_hash = hash_password(password)
    with connect(home) as con:
        _existing(con, name)
        con.execute("UPDATE users SET password_hash = ? WHERE name = ?", (password_hash, name))
        _end_sessions(con, name)
        con.execute("DELETE FROM sign_in_failures WHERE name_key = ?", (_failure_key(name),))
    audit.record(home, actor, "user.password", user=name)


def create_token(home: Path, actor: str, name: str) -> str:
    """A new API token for `name`, returned once; only its hash is kept."""
    token = new_token()
    with connect(home) as con:
        _existing(con, name)
        con.execute("INSERT INTO tokens (token_hash, name, created_at) VALUES (?, ?, ?)",
                    (token_hash(token), name, _now()))
    audit.record(home, actor, "token.create", user=name, token_id=token_hash(token)[:12])
    return token


def revoke_tokens(home: Path, actor: str, name: str) -> int:
    with connect(home) as con:
        _existing(con, name)
        count = con.execute("UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                            (_now(), name)).rowcount
    audit.record(home, actor, "token.revoke", user=name, tokens=count)
    return count


def user_for_token(home: Path, token: str) -> User | None:
    with connect(home) as con:
        row = con.execute("SELECT name FROM tokens WHERE token_hash = ? AND revoked_at IS NULL",
                          (token_hash(token),)).fetchone()
        return _user(con, row[0]) if row else None


def _failure_key(name: str) -> str:
    """What failures are counted under: a hash, since the name typed may be a password."""
    return hashlib.sha256(name.strip().lower().encode()).hexdigest()


def sign_in(home: Path, name: str, password: str, source: str, now: float | None = None) -> User | None:
    """The user when name and password are right; None when not; Locked while the name is
    locked. Every attempt is in the audit trail (the name only if it exists: a mistyped
    password in the name field must not be kept)."""
    now = time.time() if now is None else now
    key, failure_key = name.strip().lower(), _failure_key(name)
    with connect(home) as con:
        failures, locked_until = con.execute(
            "SELECT failures, locked_until FROM sign_in_failures WHERE name_key = ?", (failure_key,)
        ).fetchone() or (0, 0.0)
        row = con.execute("SELECT password_hash FROM users WHERE name = ? AND disabled = 0", (key,)).fetchone()
        exists = row is not None
    if locked_until > now:
        audit.record(home, key if exists else "(unknown)", "sign_in.locked", source=source)
        raise Locked(locked_until - now)
    if verify_password(row[0] if row else None, password):
        with connect(home) as con:
            con.execute("DELETE FROM sign_in_failures WHERE name_key = ?", (failure_key,))
            user = _user(con, key)
        audit.record(home, key, "sign_in.success", source=source)
        return user
    failures += 1
    lock = 0.0
    if failures >= LOCK_AFTER:
        lock = now + min(MAX_LOCK_SECONDS, LOCK_SECONDS * 2 ** (failures - LOCK_AFTER))
    with connect(home) as con:
        con.execute("INSERT INTO sign_in_failures (name_key, failures, locked_until) VALUES (?, ?, ?) "
                    "ON CONFLICT (name_key) DO UPDATE SET failures = excluded.failures, "
                    "locked_until = excluded.locked_until", (failure_key, failures, lock))
    audit.record(home, key if exists else "(unknown)", "sign_in.failure", source=source, failures=failures)
    return None

"""Accounts, roles, tokens, sign-in throttling and the audit trail (pipelines/access/)."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from pipelines.access import accounts, audit
from pipelines.access.roles import User
from pipelines.access.store import store_path
from tests.support.cli import run_impact

PASSWORD = "correct horse battery"


def test_roles_decide_what_each_may_do():
    admin, coordinator = User("a", "admin"), User("c", "coordinator")
    evaluator, manager = User("e", "evaluator"), User("p", "project_manager", frozenset({"S10001"}))
    assert admin.may_manage_users and not coordinator.may_manage_users
    assert coordinator.may_upload("S10002") and coordinator.may_export_official and coordinator.may_approve_periods
    assert not evaluator.may_upload() and evaluator.sees_exactly("S10002") and not evaluator.may_export_official
    assert manager.may_upload("S10001") and not manager.may_upload("S10002")
    assert manager.sees_exactly("S10001") and not manager.sees_exactly("S10002") and not manager.sees_exactly(None)


def test_users_are_added_listed_disabled_and_their_tokens_revoked(tmp_path):
    accounts.add_user(tmp_path, "os:test", "anna", "project_manager", PASSWORD, ["S10001"])
    with pytest.raises(accounts.AccountError, match="exists"):
        accounts.add_user(tmp_path, "os:test", "anna", "evaluator", PASSWORD, [])
    with pytest.raises(accounts.AccountError, match="project"):
        accounts.add_user(tmp_path, "os:test", "bert", "project_manager", PASSWORD, [])
    with pytest.raises(ValueError, match="12 characters"):
        accounts.add_user(tmp_path, "os:test", "bert", "evaluator", "short", [])
    token = accounts.create_token(tmp_path, "os:test", "anna")
    assert accounts.user_for_token(tmp_path, token) == User("anna", "project_manager", frozenset({"S10001"}))
    assert accounts.user_for_token(tmp_path, token + "x") is None
    (listed,) = accounts.list_accounts(tmp_path)
    assert (listed.name, listed.projects, listed.tokens, listed.disabled) == ("anna", ("S10001",), 1, False)
    accounts.disable_user(tmp_path, "os:test", "anna")
    assert accounts.user_for_token(tmp_path, token) is None and accounts.get_user(tmp_path, "anna") is None
    assert accounts.sign_in(tmp_path, "anna", PASSWORD, "test") is None
    # only hashes are stored
    stored = store_path(tmp_path).read_bytes()
    assert token.encode() not in stored and PASSWORD.encode() not in stored


def test_failed_sign_ins_lock_a_name_whether_or_not_it_exists(tmp_path):
    accounts.add_user(tmp_path, "os:test", "anna", "evaluator", PASSWORD, [])
    for name in ("anna", "nobody"):
        for _ in range(accounts.LOCK_AFTER):
            assert accounts.sign_in(tmp_path, name, "wrong password!", "test") is None
        with pytest.raises(accounts.Locked):
            accounts.sign_in(tmp_path, name, PASSWORD, "test")  # even the right one, while locked
    later = accounts.LOCK_SECONDS + 10
    import time

    assert accounts.sign_in(tmp_path, "anna", PASSWORD, "test", now=time.time() + later) == User("anna", "evaluator")
    assert accounts.sign_in(tmp_path, "anna", PASSWORD, "test") is not None  # a success clears the count


def test_the_audit_trail_is_append_only_and_keeps_no_secret(tmp_path):
    accounts.add_user(tmp_path, "os:test", "anna", "evaluator", PASSWORD, [])
    accounts.sign_in(tmp_path, "anna", PASSWORD, "10.0.0.1")
    accounts.sign_in(tmp_path, PASSWORD, "anything", "10.0.0.1")  # a password typed as the name
    token = accounts.create_token(tmp_path, "os:test", "anna")
    actions = [(e.actor, e.action) for e in reversed(audit.entries(tmp_path))]
    assert actions == [("os:test", "user.add"), ("anna", "sign_in.success"),
                       ("(unknown)", "sign_in.failure"), ("os:test", "token.create")]
    text = audit.to_csv(audit.entries(tmp_path))
    assert PASSWORD not in text and token not in text
    with sqlite3.connect(store_path(tmp_path)) as con:
        for sql in ("UPDATE audit SET actor = 'x'", "DELETE FROM audit"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                con.execute(sql)


def test_the_users_command_reads_passwords_from_stdin(impact_home):
    def impact_users(*args: str, password: str = "") -> subprocess.CompletedProcess:
        return run_impact(impact_home, "users", *args, stdin=password)

    assert impact_users("add", "anna", "--role", "coordinator", "--password-stdin",
                        password=PASSWORD + "\n").returncode == 0
    listed = impact_users("list")
    assert "anna" in listed.stdout and "coordinator" in listed.stdout
    token = impact_users("token", "anna").stdout.strip()
    assert token.startswith("imp_") and accounts.user_for_token(impact_home, token).name == "anna"
    short = impact_users("password", "anna", "--password-stdin", password="short\n")
    assert short.returncode == 2 and "12 characters" in short.stderr
    assert impact_users("disable", "nobody").returncode == 2
    assert audit.entries(impact_home)[0].actor.startswith("os:")

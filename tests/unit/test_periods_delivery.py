"""The delivery status's pure functions (pipelines/periods/delivery.py), who may do what with a
period (permissions.py), the revision reason rule (revisions.required_reason) and the deadline
setting."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import polars as pl
import pytest

from indicators.calendar import half_year_start
from pipelines.access.roles import User
from pipelines.periods import delivery, permissions
from pipelines.periods.revisions import ReasonNeeded, required_reason
from pipelines.periods.store import Period
from pipelines.settings import Settings

H2 = date(2025, 12, 31)


def test_the_half_year_and_its_deadline() -> None:
    assert half_year_start(H2) == date(2025, 7, 1)
    assert half_year_start(date(2026, 6, 30)) == date(2026, 1, 1)
    assert delivery.deadline(H2, 31) == date(2026, 1, 31)
    assert delivery.deadline(date(2026, 6, 30), 0) == date(2026, 6, 30)


@pytest.mark.parametrize(("delivered", "today", "expected"), [
    ("2026-01-31T23:10:00+00:00", date(2026, 3, 1), delivery.ON_TIME),  # the deadline's day counts
    ("2026-02-01T00:00:01+00:00", date(2026, 3, 1), delivery.LATE),
    (None, date(2026, 2, 1), delivery.OVERDUE),
    (None, date(2026, 1, 31), delivery.NOT_DUE),
])
def test_timeliness(delivered, today, expected) -> None:
    assert delivery.timeliness(delivered, date(2026, 1, 31), today) == expected


def test_uploads_count_from_the_half_years_first_day_to_the_deadline() -> None:
    times = [datetime(2025, 6, 30, 23, 59), datetime(2025, 7, 1), date(2026, 1, 31), "2026-02-01T00:00:00"]
    assert delivery.uploads_in_window(times, H2, date(2026, 1, 31)) == 2


def test_delivery_rows_and_their_csv() -> None:
    periods = [Period("S1", H2, "submitted", "2026-01-10T09:00:00+00:00", "pm", None),
               Period("S2", H2, "open"),
               Period("=S3", H2, "reopened", "2026-03-01T09:00:00+00:00", "coord", "=HYPERLINK(1)")]
    rows = delivery.delivery_rows(H2, periods, {"S1": "2026-01-10T09:00:00+00:00", "=S3": "2026-02-15T00:00:00+00:00"},
                                  {"S1": [datetime(2025, 9, 1), datetime(2026, 1, 5)], "S2": [datetime(2025, 1, 1)]},
                                  31, date(2026, 4, 1))
    assert [(r.project_code, r.timeliness, r.uploads_in_period, r.uploaded_nothing) for r in rows] == [
        ("S1", "on_time", 2, False), ("S2", "overdue", 0, True), ("=S3", "late", 0, True)]
    table = list(csv.DictReader(io.StringIO(delivery.to_csv(rows))))
    assert list(table[0]) == list(delivery.COLUMNS)
    assert table[0]["deadline"] == "2026-01-31" and table[1]["delivered_at"] == ""
    assert table[2]["project_code"] == "'=S3" and table[2]["reason"] == "'=HYPERLINK(1)"  # neutralised


def test_who_may_do_what_with_a_period() -> None:
    manager = User("pm", "project_manager", frozenset({"S1"}))
    coordinator, evaluator, admin = User("c", "coordinator"), User("e", "evaluator"), User("a", "admin")
    assert permissions.visible(manager, ["S1", "S2"]) == ["S1"]
    assert permissions.visible(evaluator, ["S1", "S2"]) == ["S1", "S2"]
    assert permissions.visible(None, ["S1"]) == []
    assert permissions.may_act(manager, "submit", "S1") and not permissions.may_act(manager, "submit", "S2")
    assert not permissions.may_act(manager, "approve", "S1") and not permissions.may_act(manager, "reopen", "S1")
    assert not permissions.may_act(evaluator, "submit", "S1") and not permissions.may_act(evaluator, "approve", None)
    for user in (coordinator, admin):
        assert all(permissions.may_act(user, a, "S2") for a in ("submit", "approve", "reopen"))
    assert not permissions.may_act(None, "submit", "S1")
    with pytest.raises(ValueError):
        permissions.may_act(admin, "delete", "S1")


def test_a_revision_needs_a_reason_only_when_an_approved_period_changes() -> None:
    changed = [("S1", H2, pl.DataFrame({"indicator_code": ["EECO01"], "gender": ["woman"], "delta": [1]}))]
    assert required_reason([], None) is None
    assert required_reason(changed, "  late entry ") == "late entry"
    for empty in (None, "", "   "):
        with pytest.raises(ReasonNeeded) as refused:
            required_reason(changed, empty)
        assert refused.value.changed == changed


def test_the_deadline_setting() -> None:
    assert Settings.from_env({"IMPACT_HOME": "/tmp/x"}).submission_deadline_days == 31
    settings = Settings.from_env({"IMPACT_HOME": "/tmp/x", "IMPACT_SUBMISSION_DEADLINE_DAYS": "45"})
    assert settings.submission_deadline_days == 45
    assert Settings.from_env(settings.env()).submission_deadline_days == 45
    with pytest.raises(ValueError, match="IMPACT_SUBMISSION_DEADLINE_DAYS"):
        Settings.from_env({"IMPACT_HOME": "/tmp/x", "IMPACT_SUBMISSION_DEADLINE_DAYS": "-1"})

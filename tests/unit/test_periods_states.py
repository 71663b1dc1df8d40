"""The reporting periods' state machine (pipelines/periods/states.py) and the calendar's
default cut-off: pure functions."""

from __future__ import annotations

from datetime import date

import pytest

from indicators.calendar import default_cutoff, is_cutoff, is_provisional
from pipelines.exports.approved import revision_rows
from pipelines.periods.states import (
    APPROVED, OPEN, REOPENED, SUBMITTED, SUBMITTED_REVISED, TransitionRefused, is_final, transition,
)

CLOSED = date(2025, 12, 31)
TODAY = date(2026, 3, 1)


def test_the_happy_path_and_a_reopening():
    state = transition(OPEN, "submit", CLOSED, TODAY)
    assert state == SUBMITTED
    state = transition(state, "approve", CLOSED, TODAY)
    assert state == APPROVED
    state = transition(state, "reopen", CLOSED, TODAY, reason="a late correction")
    assert state == REOPENED
    assert transition(state, "submit", CLOSED, TODAY) == SUBMITTED
    assert transition(APPROVED, "revise", CLOSED, TODAY, reason="an upload") == SUBMITTED_REVISED
    assert transition(SUBMITTED_REVISED, "approve", CLOSED, TODAY) == APPROVED


@pytest.mark.parametrize("state, action", [
    (APPROVED, "approve"), (APPROVED, "submit"), (SUBMITTED, "submit"), (OPEN, "reopen"), (OPEN, "revise"),
])
def test_refused_from_the_wrong_state(state, action):
    with pytest.raises(TransitionRefused):
        transition(state, action, CLOSED, TODAY, reason="why")


def test_only_a_closed_cut_off_is_submitted_or_approved():
    for cutoff in (date(2026, 6, 30), date(2026, 12, 31)):
        with pytest.raises(TransitionRefused, match="has not ended"):
            transition(OPEN, "submit", cutoff, TODAY)
        with pytest.raises(TransitionRefused, match="has not ended"):
            transition(SUBMITTED, "approve", cutoff, TODAY)
    with pytest.raises(TransitionRefused, match="not a reporting cut-off"):
        transition(OPEN, "submit", date(2025, 11, 30), TODAY)
    with pytest.raises(TransitionRefused, match="not ended"):  # the cut-off day itself may still bring data
        transition(OPEN, "submit", CLOSED, CLOSED)


def test_reopening_needs_a_reason():
    with pytest.raises(TransitionRefused, match="reason"):
        transition(APPROVED, "reopen", CLOSED, TODAY, reason="  ")


def test_final_when_every_active_project_is_approved():
    assert is_final({"A": APPROVED, "B": APPROVED}, {"A", "B"})
    assert not is_final({"A": APPROVED}, {"A", "B"})
    assert not is_final({"A": APPROVED, "B": REOPENED}, {"A", "B"})
    assert not is_final({}, set())


def test_the_default_cut_off_is_the_last_closed_one():
    assert default_cutoff(date(2026, 12, 3)) == date(2026, 6, 30)
    assert default_cutoff(date(2026, 6, 30)) == date(2025, 12, 31)
    assert default_cutoff(date(2026, 7, 1)) == date(2026, 6, 30)
    assert is_provisional(date(2026, 12, 31), date(2026, 12, 3))
    assert not is_provisional(date(2026, 6, 30), date(2026, 12, 3))
    assert is_cutoff(date(2026, 6, 30)) and not is_cutoff(date(2026, 7, 1))


def test_revision_rows_flag_the_changes_with_their_delta():
    approved = [("project", "A", "EECO01", "woman", 3.0), ("project", "A", "EECO01", "man", 2.0)]
    current = [("project", "A", "EECO01", "woman", 4.0), ("project", "A", "EECO01", "man", 2.0),
               ("project", "B", "EECO01", "man", 1.0)]
    rows = revision_rows(approved, current, CLOSED)
    assert rows == [
        ["2025-12-31", "project", "A", "EECO01", "man", "2", "2", "0", "false"],
        ["2025-12-31", "project", "A", "EECO01", "woman", "3", "4", "1", "true"],
        ["2025-12-31", "project", "B", "EECO01", "man", "", "1", "", "true"],
    ]


def test_the_dashboard_defaults_to_the_last_closed_cut_off_and_labels_the_provisional_one():
    from dashboards.components import cutoff_options
    from dashboards.data import parse_cutoff

    available = [date(2025, 12, 31), date(2026, 6, 30), date(2026, 12, 31)]
    today = date(2026, 12, 3)
    assert parse_cutoff(None, available, today) == date(2026, 6, 30)
    assert parse_cutoff("2026-12-31", available, today) == date(2026, 12, 31)  # selectable
    labels = [o["label"] for o in cutoff_options(available, "en", today)]
    assert labels == ["31 Dec 2026 (provisional: the half-year has not ended)", "30 Jun 2026 (latest closed)",
                      "31 Dec 2025"]
    assert parse_cutoff(None, [date(2026, 12, 31)], today) == date(2026, 12, 31)  # nothing closed yet

"""The state machine of one reporting period (a project x a cut-off). Pure: states in, a new
state or a refusal out.

    open --submit--> submitted --approve--> approved --reopen--> reopened --submit--> submitted
    approved --revise (an upload changed its values)--> submitted (revised) --approve--> approved

A coordinator may approve a period that was never submitted (open or reopened): the CLI and
the coordinator act for a project that has delivered by other means. Only a closed cut-off
(indicators/calendar.py) can be submitted or approved. Reopening needs a reason.
"""

from __future__ import annotations

from datetime import date

from indicators.calendar import is_closed, is_cutoff

OPEN = "open"
SUBMITTED = "submitted"
APPROVED = "approved"
REOPENED = "reopened"
SUBMITTED_REVISED = "submitted (revised)"
STATES = (OPEN, SUBMITTED, APPROVED, REOPENED, SUBMITTED_REVISED)

ACTIONS = {
    # action: (states it starts from, the state it leads to)
    "submit": ((OPEN, REOPENED), SUBMITTED),
    "approve": ((OPEN, SUBMITTED, REOPENED, SUBMITTED_REVISED), APPROVED),
    "reopen": ((SUBMITTED, APPROVED, SUBMITTED_REVISED), REOPENED),
    "revise": ((APPROVED, SUBMITTED_REVISED), SUBMITTED_REVISED),
}


class TransitionRefused(ValueError):
    """The action is not possible from this state or at this cut-off."""


def check_cutoff(cutoff: date, today: date) -> None:
    if not is_cutoff(cutoff):
        raise TransitionRefused(f"{cutoff.isoformat()} is not a reporting cut-off (30 June or 31 December)")
    if not is_closed(cutoff, today):
        raise TransitionRefused(
            f"the half-year ending {cutoff.isoformat()} has not ended: only a closed cut-off can be "
            "submitted or approved"
        )


def transition(state: str, action: str, cutoff: date, today: date, reason: str | None = None) -> str:
    """The state after `action`, or TransitionRefused saying why not."""
    starts, target = ACTIONS[action]
    if action in ("submit", "approve"):
        check_cutoff(cutoff, today)
    if action in ("reopen", "revise") and not (reason or "").strip():
        raise TransitionRefused(f"{action} needs a reason")
    if state not in starts:
        raise TransitionRefused(f"a period that is {state} cannot be {action_past(action)}")
    return target


def action_past(action: str) -> str:
    return {"submit": "submitted", "approve": "approved", "reopen": "reopened", "revise": "revised"}[action]


def is_final(states: dict[str, str], active_projects: set[str]) -> bool:
    """A cut-off is final for the programme when every active project's period is approved."""
    return bool(active_projects) and all(states.get(p, OPEN) == APPROVED for p in active_projects)

"""Who may see and change which reporting periods, from the roles of pipelines/access/roles.py.
Pure: a `User` (None: nobody signed in) and a project in, a yes or no out. The periods page
and the API ask these on the server for every request.

- a project manager sees and submits the periods of its own projects;
- whoever may approve periods (`User.may_approve_periods`: a coordinator, an administrator)
  sees every period, submits for any project, approves and reopens;
- an evaluator sees every period and changes none.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipelines.access.roles import User


def may_see_all(user: User | None) -> bool:
    return user is not None and user.sees_everything_exactly


def visible(user: User | None, projects: Iterable[str]) -> list[str]:
    """The projects (of `projects`, in their order) whose periods `user` may see."""
    if user is None:
        return []
    if may_see_all(user):
        return list(projects)
    return [p for p in projects if p in user.projects]


def may_submit(user: User | None, project: str) -> bool:
    if user is None:
        return False
    if user.may_approve_periods:
        return True
    return user.role == "project_manager" and project in user.projects


def may_approve(user: User | None) -> bool:
    """Approve and reopen periods (every project's)."""
    return user is not None and user.may_approve_periods


def may_act(user: User | None, action: str, project: str | None) -> bool:
    """`action` one of submit, approve, reopen; `project` None: every project's (approve)."""
    if action == "submit":
        return project is not None and may_submit(user, project)
    if action in ("approve", "reopen"):
        return may_approve(user)
    raise ValueError(f"unknown period action {action!r}")

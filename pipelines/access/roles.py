"""The roles and what each may do. Pure: a `User` and a project code in, a yes or no out.

- admin: everything, user management, the audit trail, the Dagster UI;
- coordinator: every project, uploads, official exports, approves reporting periods;
- evaluator: reads every page and exact value, no uploads;
- project_manager: uploads, applies and withdraws for its own projects only; sees its own
  projects exactly and everything else only in the public, disclosure-controlled shape.
Anonymous visitors get nothing, unless the public view is on (IMPACT_PUBLIC=1): then the
public shape only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("admin", "coordinator", "evaluator", "project_manager")
PROGRAMME_WIDE = ("admin", "coordinator", "evaluator")  # see every project exactly


@dataclass(frozen=True)
class User:
    name: str
    role: str
    projects: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def sees_exactly(self, project_code: str | None) -> bool:
        """Exact values of one project (None: the programme, objectives and regions)."""
        if self.role in PROGRAMME_WIDE:
            return True
        return project_code is not None and project_code in self.projects

    @property
    def sees_everything_exactly(self) -> bool:
        return self.role in PROGRAMME_WIDE

    def may_upload(self, project_code: str | None = None) -> bool:
        """May upload and apply (withdraw) records; of `project_code` when given."""
        if self.role in ("admin", "coordinator"):
            return True
        if self.role == "project_manager":
            return project_code is None or project_code in self.projects
        return False

    @property
    def upload_projects(self) -> frozenset[str] | None:
        """The projects whose records this user may write (None: every project)."""
        return None if self.role in ("admin", "coordinator") else self.projects

    @property
    def may_export_official(self) -> bool:
        return self.role in ("admin", "coordinator")

    @property
    def may_approve_periods(self) -> bool:
        return self.role in ("admin", "coordinator")

    @property
    def may_manage_users(self) -> bool:
        return self.role == "admin"


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    return role

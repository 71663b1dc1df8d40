"""The demo's accounts: one per role, and a project manager for two demo projects (the Kuopio
project, whose files are in the Finnish Excel dialect, and one more), each given a new random
password at every `impact demo`, printed once on the terminal. Nothing else in the product
ships with a password."""

from __future__ import annotations

import secrets

from pipelines.access import accounts
from pipelines.demo.vocabulary import FINNISH_DIALECT_PROJECT, PROJECTS

ACTOR = "impact demo"


def demo_accounts() -> list[tuple[str, str, list[str]]]:
    """(name, role, projects) of the demo's accounts."""
    other = next(p.code for p in PROJECTS if p.code != FINNISH_DIALECT_PROJECT)
    return [
        ("demo-admin", "admin", []),
        ("demo-coordinator", "coordinator", []),
        ("demo-evaluator", "evaluator", []),
        (f"demo-pm-{FINNISH_DIALECT_PROJECT.lower()}", "project_manager", [FINNISH_DIALECT_PROJECT]),
        (f"demo-pm-{other.lower()}", "project_manager", [other]),
    ]


def make_demo_accounts(home) -> list[tuple[str, str, list[str], str]]:
    """Create the demo accounts (or give them new passwords): (name, role, projects, password)."""
    existing = {a.name for a in accounts.list_accounts(home)}
    made = []
    for name, role, projects in demo_accounts():
        password = secrets.token_urlsafe(12)
        if name in existing:
            accounts.set_password(home, ACTOR, name, password)
        else:
            accounts.add_user(home, ACTOR, name, role, password, projects)
        made.append((name, role, projects, password))
    return made


def accounts_text(made) -> str:
    lines = ["Demo accounts (new passwords at every `make demo`; sign in at the dashboard):"]
    for name, role, projects, password in made:
        scope = f" ({', '.join(projects)})" if projects else ""
        lines.append(f"  {name:<24} {password:<18} {role}{scope}")
    return "\n".join(lines)

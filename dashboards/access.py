"""What a viewer may do on the dashboard: the roles of pipelines/access/roles.py applied to its
pages and actions. Pure: a `User` (None: an anonymous visitor of the public view) in, a yes or
no out. The callbacks ask these on the server for every request; the navigation asks them only
so as not to offer what would be refused.

A page that not everyone may use registers `needs=` one of NEEDS (dash.register_page keeps
extra keys in the page registry).
"""

from __future__ import annotations

from pipelines.access.roles import User

__all__ = ["NEEDS", "may", "may_use_page"]

NEEDS = ("signed_in", "upload", "official_export", "admin")


def may(user: User | None, need: str | None) -> bool:
    """Whether `user` has what `need` asks for (None: nothing, anyone may)."""
    if need is None:
        return True
    if need not in NEEDS:
        raise ValueError(f"unknown need {need!r}: one of {', '.join(NEEDS)}")
    if user is None:
        return False
    return {
        "signed_in": True,
        "upload": user.may_upload(),
        "official_export": user.may_export_official,
        "admin": user.may_manage_users,
    }[need]


def may_use_page(page: dict, user: User | None) -> bool:
    """Whether the navigation offers `page` (a dash.page_registry entry) to `user`."""
    return may(user, page.get("needs"))

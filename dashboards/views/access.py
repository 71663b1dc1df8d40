"""What the pages show about who is signed in: the shell's user area (name, role, a sign-out
form) and the notice a page gives instead of doing what the role may not do.

Signing out is a plain HTML form POSTing to /logout (pipelines/web/auth.py) with the session's
CSRF token as its csrf_token field: it works without any script, as the sign-in page does.
"""

from __future__ import annotations

from dash import dcc, html

from dashboards.components import message
from dashboards.i18n import t
from pipelines.access.roles import User

USER_AREA = "user-area"
SIGN_OUT_FORM = "sign-out-form"


def role_label(user: User | None, lang: str) -> str:
    return t(f"role_{user.role}", lang) if user is not None else t("anonymous", lang)


def user_area(user: User | None, lang: str, csrf_token: str | None, public_view: bool = False) -> list:
    """Name, role and sign-out for a user; for an anonymous visitor of the public view, a link
    to sign in (nothing for one the server would not serve)."""
    if user is None:
        return [
            html.Span(t("public_visitor", lang), className="user-role"),
            html.A(t("sign_in", lang), href="/login", className="button secondary", id="sign-in-link"),
        ] if public_view else []
    return [
        html.Span(user.name, className="user-name", id="user-name"),
        html.Span(role_label(user, lang), className="user-role", id="user-role"),
        html.Form(
            id=SIGN_OUT_FORM,
            action="/logout",
            method="post",
            className="sign-out",
            children=[
                dcc.Input(type="hidden", name="csrf_token", value=csrf_token or ""),
                html.Button(t("sign_out", lang), type="submit", id="sign-out", className="button secondary"),
            ],
        ),
    ]


def refused(key: str, user: User | None, lang: str) -> html.Div:
    """The notice for an action the role may not do: nothing was done."""
    return message(t("refused_title", lang), t(key, lang, role=role_label(user, lang)), "error")

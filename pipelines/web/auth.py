"""Signing in and who is asking: session cookies (Flask-Login, signed, HttpOnly, SameSite, Secure
behind HTTPS, ending after IMPACT_SESSION_MINUTES idle), API tokens (`Authorization: Bearer`),
the sign-in pages, and the guard every request passes: without a user, pages redirect to the
sign-in page and everything else answers 401, unless the public view is on (then the anonymous
visitor reads the public, disclosure-controlled shape, and may change nothing).

`viewer()` is who a route or a Dash callback works for: a `roles.User`, or None (anonymous).
"""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import flask
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from pipelines.access import accounts, audit
from pipelines.access.roles import User
from pipelines.web import login_page
from pipelines.web.security import csrf_token
from pipelines.web.settings import WebSettings

SIGNED_IN_AT = "signed_in_at"
OPEN_PATHS = frozenset({"/login", "/logout", "/api/v1/openapi.json", "/api/v1/session"})
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_favicon.ico")
API_PREFIX = "/api/"


class SessionUser(UserMixin):
    """A signed-in user as Flask-Login holds it."""

    def __init__(self, user: User):
        self.user = user

    def get_id(self) -> str:
        return self.user.name


def viewer() -> User | None:
    return current_user.user if current_user.is_authenticated else None


def source() -> str:
    """Where a request came from, for the audit trail."""
    return flask.request.remote_addr or "-"


def _lang() -> str:
    asked = flask.request.values.get("lang")
    if asked in login_page.LANGS:
        return asked
    return flask.request.accept_languages.best_match(login_page.LANGS, default="fi")


def _safe_next(path: str | None) -> str:
    """Only a path on this server (never //host or a scheme): no open redirect."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    return "/"


def install(server: flask.Flask, home: Path, web: WebSettings) -> None:
    server.config.update(
        SESSION_COOKIE_NAME="impact_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=web.secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=web.session_minutes),
        SESSION_REFRESH_EACH_REQUEST=True,
    )
    manager = LoginManager()
    manager.init_app(server)

    @manager.user_loader
    def load_user(name: str):
        # Checked on every request: a session ended by signing out (anywhere), a new password
        # or disabling the user is worth nothing, even as a copy of its cookie.
        user = accounts.session_user(home, name, flask.session.get(SIGNED_IN_AT, 0.0))
        return SessionUser(user) if user else None

    @manager.request_loader
    def load_from_token(request):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        user = accounts.user_for_token(home, header[len("Bearer "):].strip())
        return SessionUser(user) if user else None

    @server.before_request
    def guard():
        path = flask.request.path
        if current_user.is_authenticated or path in OPEN_PATHS or path.startswith(STATIC_PREFIXES):
            return None
        if web.public_view:
            return None
        if path.startswith(API_PREFIX) or path.startswith("/_dash-"):
            response = flask.jsonify(error="sign in, or send an API token (Authorization: Bearer ...)")
            response.status_code = 401
            response.headers["WWW-Authenticate"] = 'Bearer realm="impact"'
            return response
        return flask.redirect(f"/login?next={quote(flask.request.full_path.rstrip('?'), safe='/?=&')}")

    @server.route("/login", methods=["GET"])
    def login_form():
        lang = _lang()
        message = "signed_out" if flask.request.args.get("out") else None
        return login_page.render(lang, csrf_token(), _safe_next(flask.request.args.get("next")), message,
                                 web.public_view)

    @server.route("/login", methods=["POST"])
    def login_submit():
        lang = _lang()
        next_path = _safe_next(flask.request.form.get("next"))
        try:
            user = accounts.sign_in(home, flask.request.form.get("name", ""),
                                    flask.request.form.get("password", ""), source())
        except accounts.Locked as locked:
            page = login_page.render(lang, csrf_token(), next_path, "locked", web.public_view)
            return page, 429, {"Retry-After": str(int(locked.retry_after) + 1)}
        if user is None:
            return login_page.render(lang, csrf_token(), next_path, "wrong", web.public_view), 401
        start_session(user)
        return flask.redirect(next_path)

    @server.route("/logout", methods=["POST"])
    def logout():
        end_session(home)
        return flask.redirect("/login?out=1")


def start_session(user: User) -> None:
    """A new session for `user`: the old one (and its CSRF token) is dropped, so a session id
    planted before signing in is worth nothing after."""
    flask.session.clear()
    login_user(SessionUser(user))
    flask.session[SIGNED_IN_AT] = time.time()
    flask.session.permanent = True
    csrf_token()


def end_session(home: Path) -> None:
    user = viewer()
    logout_user()
    flask.session.clear()
    if user is not None:
        accounts.end_sessions(home, user.name)
        audit.record(home, user.name, "sign_out", source=source())

"""What every request and response goes through, whoever sent it:

- the Host header must name this server (IMPACT_ALLOWED_HOSTS): a page on another site that
  rebinds its own DNS name to 127.0.0.1 cannot drive the app from a user's browser;
- CSRF: a request that changes state (any method but GET, HEAD, OPTIONS) signed in by session
  cookie must carry the session's token, as the X-CSRF-Token header (the dashboard's requests,
  Dash callbacks included: Dash's renderer sends it from the `impact_csrf` cookie) or
  the form field csrf_token (the sign-in form). Requests with an API token carry no cookie
  and need none, nor does signing in by script (JSON, which no form on another site can send);
- security headers: a Content-Security-Policy that admits only this server's scripts (and the
  hashes of Dash's own inline ones), no framing, no MIME sniffing, no referrer to other sites.
"""

from __future__ import annotations

import hmac
import secrets

import flask
from werkzeug.exceptions import BadRequest, Forbidden

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
CSRF_COOKIE = "impact_csrf"
SIGN_IN_API = "/api/v1/session"


def csrf_token() -> str:
    """The session's CSRF token (made on first use)."""
    token = flask.session.get("csrf")
    if token is None:
        token = flask.session["csrf"] = secrets.token_urlsafe(32)
    return token


def uses_api_token() -> bool:
    return flask.request.headers.get("Authorization", "").startswith("Bearer ")


def check_host(allowed: tuple[str, ...]) -> None:
    host = (flask.request.host or "").rsplit(":", 1)[0].strip("[]").lower()
    if host not in allowed:
        raise BadRequest("This server does not answer to that host name.")


def check_csrf() -> None:
    if flask.request.method in SAFE_METHODS or uses_api_token():
        return
    if flask.request.path == SIGN_IN_API and flask.request.is_json:
        return  # signing in by script: a form on another site cannot send JSON
    sent = flask.request.headers.get(CSRF_HEADER) or flask.request.form.get(CSRF_FIELD, "")
    expected = flask.session.get("csrf")
    if not expected or not hmac.compare_digest(sent, expected):
        raise Forbidden("The request lacks this session's CSRF token: reload the page.")


def content_security_policy(script_hashes: list[str]) -> str:
    scripts = " ".join(["'self'", *script_hashes])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",  # Dash and plotly.js set element styles
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def add_headers(response: flask.Response, policy: str, secure: bool) -> flask.Response:
    headers = response.headers
    headers["Content-Security-Policy"] = policy
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if secure:
        headers["Strict-Transport-Security"] = "max-age=31536000"
    if "csrf" in flask.session:
        response.set_cookie(CSRF_COOKIE, flask.session["csrf"], secure=secure, httponly=False, samesite="Strict")
    return response

"""The whole web server (pipelines.web.server.create_server: sign-in, CSRF, the API and the
dashboard) in the test process, for Flask's test client; and signing in to it as a script or
as the sign-in form does."""

from __future__ import annotations

import re
from pathlib import Path

import flask

from pipelines.settings import Settings
from pipelines.web.security import CSRF_HEADER
from pipelines.web.server import create_server
from pipelines.web.settings import WebSettings
from tests.support.dashboard_server import PASSWORD

FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def web_server(home: Path, **env: str) -> flask.Flask:
    """The server for `home`, with the web settings `env` gives (IMPACT_MAX_UPLOAD_MB ...)."""
    return create_server(Settings(home=home), WebSettings.from_env(env))


def api_sign_in(client, name: str, password: str = PASSWORD) -> dict[str, str]:
    """Sign in by script (POST /api/v1/session); the CSRF header for the requests after."""
    response = client.post("/api/v1/session", json={"name": name, "password": password})
    assert response.status_code == 200, response.get_data(as_text=True)
    return {CSRF_HEADER: response.get_json()["csrf_token"]}


def form_token(client, path: str = "/login") -> str:
    """The csrf_token field of the sign-in form, as a browser gets it."""
    return FORM_TOKEN.search(client.get(path).get_data(as_text=True)).group(1)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}

"""The web server of the service (pipelines.web.server, the only thing that serves the
dashboard) in a subprocess, started as the service starts it: gunicorn, one worker with
threads, on a free port, for a given IMPACT_HOME. And users of it: a test user added with
`impact users`' own function, signed in over HTTP (POST /api/v1/session: the session cookie
and the CSRF token) or in a browser (the sign-in form, or the same cookies)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import requests

from pipelines.access import accounts
from pipelines.access.roles import User
from pipelines.web.security import CSRF_HEADER
from tests.support.http import free_port
from tests.support.paths import REPO_ROOT

PASSWORD = "correct horse battery staple"
WSGI_APP = "pipelines.web.server:wsgi_app()"


def wait_for(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=10).close()
            return
        except OSError:  # refused while starting, or slow to answer on a busy machine
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def start_dashboard(home: Path, env: dict[str, str] | None = None, **popen) -> tuple[subprocess.Popen, str]:
    """gunicorn serving the web server for `home` on a free port: (the process, its base URL),
    once it answers. `env`: more of the environment (IMPACT_DAGSTER_PORT, IMPACT_PUBLIC ...)."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--threads", "8", "--timeout", "300", "--graceful-timeout", "10", WSGI_APP],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "IMPACT_HOME": str(home),
             "IMPACT_BIND_HOST": "127.0.0.1", **(env or {})},
        **({"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL} | popen),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/login", timeout=60)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    return proc, base


def add_test_user(home: Path, role: str, projects: tuple[str, ...] = (), name: str | None = None) -> User:
    """A user of `role` (and `projects`) with PASSWORD, as `impact users add` adds one."""
    name = name or f"test-{role.replace('_', '-')}"
    accounts.add_user(home, "test", name, role, PASSWORD, list(projects))
    return User(name, role, frozenset(projects))


def sign_in(base: str, name: str, password: str = PASSWORD) -> requests.Session:
    """An HTTP session signed in as `name`: its cookies, and the CSRF header on every request
    (as Dash's renderer sends it with every callback)."""
    session = requests.Session()
    response = session.post(base + "/api/v1/session", json={"name": name, "password": password}, timeout=30)
    response.raise_for_status()
    session.headers[CSRF_HEADER] = response.json()["csrf_token"]
    return session


def browser_cookies(session: requests.Session, base: str) -> list[dict]:
    """The session's cookies for a Playwright context (context.add_cookies)."""
    return [{"name": c.name, "value": c.value, "url": base} for c in session.cookies]


def sign_in_browser(page, base: str, name: str, password: str = PASSWORD, next_path: str = "/") -> None:
    """Sign in through the sign-in form, as a person would; back on `next_path`."""
    page.goto(f"{base}/login?next={next_path}")
    page.fill("#name", name)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")

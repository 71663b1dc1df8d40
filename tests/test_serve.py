"""`impact serve` answers over HTTP, with and without a published copy, and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess

from tests.support.dashboard_server import add_test_user, sign_in
from tests.support.http import free_port, get
from tests.support.paths import IMPACT, REPO_ROOT


def test_serve_answers_before_anything_is_published_and_stops_on_sigterm(impact_home):
    user = add_test_user(impact_home, "evaluator")
    port = free_port()
    proc = subprocess.Popen(
        [IMPACT, "serve", "--port", str(port)],
        env={**os.environ, "IMPACT_HOME": str(impact_home),
             "IMPACT_DAGSTER_PORT": str(free_port()), "IMPACT_CODE_SERVER_PORT": str(free_port())},
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        status, login = get(base + "/login", timeout=120)
        assert status == 200 and 'name="password"' in login
        session = sign_in(base, user.name)
        page = session.get(base + "/")
        assert page.status_code == 200 and "_dash-config" in page.text
        assert session.get(base + "/_dash-layout").status_code == 200
        # plotly.js is served locally, not from a CDN (users may be offline)
        assert "cdn.plot.ly" not in page.text
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError("impact serve did not stop on SIGTERM")

"""`impact serve` answers over HTTP, with and without a published copy, and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess

from tests.support.http import free_port, get
from tests.support.paths import IMPACT, REPO_ROOT


def test_serve_answers_before_anything_is_published_and_stops_on_sigterm(impact_home):
    port = free_port()
    proc = subprocess.Popen(
        [IMPACT, "serve", "--port", str(port)],
        env={**os.environ, "IMPACT_HOME": str(impact_home),
             "IMPACT_DAGSTER_PORT": str(free_port()), "IMPACT_CODE_SERVER_PORT": str(free_port())},
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        status, body = get(f"http://127.0.0.1:{port}/", timeout=120)
        assert status == 200
        assert "_dash-config" in body or "dash" in body.lower()
        status, layout = get(f"http://127.0.0.1:{port}/_dash-layout")
        assert status == 200
        # plotly.js is served locally, not from a CDN (users may be offline)
        assert "cdn.plot.ly" not in body
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError("impact serve did not stop on SIGTERM")

"""`impact serve` answers over HTTP, with and without a published copy, and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

from tests.conftest import IMPACT, REPO_ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 30.0) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_answers_before_anything_is_published_and_stops_on_sigterm(impact_home):
    port = _free_port()
    proc = subprocess.Popen(
        [IMPACT, "serve", "--port", str(port)],
        env={**os.environ, "IMPACT_HOME": str(impact_home)},
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        status, body = _get(f"http://127.0.0.1:{port}/")
        assert status == 200
        assert "_dash-config" in body or "dash" in body.lower()
        status, layout = _get(f"http://127.0.0.1:{port}/_dash-layout")
        assert status == 200
        # plotly.js is served locally, not from a CDN (users may be offline)
        assert "cdn.plot.ly" not in body
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError("impact serve did not stop on SIGTERM")

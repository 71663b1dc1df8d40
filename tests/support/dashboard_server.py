"""The dashboard alone (dashboards.app.run_server, as `impact serve` runs it) in a subprocess, for
the tests that talk to a real server or drive a browser."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.support.http import free_port
from tests.support.paths import REPO_ROOT

SERVE = (
    "import sys; from pathlib import Path; from pipelines.settings import Settings; "
    "from dashboards.app import run_server; "
    "run_server(Settings(home=Path(sys.argv[1])), host='127.0.0.1', port=int(sys.argv[2]))"
)


def wait_for(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def start_dashboard(home: Path, **popen) -> tuple[subprocess.Popen, str]:
    """run_server for `home` on a free port: (the process, its base URL), once it answers."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(home), str(port)],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        **({"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL} | popen),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/_dash-layout", timeout=30)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    return proc, base

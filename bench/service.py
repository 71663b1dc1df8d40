"""The user's wait in the running service: from uploading a changed participants file to the
new numbers on the dashboard.

On a home the bench has built, `impact serve` is started; once it is idle, a participants file
with some rows changed is uploaded with `impact ingest` (a new process, as a script or a shell
would) and the clock runs until the dashboard serves the published version the service's
Dagster run made. This is done twice, with different changes: the first upload after the
service starts pays what a long-running service pays once (dbt's parse of the project in the
build runner), the second is the wait a user has from then on.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import polars as pl

REPO_ROOT = Path(__file__).resolve().parents[1]
CHANGED_ROWS = 100


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_account(home: Path) -> str:
    """The bench's own evaluator account (a new password each run); returns the password."""
    import secrets

    from pipelines.access import accounts

    password = secrets.token_urlsafe(16)
    if accounts.get_user(home, "bench") is None:
        accounts.add_user(home, "bench", "bench", "evaluator", password, [])
    else:
        accounts.set_password(home, "bench", "bench", password)
    return password


def sign_in(port: int, password: str) -> dict[str, str] | None:
    """Headers of the signed-in bench account, or None until the server answers."""
    body = json.dumps({"name": "bench", "password": password}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/session", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            cookies = "; ".join(c.split(";")[0] for c in response.headers.get_all("Set-Cookie"))
    except OSError:
        return None
    return {"Cookie": cookies}


def dashboard_version(port: int, headers: dict[str, str]) -> str | None:
    """The published version the dashboard serves (the layout's data-version store)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/_dash-layout", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            layout = json.loads(response.read())
    except OSError:
        return None
    stack = [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            props = item.get("props")
            if isinstance(props, dict) and props.get("id") == "data-version":
                return props.get("data")
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def changed_file(participants: Path, out: Path, delta: int) -> Path:
    """The participants file with the age of its first CHANGED_ROWS valid rows moved by `delta`."""
    frame = pl.read_csv(participants, infer_schema=False, encoding="utf8-lossy")
    age = frame.columns[5]  # project_code, participant_id, entry_date, exit_date, gender, age_at_entry
    valid = frame[age].str.contains(r"^\d+$")
    rows = pl.int_range(pl.len()) < CHANGED_ROWS + (~valid).cum_sum()
    frame = frame.with_columns(
        pl.when(valid & rows).then((pl.col(age).cast(pl.Int64, strict=False) + delta).cast(pl.String))
        .otherwise(pl.col(age)).alias(age)
    )
    frame.write_csv(out)
    return out


def _wait(predicate, timeout: float, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def measure_service(home: Path, participants: Path, env: dict[str, str], log) -> dict:
    impact = str(Path(sys.executable).with_name("impact"))
    port = _free_port()
    env = {**env, "IMPACT_PORT": str(port), "IMPACT_DAGSTER_PORT": str(_free_port()),
           "IMPACT_CODE_SERVER_PORT": str(_free_port())}
    service = subprocess.Popen([impact, "serve"], env=env, cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    uploads = []
    try:
        start = time.monotonic()
        password = bench_account(home)
        headers = _wait(lambda: sign_in(port, password), 180, 0.5)
        version = headers and _wait(lambda: dashboard_version(port, headers), 60, 0.5)
        if version is None:
            raise RuntimeError("the service's dashboard did not answer")
        log(f"    {'service up (dashboard answers)':<47} {time.monotonic() - start:7.2f} s")
        for delta in (1, 2):
            upload = changed_file(participants, home / f"bench_upload_{delta}.csv", delta)
            started = time.monotonic()
            ingest = subprocess.run([impact, "ingest", str(upload)], env=env, cwd=REPO_ROOT,
                                    capture_output=True, text=True)
            if ingest.returncode not in (0, 1):
                raise RuntimeError(f"impact ingest exited {ingest.returncode}:\n{ingest.stdout[-2000:]}")
            ingested = time.monotonic() - started
            new = _wait(lambda: (v := dashboard_version(port, headers)) != version and v, 600)
            if not new:
                raise RuntimeError("no new version reached the dashboard")
            seconds = time.monotonic() - started
            uploads.append({"ingest_seconds": ingested, "upload_to_dashboard_seconds": seconds})
            log(f"    {f'upload {delta} -> new numbers on the dashboard':<47} {seconds:7.2f} s "
                f"(ingest {ingested:.2f} s)")
            version = new
    finally:
        service.send_signal(signal.SIGTERM)
        try:
            service.wait(timeout=60)
        except subprocess.TimeoutExpired:
            service.kill()
    return {"first_upload": uploads[0], "warm_upload": uploads[1]}

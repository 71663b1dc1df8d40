"""`impact serve` is the running service: with it up, every applied upload becomes a successful
Dagster run in the service's instance (listed by the Dagster webserver's GraphQL API, tagged with
the upload), the dashboard shows the numbers that run published, and SIGTERM stops every process
of the service."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request

from pipelines.publish.reader import PublishedCopy
from tests.support.cli import run_impact
from tests.support.http import free_port, get
from tests.support.paths import FIXTURES, IMPACT, REPO_ROOT

NETWORK = FIXTURES / "network"
RUNS_QUERY = """{ runsOrError { ... on Runs { results { runId jobName status
  tags { key value } } } } }"""


def graphql_runs(port: int) -> list[dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": RUNS_QUERY}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        runs = json.loads(response.read())["data"]["runsOrError"]["results"]
    return [{**r, "tags": {t["key"]: t["value"] for t in r["tags"]}} for r in runs]


def wait_for_run(port: int, uploads: str, timeout: float = 240) -> dict:
    """The run tagged with `uploads`, once it has finished."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            runs = graphql_runs(port)
        except OSError:
            runs = []
        for run in runs:
            if run["tags"].get("impact/uploads") == uploads and run["status"] in ("SUCCESS", "FAILURE"):
                return run
        time.sleep(1)
    raise AssertionError(f"no finished run for uploads {uploads}: {runs}")


def _descendants(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        p, pp = map(int, line.split())
        children.setdefault(pp, []).append(p)
    found, stack = set(), [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.add(child)
            stack.append(child)
    return found


def test_an_upload_becomes_a_dagster_run_and_new_numbers_on_the_dashboard(impact_home, dbt_manifest):
    assert run_impact(impact_home, "ingest", "--kind", "projects", str(NETWORK / "projects.csv")).returncode == 0
    ports = {"IMPACT_PORT": free_port(), "IMPACT_DAGSTER_PORT": free_port(), "IMPACT_CODE_SERVER_PORT": free_port()}
    env = {**os.environ, "IMPACT_HOME": str(impact_home), **{k: str(v) for k, v in ports.items()}}
    service = subprocess.Popen([IMPACT, "serve"], env=env, cwd=REPO_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    dagster = ports["IMPACT_DAGSTER_PORT"]
    try:
        assert get(f"http://127.0.0.1:{ports['IMPACT_PORT']}/", timeout=120)[0] == 200
        first = wait_for_run(dagster, "1")  # what was uploaded before the service started
        assert first["status"] == "SUCCESS" and first["jobName"] == "build_indicators"
        published = PublishedCopy(impact_home / "published")
        before = published.current().version

        ingest = run_impact(impact_home, "ingest", "--kind", "participants", str(NETWORK / "participants.csv"))
        assert ingest.returncode in (0, 1), ingest.stdout
        second = wait_for_run(dagster, "2")
        assert second["status"] == "SUCCESS", second
        assert second["jobName"] == "refresh_indicators"  # the views and seeds were current
        snap = published.current()
        assert snap.version != before
        values = snap.table("indicator_values")
        assert values.filter((values["indicator_code"] == "EECO01") & (values["scope_type"] == "programme"))["value"].max() > 0
        # the dashboard serves the new version
        status, layout = get(f"http://127.0.0.1:{ports['IMPACT_PORT']}/_dash-layout")
        assert status == 200 and snap.version in layout
        assert get(f"http://127.0.0.1:{dagster}/server_info")[0] == 200
    finally:
        children = _descendants(service.pid)
        service.send_signal(signal.SIGTERM)
        try:
            service.wait(timeout=60)
        except subprocess.TimeoutExpired:
            service.kill()
            raise AssertionError("impact serve did not stop on SIGTERM")
    assert not [p for p in children if _running(p)], "processes of the service still running"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False

"""`impact serve` is the running service, tried over real HTTP as its users and an attacker
would: every applied upload becomes a successful Dagster run in the service's instance (listed
by the Dagster webserver's GraphQL API, tagged with the upload) and the dashboard shows the
numbers that run published; without signing in nothing answers but the sign-in page; each role
may do what it may and no more; and SIGTERM stops every process of the service.

Both tests share one running service (a module fixture: `--dist loadfile` keeps a module on one
xdist worker)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from pipelines.access import accounts
from tests.support.cli import run_impact
from tests.support.http import free_port, get
from tests.support.paths import IMPACT, NETWORK, REPO_ROOT

pytestmark = pytest.mark.slow
PASSWORD = "a long password for tests"
RUNS_QUERY = """{ runsOrError { ... on Runs { results { runId jobName status
  tags { key value } } } } }"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def request(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) without following redirects."""
    opener = urllib.request.build_opener(NoRedirect)
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with opener.open(req, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def multipart(fields: dict[str, str], file_name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "impacttestboundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
                 "Content-Type: text/csv\r\n\r\n".encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def graphql_runs(port: int) -> list[dict]:
    status, _, body = request(f"http://127.0.0.1:{port}/graphql", "POST", json.dumps({"query": RUNS_QUERY}).encode(),
                              {"Content-Type": "application/json"})
    runs = json.loads(body)["data"]["runsOrError"]["results"]
    return [{**r, "tags": {t["key"]: t["value"] for t in r["tags"]}} for r in runs]


def wait_for_run(port: int, uploads: str, timeout: float = 300) -> dict:
    """The run tagged with `uploads`, once it has finished."""
    deadline, runs = time.monotonic() + timeout, []
    while time.monotonic() < deadline:
        try:
            runs = graphql_runs(port)
        except (OSError, ValueError, KeyError):
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


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture(scope="module")
def service(tmp_path_factory, dbt_manifest):
    home = tmp_path_factory.mktemp("service_home")
    assert run_impact(home, "ingest", "--kind", "projects", str(NETWORK / "projects.csv")).returncode == 0
    assert run_impact(home, "ingest", "--kind", "participants", str(NETWORK / "participants.csv")).returncode == 1
    for name, role, projects in (("eva", "evaluator", []), ("pia", "project_manager", ["S10001"]),
                                 ("cora", "coordinator", []), ("lockme", "evaluator", [])):
        accounts.add_user(home, "test", name, role, PASSWORD, projects)
    ports = {"IMPACT_PORT": free_port(), "IMPACT_DAGSTER_PORT": free_port(), "IMPACT_CODE_SERVER_PORT": free_port()}
    env = {**os.environ, "IMPACT_HOME": str(home), **{k: str(v) for k, v in ports.items()}}
    process = subprocess.Popen([IMPACT, "serve"], env=env, cwd=REPO_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{ports['IMPACT_PORT']}"
    try:
        get(base + "/login", timeout=120)
        first = wait_for_run(ports["IMPACT_DAGSTER_PORT"], "1-2")  # what was uploaded before the start
        assert first["status"] == "SUCCESS" and first["jobName"] == "build_indicators"
        yield {"home": home, "base": base, "dagster": ports["IMPACT_DAGSTER_PORT"], "env": env}
    finally:
        children = _descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            raise AssertionError("impact serve did not stop on SIGTERM")
        assert not [p for p in children if _running(p)], "processes of the service still running"


def sign_in(base: str, name: str, password: str = PASSWORD) -> dict[str, str]:
    """Headers for requests as `name`: its session cookie and CSRF token."""
    status, headers, body = request(base + "/api/v1/session", "POST", json.dumps(
        {"name": name, "password": password}).encode(), {"Content-Type": "application/json"})
    assert status == 200, body
    cookies = "; ".join(c.split(";")[0] for c in headers.get_all("Set-Cookie"))
    return {"Cookie": cookies, "X-CSRF-Token": json.loads(body)["csrf_token"]}


def test_an_upload_becomes_a_dagster_run_and_new_numbers_on_the_dashboard(service):
    from pipelines.publish.reader import PublishedCopy

    published = PublishedCopy(service["home"] / "published")
    before = published.current().version
    changed = (NETWORK / "participants.csv").read_text(encoding="utf-8").replace(",52,", ",53,", 1)
    upload = service["home"] / "changed.csv"
    upload.write_text(changed, encoding="utf-8")
    ingest = run_impact(service["home"], "ingest", "--kind", "participants", str(upload))
    assert ingest.returncode in (0, 1), ingest.stdout
    run = wait_for_run(service["dagster"], "3")
    assert run["status"] == "SUCCESS" and run["jobName"] == "refresh_indicators", run  # views and seeds current
    snap = published.current()
    assert snap.version != before
    # the dashboard serves the new version to a signed-in user
    status, _, layout = request(service["base"] + "/_dash-layout", headers=sign_in(service["base"], "eva"))
    assert status == 200 and snap.version.encode() in layout
    assert get(f"http://127.0.0.1:{service['dagster']}/server_info")[0] == 200


def test_the_dashboard_page_is_served_with_its_scripts_from_here(service):
    """A signed-in user gets the Dash page; plotly.js comes from the service, not a CDN (users
    may be offline). (Without a published copy the pages say so: test_dashboard_browser.)"""
    headers = sign_in(service["base"], "eva")
    status, _, page = request(service["base"] + "/", headers=headers)
    assert status == 200 and b"_dash-config" in page
    assert b"cdn.plot.ly" not in page


def test_every_route_checks_who_asks(service):
    base = service["base"]
    # anonymous: the sign-in page, nothing else
    status, headers, _ = request(base + "/indicators")
    assert status == 302 and headers["Location"].startswith("/login")
    assert request(base + "/_dash-update-component", "POST", b"{}", {"Content-Type": "application/json"})[0] == 401
    assert request(base + "/api/v1/uploads")[0] == 401
    status, headers, _ = request(base + "/login")
    assert status == 200
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert header in headers, header
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    # a page on another site rebinding its name to this address is not answered
    assert request(base + "/login", headers={"Host": "evil.example"})[0] == 400

    # an evaluator's token may read, not upload
    token = accounts.create_token(service["home"], "test", "eva")
    bearer = {"Authorization": f"Bearer {token}"}
    body, content_type = multipart({"dry_run": "true"}, "p.csv", (NETWORK / "participants.csv").read_bytes())
    assert request(base + "/api/v1/uploads", "POST", body, {**bearer, "Content-Type": content_type})[0] == 403
    assert request(base + "/api/v1/builds", headers=bearer)[0] == 200

    # a project manager's dry run: the other project's rows are rejected with their own rule
    pia = sign_in(base, "pia")
    status, _, report = request(base + "/api/v1/uploads", "POST", body, {**pia, "Content-Type": content_type})
    assert status == 200, report
    problems = json.loads(report)[0]["problems"]
    others = {p["row_number"] for p in problems if p["rule_id"] == "participants.project_code.not_permitted"}
    assert len(others) >= 5  # the S10002 rows (and the unknown project's)
    # ... and its indicators show the other project in the public shape only
    status, _, values = request(base + "/api/v1/indicators?cutoff=2025-12-31", headers=pia)
    rows = json.loads(values)
    assert status == 200 and rows
    other = [r for r in rows if r["scope_code"] == "S10002" and r["value"] is not None]
    assert all(r["value"] == 0 or r["value"] >= 5 for r in other), other
    own = [r for r in rows if r["scope_code"] == "S10001" and r["indicator_code"] == "EECO01" and r["gender"] == "total"]
    assert own and 1 <= own[0]["value"] < 5 and not own[0]["suppressed"]  # its own small count, exact
    # without the CSRF header a signed-in POST is refused
    assert request(base + "/api/v1/uploads", "POST", body, {"Cookie": pia["Cookie"], "Content-Type": content_type})[0] == 403

    # twenty wrong passwords lock the account
    answers = [request(base + "/api/v1/session", "POST", json.dumps({"name": "lockme", "password": f"wrong {i}"}).encode(),
                       {"Content-Type": "application/json"})[0] for i in range(20)]
    assert answers[0] == 401 and answers[-1] == 429
    locked = request(base + "/api/v1/session", "POST", json.dumps({"name": "lockme", "password": PASSWORD}).encode(),
                     {"Content-Type": "application/json"})
    assert locked[0] == 429

    # every action is in the audit trail with its user, and no secret is
    from pipelines.access import audit

    entries = audit.entries(service["home"])
    actions = {(e.actor, e.action) for e in entries}
    assert {("pia", "sign_in.success"), ("pia", "upload.dry_run"), ("pia", "download.indicators"),
            ("lockme", "sign_in.failure"), ("lockme", "sign_in.locked")} <= actions
    trail = audit.to_csv(entries)
    assert PASSWORD not in trail and token not in trail

"""Reporting periods through the HTTP API (issue #15) on the small test network (S10001 and
S10002), the whole web server (sign-in, CSRF, the API) under Flask's test client: who sees which
periods, who may submit, approve and reopen, every change in the audit trail, an upload that
changes an approved period refused without a reason and queued with one, and the delivery
status as JSON and CSV."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from pipelines.access import accounts, audit
from pipelines.ingest.history import list_uploads
from pipelines.settings import Settings
from tests.support.dashboard_network import OTHER, OWN, network_build, network_home  # noqa: F401 (a fixture)
from tests.support.dashboard_server import add_test_user
from tests.support.dashboard_web import api_sign_in, bearer, web_server
from tests.support.paths import NETWORK

pytestmark = pytest.mark.slow

CUTOFF = "2025-12-31"
HEADER = (NETWORK / "participants.csv").read_text(encoding="utf-8").splitlines()[0]
# one more woman in S10001, entering in the half-year of CUTOFF
LATE = (HEADER + "\nS10001,LATE1,2025-10-01,,woman,40,unemployed,3,3,no,no,no,no,no,no,no,MK11,,,,,,,,\n").encode()


@pytest.fixture
def home(network_build: Path, tmp_path: Path) -> Path:  # noqa: F811 (the fixture)
    return network_home(network_build, tmp_path / "home")


@pytest.fixture
def server(home: Path):
    return web_server(home)


def token(home: Path, role: str, projects: tuple[str, ...] = (), name: str | None = None) -> dict[str, str]:
    user = add_test_user(home, role, projects, name=name)
    return bearer(accounts.create_token(home, "os:test", user.name))


def states(server, headers: dict, cutoff: str = CUTOFF) -> dict[str, str]:
    answer = server.test_client().get(f"/api/v1/periods?cutoff={cutoff}", headers=headers)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return {p["project"]: p["state"] for p in answer.get_json()["periods"]}


def act(server, headers: dict, action: str, **body):
    answer = server.test_client().post(f"/api/v1/periods/{action}", headers=headers, json=body)
    return answer.status_code, answer.get_json()


def test_each_role_sees_and_may_do_what_it_should(home: Path, server) -> None:
    manager = token(home, "project_manager", (OWN,))
    evaluator = token(home, "evaluator")
    coordinator = token(home, "coordinator")
    assert server.test_client().get("/api/v1/periods").status_code == 401
    assert states(server, manager) == {OWN: "open"}
    assert states(server, evaluator) == {OWN: "open", OTHER: "open"}
    listing = server.test_client().get(f"/api/v1/periods?cutoff={CUTOFF}", headers=manager).get_json()
    assert listing["closed"] is True and listing["provisional"] is False and listing["final"] is False
    assert listing["periods"][0]["may"] == ["submit"]

    assert act(server, manager, "submit", project=OTHER, cutoff=CUTOFF)[0] == 403
    assert act(server, evaluator, "submit", project=OWN, cutoff=CUTOFF)[0] == 403
    assert act(server, manager, "approve", cutoff=CUTOFF)[0] == 403
    assert act(server, manager, "reopen", project=OWN, cutoff=CUTOFF, reason="x")[0] == 403
    assert states(server, evaluator) == {OWN: "open", OTHER: "open"}  # nothing changed by a refusal

    status, period = act(server, manager, "submit", project=OWN, cutoff=CUTOFF)
    assert status == 200 and period["state"] == "submitted" and period["changed_by"] == "test-project-manager"
    status, answer = act(server, manager, "submit", project=OWN, cutoff=CUTOFF)
    assert status == 409 and "cannot be submitted" in answer["error"]
    future = date.today().replace(year=date.today().year + 1, month=12, day=31).isoformat()
    status, answer = act(server, coordinator, "submit", project=OTHER, cutoff=future)
    assert status == 409 and "has not ended" in answer["error"]

    status, answer = act(server, coordinator, "approve", cutoff=CUTOFF)
    assert status == 200 and answer == {"cutoff": CUTOFF, "approved": [OWN, OTHER], "final": True}
    assert server.test_client().get(f"/api/v1/periods?cutoff={CUTOFF}", headers=evaluator).get_json()["final"]

    assert act(server, coordinator, "reopen", project=OTHER, cutoff=CUTOFF)[0] == 400  # no reason
    status, period = act(server, coordinator, "reopen", project=OTHER, cutoff=CUTOFF, reason="wrong totals")
    assert status == 200 and period["state"] == "reopened" and period["reason"] == "wrong totals"

    changes = [(e.action, e.actor, e.detail.get("project"), e.detail.get("via"))
               for e in reversed(audit.entries(home)) if e.action.startswith("period.")]
    assert changes == [
        ("period.submit", "test-project-manager", OWN, "api"),
        ("period.approve", "test-coordinator", OWN, "api"),
        ("period.approve", "test-coordinator", OTHER, "api"),
        ("period.final", "test-coordinator", None, "api"),
        ("period.reopen", "test-coordinator", OTHER, "api"),
    ]


def test_a_session_needs_the_csrf_token_to_change_a_period(home: Path, server) -> None:
    user = add_test_user(home, "coordinator")
    client = server.test_client()
    csrf = api_sign_in(client, user.name)
    assert client.post("/api/v1/periods/submit", json={"project": OWN, "cutoff": CUTOFF}).status_code == 403
    answer = client.post("/api/v1/periods/submit", json={"project": OWN, "cutoff": CUTOFF}, headers=csrf)
    assert answer.status_code == 200 and answer.get_json()["state"] == "submitted"


def upload(server, headers: dict, **form):
    return server.test_client().post("/api/v1/uploads", headers=headers, data={
        "file": (io.BytesIO(LATE), "late.csv"), "kind": "participants", **form})


def test_an_upload_that_changes_an_approved_period_needs_a_reason(home: Path, server) -> None:
    coordinator = token(home, "coordinator")
    manager = token(home, "project_manager", (OWN,))
    assert act(server, coordinator, "approve", cutoff=CUTOFF, project=OWN)[0] == 200
    settings = Settings(home=home)
    uploads_before = list_uploads(settings).height

    refused = upload(server, manager)
    assert refused.status_code == 409, refused.get_data(as_text=True)
    lines = refused.get_json()["approved_periods_changed"]
    assert f"{OWN} 31.12.2025: EECO01 +1 (woman +1)" in lines and all(line.startswith(OWN) for line in lines)
    assert list_uploads(settings).height == uploads_before  # nothing applied
    assert upload(server, manager, revision_reason="   ").status_code == 409  # blank is no reason

    applied = upload(server, manager, revision_reason="a participant entered late")
    assert applied.status_code == 200, applied.get_data(as_text=True)
    (report,) = applied.get_json()
    assert report["summary"]["outcome"] == "applied" and report["summary"]["dry_run"] is False
    assert [(p["project"], p["state"]) for p in report["periods_revised"]] == [(OWN, "submitted (revised)")]
    assert list_uploads(settings).height == uploads_before + 1

    queue = server.test_client().get("/api/v1/periods/revisions", headers=coordinator).get_json()
    assert [(q["project"], q["cutoff"], q["state"], q["reason"], q["upload"], q["changed_by"]) for q in queue] == [
        (OWN, CUTOFF, "submitted (revised)", "a participant entered late", "late.csv", "test-project-manager")]
    other_manager = token(home, "project_manager", (OTHER,), name="other-manager")
    assert server.test_client().get("/api/v1/periods/revisions", headers=other_manager).get_json() == []
    revise = [e for e in audit.entries(home) if e.action == "period.revise"]
    assert [(e.actor, e.detail["upload"], e.detail["via"]) for e in revise] == [
        ("test-project-manager", "late.csv", "api")]
    # a dry run needs no reason and changes nothing
    dry = upload(server, manager, dry_run="true")
    assert dry.status_code == 200 and dry.get_json()[0]["summary"]["dry_run"] is True


def test_the_delivery_status_as_json_and_csv(home: Path, server) -> None:
    coordinator = token(home, "coordinator")
    manager = token(home, "project_manager", (OWN,))
    act(server, manager, "submit", project=OWN, cutoff=CUTOFF)
    rows = server.test_client().get(f"/api/v1/periods/delivery?cutoff={CUTOFF}", headers=coordinator).get_json()
    by_project = {r["project_code"]: r for r in rows}
    assert set(by_project) == {OWN, OTHER}
    assert by_project[OWN]["state"] == "submitted" and by_project[OWN]["delivered_at"] is not None
    assert by_project[OWN]["deadline"] == "2026-01-31"
    # submitted today, long after 31 January 2026: late; the other was never delivered
    assert by_project[OWN]["timeliness"] == "late" and by_project[OTHER]["timeliness"] == "overdue"
    assert server.test_client().get(f"/api/v1/periods/delivery?cutoff={CUTOFF}",
                                    headers=manager).get_json()[0]["project_code"] == OWN
    assert len(server.test_client().get(f"/api/v1/periods/delivery?cutoff={CUTOFF}", headers=manager).get_json()) == 1
    answer = server.test_client().get(f"/api/v1/periods/delivery?cutoff={CUTOFF}",
                                      headers={**coordinator, "Accept": "text/csv"})
    assert answer.mimetype == "text/csv"
    table = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    assert [(r["project_code"], r["timeliness"]) for r in table] == [(OWN, "late"), (OTHER, "overdue")]
    assert server.test_client().get("/api/v1/periods/delivery?cutoff=nonsense", headers=coordinator).status_code == 400

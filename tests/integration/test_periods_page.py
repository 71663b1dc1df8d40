"""The reporting periods page ('/periods') and the upload page's revision reason, through the
whole web server (sign-in, CSRF, the Dash callbacks as the browser calls them) on the small
test network: each role sees the periods it may, a change is refused on the server to a role
that may not make it whatever the browser sends, every change is in the audit trail with
via=dashboard, and a file that changes an approved period is applied only with a reason."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from pipelines.access import audit
from tests.support.dashboard_callbacks import call_server, find
from tests.support.dashboard_network import OTHER, OWN, network_build, network_home  # noqa: F401 (a fixture)
from tests.support.dashboard_server import add_test_user
from tests.support.dashboard_web import api_sign_in, web_server
from tests.support.paths import NETWORK

pytestmark = pytest.mark.slow

CUTOFF = "2025-12-31"
LANG = {"id": "lang", "property": "value", "value": "en"}
HEADER = (NETWORK / "participants.csv").read_text(encoding="utf-8").splitlines()[0]
LATE = (HEADER + "\nS10001,LATE1,2025-10-01,,woman,40,unemployed,3,3,no,no,no,no,no,no,no,MK11,,,,,,,,\n").encode()


@pytest.fixture
def home(network_build: Path, tmp_path: Path) -> Path:  # noqa: F811 (the fixture)
    return network_home(network_build, tmp_path / "home")


@pytest.fixture
def server(home: Path):
    return web_server(home)


def signed_in(server, home: Path, role: str, projects: tuple[str, ...] = (), name: str | None = None):
    client = server.test_client()
    user = add_test_user(home, role, projects, name=name)
    return client, api_sign_in(client, user.name)


def body(client, headers, project: str | None = None) -> dict:
    return call_server(client, "periods-body.children", [
        {"id": "periods-cutoff", "property": "value", "value": CUTOFF},
        {"id": "periods-changed", "property": "data", "value": 0}, LANG,
    ], [{"id": "periods-project", "property": "value", "value": project}], headers=headers)


def rows(answer: dict) -> dict[str, list]:
    """{project: its row's cells} of the periods table."""
    table = find(answer["periods-body"]["children"], "periods-table")
    out = {}
    for tr in table["props"]["children"][1]["props"]["children"]:
        cells = [td["props"]["children"] for td in tr["props"]["children"]]
        out[cells[0]] = cells
    return out


def act(client, headers, action: str, project: str | None, reason: str | None = None) -> dict:
    """A click on the action's button, as the browser sends it (the button the one changed)."""
    (key,) = [d["output"] for d in client.get("/_dash-dependencies").get_json()
              if "periods-result.children" in d["output"]]
    outputs = [{"id": part.rpartition(".")[0], "property": part.rpartition(".")[2].split("@")[0]}
               for part in key[2:-2].split("...")]
    response = client.post("/_dash-update-component", headers=headers, json={
        "output": key, "outputs": outputs,
        "inputs": [{"id": f"periods-{a}", "property": "n_clicks", "value": int(a == action)}
                   for a in ("submit", "approve", "reopen")],
        "state": [
            {"id": "periods-cutoff", "property": "value", "value": CUTOFF},
            {"id": "periods-project", "property": "value", "value": project},
            {"id": "periods-reason", "property": "value", "value": reason},
            {"id": "periods-changed", "property": "data", "value": 0}, LANG,
        ],
        "changedPropIds": [f"periods-{action}.n_clicks"],
    })
    assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
    return response.get_json()["response"]


def test_each_role_sees_its_periods_and_may_change_only_what_it_should(home: Path, server) -> None:
    manager, manager_h = signed_in(server, home, "project_manager", (OWN,))
    evaluator, evaluator_h = signed_in(server, home, "evaluator")
    coordinator, coordinator_h = signed_in(server, home, "coordinator")

    mine = body(manager, manager_h)
    assert list(rows(mine)) == [OWN]
    assert rows(mine)[OWN][1] == "open"
    assert mine["periods-project"]["options"] == [{"label": OWN, "value": OWN}]
    assert mine["periods-submit"]["style"] == {} and mine["periods-approve"]["style"] == {"display": "none"}
    assert mine["periods-queue"]["style"] == {"display": "none"}
    seen = body(evaluator, evaluator_h)
    assert list(rows(seen)) == [OWN, OTHER] and seen["periods-actions"]["style"] == {"display": "none"}

    # whatever the browser sends, the server decides
    for client, headers, action, project in ((manager, manager_h, "submit", OTHER),
                                             (manager, manager_h, "approve", OWN),
                                             (manager, manager_h, "reopen", OWN),
                                             (evaluator, evaluator_h, "submit", OWN)):
        answer = act(client, headers, action, project, "because")
        assert "may not make this change" in json.dumps(answer["periods-result"]), (action, project)
        assert "periods-changed" not in answer
    assert not [e for e in audit.entries(home) if e.action.startswith("period.")]

    answer = act(manager, manager_h, "submit", OWN)
    assert "submitted" in json.dumps(answer["periods-result"]) and answer["periods-changed"]["data"] == 1
    assert rows(body(manager, manager_h))[OWN][1] == "submitted"
    again = act(manager, manager_h, "submit", OWN)
    assert "cannot be submitted" in json.dumps(again["periods-result"])

    approved = json.dumps(act(coordinator, coordinator_h, "approve", OWN)["periods-result"])
    assert f"{OWN} 31 Dec 2025: approved" in approved and "message-ok" in approved
    refused = act(coordinator, coordinator_h, "reopen", OWN, "  ")
    assert "Write a reason" in json.dumps(refused["periods-result"])
    reopened = act(coordinator, coordinator_h, "reopen", OWN, "numbers missing")
    assert "reopened" in json.dumps(reopened["periods-result"])
    table = rows(body(coordinator, coordinator_h))
    assert table[OWN][1] == "reopened" and table[OWN][5] == "test-coordinator" and table[OWN][6] == "numbers missing"

    changes = [(e.action, e.actor, e.detail.get("project"), e.detail.get("via"))
               for e in reversed(audit.entries(home)) if e.action.startswith("period.")]
    assert changes == [("period.submit", "test-project-manager", OWN, "dashboard"),
                       ("period.approve", "test-coordinator", OWN, "dashboard"),
                       ("period.reopen", "test-coordinator", OWN, "dashboard")]


def test_a_callback_without_the_csrf_token_changes_nothing(home: Path, server) -> None:
    coordinator, headers = signed_in(server, home, "coordinator")
    response = coordinator.post("/_dash-update-component", json={"output": "x", "inputs": [], "state": []})
    assert response.status_code == 403
    assert not [e for e in audit.entries(home) if e.action.startswith("period.")]


def preview(client, headers, data: bytes, name: str) -> str:
    contents = "data:text/csv;base64," + base64.b64encode(data).decode()
    answer = call_server(client, "upload-token.data", [
        {"id": "upload-file", "property": "contents", "value": contents},
        {"id": "upload-kind", "property": "value", "value": "auto"},
    ], [
        {"id": "upload-file", "property": "filename", "value": name},
        {"id": "upload-token", "property": "data", "value": None}, LANG,
    ], headers=headers)
    return answer["upload-token"]["data"]


def apply(client, headers, token: str, reason: str | None) -> dict:
    return call_server(client, "upload-applied.data", [{"id": "upload-apply", "property": "n_clicks", "value": 1}], [
        {"id": "upload-token", "property": "data", "value": token}, LANG,
        {"id": "upload-revision-reason", "property": "value", "value": reason},
    ], headers=headers)


def test_the_upload_page_applies_a_revising_file_only_with_a_reason(home: Path, server) -> None:
    coordinator, coordinator_h = signed_in(server, home, "coordinator")
    manager, manager_h = signed_in(server, home, "project_manager", (OWN,))
    act(coordinator, coordinator_h, "approve", OWN)
    uploads = len(manager.get("/api/v1/uploads").get_json())
    token = preview(manager, manager_h, LATE, "late.csv")

    refused = apply(manager, manager_h, token, None)
    note = json.dumps(refused["upload-revision-note"], ensure_ascii=False)
    assert "nothing was applied" in note and f"{OWN} 31.12.2025: EECO01 +1 (woman +1)" in note
    assert refused["upload-apply"]["disabled"] is False and "upload-applied" not in refused
    assert len(manager.get("/api/v1/uploads").get_json()) == uploads

    applied = apply(manager, manager_h, token, "a participant entered late")
    assert isinstance(applied["upload-applied"]["data"], int)
    assert "Revision recorded" in json.dumps(applied["upload-revision-note"])
    assert len(manager.get("/api/v1/uploads").get_json()) == uploads + 1
    queue = body(coordinator, coordinator_h)["periods-queue"]["children"]
    cells = [td["props"]["children"] for td in
             find(queue, "periods-queue-table")["props"]["children"][1]["props"]["children"][0]["props"]["children"]]
    assert cells[1:5] == [OWN, "late.csv", "a participant entered late", "test-project-manager"]
    (revise,) = [e for e in audit.entries(home) if e.action == "period.revise"]
    assert revise.detail["via"] == "dashboard" and revise.detail["upload"] == "late.csv"

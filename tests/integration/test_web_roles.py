"""What each role may see and do through the web server, on the small test network (projects
S10001 and S10002 of four or five participants each, so every count is below k = 5): the API
with tokens, and the dashboard's callbacks with signed-in sessions, as the browser calls them
(Flask's test client on the whole server). Every refusal is the server's, whatever the page
offers; the pages, the API and the exports agree on what a viewer may see."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest

from indicators.messages import message
from pipelines.access import accounts, audit
from tests.support.dashboard_callbacks import call_server, find
from tests.support.dashboard_network import K, OTHER, OWN, network_build, network_home  # noqa: F401 (a fixture)
from tests.support.dashboard_server import add_test_user
from tests.support.dashboard_web import api_sign_in, bearer, web_server
from tests.support.paths import NETWORK

CUTOFF = "2025-06-30"
PARTICIPANTS = (NETWORK / "participants.csv").read_bytes()
NOT_PERMITTED = "participants.project_code.not_permitted"
LANG = {"id": "lang", "property": "value", "value": "en"}
REASON = {"id": "upload-revision-reason", "property": "value", "value": None}  # the upload page's revision reason (issue #15)


@pytest.fixture
def home(network_build: Path, tmp_path: Path) -> Path:
    return network_home(network_build, tmp_path / "home")


@pytest.fixture
def server(home: Path):
    return web_server(home)


def token_for(home: Path, role: str, projects: tuple[str, ...] = ()) -> str:
    user = add_test_user(home, role, projects)
    return accounts.create_token(home, "os:test", user.name)


def signed_in(server, home: Path, role: str, projects: tuple[str, ...] = ()):
    """A test client signed in as a new user of `role`, and its CSRF header."""
    client = server.test_client()
    user = add_test_user(home, role, projects)
    return client, api_sign_in(client, user.name)


def upload_dry_run(server, token: str) -> tuple[int, dict]:
    answer = server.test_client().post("/api/v1/uploads", headers=bearer(token), data={
        "file": (io.BytesIO(PARTICIPANTS), "participants.csv"), "kind": "participants", "dry_run": "true"})
    return answer.status_code, answer.get_json()


def project_values(server, token: str) -> dict[tuple[str, str, str], float | None]:
    """{(project, indicator, gender): value} at CUTOFF as the API answers the token's user."""
    answer = server.test_client().get(f"/api/v1/indicators?cutoff={CUTOFF}&scope_type=project",
                                      headers=bearer(token))
    assert answer.status_code == 200
    return {(r["scope_code"], r["indicator_code"], r["gender"]): r["value"] for r in answer.get_json()}


def small(value: float | None) -> bool:
    return value is not None and 1 <= value <= K - 1


# --- The API -------------------------------------------------------------------------------------


def test_an_evaluators_token_may_read_but_not_upload(home: Path, server) -> None:
    token = token_for(home, "evaluator")
    status, answer = upload_dry_run(server, token)
    assert status == 403 and "evaluator" in answer["error"]
    assert server.test_client().get("/api/v1/uploads", headers=bearer(token)).status_code == 200


def test_a_project_managers_dry_run_rejects_the_rows_of_other_projects(home: Path, server) -> None:
    status, answer = upload_dry_run(server, token_for(home, "project_manager", (OWN,)))
    assert status == 200
    ((report,),) = [answer]
    refused = [p for p in report["problems"] if p["rule_id"] == NOT_PERMITTED]
    assert {p["value"] for p in refused} == {OTHER, "S99999"}  # every project but its own
    assert len(refused) == 6 and all(p["severity"] == "error" and p["message_en"] for p in refused)
    # A coordinator may write every project: no row of the same file is refused for that.
    status, answer = upload_dry_run(server, token_for(home, "coordinator"))
    assert status == 200 and not [p for p in answer[0]["problems"] if p["rule_id"] == NOT_PERMITTED]


def test_a_project_manager_sees_its_own_project_exactly_and_no_small_count_of_another(home: Path, server) -> None:
    exact = project_values(server, token_for(home, "admin"))
    shaped = project_values(server, token_for(home, "project_manager", (OWN,)))
    assert any(small(v) for (code, _, _), v in exact.items() if code == OTHER)  # there are some to hide
    assert not any(small(v) for (code, _, _), v in shaped.items() if code == OTHER)
    own = {key: v for key, v in exact.items() if key[0] == OWN}
    assert own and {key: shaped[key] for key in own} == own
    assert any(small(v) for v in own.values())  # its own small counts, exactly


# --- The dashboard's callbacks -------------------------------------------------------------------


def project_card(client, headers, code: str) -> str:
    """The EECO01 card of the project page of `code` at CUTOFF, as the browser gets it."""
    answer = call_server(client, "project-body.children", [
        LANG,
        {"id": "project-code", "property": "data", "value": code},
        {"id": "project-cutoff", "property": "value", "value": CUTOFF},
        {"id": "data-version", "property": "data", "value": None},
    ], headers=headers)
    card = find(answer["project-body"]["children"], "project-card-EECO01")
    return find(card, lambda props: props.get("className") == "card-value")["props"]["children"]


def test_the_project_page_shows_a_project_manager_what_the_api_does(home: Path, server) -> None:
    exact = project_values(server, token_for(home, "admin"))
    client, headers = signed_in(server, home, "project_manager", (OWN,))
    assert project_card(client, headers, OWN) == f"{exact[(OWN, 'EECO01', 'total')]:.0f}"
    assert small(exact[(OTHER, "EECO01", "total")])
    assert project_card(client, headers, OTHER) == "–"  # suppressed, as in the API
    admin, admin_headers = signed_in(server, home, "coordinator")
    assert project_card(admin, admin_headers, OTHER) == f"{exact[(OTHER, 'EECO01', 'total')]:.0f}"


def preview(client, headers, data: bytes, name: str) -> dict:
    contents = "data:text/csv;base64," + base64.b64encode(data).decode()
    return call_server(client, "upload-token.data", [
        {"id": "upload-file", "property": "contents", "value": contents},
        {"id": "upload-kind", "property": "value", "value": "auto"},
    ], [
        {"id": "upload-file", "property": "filename", "value": name},
        {"id": "upload-token", "property": "data", "value": None},
        LANG,
    ], headers=headers)


def test_the_upload_page_refuses_an_evaluator_on_the_server(home: Path, server) -> None:
    client, headers = signed_in(server, home, "evaluator")
    before = len(client.get("/api/v1/uploads").get_json())
    labels = call_server(client, "upload-access.children", [LANG],
                         [{"id": "upload-kind", "property": "value", "value": "auto"}], headers=headers)
    assert "may not upload" in json.dumps(labels["upload-access"]) and labels["upload-file"]["disabled"] is True
    # The browser could send the file anyway: nothing is read, kept or written.
    answer = preview(client, headers, (NETWORK / "projects.csv").read_bytes(), "projects.csv")
    assert "may not upload" in json.dumps(answer["upload-report"]) and answer["upload-token"]["data"] is None
    applied = call_server(client, "upload-applied.data",
                          [{"id": "upload-apply", "property": "n_clicks", "value": 1}],
                          [{"id": "upload-token", "property": "data", "value": "any-token"}, LANG,
                           REASON], headers=headers)
    assert "may not upload" in json.dumps(applied["upload-report"])
    assert len(client.get("/api/v1/uploads").get_json()) == before
    assert not [e for e in audit.entries(home) if e.action.startswith("upload.")]


def test_the_upload_page_previews_a_project_managers_file_for_its_own_projects(home: Path, server) -> None:
    client, headers = signed_in(server, home, "project_manager", (OWN,))
    answer = preview(client, headers, PARTICIPANTS, "participants.csv")
    report = json.dumps(answer["upload-report"], ensure_ascii=False)
    # the page words each problem by its rule (no rule ids on the web)
    assert message(NOT_PERMITTED, "en", "") in report and answer["upload-token"]["data"]
    # The programme's exact delta is not for a project manager: no dbt run was started for it.
    assert "upload-delta-table" not in json.dumps(answer["upload-delta"])
    (entry,) = [e for e in audit.entries(home) if e.action == "upload.dry_run"]
    assert entry.actor == "test-project-manager" and entry.detail["via"] == "dashboard"
    assert entry.detail["rejected"] >= 6 and len(entry.detail["sha256"]) == 64
    # Another user cannot apply that preview with its token.
    other, other_headers = signed_in(server, home, "coordinator")
    applied = call_server(other, "upload-applied.data",
                          [{"id": "upload-apply", "property": "n_clicks", "value": 1}],
                          [{"id": "upload-token", "property": "data", "value": answer["upload-token"]["data"]},
                           LANG, REASON], headers=other_headers)
    assert "upload-applied" not in applied
    assert not [e for e in audit.entries(home) if e.action == "upload.apply"]


def export(client, headers, variant: str) -> dict:
    return call_server(client, "exports-download.data",
                       [{"id": "exports-button", "property": "n_clicks", "value": 1}],
                       [{"id": "exports-cutoff", "property": "value", "value": CUTOFF},
                        {"id": "exports-variant", "property": "value", "value": variant}, LANG],
                       headers=headers)


def offered_variants(client, headers) -> list[str]:
    answer = call_server(client, "exports-variant.options", [
        LANG, {"id": "data-version", "property": "data", "value": None}], [
        {"id": "exports-cutoff", "property": "value", "value": None},
        {"id": "exports-variant", "property": "value", "value": None}], headers=headers)
    return [o["value"] for o in answer["exports-variant"]["options"]]


@pytest.mark.parametrize(("role", "official"), [("admin", True), ("coordinator", True),
                                                ("evaluator", False), ("project_manager", False)])
def test_only_admin_and_coordinator_get_the_official_export(home: Path, server, role: str, official: bool) -> None:
    client, headers = signed_in(server, home, role, (OWN,) if role == "project_manager" else ())
    assert offered_variants(client, headers) == (["official", "public"] if official else ["public"])
    answer = export(client, headers, "official")
    if official:
        assert answer["exports-download"]["data"]["filename"] == f"esf_indicators_{CUTOFF}.zip"
    else:
        assert "exports-download" not in answer and "official (exact) export" in json.dumps(answer)
    public = export(client, headers, "public")
    assert public["exports-download"]["data"]["filename"] == f"esf_indicators_{CUTOFF}_public.zip"
    downloads = [e.detail["variant"] for e in audit.entries(home) if e.action == "download.export"]
    assert sorted(downloads) == (["official", "public"] if official else ["public"])


def test_the_audit_page_is_for_the_admin_only(home: Path, server) -> None:
    for role in ("coordinator", "evaluator"):
        client, headers = signed_in(server, home, role)
        body = call_server(client, "audit-body.children", [LANG], headers=headers)
        assert "audit-table" not in json.dumps(body) and "for administrators only" in json.dumps(body)
        assert body["audit-download-button"]["style"] == {"display": "none"}
        assert call_server(client, "audit-download.data",
                           [{"id": "audit-download-button", "property": "n_clicks", "value": 1}],
                           headers=headers) == {}
    client, headers = signed_in(server, home, "admin")
    body = json.dumps(call_server(client, "audit-body.children", [LANG], headers=headers))
    assert "audit-table" in body and "sign_in.success" in body and "test-evaluator" in body
    download = call_server(client, "audit-download.data",
                           [{"id": "audit-download-button", "property": "n_clicks", "value": 1}], headers=headers)
    text = base64.b64decode(download["audit-download"]["data"]["content"]).decode("utf-8-sig")
    assert text.startswith("id,at,actor,action,detail") and "sign_in.success" in text
    assert [e.actor for e in audit.entries(home) if e.action == "download.audit"] == ["test-admin"]


def test_the_public_view_serves_anonymous_visitors_the_public_shape_only(home: Path) -> None:
    client = web_server(home, IMPACT_PUBLIC="1").test_client()
    assert client.get("/").status_code == 200
    layout = client.get("/_dash-layout").get_json()
    assert find(layout, "sign-in-link") is not None and find(layout, "sign-out") is None
    links = [c["props"]["href"] for c in find(layout, "nav")["props"]["children"]]
    assert "/upload" not in links and "/audit" not in links and "/quality" not in links
    values = client.get(f"/api/v1/indicators?cutoff={CUTOFF}").get_json()
    assert values and not any(small(r["value"]) for r in values)
    # The dashboard's callbacks answer it (with the token Dash sends from the cookie) in the same shape.
    headers = {"X-CSRF-Token": client.get_cookie("impact_csrf").value}
    card = call_server(client, "project-body.children", [
        LANG, {"id": "project-code", "property": "data", "value": OWN},
        {"id": "project-cutoff", "property": "value", "value": CUTOFF},
        {"id": "data-version", "property": "data", "value": None}], headers=headers)
    value = find(find(card["project-body"]["children"], "project-card-EECO01"),
                 lambda props: props.get("className") == "card-value")["props"]["children"]
    assert value == "–"
    # and may change nothing
    answer = preview(client, headers, (NETWORK / "projects.csv").read_bytes(), "projects.csv")
    assert "may not upload" in json.dumps(answer["upload-report"])
    assert client.post("/api/v1/uploads", data={"dry_run": "true"}, headers=headers).status_code == 401

"""The web server's hardening, through Flask's test client on the whole server
(pipelines/web/server.py): the sign-in guard, CSRF, the Host check, security headers, the
session cookie, no open redirect, sign-in answers that tell nothing, throttling, disabled
users, the upload size limit, the OpenAPI document and what the audit trail keeps."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from pipelines.access import accounts, audit
from pipelines.access.store import store_path
from tests.support.dashboard_copy import LATEST, write_published_copy
from tests.support.dashboard_server import PASSWORD, add_test_user
from tests.support.dashboard_web import api_sign_in, bearer, form_token, web_server
from tests.support.paths import NETWORK

OVERVIEW_BODY = {
    "output": "overview-body.children",
    "outputs": {"id": "overview-body", "property": "children"},
    "inputs": [
        {"id": "overview-cutoff", "property": "value", "value": None},
        {"id": "lang", "property": "value", "value": "en"},
        {"id": "overview-gender-mode", "property": "value", "value": "count"},
        {"id": "data-version", "property": "data", "value": None},
    ],
    "changedPropIds": ["overview-cutoff.value"],
    "state": [],
}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    write_published_copy(home / "published")
    return home


@pytest.fixture
def client(home: Path):
    return web_server(home).test_client()


# --- Who may ask at all --------------------------------------------------------------------------


def test_anonymous_requests_are_sent_to_sign_in(client) -> None:
    page = client.get("/")
    assert page.status_code == 302 and page.headers["Location"] == "/login?next=/"
    assert client.get("/projects/S30355").headers["Location"] == "/login?next=/projects/S30355"
    assert client.post("/_dash-update-component", json=OVERVIEW_BODY).status_code == 401
    assert client.get("/_dash-layout").status_code == 401
    assert client.get("/api/v1/uploads").status_code == 401
    assert client.get("/api/v1/indicators").status_code == 401
    assert client.get("/login").status_code == 200  # the sign-in page and the API's document are open
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_a_post_without_the_csrf_token_is_refused_when_signed_in(home: Path, client) -> None:
    user = add_test_user(home, "coordinator")
    headers = api_sign_in(client, user.name)
    assert client.post("/_dash-update-component", json=OVERVIEW_BODY).status_code == 403
    assert client.post("/_dash-update-component", json=OVERVIEW_BODY,
                       headers={"X-CSRF-Token": "not-the-token"}).status_code == 403
    assert client.post("/api/v1/uploads", data={"dry_run": "true"}).status_code == 403
    assert client.post("/logout").status_code == 403  # nobody can sign a user out from another site
    answer = client.post("/_dash-update-component", json=OVERVIEW_BODY, headers=headers)
    assert answer.status_code == 200 and '"children":"224"' in answer.get_data(as_text=True)
    # Dash's renderer sends the token from this cookie (readable by the page's script).
    cookie = client.get_cookie("impact_csrf")
    assert cookie is not None and cookie.value == headers["X-CSRF-Token"]


def test_the_sign_in_form_needs_its_token(home: Path, client) -> None:
    user = add_test_user(home, "evaluator")
    refused = client.post("/login", data={"name": user.name, "password": PASSWORD})
    assert refused.status_code == 403
    signed_in = client.post("/login", data={"name": user.name, "password": PASSWORD,
                                            "csrf_token": form_token(client)})
    assert signed_in.status_code == 302 and client.get("/").status_code == 200


def test_another_host_name_is_refused(client) -> None:
    assert client.get("/login", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/api/v1/openapi.json", headers={"Host": "rebound.example:8050"}).status_code == 400
    assert client.get("/login", headers={"Host": "127.0.0.1:8050"}).status_code == 200


def test_every_answer_carries_the_security_headers(home: Path, client) -> None:
    user = add_test_user(home, "evaluator")
    answers = [client.get("/login"), client.get("/")]
    api_sign_in(client, user.name)
    answers += [client.get("/"), client.get("/_dash-layout"), client.get("/api/v1/builds"),
                client.get("/assets/style.css")]
    for answer in answers:
        headers = answer.headers
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
        assert "'unsafe-eval'" not in policy and "script-src 'self'" in policy
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_the_session_cookie_is_httponly_and_samesite(home: Path, client) -> None:
    user = add_test_user(home, "evaluator")
    response = client.post("/api/v1/session", json={"name": user.name, "password": PASSWORD})
    (session,) = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("impact_session=")]
    assert "HttpOnly" in session and "SameSite=Lax" in session
    assert "Secure" not in session  # plain HTTP here; IMPACT_SECURE_COOKIES=1 behind HTTPS
    secure = web_server(home, IMPACT_SECURE_COOKIES="1").test_client()
    response = secure.post("/api/v1/session", json={"name": user.name, "password": PASSWORD})
    (session,) = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("impact_session=")]
    assert "Secure" in session and "HttpOnly" in session


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example/", "/\\evil.example", "//evil.example/x"])
def test_sign_in_never_redirects_off_site(home: Path, client, target: str) -> None:
    user = add_test_user(home, "evaluator")
    form = client.get(f"/login?next={target}").get_data(as_text=True)
    assert "evil.example" not in form
    answer = client.post("/login", data={"name": user.name, "password": PASSWORD, "next": target,
                                         "csrf_token": form_token(client)})
    location = urlparse(answer.headers["Location"])
    assert answer.status_code == 302 and location.netloc == "" and location.path == "/"


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(home: Path, client) -> None:
    user = add_test_user(home, "evaluator")
    token = form_token(client)
    wrong = client.post("/login", data={"name": user.name, "password": "not the password", "csrf_token": token})
    unknown = client.post("/login", data={"name": "nobody-here", "password": "not the password",
                                          "csrf_token": token})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_data() == unknown.get_data()
    wrong = client.post("/api/v1/session", json={"name": user.name, "password": "not the password"})
    unknown = client.post("/api/v1/session", json={"name": "nobody-here", "password": "not the password"})
    assert (wrong.status_code, wrong.get_json()) == (unknown.status_code, unknown.get_json())


def test_twenty_wrong_passwords_lock_the_name(home: Path, client) -> None:
    user = add_test_user(home, "evaluator")
    statuses = [client.post("/api/v1/session", json={"name": user.name, "password": f"wrong {i}"}).status_code
                for i in range(20)]
    assert statuses[0] == 401 and statuses[-1] == 429
    assert set(statuses) == {401, 429} and statuses.index(429) <= accounts.LOCK_AFTER
    locked = client.post("/api/v1/session", json={"name": user.name, "password": PASSWORD})
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) > 0  # even the right one
    form = client.post("/login", data={"name": user.name, "password": PASSWORD, "csrf_token": form_token(client)})
    assert form.status_code == 429


def test_a_disabled_users_session_stops_working(home: Path, client) -> None:
    user = add_test_user(home, "coordinator")
    headers = api_sign_in(client, user.name)
    assert client.get("/").status_code == 200
    accounts.disable_user(home, "os:test", user.name)
    assert client.get("/").status_code == 302
    assert client.post("/_dash-update-component", json=OVERVIEW_BODY, headers=headers).status_code == 401
    assert client.get("/api/v1/uploads").status_code == 401


def test_signing_out_ends_the_session(home: Path, client) -> None:
    user = add_test_user(home, "evaluator")
    headers = api_sign_in(client, user.name)
    out = client.post("/logout", data={"csrf_token": headers["X-CSRF-Token"]})
    assert out.status_code == 302 and out.headers["Location"] == "/login?out=1"
    assert client.get("/").status_code == 302


def test_a_session_cookie_copied_before_sign_out_is_worth_nothing_after(home: Path, client) -> None:
    user = add_test_user(home, "evaluator")
    headers = api_sign_in(client, user.name)
    copied = client.get_cookie("impact_session").value
    client.post("/logout", data={"csrf_token": headers["X-CSRF-Token"]})
    replay = web_server(home).test_client()
    replay.set_cookie("impact_session", copied)
    assert replay.get("/").status_code == 302


# --- The API's limits and document ---------------------------------------------------------------


def test_an_upload_over_the_size_limit_is_refused(home: Path) -> None:
    client = web_server(home, IMPACT_MAX_UPLOAD_MB="1").test_client()
    add_test_user(home, "coordinator")
    token = accounts.create_token(home, "os:test", "test-coordinator")
    big = b"project_code,participant_id\n" + b"S10001,P1\n" * 150_000  # 1.5 MB
    answer = client.post("/api/v1/uploads", headers=bearer(token),
                         data={"file": (io.BytesIO(big), "big.csv"), "dry_run": "true"})
    assert answer.status_code == 413
    huge = big * 3  # past what the server reads at all
    answer = client.post("/api/v1/uploads", headers=bearer(token),
                         data={"file": (io.BytesIO(huge), "huge.csv"), "dry_run": "true"})
    assert answer.status_code == 413


def api_routes(server) -> set[tuple[str, str]]:
    """(path under /api/v1, method) of every route the server answers there."""
    routes = set()
    for rule in server.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.rule != "/api/v1/openapi.json":
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                routes.add((rule.rule.removeprefix("/api/v1"), method.lower()))
    return routes


def test_the_openapi_document_lists_every_route(home: Path) -> None:
    server = web_server(home)
    document = server.test_client().get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1.") and document["info"]["title"] and document["info"]["version"]
    listed = {(path, method) for path, operations in document["paths"].items() for method in operations}
    assert listed == api_routes(server)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation["responses"], (path, method)
    # every reference points at something the document defines
    text = json.dumps(document)
    for ref in set(re.findall(r'"\$ref": "#/([^"]+)"', text)):
        node = document
        for part in ref.split("/"):
            node = node[part]


def test_the_openapi_document_is_valid_openapi_3_1(home: Path) -> None:
    from openapi_spec_validator import validate

    document = web_server(home).test_client().get("/api/v1/openapi.json").get_json()
    validate(document)  # raises on an invalid document


# --- The audit trail -----------------------------------------------------------------------------


def test_the_audit_trail_keeps_sign_ins_uploads_and_downloads_but_no_secret(home: Path, client) -> None:
    user = add_test_user(home, "coordinator")
    token = accounts.create_token(home, "os:test", user.name)
    assert client.post("/api/v1/session", json={"name": user.name, "password": "a wrong password"}).status_code == 401
    headers = api_sign_in(client, user.name)
    data = (NETWORK / "projects.csv").read_bytes()
    for dry_run in ("true", "false"):
        upload = client.post("/api/v1/uploads", headers=bearer(token),
                             data={"file": (io.BytesIO(data), "projects.csv"), "dry_run": dry_run})
        assert upload.status_code == 200, upload.get_data(as_text=True)
    assert client.get(f"/api/v1/indicators?cutoff={LATEST.isoformat()}", headers=headers).status_code == 200

    entries = audit.entries(home)
    actions = [(e.actor, e.action) for e in entries]
    assert (user.name, "sign_in.failure") in actions and (user.name, "sign_in.success") in actions
    for action in ("upload.dry_run", "upload.apply"):
        (upload,) = [e for e in entries if e.action == action]
        assert upload.actor == user.name and len(upload.detail["sha256"]) == 64
        assert upload.detail["kind"] == "projects" and upload.detail["rows"] == 2
    (download,) = [e for e in entries if e.action == "download.indicators"]
    assert download.actor == user.name and download.detail["cutoff"] == LATEST.isoformat()
    stored = b"".join(p.read_bytes() for p in store_path(home).parent.iterdir()) + audit.to_csv(entries).encode()
    for secret in (PASSWORD, "a wrong password", token, headers["X-CSRF-Token"]):
        assert secret.encode() not in stored
    assert "Kuopion".encode() not in stored  # nor a cell of the file

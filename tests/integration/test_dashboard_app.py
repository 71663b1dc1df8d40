"""The Dash app (dashboards/app.py, dashboards/pages/overview.py): callbacks, endpoints, the
navigation each role is offered, and the real web server (gunicorn, signed in) in a subprocess
that stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import plotly.utils
import pytest

from dashboards.data import PublishedCopy
from dashboards.views import overview
from pipelines.access.roles import User
from pipelines.settings import Settings
from tests.support.dashboard_callbacks import app_as
from tests.support.dashboard_copy import (
    CUTOFFS,
    LATEST,
    expected_total,
    set_current_version,
    write_published_copy,
)
from tests.support.dashboard_server import add_test_user, sign_in, start_dashboard


def as_text(components) -> str:
    """A rendered component tree as JSON text, to look for the numbers a user would see."""
    return json.dumps(components, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def body_request(cutoff=None, lang="fi", mode="count") -> dict:
    """The POST the browser sends to /_dash-update-component for the overview body."""
    return {
        "output": "overview-body.children",
        "outputs": {"id": "overview-body", "property": "children"},
        "inputs": [
            {"id": "overview-cutoff", "property": "value", "value": cutoff},
            {"id": "lang", "property": "value", "value": lang},
            {"id": "overview-gender-mode", "property": "value", "value": mode},
            {"id": "data-version", "property": "data", "value": None},
        ],
        "changedPropIds": ["overview-cutoff.value"],
        "state": [],
    }


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home")


@pytest.fixture
def published_settings(settings: Settings) -> Settings:
    write_published_copy(settings.published_dir)
    return settings


# --- Callback logic, called directly ---------------------------------------------------------


def test_controls_offer_the_cutoffs_latest_first(published_settings: Settings) -> None:
    copy = PublishedCopy(published_settings.published_dir)
    title, label, options, value, mode_label, mode_options, style = overview.controls(
        copy, "fi", None
    )
    assert title.startswith("Osallistujaindikaattorit")
    assert [o["value"] for o in options] == [c.isoformat() for c in reversed(CUTOFFS)]
    assert options[0]["label"] == "30.6.2025 (uusin päättynyt)"  # the last closed cut-off
    assert value == LATEST.isoformat()
    assert style == {}
    # A valid earlier choice survives a language switch.
    assert overview.controls(copy, "en", CUTOFFS[0].isoformat())[3] == CUTOFFS[0].isoformat()


def test_overview_shows_the_programme_numbers(published_settings: Settings) -> None:
    copy = PublishedCopy(published_settings.published_dir)
    text = as_text(overview.render_overview(copy, None, "fi", "count"))
    assert '"id": "card-EECO01"' in text and '"children": "224"' in text
    assert '"id": "card-EECR04"' in text and "33,9\u00a0% osallistujista (EECO01)" in text
    assert '"id": "card-SE04"' in text and '"children": "27"' in text
    assert "Osallistujat yhteensä" in text
    assert "arkaluonteinen" in text  # EECO12, EECO15, SE04, SE05 are marked
    # Both charts and their tables.
    assert text.count('"type": "Graph"') == 2 and text.count('"type": "Table"') == 2


def test_overview_at_an_earlier_cutoff_in_english(published_settings: Settings) -> None:
    copy = PublishedCopy(published_settings.published_dir)
    text = as_text(overview.render_overview(copy, CUTOFFS[0].isoformat(), "en", "share"))
    assert "Total number of participants" in text
    assert '"children": "112"' in text  # EECO01 at 31 Dec 2024: 60 + 50 + 2
    assert "31 Dec 2024" in text


def test_overview_without_se_indicators_has_no_se04_card(settings: Settings) -> None:
    write_published_copy(settings.published_dir, codes=("EECO01", "EECR04"))
    text = as_text(overview.render_overview(PublishedCopy(settings.published_dir), None, "fi"))
    assert "card-EECO01" in text and "card-SE04" not in text


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fi", "Julkaistua aineistoa ei vielä ole"), ("en", "No published data yet")],
)
def test_no_published_copy_gives_a_friendly_message(
    settings: Settings, lang: str, words: str
) -> None:
    copy = PublishedCopy(settings.published_dir)
    text = as_text(overview.render_overview(copy, None, lang))
    assert words in text and "impact build" in text and "make demo" in text
    assert overview.controls(copy, lang, None)[6] == {"display": "none"}


def test_a_broken_version_gives_a_message_not_a_crash(settings: Settings) -> None:
    settings.published_dir.mkdir(parents=True)
    set_current_version(settings.published_dir, "v7")
    text = as_text(overview.render_overview(PublishedCopy(settings.published_dir), None, "en"))
    assert "could not be read" in text and "v7" in text


# --- The app over HTTP (Flask test client) ---------------------------------------------------


def test_app_starts_without_a_published_copy(settings: Settings) -> None:
    client = app_as(settings).server.test_client()
    page = client.get("/")
    assert page.status_code == 200
    assert b"cdn.plot.ly" not in page.data  # plotly.js is served locally: works offline
    assert client.get("/_dash-layout").status_code == 200
    response = client.post("/_dash-update-component", json=body_request())
    assert response.status_code == 200
    assert "impact build" in response.get_data(as_text=True)


def test_plotly_js_is_served_by_the_app(settings: Settings) -> None:
    client = app_as(settings).server.test_client()
    # dcc.Graph loads plotly.js on demand from the app's component suites, not from a CDN.
    response = client.get("/_dash-component-suites/plotly/package_data/plotly.min.js")
    assert response.status_code == 200 and len(response.data) > 1_000_000


def find(component: dict, component_id: str) -> dict | None:
    """The component with `component_id` in a /_dash-layout tree."""
    if not isinstance(component, dict):
        return None
    props = component.get("props", {})
    if props.get("id") == component_id:
        return component
    children = props.get("children")
    for child in children if isinstance(children, list) else [children]:
        found = find(child, component_id)
        if found is not None:
            return found
    return None


def nav_links(settings: Settings, user: User | None) -> list[tuple[str, str]]:
    client = app_as(settings, user).server.test_client()
    nav = find(client.get("/_dash-layout").get_json(), "nav")
    return [(c["props"]["href"], c["props"]["children"]) for c in nav["props"]["children"]]


def test_layout_has_navigation_from_the_page_registry(published_settings: Settings) -> None:
    assert nav_links(published_settings, User("tester", "admin")) == [
        ("/", "Yleiskuva"),
        ("/indicators", "Indikaattorit"),
        ("/projects", "Hankkeet"),
        ("/regions", "Maakunnat"),
        ("/evaluation", "Arviointi"),
        ("/funding", "Rahoitusmahdollisuudet"),
        ("/quality", "Tietojen laatu"),
        ("/upload", "Lataa tiedosto"),
        ("/exports", "Vienti"),
        ("/audit", "Tapahtumaloki"),
        ("/periods", "Raportointikaudet"),
    ]  # the page of one project (/projects/<code>) is reached from the projects table


@pytest.mark.parametrize(("user", "hidden"), [
    (User("c", "coordinator"), {"/audit"}),
    (User("p", "project_manager", frozenset({"S30355"})), {"/audit"}),
    (User("e", "evaluator"), {"/upload", "/audit"}),
    (None, {"/upload", "/audit", "/quality", "/periods"}),  # an anonymous visitor of the public view
])
def test_the_navigation_offers_only_the_pages_the_role_may_use(
    published_settings: Settings, user: User | None, hidden: set[str]
) -> None:
    every = {href for href, _ in nav_links(published_settings, User("tester", "admin"))}
    assert {href for href, _ in nav_links(published_settings, user)} == every - hidden


def test_two_apps_in_one_process_read_their_own_copies(tmp_path: Path) -> None:
    a, b = Settings(home=tmp_path / "a"), Settings(home=tmp_path / "b")
    write_published_copy(a.published_dir, scale=1)
    write_published_copy(b.published_dir, scale=3)
    app_a, app_b = app_as(a), app_as(b)
    for app, scale in ((app_b, 3), (app_a, 1)):
        response = app.server.test_client().post("/_dash-update-component", json=body_request())
        assert f'"children":"{expected_total("EECO01", scale)}"' in response.get_data(as_text=True)


# --- A real server -----------------------------------------------------------------------------


@pytest.fixture
def server(published_settings: Settings):
    """The web server under gunicorn in a subprocess on a free port, and an HTTP session signed
    in to it; yields (base_url, session, settings, process)."""
    user = add_test_user(published_settings.home, "admin")
    proc, base = start_dashboard(published_settings.home, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True)
    try:
        yield base, sign_in(base, user.name), published_settings, proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_server_serves_the_page_and_the_callbacks(server) -> None:
    base, session, settings, proc = server
    assert session.get(base + "/", timeout=10).status_code == 200
    layout = session.get(base + "/_dash-layout", timeout=10)
    assert layout.status_code == 200 and find(layout.json(), "lang") is not None
    response = session.post(base + "/_dash-update-component", json=body_request(), timeout=10)
    assert response.status_code == 200 and '"children":"224"' in response.text

    # A new build swaps CURRENT: the next callback shows the new numbers, no restart.
    write_published_copy(settings.published_dir, "v2", scale=2)
    response = session.post(base + "/_dash-update-component", json=body_request(), timeout=10)
    assert f'"children":"{expected_total("EECO01", 2)}"' in response.text and "v2" in response.text

    proc.send_signal(signal.SIGTERM)
    output, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, output
    assert "Traceback" not in output

"""The overview page in a real headless Chromium, signed in to the web server: it renders,
shows the numbers, switches language, loads nothing from outside the app, and logs no console
errors (nor Content-Security-Policy violations).

Needs Playwright (dev dependency) and Debian's chromium-headless-shell (stack-notes.md):
`apt-get install -y --no-install-recommends chromium-headless-shell`. Skipped when missing.
Set DASHBOARD_SCREENSHOT_DIR to keep the screenshots for a look.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support.dashboard_browser import CHROMIUM, LAUNCH_ARGS, new_context, wait_until, watch
from tests.support.dashboard_copy import write_published_copy
from tests.support.dashboard_server import add_test_user, sign_in, start_dashboard

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (dev dependency group)"
)
if CHROMIUM is None:
    pytest.skip(
        "no Chromium: apt-get install -y --no-install-recommends chromium-headless-shell",
        allow_module_level=True,
    )


@pytest.fixture
def server(tmp_path: Path):
    """A published copy in a temporary home, served by the web server in a subprocess, and an
    HTTP session of a signed-in user: (base URL, session)."""
    home = tmp_path / "home"
    write_published_copy(home / "published")
    user = add_test_user(home, "evaluator")
    proc, base = start_dashboard(home)
    try:
        yield base, sign_in(base, user.name)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


def screenshot_dir(tmp_path: Path) -> Path:
    return Path(os.environ.get("DASHBOARD_SCREENSHOT_DIR") or tmp_path)


def test_overview_in_a_browser(server, browser, tmp_path: Path) -> None:
    base, session = server
    context = new_context(browser, base, session, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = watch(page)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", "localhost")
            and not r.url.startswith("data:")
            else None
        ),
    )

    page.goto(base + "/", wait_until="networkidle")
    page.wait_for_selector("#card-EECO01 .card-value", timeout=15_000)
    assert page.inner_text("#card-EECO01 .card-value") == "224"
    assert "33,9" in page.inner_text("#card-EECR04 .card-detail")
    page.wait_for_selector("#overview-totals-graph .main-svg", timeout=15_000)
    page.wait_for_selector("#overview-gender-graph .main-svg", timeout=15_000)
    assert page.locator("#overview-totals-graph .bars .point").count() == 25
    out = screenshot_dir(tmp_path)
    page.screenshot(path=str(out / "overview-fi.png"), full_page=True)

    # Open the totals table: the numbers behind the chart.
    page.locator("#overview-body summary").first.click()
    first_row = page.locator("#overview-body table").first.locator("tbody tr").first
    assert first_row.inner_text().split("\t")[:3] == ["EECO01", "Osallistujat yhteensä", "224"]

    # An earlier cut-off.
    page.click("#overview-cutoff")
    page.get_by_role("option", name="31.12.2024").click()
    wait_until(
        page, "document.querySelector('#card-EECO01 .card-value')?.innerText === '112'"
    )

    page.get_by_text("English", exact=True).click()
    wait_until(
        page, "document.querySelector('#overview-title')?.innerText.startsWith('Participant')"
    )
    page.wait_for_selector("text=Total number of participants")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#nav a").first.inner_text() == "Overview"
    assert page.inner_text("#card-EECO01 .card-value") == "112"  # the choice survives the switch
    page.screenshot(path=str(out / "overview-en.png"), full_page=True)

    assert errors == []
    assert outside == []  # offline-safe: no CDN, no version check
    context.close()


def test_no_data_message_in_a_browser(tmp_path: Path, browser) -> None:
    home = tmp_path / "empty-home"
    user = add_test_user(home, "evaluator")
    proc, base = start_dashboard(home)
    try:
        context = new_context(browser, base, sign_in(base, user.name))
        page = context.new_page()
        errors = watch(page)
        page.goto(base + "/")
        page.wait_for_selector(".message", timeout=15_000)
        assert "impact build" in page.inner_text(".message")
        assert not page.is_visible("#overview-cutoff")
        page.screenshot(path=str(screenshot_dir(tmp_path) / "no-data.png"), full_page=True)
        assert errors == []
        context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)

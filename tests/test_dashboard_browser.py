"""The overview page in a real headless Chromium: it renders, shows the numbers, switches
language, loads nothing from outside the app, and logs no console errors.

Needs Playwright (dev dependency) and Debian's chromium-headless-shell (stack-notes.md):
`apt-get install -y --no-install-recommends chromium-headless-shell`. Skipped when missing.
Set DASHBOARD_SCREENSHOT_DIR to keep the screenshots for a look.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support.dashboard_copy import write_published_copy
from tests.support.dashboard_server import start_dashboard

pytestmark = pytest.mark.browser

CHROMIUM = next(
    (p for p in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium") if shutil.which(p)), None
)
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
    """A published copy in a temporary home, served by run_server in a subprocess: base URL."""
    home = tmp_path / "home"
    write_published_copy(home / "published")
    proc, base = start_dashboard(home)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield b
        finally:
            b.close()


def screenshot_dir(tmp_path: Path) -> Path:
    return Path(os.environ.get("DASHBOARD_SCREENSHOT_DIR") or tmp_path)


def test_overview_in_a_browser(server, browser, tmp_path: Path) -> None:
    base = server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
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
    page.wait_for_function(
        "document.querySelector('#card-EECO01 .card-value')?.innerText === '112'"
    )

    page.get_by_text("English", exact=True).click()
    page.wait_for_function(
        "document.querySelector('#overview-title')?.innerText.startsWith('Participant')"
    )
    page.wait_for_selector("text=Total number of participants")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#nav a").first.inner_text() == "Overview"
    assert page.inner_text("#card-EECO01 .card-value") == "112"  # the choice survives the switch
    page.screenshot(path=str(out / "overview-en.png"), full_page=True)

    assert errors == []
    assert outside == []  # offline-safe: no CDN, no version check
    page.close()


def test_no_data_message_in_a_browser(tmp_path: Path, browser) -> None:
    proc, base = start_dashboard(tmp_path / "empty-home")
    try:
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "/")
        page.wait_for_selector(".message", timeout=15_000)
        assert "impact build" in page.inner_text(".message")
        assert not page.is_visible("#overview-cutoff")
        page.screenshot(path=str(screenshot_dir(tmp_path) / "no-data.png"), full_page=True)
        assert errors == []
    finally:
        proc.terminate()
        proc.wait(timeout=10)

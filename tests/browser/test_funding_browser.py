"""The Funding page (seed-work.md 2.5) in a real headless Chromium at a laptop's (1366 px) and a
phone's (390 px) width, in Finnish, Swedish and English, for a project manager (its own project's
follow-up list, the rest in the public shape): nothing wider than the screen, no underscore
identifier in a chart, no console error; and the register's badges, the funnel's four stages and
the follow-up list of the manager's own project only.

Needs Playwright and chromium-headless-shell, like test_dashboard_layout.py; skipped without.
"""

from __future__ import annotations

import pytest

from dashboards.i18n import t
from tests.browser.test_dashboard_layout import CHART_TEXTS, IDENTIFIER, LOCALES, OVERFLOW, _settle
from tests.support.dashboard_browser import CHROMIUM, LAUNCH_ARGS, new_context, watch
from tests.support.dashboard_copy import write_published_copy
from tests.support.dashboard_server import add_test_user, sign_in, start_dashboard
from tests.support.funding_tables import funding_tables

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (dev dependency group)"
)
if CHROMIUM is None:
    pytest.skip(
        "no Chromium: apt-get install -y --no-install-recommends chromium-headless-shell",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("funding") / "home"
    write_published_copy(home / "published", tables=funding_tables())
    user = add_test_user(home, "project_manager", ("S30355",))
    proc, base = start_dashboard(home)
    try:
        yield base, sign_in(base, user.name)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_funding_page_fits_the_screen_in_every_language(server, browser, lang: str, width: int) -> None:
    base, session = server
    context = new_context(browser, base, session, viewport={"width": width, "height": 900},
                          locale=LOCALES[lang])
    page = context.new_page()
    errors = watch(page)
    page.goto(base + "/funding", wait_until="networkidle")
    _settle(page)
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.inner_text("#main h1") == t("funding_title", lang)
    layout = page.evaluate(OVERFLOW)
    assert layout["scroll"] <= layout["width"] and layout["out"] == [], layout
    identifiers = [s for s in page.evaluate(CHART_TEXTS) if IDENTIFIER.search(s)]
    assert identifiers == [], identifiers
    body = page.inner_text("#funding-body")
    assert t("window_closed", lang) in body  # the register's badges (the 2024 call is closed whenever)
    funnel = page.evaluate("() => document.querySelector('#funding-funnel-graph .js-plotly-plot').data.map(d => d.name)")
    assert funnel == [t(f"stage_{s}", lang) for s in ("informed", "applied", "decided", "funded")]
    # the manager's own project's follow-up, never another project's organisations
    assert "Osuuskunta Tekijät" in body and "Helsingin Yhteisö ry" not in body
    assert errors == []
    context.close()

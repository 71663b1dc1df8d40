"""Each role in a real headless Chromium, signed in through the sign-in form of the web server
(gunicorn, as the service runs it) over the small test network (projects S10001 and S10002,
every count below k = 5): exactly the pages the role may use in the navigation, the upload
page refused to an evaluator by the server, the official export offered only to an
administrator and a coordinator, the audit trail only to the administrator, a project manager
seeing its own project's numbers exactly and another project's small counts suppressed, and
signing out back to the sign-in page. No page logs a console error or a Content-Security-Policy
violation. Needs Playwright and Debian's chromium-headless-shell; skipped when either is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.dashboard_browser import CHROMIUM, LAUNCH_ARGS, new_context, wait_until, watch
from tests.support.dashboard_network import OTHER, OWN, network_build, network_home  # noqa: F401 (a fixture)
from tests.support.dashboard_server import add_test_user, sign_in_browser, start_dashboard

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (dev dependency group)"
)
if CHROMIUM is None:
    pytest.skip(
        "no Chromium: apt-get install -y --no-install-recommends chromium-headless-shell",
        allow_module_level=True,
    )

EVERY_PAGE = ["/", "/indicators", "/projects", "/regions", "/evaluation", "/funding", "/quality", "/upload",
              "/exports", "/audit", "/periods"]
ROLES = {  # role: (projects, the pages it may not use)
    "admin": ((), set()),
    "coordinator": ((), {"/audit"}),
    "evaluator": ((), {"/upload", "/audit"}),
    "project_manager": ((OWN,), {"/audit"}),
}


@pytest.fixture(scope="module")
def service(network_build: Path, tmp_path_factory):
    """The web server over a copy of the network with a user of each role: base URL."""
    home = network_home(network_build, tmp_path_factory.mktemp("web-browser") / "home")
    for role, (projects, _) in ROLES.items():
        add_test_user(home, role, projects)
    proc, base = start_dashboard(home)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=15)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


def user_name(role: str) -> str:
    return f"test-{role.replace('_', '-')}"


def signed_in_page(browser, base: str, role: str):
    """A page signed in as `role` through the form (in English), and its console errors."""
    context = new_context(browser, base, viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    errors = watch(page)
    sign_in_browser(page, base, user_name(role))
    return context, page, errors


def visit(page, base: str, path: str) -> None:
    page.goto(base + path, wait_until="networkidle")
    wait_until(page, "document.querySelector('h1')?.innerText.length > 0", timeout=20_000)
    page.wait_for_load_state("networkidle")  # dcc.Loading's callbacks done


def card_value(page, base: str, code: str) -> str:
    visit(page, base, f"/projects/{code}")
    page.wait_for_selector("#project-card-EECO01 .card-value", timeout=20_000)
    return page.inner_text("#project-card-EECO01 .card-value")


@pytest.mark.parametrize("role", ROLES)
def test_what_each_role_may_see_and_do(service, browser, role: str) -> None:
    base = service
    context, page, errors = signed_in_page(browser, base, role)
    assert page.url == base + "/"
    page.wait_for_selector("#user-name")
    assert page.inner_text("#user-name") == user_name(role)

    # The navigation: exactly the pages of the role, and each of them draws without an error.
    hidden = ROLES[role][1]
    links = page.locator("#nav a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == [p for p in EVERY_PAGE if p not in hidden]
    for path in hrefs:
        visit(page, base, path)
        assert page.locator(".message-error").count() == 0, path

    # The upload page, reached by its address: refused by the server to whoever may not upload.
    visit(page, base, "/upload")
    refusal = page.inner_text("#upload-access")
    if "/upload" in hidden:
        assert "may not upload" in refusal
        assert page.locator("#upload-templates button").count() == 0
    else:
        assert refusal == "" and page.locator("#upload-templates button").count() > 0

    # The exports page: the official export only for an administrator and a coordinator.
    visit(page, base, "/exports")
    page.wait_for_selector("#exports-variant input")
    variants = page.locator("#exports-variant input").evaluate_all("inputs => inputs.map(i => i.value)")
    assert variants == (["official", "public"] if role in ("admin", "coordinator") else ["public"])

    # The audit trail: the administrator's only.
    visit(page, base, "/audit")
    if role == "admin":
        page.wait_for_selector("#audit-table")
        assert "sign_in.success" in page.inner_text("#audit-table")
    else:
        page.wait_for_selector("#audit-body .message-error")
        assert page.locator("#audit-table").count() == 0
        assert "for administrators only" in page.inner_text("#audit-body")

    assert errors == [], errors
    context.close()


def test_a_project_manager_sees_its_own_numbers_and_another_projects_suppressed(service, browser) -> None:
    base = service
    context, page, errors = signed_in_page(browser, base, "admin")
    exact = {code: card_value(page, base, code) for code in (OWN, OTHER)}
    context.close()
    assert all(value.isdigit() and 1 <= int(value) < 5 for value in exact.values())  # small counts

    context, page, manager_errors = signed_in_page(browser, base, "project_manager")
    assert card_value(page, base, OWN) == exact[OWN]
    assert card_value(page, base, OTHER) == "–"
    assert "fewer than 5 persons are hidden" in page.inner_text("#project-body .meta")
    visit(page, base, "/projects")
    page.wait_for_selector("#projects-body table")
    table = page.locator("#projects-body table").first
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    participants = next(i for i, h in enumerate(headers) if h.endswith("(EECO01)"))
    rows = {r.split("\t")[0]: r.split("\t") for r in table.locator("tbody tr").all_inner_texts()}
    assert rows[OTHER][participants] == "–" and rows[OWN][participants] == exact[OWN]
    assert errors == [] and manager_errors == []
    context.close()


def test_signing_out_returns_to_the_sign_in_page(service, browser) -> None:
    base = service
    context, page, errors = signed_in_page(browser, base, "evaluator")
    page.wait_for_selector("#sign-out")
    # No callback still running: its answer would set the session cookie again (see
    # test_web_security's xfail on revoking sessions).
    page.wait_for_load_state("networkidle")
    with page.expect_navigation():
        page.click("#sign-out")
    assert page.url == base + "/login?out=1"
    assert "You have signed out" in page.inner_text("main")
    page.goto(base + "/projects")
    assert page.url.startswith(base + "/login?next=/projects")
    assert errors == []
    context.close()

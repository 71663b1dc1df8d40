"""Issue #15's browser walk, in a real headless Chromium against the web server under gunicorn
over the small test network: a project manager submits its project's half-year on the periods
page, a coordinator approves it, the project manager uploads a file that changes the approved
values (refused without a reason, applied with one), and the coordinator's revision queue
shows the period with the upload and the reason. The default cut-off (the last closed one) is
used throughout. No page logs a console error. Needs Playwright and Debian's
chromium-headless-shell (stack-notes.md); skipped with the reason when either is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.dashboard_browser import CHROMIUM, LAUNCH_ARGS, new_context, wait_until, watch
from tests.support.dashboard_network import OWN, network_build, network_home  # noqa: F401 (a fixture)
from tests.support.dashboard_server import add_test_user, sign_in_browser, start_dashboard
from tests.support.paths import NETWORK

pytestmark = [pytest.mark.browser, pytest.mark.slow]

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (dev dependency group)"
)
if CHROMIUM is None:
    pytest.skip(
        "no Chromium: apt-get install -y --no-install-recommends chromium-headless-shell",
        allow_module_level=True,
    )

HEADER = (NETWORK / "participants.csv").read_text(encoding="utf-8").splitlines()[0]
# one more woman in the project manager's project, entering before the last closed cut-off
LATE = (HEADER + f"\n{OWN},LATE1,2025-10-01,,woman,40,unemployed,3,3,no,no,no,no,no,no,no,MK11,,,,,,,,\n").encode()
REASON = "a participant entered late"


@pytest.fixture(scope="module")
def service(network_build: Path, tmp_path_factory):  # noqa: F811 (the fixture)
    home = network_home(network_build, tmp_path_factory.mktemp("periods-browser") / "home")
    add_test_user(home, "project_manager", (OWN,), name="manager")
    add_test_user(home, "coordinator", name="coordinator")
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


def signed_in(browser, base: str, name: str):
    context = new_context(browser, base, viewport={"width": 1280, "height": 1000}, locale="en-GB")
    page = context.new_page()
    errors = watch(page)
    sign_in_browser(page, base, name)
    return context, page, errors


def periods_page(page, base: str) -> None:
    page.goto(base + "/periods", wait_until="networkidle")
    page.wait_for_selector("#periods-table", timeout=30_000)
    page.wait_for_load_state("networkidle")


def row_of(page, project: str) -> str:
    return page.inner_text(f"#period-row-{project}")


def test_submit_approve_revise_with_a_reason_and_the_revision_queue(service, browser) -> None:
    base = service
    manager_context, manager, manager_errors = signed_in(browser, base, "manager")
    coordinator_context, coordinator, coordinator_errors = signed_in(browser, base, "coordinator")

    # The project manager submits its own project's half-year.
    periods_page(manager, base)
    assert "provisional" not in manager.inner_text("#periods-cutoff")  # the default: the last closed one
    assert manager.locator("#periods-table tbody tr").count() == 1  # its own project only
    assert "open" in row_of(manager, OWN)
    assert manager.is_hidden("#periods-approve") and manager.is_hidden("#periods-queue")
    manager.click("#periods-submit")
    wait_until(manager, "document.querySelector('#periods-result')?.innerText.includes('submitted')", timeout=30_000)
    wait_until(manager, f"document.querySelector('#period-row-{OWN}')?.innerText.includes('submitted')")
    assert "manager" in row_of(manager, OWN)

    # The coordinator approves it.
    periods_page(coordinator, base)
    assert coordinator.locator("#periods-table tbody tr").count() == 2
    assert "submitted" in row_of(coordinator, OWN)
    assert "The revision queue is empty" in coordinator.inner_text("#periods-queue")
    wait_until(coordinator, f"document.querySelector('#periods-project')?.innerText.includes('{OWN}')")
    coordinator.click("#periods-approve")
    wait_until(coordinator, "document.querySelector('#periods-result')?.innerText.includes('approved')",
               timeout=60_000)
    wait_until(coordinator, f"document.querySelector('#period-row-{OWN}')?.innerText.includes('approved')")

    # The project manager uploads a file that changes the approved values: no reason, nothing applied.
    manager.goto(base + "/upload", wait_until="networkidle")
    manager.locator("#upload-file input[type=file]").set_input_files(
        files=[{"name": "late.csv", "mimeType": "text/csv", "buffer": LATE}])
    wait_until(manager, "document.querySelector('#upload-outcome')?.innerText.includes('late.csv')", timeout=30_000)
    assert manager.is_enabled("#upload-apply")
    manager.click("#upload-apply")
    manager.wait_for_selector("#upload-revision-needed", timeout=180_000)
    needed = manager.inner_text("#upload-revision-needed")
    assert "nothing was applied" in needed and f"{OWN} " in needed and "EECO01 +1 (woman +1)" in needed
    assert manager.is_enabled("#upload-apply")
    # With a reason it is applied, and the period goes back for approval.
    manager.fill("#upload-revision-reason", REASON)
    manager.click("#upload-apply")
    manager.wait_for_selector("#upload-revision-recorded", timeout=180_000)
    assert OWN in manager.inner_text("#upload-revision-recorded")

    # The coordinator's revision queue shows it: the upload, the reason, who.
    periods_page(coordinator, base)
    coordinator.wait_for_selector("#periods-queue-table", timeout=30_000)
    queued = coordinator.inner_text("#periods-queue-table tbody")
    assert OWN in queued and "late.csv" in queued and REASON in queued and "manager" in queued
    assert "submitted (revised)" in row_of(coordinator, OWN)

    assert manager_errors == [] and coordinator_errors == []
    manager_context.close()
    coordinator_context.close()

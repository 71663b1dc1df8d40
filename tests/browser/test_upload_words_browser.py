"""An upload's report in the uploader's words, in a real headless Chromium (issue 16, "Done
when"): a Finnish participants file with an impossible date is previewed on the upload page, and
its problem row names the participant's id and the column by its Finnish header, with a
message that says the day does not exist. Then the upload history page (reached from the upload
page) shows the applied file's report the same way. Needs Playwright and Debian's
chromium-headless-shell (stack-notes.md); skipped with the reason when either is missing."""

from __future__ import annotations


import pytest

from tests.support.cli import run_impact
from tests.support.dashboard_browser import CHROMIUM, LAUNCH_ARGS, new_context, wait_until
from tests.support.dashboard_server import add_test_user, sign_in, start_dashboard
from tests.support.paths import FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (dev dependency group)"
)
if CHROMIUM is None:
    pytest.skip(
        "no Chromium: apt-get install -y --no-install-recommends chromium-headless-shell",
        allow_module_level=True,
    )

# Finnish headers (the contract's aliases), `;`, Finnish dates; row 3 has a day that does not exist.
FINNISH = (
    "HANKEKOODI;Osallistujatunnus;aloituspvm;sukupuoli;ika_aloittaessa;tyomarkkina_asema;"
    "tyottomyyden_kesto_kk;koulutusaste_isced\n"
    "S10001;SANA-OK-1;1.3.2024;nainen;30;tyossa;;3\n"
    "S10001;SANA-HUONO-2;31.2.2024;mies;41;tyossa;;3\n"
).encode("utf-8")


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    home = tmp_path_factory.mktemp("words-browser") / "home"
    home.mkdir()
    result = run_impact(home, "ingest", str(FIXTURES / "network" / "projects.csv"))
    assert result.returncode == 0, result.stdout + result.stderr
    user = add_test_user(home, "project_manager", ("S10001",))
    proc, base = start_dashboard(home)
    try:
        yield base, sign_in(base, user.name)
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


def _problem_row(page, row_number: str) -> list[str]:
    rows = [r.split("\t") for r in page.locator("#upload-report .problems tbody tr").all_inner_texts()]
    return next(r for r in rows if r[0].strip() == row_number)


def test_a_row_problem_names_the_participant_and_the_finnish_column(service, browser) -> None:
    base, session = service
    context = new_context(browser, base, session, viewport={"width": 1366, "height": 900}, locale="fi-FI")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "/upload", wait_until="networkidle")
    page.wait_for_selector("#upload-file")
    page.locator("#upload-file input[type=file]").set_input_files(
        files=[{"name": "osallistujat.csv", "mimeType": "text/csv", "buffer": FINNISH}])
    page.wait_for_selector("#upload-report .problems tbody tr", timeout=30_000)
    row = _problem_row(page, "3")
    assert row[1] == "SANA-HUONO-2"  # the participant's id
    assert row[2] == "aloituspvm"  # the column as the file names it, in Finnish
    assert "ei ole kalenterissa" in row[-1] and "31.3.2025" not in row[-1]
    assert "entry_date" not in row[2]

    # applied, the report stays reachable from the upload history page, in the same words
    page.click("#upload-apply")
    wait_until(page, "document.querySelector('#upload-outcome')?.innerText.includes('Tiedosto käsitelty')",
               timeout=30_000)
    page.click("#upload-history-link")
    page.wait_for_selector("#upload-history-table")
    page.locator("#upload-history-choose").click()
    page.get_by_role("option").filter(has_text="osallistujat.csv").first.click()
    page.wait_for_selector("#upload-history-report .problems tbody tr", timeout=20_000)
    rows = [r.split("\t") for r in page.locator("#upload-history-report .problems tbody tr").all_inner_texts()]
    assert any(r[0].strip() == "3" and r[1] == "SANA-HUONO-2" and r[2] == "aloituspvm" for r in rows), rows
    assert errors == []
    context.close()

"""The whole dashboard in a real headless Chromium over a real home: demo files through
`impact ingest` and `impact build`, served by the web server under gunicorn beside the
service's build runner (pipelines/service/build_runner.py), as `impact serve` runs them, to a
signed-in administrator, who may use every page.

Visits every page from the navigation in Finnish, Swedish and English (the language the
browser asks for), fails on any console error (CSP violations included), uploads a file with bad rows and reads its
report, previews a good file and sees what it would change in the indicators (the dry-run
delta, computed after the report shows), applies it, follows the build the service runs for
it and sees the overview's numbers change, and downloads an export. Needs Playwright and
Debian's chromium-headless-shell (stack-notes.md); skipped with the reason when either is
missing. Set DASHBOARD_SCREENSHOT_DIR to keep a screenshot of every page.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.cli import run_impact
from tests.support.dashboard_browser import CHROMIUM, LAUNCH_ARGS, new_context, wait_until
from tests.support.dashboard_server import add_test_user, sign_in, start_dashboard
from tests.support.paths import REPO_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (dev dependency group)"
)
if CHROMIUM is None:
    pytest.skip(
        "no Chromium: apt-get install -y --no-install-recommends chromium-headless-shell",
        allow_module_level=True,
    )

PARTICIPANTS = 300
NAV = ["/", "/indicators", "/projects", "/regions", "/evaluation", "/funding", "/quality", "/upload", "/exports",
       "/audit", "/periods"]
NAV_LABELS = {
    "fi": "Yleiskuva",
    "sv": "Översikt",
    "en": "Overview",
}
LOCALES = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}
# What each page must show once drawn (beyond its title).
PAGE_READY = {
    "/": "#card-EECO01 .card-value",
    "/indicators": "#indicators-series-graph .main-svg",
    "/projects": "#projects-body table",
    "/regions": "#regions-map-graph .main-svg",
    "/evaluation": "#evaluation-body .panel, #evaluation-body .message",
    "/funding": "#funding-body .panel, #funding-body .message, #funding-body table",
    "/quality": "#quality-body table",
    "/upload": "#upload-file",
    "/exports": "#exports-button",
    "/audit": "#audit-table",
    "/periods": "#periods-table",
}
PARTICIPANT_HEADER = [
    "project_code", "participant_id", "entry_date", "gender", "age_at_entry",
    "labour_market_status", "unemployment_months", "education_isced",
]


def participants_csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(PARTICIPANT_HEADER)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A real home: the demo network (few participants) ingested and built by the CLI."""
    from pipelines.demo.data import generate_demo_data

    home = tmp_path_factory.mktemp("e2e") / "home"
    home.mkdir()
    files = generate_demo_data(home / "demo_input", participants=PARTICIPANTS)
    # One command for all files, in order (projects first); a few rows are wrong on purpose.
    result = run_impact(home, "ingest", *map(str, files))
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    result = run_impact(home, "build")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return home


@pytest.fixture(scope="module")
def build_runner(home: Path):
    """The service's build runner for the home: it builds every upload the page applies."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines.service.build_runner"],
        cwd=REPO_ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "IMPACT_WAREHOUSE"},
             "IMPACT_HOME": str(home), "PYTHONPATH": str(REPO_ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def service(home: Path, build_runner):
    """The web server for the home, and an HTTP session of an administrator signed in to it:
    (base URL, session)."""
    user = add_test_user(home, "admin")
    proc, base = start_dashboard(home)
    try:
        yield base, sign_in(base, user.name)
    finally:
        proc.terminate()
        proc.wait(timeout=15)


@pytest.fixture(scope="module")
def base_url(service) -> str:
    return service[0]


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


def shots(tmp_path: Path) -> Path | None:
    folder = os.environ.get("DASHBOARD_SCREENSHOT_DIR")
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder)


def open_page(service, browser, lang: str, errors: list[str]):
    """A signed-in page whose console errors land in `errors`."""
    base, session = service
    context = new_context(browser, base, session, viewport={"width": 1280, "height": 900},
                          locale=LOCALES[lang], accept_downloads=True)
    page = context.new_page()
    page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page


def wait_drawn(page, path: str) -> None:
    page.wait_for_selector(PAGE_READY[path], timeout=20_000)
    wait_until(page, "document.querySelector('h1')?.innerText.length > 0", timeout=10_000)
    # dcc.Loading shows its spinner while a callback runs: wait until none is pending.
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_page_from_the_navigation(service, base_url, browser, lang, tmp_path) -> None:
    errors: list[str] = []
    context, page = open_page(service, browser, lang, errors)
    page.goto(base_url + "/", wait_until="networkidle")
    # The browser's language is the default; the page says which it is.
    wait_until(page, f"document.documentElement.lang === '{lang}'")
    wait_drawn(page, "/")
    links = page.locator("#nav a")
    assert links.first.inner_text() == NAV_LABELS[lang]
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == NAV
    out = shots(tmp_path)
    for i, path in enumerate(hrefs):
        page.locator("#nav a").nth(i).click()
        page.wait_for_url(base_url + path)
        wait_drawn(page, path)
        assert "active" in (page.locator("#nav a").nth(i).get_attribute("class") or "")
        assert page.locator(".message-error").count() == 0, path
        if out is not None:
            name = path.strip("/") or "overview"
            page.screenshot(path=str(out / f"e2e-{lang}-{name}.png"), full_page=True)
    # A project's own page, from the projects table.
    page.locator("#nav a").nth(2).click()
    wait_drawn(page, "/projects")
    page.locator("#projects-body table a").first.click()
    page.wait_for_selector("#project-body .card-value", timeout=20_000)
    assert page.url.startswith(base_url + "/projects/")
    if out is not None:
        page.screenshot(path=str(out / f"e2e-{lang}-project.png"), full_page=True)
    assert errors == []
    context.close()


def test_language_switch_and_table_csv(service, base_url, browser) -> None:
    errors: list[str] = []
    context, page = open_page(service, browser, "fi", errors)
    page.goto(base_url + "/indicators", wait_until="networkidle")
    wait_drawn(page, "/indicators")
    page.get_by_text("Svenska", exact=True).click()
    wait_until(page, "document.querySelector('#indicators-title')?.innerText === 'Indikatorer'")
    wait_until(
        page, "document.querySelector('#indicators-body summary')?.innerText === 'Visa siffrorna som tabell'"
    )
    assert page.evaluate("document.documentElement.lang") == "sv"
    # Every chart's numbers: open the table, download it as CSV (Swedish Excel: `;`).
    page.locator("#indicators-body summary").first.click()
    with page.expect_download() as download:
        page.locator("#indicators-body summary").first.locator("xpath=..").get_by_role(
            "button"
        ).first.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Brytdatum;")
    assert len(text.splitlines()) > 2
    assert errors == []
    context.close()


def test_upload_bad_rows_then_apply_a_good_file(service, base_url, browser, home) -> None:
    errors: list[str] = []
    context, page = open_page(service, browser, "fi", errors)
    page.goto(base_url + "/", wait_until="networkidle")
    wait_drawn(page, "/")
    before = int(page.inner_text("#card-EECO01 .card-value").replace("\u00a0", "").replace(" ", ""))

    page.locator("#nav a[href='/upload']").click()
    wait_drawn(page, "/upload")
    upload_input = page.locator("#upload-file input[type=file]")

    # A file with bad rows: the dry-run report lists them; nothing is applied yet.
    bad = participants_csv([
        ["S30101", "E2E-BAD-1", "2024-13-45", "woman", "30", "employed", "", "3"],
        ["S30101", "E2E-BAD-2", "2024-03-01", "robot", "30", "employed", "", "3"],
        ["S30101", "E2E-OK-0", "2024-03-01", "man", "40", "employed", "", "4"],
    ])
    upload_input.set_input_files(files=[{"name": "bad_rows.csv", "mimeType": "text/csv", "buffer": bad}])
    page.wait_for_selector("#upload-outcome", timeout=20_000)
    assert "Esikatselu" in page.inner_text("#upload-outcome")
    problems = page.inner_text("#upload-report .problems")
    assert "2024-13-45" in problems and "robot" in problems
    assert page.locator("#upload-report .problems tbody tr").count() >= 2
    with page.expect_download() as download:
        page.click("#upload-report-button")
    report = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "hylättyjä / rejected" in report

    # A file refused whole shows its reason only.
    hetu = participants_csv([["S30101", "131052-308T", "2024-03-01", "woman", "30", "employed", "", "3"]])
    upload_input.set_input_files(files=[{"name": "refused.csv", "mimeType": "text/csv", "buffer": hetu}])
    page.wait_for_selector("#upload-outcome.message-error", timeout=20_000)
    refused = page.inner_text("#upload-report")
    assert "131052-308T" not in refused and "refused.csv" not in refused
    assert page.is_disabled("#upload-apply")

    # A good file: five new participants; apply, the service builds it, new numbers.
    good = participants_csv([
        ["S30101", f"E2E-NEW-{i}", "2024-03-01", "woman", str(30 + i), "employed", "", "4"]
        for i in range(5)
    ])
    upload_input.set_input_files(files=[{"name": "good.csv", "mimeType": "text/csv", "buffer": good}])
    wait_until(
        page, "document.querySelector('#upload-outcome')?.innerText.includes('good.csv')", timeout=20_000
    )
    assert page.is_enabled("#upload-apply")
    # The report is there at once; the indicator delta (a scratch dbt run) is computing.
    assert page.locator("#upload-delta .delta-computing").count() == 1
    # Before applying: what the file would change, as `impact ingest --dry-run` computes it.
    page.wait_for_selector("#upload-delta-table", timeout=120_000)
    rows = [r.split("\t") for r in page.locator("#upload-delta-table tbody tr").all_inner_texts()]
    by_key = {(r[0].split(" ")[0], r[2]): r for r in rows}
    total = by_key[("EECO01", "Yhteensä")]
    assert total[1] == "koko ohjelma" and total[4] == "+5"
    # the delta is at today's (provisional) cut-off, the overview at the last closed one
    was, now = (int(v) for v in total[3].replace("\u00a0", "").split(" → "))
    assert now == was + 5 and was >= before
    assert by_key[("EECO01", "Naiset")][4] == "+5"
    assert ("EECO01", "Miehet") not in by_key  # only what changes
    page.click("#upload-apply")
    wait_until(
        page, "document.querySelector('#upload-outcome')?.innerText.includes('Tiedosto käsitelty')",
        timeout=30_000,
    )
    assert "kun uudelleenlaskenta on valmis" in page.inner_text("#upload-delta")
    page.wait_for_selector(".build-status progress")
    page.wait_for_selector(".build-done", timeout=150_000)
    assert "uudet luvut ovat nyt kojelaudalla" in page.inner_text("#upload-build")

    page.locator("#nav a[href='/']").click()
    wait_until(
        page, "(n) => Number(document.querySelector('#card-EECO01 .card-value')?.innerText"
        ".replace(/\\s/g, '')) === n",
        arg=before + 5,
        timeout=20_000,
    )
    assert errors == []
    context.close()


def test_export_download(service, base_url, browser) -> None:
    errors: list[str] = []
    context, page = open_page(service, browser, "en", errors)
    page.goto(base_url + "/exports", wait_until="networkidle")
    wait_drawn(page, "/exports")
    with page.expect_download(timeout=60_000) as download:
        page.click("#exports-button")
    assert download.value.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(download.value.path()) as archive:
        names = archive.namelist()
    assert "indicator_values.csv" in names
    page.wait_for_selector("#exports-status [role=status]")
    assert errors == []
    context.close()

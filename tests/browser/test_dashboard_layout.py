"""Every read-only page in a real headless Chromium at a laptop's (1366 px) and a phone's
(390 px) width, in Finnish, Swedish and English: nothing wider than the screen (charts and wide
tables scroll inside their own card), no legend or axis text that is an underscore_joined
identifier, no console error. And the evaluation page's two claims an evaluator relies on: the
cohort chart has one series per result indicator in cohort order (the page's outcome shown with
its intervals), and the differences between groups come by evidence, small groups not ranked.

Needs Playwright and chromium-headless-shell, like test_dashboard_browser.py; skipped without.
"""

from __future__ import annotations

import re

import polars as pl
import pytest

from dashboards.i18n import format_date, t
from dashboards.metrics import ACHIEVEMENT_STATUSES
from tests.support.dashboard_browser import CHROMIUM, LAUNCH_ARGS, new_context, wait_until, watch
from tests.support.dashboard_copy import CUTOFFS, LATEST, write_published_copy
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

PAGES = ("/", "/indicators", "/projects", "/projects/S30355", "/regions", "/evaluation",
         "/quality", "/no-such-page")
LOCALES = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}
IDENTIFIER = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")

# What is wider than the screen and not inside an element that scrolls (or clips) within it.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) continue;
    let p = e.parentElement, contained = false;
    while (p) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)
          && p.getBoundingClientRect().right <= width + 1) { contained = true; break; }
      p = p.parentElement;
    }
    if (!contained) out.push(`${e.tagName}#${e.id} ${Math.round(r.right)}px`);
  }
  return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5)};
}"""
# Every text plotly draws for legends, axis ticks and axis titles.
CHART_TEXTS = """() => Array.from(document.querySelectorAll(
  '.js-plotly-plot .legendtext, .js-plotly-plot .xtick text, .js-plotly-plot .ytick text,'
  + ' .js-plotly-plot .g-xtitle text, .js-plotly-plot .g-ytitle text')).map(e => e.textContent)"""


def _rates(code: str, dimension: str, groups) -> list[dict]:
    return [
        {"cutoff_date": LATEST, "indicator_code": code, "group_dimension": dimension, "group_value": g,
         "denominator": "leavers", "numerator": round(n * r), "n": n, "rate": r, "wilson_low": lo,
         "wilson_high": hi}
        for g, n, r, lo, hi in groups
    ]


def evaluation_tables() -> dict[str, pl.DataFrame]:
    rates = (
        _rates("EECR04", "all", [("all", 400, 0.38, 0.33, 0.43)])
        # 5 pp, intervals overlapping
        + _rates("EECR04", "age_band", [("18-29", 200, 0.40, 0.33, 0.47), ("30-54", 190, 0.35, 0.28, 0.42)])
        # 100 pp between groups of about ten: too few to rank
        + _rates("EECR04", "region", [("MK11", 12, 1.0, 0.76, 1.0), ("MK01", 10, 0.0, 0.0, 0.28)])
        # 20 pp, intervals apart; non-binary (n=4) too few
        + _rates("EECR04", "gender", [("woman", 200, 0.48, 0.41, 0.55), ("man", 196, 0.28, 0.22, 0.35),
                                      ("non_binary", 4, 0.25, 0.05, 0.70)])
    )
    cohort_rows = []
    # The mart's long rows in no particular order: drawn as one series they zig-zag.
    for half_year, code, rate in [("2024-H2", "EECR05", 0.30), ("2025-H1", "EECR04", 0.45),
                                  ("2024-H1", "EECR05", 0.20), ("2024-H2", "EECR04", 0.40),
                                  ("2024-H1", "EECR04", 0.35), ("2025-H1", "EECR05", 0.33)]:
        cohort_rows.append({
            "entry_half_year": half_year, "indicator_code": code, "cutoff_date": LATEST,
            "participants": 100, "leavers": 60, "followed_up": 40, "denominator": "leavers",
            "numerator": round(60 * rate), "n": 60, "rate": rate, "wilson_low": rate - 0.1,
            "wilson_high": rate + 0.1, "share_of_participants": rate * 0.6,
        })
    return {"eval_outcome_rates": pl.DataFrame(rates), "eval_cohorts": pl.DataFrame(cohort_rows)}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("layout") / "home"
    write_published_copy(home / "published", tables=evaluation_tables())
    user = add_test_user(home, "evaluator")
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


def _settle(page) -> None:
    """Wait until Dash has drawn the page: no callback pending and every graph drawn."""
    page.wait_for_selector("#main h1", timeout=15_000)
    wait_until(page, "!document.querySelector('._dash-loading, [data-dash-is-loading=\"true\"]')")
    page.wait_for_timeout(400)
    wait_until(page, "Array.from(document.querySelectorAll('.dash-graph'))"
                     ".every(g => g.querySelector('.main-svg'))")


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_pages_fit_the_screen_and_name_things_in_words(server, browser, lang: str, width: int) -> None:
    base, session = server
    context = new_context(browser, base, session, viewport={"width": width, "height": 900},
                          locale=LOCALES[lang])
    page = context.new_page()
    errors = watch(page)
    for path in PAGES:
        page.goto(base + path, wait_until="networkidle")
        _settle(page)
        assert page.evaluate("document.documentElement.lang") == lang, path
        layout = page.evaluate(OVERFLOW)
        assert layout["scroll"] <= layout["width"] and layout["out"] == [], (path, layout)
        identifiers = [s for s in page.evaluate(CHART_TEXTS) if IDENTIFIER.search(s)]
        assert identifiers == [], (path, identifiers)
        if path == "/no-such-page":  # in the UI's language, not Dash's English
            assert page.inner_text("#main h1") == t("page_not_found", lang)
    assert errors == []
    context.close()


def test_cohort_series_and_differences_by_evidence(server, browser) -> None:
    base, session = server
    context = new_context(browser, base, session, viewport={"width": 1366, "height": 900},
                          locale="en-GB")
    page = context.new_page()
    errors = watch(page)
    page.goto(base + "/evaluation", wait_until="networkidle")
    _settle(page)
    series = page.evaluate("""() => document.querySelector('#evaluation-cohort-graph .js-plotly-plot')
        .data.map(d => ({name: d.name, x: d.x, visible: d.visible, whiskers: !!(d.error_y && d.error_y.array)}))""")
    assert [s["name"].split()[0] for s in series] == ["EECR04", "EECR05"]
    assert all(s["x"] == ["2024/1", "2024/2", "2025/1"] for s in series)  # each in cohort order
    # The page's outcome (EECR04, the only one with rates) is drawn with its intervals.
    assert series[0]["visible"] is True and series[0]["whiskers"]
    assert series[1]["visible"] == "legendonly"

    rows = page.locator("#evaluation-body table").nth(1).locator("tbody tr")
    cells = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    assert [(c[0], c[2]) for c in cells] == [
        ("yes", "Gender"), ("no", "Age band"), ("too few", "Region"),
    ]
    gender = cells[0]
    assert gender[3:6] == ["Women", "48.0%", "200"] and gender[6:9] == ["Men", "28.0%", "196"]
    assert gender[10] == "Non-binary (n=4)"  # listed, not ranked as the lowest
    assert cells[2][10] == "Uusimaa (n=10), North Savo (n=12)"  # regions by code
    assert errors == []
    context.close()


def test_tables_sort_by_any_column_with_status_first(server, browser) -> None:
    base, session = server
    context = new_context(browser, base, session, viewport={"width": 1366, "height": 900},
                          locale="fi-FI")
    page = context.new_page()
    errors = watch(page)
    page.goto(base + "/projects", wait_until="networkidle")
    _settle(page)
    table = page.locator("#projects-body table.sortable").first
    headers = table.locator("thead th").all_inner_texts()
    # The targets' status right after the project (code, name).
    assert [h.strip() for h in headers[2:3 + len(ACHIEVEMENT_STATUSES)]] == [
        t("col_achievement_mean", "fi"), *[t(f"status_{s}", "fi") for s in ACHIEVEMENT_STATUSES]]
    column = next(i for i, h in enumerate(headers) if "(EECO01)" in h)

    def values() -> list[str]:
        return table.locator(f"tbody tr td:nth-child({column + 1})").all_inner_texts()

    def numbers() -> list[float]:
        return [float(v.replace("\u00a0", "").replace(" ", "").replace(",", ".")) for v in values()]

    th = table.locator("thead th").nth(column)
    th.locator("button").click()
    assert th.get_attribute("aria-sort") == "ascending"
    assert numbers() == sorted(numbers()) and len(numbers()) > 1
    th.locator("button").click()
    assert th.get_attribute("aria-sort") == "descending"
    assert numbers() == sorted(numbers(), reverse=True)
    assert numbers()[0] > numbers()[-1]  # the projects differ, so the order shows
    assert errors == []
    context.close()


def test_a_bookmarked_url_restores_the_selection(server, browser) -> None:
    base, session = server
    context = new_context(browser, base, session, viewport={"width": 1366, "height": 900},
                          locale="en-GB")
    page = context.new_page()
    errors = watch(page)
    earlier = CUTOFFS[0]
    page.goto(base + f"/indicators?indicator=EECR04&scope=project&gender=woman&cutoff={earlier}",
              wait_until="networkidle")
    _settle(page)
    body = page.locator("#indicators-body")
    assert body.locator(".with-aside").get_attribute("aria-label").startswith("EECR04 ")
    by_scope = t("by_scope_title", "en", scope=t("scope_plural_project", "en"),
                 cutoff=format_date(earlier, "en"))
    assert by_scope in body.inner_text()
    # A new choice goes into the address (no reload), and the address brings it back.
    page.locator("#indicators-scope label", has_text=t("scope_region", "en")).click()
    wait_until(page, "location.search.includes('scope=region')")
    assert "indicator=EECR04" in page.url and f"cutoff={earlier}" in page.url and "gender=woman" in page.url
    shared = page.url
    other = context.new_page()
    other.goto(shared, wait_until="networkidle")
    _settle(other)
    text = other.locator("#indicators-body").inner_text()
    assert t("by_scope_title", "en", scope=t("scope_plural_region", "en"),
             cutoff=format_date(earlier, "en")) in text
    assert other.locator("#indicators-body .with-aside").get_attribute("aria-label").startswith("EECR04 ")
    # The project page keeps its cut-off too.
    other.goto(base + f"/projects/S30355?cutoff={earlier}", wait_until="networkidle")
    _settle(other)
    assert t("cumulative_note", "en", cutoff=format_date(earlier, "en")) in other.locator(".meta").inner_text()
    assert errors == []
    context.close()

"""A headless Chromium for the browser tests (Playwright with Debian's chromium-headless-shell):
where it is, a context signed in to the web server, and what a page must never log: console
errors, uncaught exceptions and Content-Security-Policy violations."""

from __future__ import annotations

import shutil
import time

import requests

from tests.support.dashboard_server import browser_cookies

CHROMIUM = next(
    (p for p in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium") if shutil.which(p)), None
)
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu"]

# Chromium logs a blocked script or style itself; the event makes sure every violation is
# also a console error that the tests see, whatever the browser logs on its own.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
    console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


def new_context(browser, base: str, session: requests.Session | None = None, **options):
    """A browser context (signed in with `session`'s cookies when given) whose pages report
    CSP violations as console errors."""
    context = browser.new_context(**options)
    if session is not None:
        context.add_cookies(browser_cookies(session, base))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    return context


def watch(page) -> list[str]:
    """The console errors and uncaught exceptions of `page`, as they come."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def wait_until(page, expression: str, arg=None, timeout: float = 15_000) -> None:
    """Wait until the JavaScript `expression` (a function of `arg` when it is one) is truthy.

    page.wait_for_function cannot be used: Playwright runs its predicate through eval, which
    the server's Content-Security-Policy (no 'unsafe-eval') refuses, as it should; page.evaluate
    is not eval and is allowed."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true after {timeout / 1000:.0f} s: {expression}")
        page.wait_for_timeout(50)  # lets Playwright deliver the page's events meanwhile

"""The Dash app: a Dash Pages shell (title, navigation, language switch) around the pages.

`create_app(settings)` builds a new app; nothing is created at import time and the environment
is not read here (the CLI passes Settings). `run_server(settings, host, port)` is what
`impact serve` calls. The app reads only the published copy (dashboards/data.py), never the
warehouse. plotly.js and all other scripts are served by the app itself, so the dashboard
works offline.

The shell also holds what all pages share: the language (from the browser's Accept-Language
on the first visit, then the user's choice, kept in local storage), the published version
(polled every few seconds, so pages redraw when a build publishes), a notice when the service's
latest build failed (checked at the same poll), and the one callback that turns any table's
numbers into a CSV download.
"""

from __future__ import annotations

import signal
import sys
import threading

import dash
import flask
from dash import MATCH, Input, Output, State, dcc, html, no_update

from dashboards.components import csv_text
from dashboards.context import AppContext
from dashboards.i18n import DEFAULT_LANG, LANGUAGE_NAMES, LANGUAGES, has_label, normalise_lang, t
from dashboards.views.builds import build_notice
from pipelines.settings import Settings

VERSION_POLL_MS = 5000

# Dash's default page, with a language attribute (updated by a clientside callback).
INDEX_STRING = f"""<!DOCTYPE html>
<html lang="{DEFAULT_LANG}">
    <head>
        {{%metas%}}
        <title>{{%title%}}</title>
        {{%favicon%}}
        {{%css%}}
    </head>
    <body>
        {{%app_entry%}}
        <footer>
            {{%config%}}
            {{%scripts%}}
            {{%renderer%}}
        </footer>
    </body>
</html>"""


def create_app(settings: Settings, context: AppContext | None = None) -> dash.Dash:
    """A new dashboard app reading `settings.published_dir`."""
    ctx = context or AppContext.for_settings(settings)
    app = dash.Dash(
        # The package name: pages are discovered in dashboards/pages and registered as
        # dashboards.pages.<name>, the same modules a normal import gives.
        "dashboards",
        use_pages=True,
        pages_folder="pages",
        assets_folder="assets",
        serve_locally=True,
        title=t("app_title", DEFAULT_LANG),
        update_title=None,
        index_string=INDEX_STRING,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    def layout() -> html.Div:
        return shell_layout(ctx.copy.current_version())

    app.layout = layout
    _register_shell_callbacks(app, ctx)
    # Page callbacks are bound to this app and its context: no dash.callback globals, so
    # several apps (tests) can live in one process.
    for page in dash.page_registry.values():
        register = getattr(sys.modules.get(page["module"]), "register_callbacks", None)
        if register is not None:
            register(app, ctx)
    app.impact_context = ctx  # for tests and the benchmark
    return app


def browser_language() -> str:
    """The best of fi/sv/en for the request's Accept-Language; Finnish when none fits."""
    if not flask.has_request_context():
        return DEFAULT_LANG
    return flask.request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANG)


def shell_layout(version: str | None = None) -> html.Div:
    """The frame around every page; `version` is the published version the page starts with."""
    lang = browser_language()
    return html.Div(
        className="shell",
        children=[
            html.A(t("skip_to_content", lang), href="#main", className="skip-link", id="skip-link"),
            dcc.Location(id="url"),
            dcc.Store(id="lang-sink"),
            dcc.Store(id="data-version", data=version),
            dcc.Interval(id="version-poll", interval=VERSION_POLL_MS),
            html.Header(
                className="app-header",
                children=[
                    html.Div(t("app_title", lang), id="app-title", className="brand"),
                    html.Nav(
                        id="nav",
                        className="nav",
                        children=nav_links(lang, "/"),
                        **{"aria-label": t("nav", lang)},
                    ),
                    html.Div(
                        className="lang-switch",
                        children=[
                            dcc.RadioItems(
                                id="lang",
                                options=[
                                    {"label": LANGUAGE_NAMES[code], "value": code}
                                    for code in LANGUAGES
                                ],
                                value=lang,
                                inline=True,
                                persistence=True,
                                persistence_type="local",
                            ),
                        ],
                    ),
                ],
            ),
            html.Div(id="build-notice", className="build-notice-area", **{"aria-live": "polite"}),
            html.Main(dash.page_container, className="content", id="main", tabIndex="-1"),
        ],
    )


def nav_links(lang: str, pathname: str | None) -> list:
    """One link per registered page, in registry order: navigation cannot drift from the pages."""
    links = []
    for page in dash.page_registry.values():
        if page.get("nav") is False:
            continue
        key = page.get("label_key")
        label = t(key, lang) if key and has_label(key) else page["name"]
        here = (pathname or "/").rstrip("/")
        path = page["relative_path"].rstrip("/")
        # A project's own page (/projects/<code>) belongs under "Projects".
        active = here == path or (path not in ("", "/") and here.startswith(path + "/"))
        links.append(
            dcc.Link(
                label,
                href=page["relative_path"],
                className="nav-link active" if active else "nav-link",
            )
        )
    return links


def _register_shell_callbacks(app: dash.Dash, ctx: AppContext) -> None:
    @app.callback(
        Output("nav", "children"),
        Output("app-title", "children"),
        Output("nav", "aria-label"),
        Output("skip-link", "children"),
        Input("lang", "value"),
        Input("url", "pathname"),
    )
    def _nav(lang, pathname):
        lang = normalise_lang(lang)
        return nav_links(lang, pathname), t("app_title", lang), t("nav", lang), t(
            "skip_to_content", lang
        )

    @app.callback(
        Output("data-version", "data"),
        Input("version-poll", "n_intervals"),
        State("data-version", "data"),
    )
    def _version(_n, known):
        version = ctx.copy.current_version()
        return no_update if version == known else version

    @app.callback(
        Output("build-notice", "children"),
        Input("version-poll", "n_intervals"),
        Input("lang", "value"),
    )
    def _build_notice(_n, lang):
        return build_notice(ctx.copy, ctx.builds, lang, ctx.dagster_ui)

    @app.callback(
        Output({"type": "csv-download", "table": MATCH}, "data"),
        Input({"type": "csv-button", "table": MATCH}, "n_clicks"),
        State({"type": "csv-data", "table": MATCH}, "data"),
        State("lang", "value"),
        prevent_initial_call=True,
    )
    def _csv(n_clicks, data, lang):
        if not n_clicks or not data:
            return no_update
        text = csv_text(data, normalise_lang(lang))
        return dcc.send_bytes(("\ufeff" + text).encode("utf-8"), data["filename"], type="text/csv")

    app.clientside_callback(
        """
        function(lang) {
            document.documentElement.lang = lang || "fi";
            return lang;
        }
        """,
        Output("lang-sink", "data"),
        Input("lang", "value"),
    )


def _stop_on_sigterm(signum, frame):  # noqa: ARG001
    # The dev server stops (and closes its socket) on KeyboardInterrupt, as on Ctrl-C.
    raise KeyboardInterrupt


def run_server(settings: Settings, host: str = "127.0.0.1", port: int = 8050) -> None:
    """Serve the dashboard until Ctrl-C or SIGTERM; returns normally on either."""
    app = create_app(settings)
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        app.run(host=host, port=port, debug=False)
    except KeyboardInterrupt:
        pass
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)

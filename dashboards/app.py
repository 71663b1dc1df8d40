"""The Dash app: a Dash Pages shell (title, navigation, language switch) around the pages.

`create_app(settings)` builds a new app; nothing is created at import time and the environment
is not read here (the CLI passes Settings). `run_server(settings, host, port)` is what
`impact serve` calls. The app reads only the published copy (dashboards/data.py), never the
warehouse. plotly.js and all other scripts are served by the app itself, so the dashboard
works offline.
"""

from __future__ import annotations

import signal
import sys
import threading

import dash
from dash import Input, Output, dcc, html

from dashboards.data import PublishedCopy
from dashboards.i18n import DEFAULT_LANG, LANGUAGE_NAMES, LANGUAGES, has_label, normalise_lang, t
from pipelines.settings import Settings

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


def create_app(settings: Settings) -> dash.Dash:
    """A new dashboard app reading `settings.published_dir`."""
    copy = PublishedCopy(settings.published_dir)
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
    app.layout = shell_layout
    _register_shell_callbacks(app)
    # Page callbacks are bound to this app and this published copy: no dash.callback globals,
    # so several apps (tests) can live in one process.
    for page in dash.page_registry.values():
        register = getattr(sys.modules.get(page["module"]), "register_callbacks", None)
        if register is not None:
            register(app, copy)
    return app


def shell_layout() -> html.Div:
    return html.Div(
        className="shell",
        children=[
            dcc.Location(id="url"),
            dcc.Store(id="lang-sink"),
            html.Header(
                className="app-header",
                children=[
                    html.Div(t("app_title", DEFAULT_LANG), id="app-title", className="brand"),
                    html.Nav(id="nav", className="nav", children=nav_links(DEFAULT_LANG, "/")),
                    html.Div(
                        className="lang-switch",
                        children=[
                            dcc.RadioItems(
                                id="lang",
                                options=[
                                    {"label": LANGUAGE_NAMES[code], "value": code}
                                    for code in LANGUAGES
                                ],
                                value=DEFAULT_LANG,
                                inline=True,
                                persistence=True,
                                persistence_type="local",
                            ),
                        ],
                    ),
                ],
            ),
            html.Main(dash.page_container, className="content"),
        ],
    )


def nav_links(lang: str, pathname: str | None) -> list:
    """One link per registered page, in registry order: navigation cannot drift from the pages."""
    links = []
    for page in dash.page_registry.values():
        key = page.get("label_key")
        label = t(key, lang) if key and has_label(key) else page["name"]
        active = (pathname or "/").rstrip("/") == page["relative_path"].rstrip("/")
        links.append(
            dcc.Link(
                label,
                href=page["relative_path"],
                className="nav-link active" if active else "nav-link",
            )
        )
    return links


def _register_shell_callbacks(app: dash.Dash) -> None:
    @app.callback(
        Output("nav", "children"),
        Output("app-title", "children"),
        Input("lang", "value"),
        Input("url", "pathname"),
    )
    def _nav(lang, pathname):
        lang = normalise_lang(lang)
        return nav_links(lang, pathname), t("app_title", lang)

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

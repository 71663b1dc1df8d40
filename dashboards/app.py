"""The Dash app: a Dash Pages shell (title, navigation, language switch, who is signed in)
around the pages.

`create_app(settings, viewer=...)` builds a new app; nothing is created at import time and the
environment is not read here. `viewer` says whom the current request works for (a
`roles.User`, or None for an anonymous visitor of the public view): the web server
(pipelines/web/server.py, the only thing that serves the app) passes
`pipelines.web.auth.viewer`; there is no default, so no app is built that grants anything by
itself. The pages read the published copy in that viewer's shape (AppContext.published()),
never the warehouse. plotly.js and all other scripts are served by the app itself, so the
dashboard works offline.

The shell also holds what all pages share: the language (from the browser's Accept-Language
on the first visit, then the user's choice, kept in local storage), the published version
(polled every few seconds, so pages redraw when a build publishes), a notice when the service's
latest build failed (checked at the same poll), the user area (name, role, sign-out), the
navigation (only the pages the role may use), and the one callback that turns any table's
numbers into a CSV download.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import dash
import flask
from dash import MATCH, Input, Output, State, dcc, html, no_update

from dashboards import audit_records
from dashboards.access import may_use_page
from dashboards.components import csv_text
from dashboards.context import AppContext
from dashboards.i18n import DEFAULT_LANG, LANGUAGE_NAMES, LANGUAGES, has_label, normalise_lang, t
from dashboards.views.access import USER_AREA, user_area
from dashboards.views.builds import build_notice
from pipelines.access.roles import User
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


def create_app(
    settings: Settings,
    *,
    viewer: Callable[[], User | None],
    server: bool | flask.Flask = True,
    public_view: bool = False,
    **dash_options,
) -> dash.Dash:
    """A new dashboard app reading `settings.published_dir` for whom `viewer()` names.
    `server`: the Flask application to add the app to; `dash_options` go to dash.Dash (e.g. the
    CSRF cookie and header names). The app's reader of the published copy,
    `app.impact_context.copy`, is there for the web server's API to share."""
    ctx = AppContext.for_settings(settings, viewer, public_view=public_view)
    app = dash.Dash(
        # The package name: pages are discovered in dashboards/pages and registered as
        # dashboards.pages.<name>, the same modules a normal import gives.
        "dashboards",
        server=server,
        use_pages=True,
        pages_folder="pages",
        assets_folder="assets",
        serve_locally=True,
        title=t("app_title", DEFAULT_LANG),
        update_title=None,
        index_string=INDEX_STRING,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        **dash_options,
    )

    def layout() -> html.Div:
        # Dash also builds the layout once outside any request, to check it: nobody's then.
        user = ctx.viewer() if flask.has_request_context() else None
        # The version is the same in every viewer's shape.
        return shell_layout(ctx.copy.current_version(), user, csrf_token(), ctx.public_view)

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


def csrf_token() -> str | None:
    """The session's CSRF token for the sign-out form, when the app runs in the web server
    (which signs sessions); None when it is built alone, without sessions."""
    if not flask.has_request_context() or not flask.current_app.secret_key:
        return None
    from pipelines.web.security import csrf_token as session_token

    return session_token()


def browser_language() -> str:
    """The best of fi/sv/en for the request's Accept-Language; Finnish when none fits."""
    if not flask.has_request_context():
        return DEFAULT_LANG
    return flask.request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANG)


def shell_layout(version: str | None = None, user: User | None = None, csrf: str | None = None,
                 public_view: bool = False) -> html.Div:
    """The frame around every page; `version` is the published version the page starts with,
    `user` who is signed in (None: an anonymous visitor, of the public view when
    `public_view`), `csrf` the session's CSRF token."""
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
                        children=nav_links(lang, "/", user),
                        **{"aria-label": t("nav", lang)},
                    ),
                    html.Div(id=USER_AREA, className="user-area", children=user_area(user, lang, csrf, public_view),
                             **{"aria-label": t("user_area", lang)}),
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


def nav_links(lang: str, pathname: str | None, user: User | None) -> list:
    """One link per registered page the user may use, in registry order: navigation cannot
    drift from the pages."""
    links = []
    for page in dash.page_registry.values():
        if page.get("nav") is False or not may_use_page(page, user):
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
        return nav_links(lang, pathname, ctx.viewer()), t("app_title", lang), t("nav", lang), t(
            "skip_to_content", lang
        )

    @app.callback(
        Output(USER_AREA, "children"),
        Output(USER_AREA, "aria-label"),
        Input("lang", "value"),
    )
    def _user_area(lang):
        lang = normalise_lang(lang)
        return user_area(ctx.viewer(), lang, csrf_token(), ctx.public_view), t("user_area", lang)

    @app.callback(
        Output("data-version", "data"),
        Input("version-poll", "n_intervals"),
        State("data-version", "data"),
    )
    def _version(_n, known):
        version = ctx.published().current_version()
        return no_update if version == known else version

    @app.callback(
        Output("build-notice", "children"),
        Input("version-poll", "n_intervals"),
        Input("lang", "value"),
    )
    def _build_notice(_n, lang):
        return build_notice(ctx.published(), ctx.builds, lang, ctx.dagster_ui)

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
        audit_records.table_csv(ctx.settings.home, ctx.viewer(), str(data.get("filename", ""))[:120],
                                len(data.get("rows") or []))
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

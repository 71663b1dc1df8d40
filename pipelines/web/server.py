"""The web server of the service: one Flask application with, in the order a request meets
them, the Host check, the sign-in guard, CSRF protection, the sign-in pages, the API and the
Dash dashboard, and security headers on every response. The dashboard and the API share one
reader of the published copy.

gunicorn serves it in the service (pipelines/service/supervisor.py), and nothing else does:

    gunicorn --bind HOST:PORT --workers 1 --threads 8 'pipelines.web.server:wsgi_app()'
    # settings from IMPACT_HOME etc., the Host names allowed from IMPACT_BIND_HOST

One worker process with threads: the upload page keeps a previewed file in memory between
its preview and its apply.

The Content-Security-Policy admits the hashes of Dash's inline scripts. Dash adds one of them
(Dash Pages' page-title callback) only when it sets itself up on the first request, so the
policy is worked out again for every response: a few hashes of short strings.
"""

from __future__ import annotations

import flask
from werkzeug.middleware.proxy_fix import ProxyFix

from pipelines.settings import Settings
from pipelines.web import auth, security
from pipelines.web.api import create_api
from pipelines.web.settings import WebSettings, secret_key

# Dash reads the CSRF token from this cookie and sends it in this header with every callback.
DASH_CSRF = {"csrf_token_name": security.CSRF_COOKIE, "csrf_header_name": security.CSRF_HEADER}


def create_server(settings: Settings, web: WebSettings) -> flask.Flask:
    from dashboards.app import create_app

    server = flask.Flask("impact")
    if web.behind_proxy:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=1, x_proto=1, x_host=1)
    server.secret_key = secret_key(settings.home)
    # A Dash upload arrives base64-encoded in JSON: a third larger than the file.
    server.config["MAX_CONTENT_LENGTH"] = web.max_upload_bytes * 4 // 3 + 1024 * 1024

    server.before_request(lambda: security.check_host(web.allowed_hosts))
    # The sign-in guard before CSRF: an anonymous request is told to sign in (401), not that
    # it lacks a token; the sign-in form itself (an open path) still needs its token.
    auth.install(server, settings.home, web)
    server.before_request(security.check_csrf)
    app = create_app(settings, viewer=auth.viewer, server=server, public_view=web.public_view, **DASH_CSRF)
    # One reader of the published copy for the pages and the API: one cache, one shape.
    server.register_blueprint(create_api(settings, web, app.impact_context.copy))

    def headers(response: flask.Response) -> flask.Response:
        policy = security.content_security_policy(list(app.csp_hashes()))
        return security.add_headers(response, policy, web.secure_cookies)

    server.after_request(headers)
    return server


def wsgi_app() -> flask.Flask:
    """What gunicorn serves: the server for the environment's settings."""
    import os

    return create_server(Settings.from_env(), WebSettings.from_env(bind_host=os.environ.get("IMPACT_BIND_HOST", "127.0.0.1")))

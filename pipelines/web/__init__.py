"""The service's web server: one Flask application holding the sign-in pages, the HTTP API
(/api/v1) and the Dash dashboard, with authorisation, CSRF protection, security headers and a
Host check on every request. Served by gunicorn in the service."""

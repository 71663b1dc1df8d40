"""The dashboard: a Dash Pages app over the published copy (never the warehouse), in the shape
each signed-in viewer may see.

Entry point: `dashboards.app.create_app(settings, viewer=...)`, which only the web server
(pipelines/web/server.py, under gunicorn in `impact serve`) calls; it signs users in, checks
CSRF and serves the app. Layout:
- data.py (the published copy), metrics.py, evaluation.py, quality.py (pure queries over it);
- viewer_copy.py (the copy in one viewer's shape), access.py (what a role may do on the pages),
  audit_records.py (what the pages write to the audit trail);
- figures/ (pure figure builders in one theme);
- views/ (what each page shows), pages/ (registration and callback wiring), components.py;
- upload_service.py (uploads through pipelines.ingest.ingest_bytes), builds.py (the service's
  build runs, which the pages follow; the dashboard starts no build), context.py (what one app's
  callbacks share);
- i18n.py and labels/ (fi/sv/en words and number formats), regions.py (region names from the
  published copy, and the tile grid);
- bench.py (server-side time per page), assets/ (CSS, served locally).
"""

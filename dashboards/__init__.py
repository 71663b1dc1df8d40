"""The dashboard: a Dash Pages app over the published copy (never the warehouse).

Entry points: `dashboards.app.create_app(settings)` and `dashboards.app.run_server(settings,
host, port)` (what `impact serve` calls). Layout:
- data.py (the published copy), metrics.py, evaluation.py, quality.py (pure queries over it);
- figures.py, figures_regions.py, figures_eval.py (pure figure builders);
- views/ (what each page shows), pages/ (registration and callback wiring), components.py;
- upload_service.py (uploads through pipelines.ingest.ingest_bytes), builds.py (the service's
  build runs, which the pages follow; the dashboard starts no build), context.py (what one app's
  callbacks share);
- i18n.py (fi/sv/en words and number formats), regions.py (region names from the published
  copy, and the tile grid);
- bench.py (server-side time per page), assets/ (CSS, served locally).
"""

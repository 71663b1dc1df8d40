"""The dashboard: a Dash Pages app over the published copy (never the warehouse).

Entry points: `dashboards.app.create_app(settings)` and `dashboards.app.run_server(settings,
host, port)` (what `impact serve` calls). Layout: data.py (published copy), figures.py (pure
figure builders), views/ (what each page shows), pages/ (registration and callback wiring),
components.py, i18n.py (fi/en words and number formats), assets/ (CSS, served locally).
"""

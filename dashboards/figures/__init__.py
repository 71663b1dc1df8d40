"""The dashboard's figure builders, one module per page family, in one look (theme.py):
pure functions from polars frames to plotly figures, tested without a browser.

- theme.py: palette, font, the shared layout (legend below), ticks, the empty-chart notice
- charts.py: indicator totals, genders, time series, bars, target achievement
- evaluation.py: rates with intervals, cohorts, competence, distinct organisations
- regions.py: the tile map of the regions and their ecosystems
- quality.py: the data-quality heatmaps
"""

"""View logic of each page: published copy + user inputs → Dash components.

Kept out of dashboards/pages/ because Dash runs `dash.register_page` when a page module is
imported, which only works inside an app; these modules import anywhere, so tests call them
directly. A page module holds its registration, layout skeleton and callback wiring only.
"""

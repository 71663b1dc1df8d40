"""The dashboard's texts, one module per part of the app; dashboards/i18n.py joins them and
checks that no key is defined twice."""


"""Dagster assets: ingest (ledger -> warehouse raw tables), dbt models, publish."""

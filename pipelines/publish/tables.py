"""What the published copy is made of, in one place: every model and seed of the dbt project in
the `marts` and `reference` schemas (read from the prepared manifest.json, so a new mart is
published without a change here), and the upload list from the raw tables."""

from __future__ import annotations

from pipelines.warehouse.dbt_sources import manifest_nodes

PUBLISHED_SCHEMAS = ("marts", "reference")
RAW_TABLES = {"uploads": "raw.uploads"}  # published as they are, beside the dbt relations


def published_nodes() -> dict[str, dict]:
    """{table name: dbt manifest node} of every published dbt relation, by name."""
    found = {}
    for node in manifest_nodes().values():
        config = node["config"]
        if node["resource_type"] not in ("model", "seed", "snapshot"):
            continue
        if config.get("materialized") == "ephemeral" or not config.get("enabled", True):
            continue
        if node["schema"] in PUBLISHED_SCHEMAS:
            found[node["name"]] = node
    return dict(sorted(found.items()))


def published_relations() -> dict[str, str]:
    """{table name: warehouse relation} of everything the published copy holds."""
    dbt = {name: f"{node['schema']}.{name}" for name, node in published_nodes().items()}
    return {**dbt, **RAW_TABLES}

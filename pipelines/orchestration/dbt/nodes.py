"""Between dbt's nodes and Dagster's assets and checks: which asset a model is, which check a
test is, and which dbt nodes a run's selection means. Pure functions over the manifest.json
nodes and dagster-dbt's public translator; the dbt asset (assets.py) uses them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dagster import AssetCheckKey, AssetKey
from dagster_dbt import DagsterDbtTranslator

REFABLE = ("model", "seed", "snapshot")


def _attached_node(test: Mapping, by_name: Mapping[str, str]) -> str | None:
    """The node a test checks: dbt's attached node (generic tests), its only parent (singular
    tests), or the model named by `meta: {dagster: {ref: {name: ...}}}` (a singular test of
    several models, such as a consistency rule)."""
    if test.get("attached_node"):
        return test["attached_node"]
    parents = test["depends_on"]["nodes"]
    if len(parents) == 1:
        return parents[0]
    ref = (test.get("config", {}).get("meta") or {}).get("dagster", {}).get("ref")
    return by_name.get(ref["name"]) if ref else None


@dataclass(frozen=True)
class DbtNodes:
    """The dbt project's assets and checks, as the dbt asset definition holds them."""

    assets: dict[str, AssetKey]  # refable unique_id -> asset key
    checks: dict[str, AssetCheckKey]  # test unique_id -> check key (tests that are checks)
    names: dict[str, str]  # unique_id -> node name, as dbt's --select takes it
    parents: dict[str, list[str]]  # test unique_id -> the nodes it reads

    @classmethod
    def from_manifest(cls, nodes: Mapping[str, Mapping], translator: DagsterDbtTranslator,
                      check_keys: Iterable[AssetCheckKey]) -> "DbtNodes":
        assets = {uid: translator.get_asset_key(node) for uid, node in nodes.items()
                  if node["resource_type"] in REFABLE and node["config"].get("materialized") != "ephemeral"}
        by_name = {node["name"]: uid for uid, node in nodes.items() if uid in assets}
        known = set(check_keys)
        checks = {}
        for uid, node in nodes.items():
            if node["resource_type"] != "test":
                continue
            attached = _attached_node(node, by_name)
            key = AssetCheckKey(assets[attached], node["name"]) if attached in assets else None
            if key in known:
                checks[uid] = key
        tests = {uid: list(node["depends_on"]["nodes"]) for uid, node in nodes.items()
                 if node["resource_type"] == "test"}
        return cls(assets, checks, {uid: node["name"] for uid, node in nodes.items()}, tests)

    def selection(self, asset_keys: Iterable[AssetKey], check_keys: Iterable[AssetCheckKey]) -> list[str] | None:
        """The dbt node names of a run's selected assets and checks; None when it is all of
        them (then dbt builds the whole project). Tests that are not checks (none today) run
        when every node they read is selected."""
        asset_keys, check_keys = set(asset_keys), set(check_keys)
        if asset_keys >= set(self.assets.values()) and check_keys >= set(self.checks.values()):
            return None
        models = {uid for uid, key in self.assets.items() if key in asset_keys}
        tests = {uid for uid, key in self.checks.items() if key in check_keys}
        tests |= {uid for uid, parents in self.parents.items()
                  if uid not in self.checks and parents and set(parents) <= models}
        return sorted(self.names[uid] for uid in models | tests)

"""Where the pipeline keeps its state, read once from the environment.

Everything lives under IMPACT_HOME (default ./data): the upload store (raw bytes and the
ledger of accepted row versions), the DuckDB warehouse that dbt builds, the published copy
the dashboard and exports read, and the exports. Configuration flows one way: the environment
is read here, and the rest of the code receives a Settings object.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"


@dataclass(frozen=True)
class Settings:
    home: Path
    long_term_unemployment_rule: str = "eu"  # "eu" (default) or "national", indicators.md EECO03
    disclosure_k: int = 5  # public exports suppress counts 1..k-1 (docs/indicators.md, Disclosure control)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        home = Path(env.get("IMPACT_HOME", "data")).expanduser().resolve()
        rule = env.get("IMPACT_LONG_TERM_UNEMPLOYMENT_RULE", "eu")
        if rule not in ("eu", "national"):
            raise ValueError(
                f"IMPACT_LONG_TERM_UNEMPLOYMENT_RULE must be 'eu' or 'national', not {rule!r}"
            )
        k_text = env.get("IMPACT_DISCLOSURE_K", "5")
        try:
            k = int(k_text)
        except ValueError:
            k = 0
        if k < 1:
            raise ValueError(f"IMPACT_DISCLOSURE_K must be a whole number of at least 1, not {k_text!r}")
        return cls(home=home, long_term_unemployment_rule=rule, disclosure_k=k)

    # The upload store: the system of record. Never rebuilt, only appended to.
    @property
    def uploads_dir(self) -> Path:
        return self.home / "uploads"

    @property
    def blobs_dir(self) -> Path:
        return self.uploads_dir / "blobs"

    @property
    def ledger_path(self) -> Path:
        return self.uploads_dir / "ledger.duckdb"

    # Derived state: can be deleted and rebuilt by `impact build` from the upload store.
    @property
    def warehouse_path(self) -> Path:
        return self.home / "warehouse" / "warehouse.duckdb"

    @property
    def published_dir(self) -> Path:
        return self.home / "published"

    @property
    def exports_dir(self) -> Path:
        return self.home / "exports"

    @property
    def scratch_dir(self) -> Path:
        """The dry run's scratch warehouses (removed after each) and dbt's parse of them."""
        return self.home / "scratch"

    @property
    def lock_path(self) -> Path:
        """One writer at a time: ingest, build and withdraw all take this lock."""
        return self.home / ".writer.lock"

    def env(self) -> dict[str, str]:
        """The environment that gives another process (the service's children, dbt) these
        settings: `Settings.from_env` reads it back unchanged."""
        return {
            "IMPACT_HOME": str(self.home),
            "IMPACT_LONG_TERM_UNEMPLOYMENT_RULE": self.long_term_unemployment_rule,
            "IMPACT_DISCLOSURE_K": str(self.disclosure_k),
        }

    def ensure_dirs(self) -> None:
        for d in (self.blobs_dir, self.warehouse_path.parent, self.published_dir, self.exports_dir):
            d.mkdir(parents=True, exist_ok=True)

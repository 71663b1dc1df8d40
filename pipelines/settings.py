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


def _whole(env: Mapping[str, str], name: str, default: int, least: int) -> int:
    """A whole-number setting of at least `least`."""
    text = env.get(name, str(default))
    try:
        value = int(text)
    except ValueError:
        value = least - 1
    if value < least:
        raise ValueError(f"{name} must be a whole number of at least {least}, not {text!r}")
    return value


@dataclass(frozen=True)
class Settings:
    home: Path
    long_term_unemployment_rule: str = "eu"  # "eu" (default) or "national", indicators.md EECO03
    disclosure_k: int = 5  # public exports suppress counts 1..k-1 (docs/indicators.md, Disclosure control)
    max_cell_chars: int = 500  # a longer cell is a row error (monitoring-data.md 1, limits)
    refused_quota_mb: int = 200  # refused files' bytes kept at most (oldest dropped first)
    refused_retention_days: int = 30  # refused files' bytes kept at most this long
    submission_deadline_days: int = 31  # a half-year's period is due this many days after its cut-off
    min_group_n: int = 20  # the evaluation ranks no group smaller than this ("too few")

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
        return cls(
            home=home, long_term_unemployment_rule=rule, disclosure_k=k,
            max_cell_chars=_whole(env, "IMPACT_MAX_CELL_CHARS", 500, 1),
            refused_quota_mb=_whole(env, "IMPACT_REFUSED_QUOTA_MB", 200, 0),
            refused_retention_days=_whole(env, "IMPACT_REFUSED_RETENTION_DAYS", 30, 0),
            submission_deadline_days=_whole(env, "IMPACT_SUBMISSION_DEADLINE_DAYS", 31, 0),
            min_group_n=_whole(env, "IMPACT_MIN_GROUP_N", 20, 1),
        )

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
            "IMPACT_MAX_CELL_CHARS": str(self.max_cell_chars),
            "IMPACT_REFUSED_QUOTA_MB": str(self.refused_quota_mb),
            "IMPACT_REFUSED_RETENTION_DAYS": str(self.refused_retention_days),
            "IMPACT_SUBMISSION_DEADLINE_DAYS": str(self.submission_deadline_days),
            "IMPACT_MIN_GROUP_N": str(self.min_group_n),
        }

    def ensure_dirs(self) -> None:
        for d in (self.blobs_dir, self.warehouse_path.parent, self.published_dir, self.exports_dir):
            d.mkdir(parents=True, exist_ok=True)

"""What a build is made of, summed up so that a build whose inputs have not changed since the
published copy was made can be skipped: `impact build` right after a build, or after an upload
that changed no record, then costs a fraction of a second instead of a dbt run.

The inputs: the ledger's content (a count and an order-independent hash of every row of every
table: the ledger is the system of record and everything in the warehouse is derived from it),
the values approved in the reporting periods (consistency rule 7 compares with them),
the dbt project's source fingerprint, the dbt vars of the settings, today's date (the cut-off
series and the reported values run to today), and the Python code that loads the raw tables
and publishes, with the versions of the engines underneath.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import duckdb

from pipelines.settings import REPO_ROOT, Settings

# The Python that turns the ledger into the warehouse's raw tables and the published copy.
CODE_FILES = (
    REPO_ROOT / "pipelines" / "warehouse" / "raw_tables.py",
    REPO_ROOT / "pipelines" / "warehouse" / "approved_values.py",
    REPO_ROOT / "pipelines" / "publish" / "snapshot.py",
    REPO_ROOT / "indicators" / "ledger_schema.py",
    REPO_ROOT / "indicators" / "contract.py",
)


def ledger_digest(ledger_path: Path) -> str:
    """Rows and a hash of the rows of every ledger table (≈ 0.1 s at 1M participants)."""
    if not ledger_path.exists():
        return "no ledger"
    parts = []
    with duckdb.connect(str(ledger_path), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'main' ORDER BY table_name"
        ).fetchall()]
        for table in tables:
            rows, digest = con.execute(
                f'SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM main."{table}" AS t'
            ).fetchone()
            parts.append(f"{table}:{rows}:{digest}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


# The engines whose upgrade may change what the same models compute.
PACKAGES = ("duckdb", "dbt-core", "dbt-duckdb", "polars")


def build_inputs(settings: Settings, today: date | None = None) -> dict[str, str]:
    from importlib.metadata import version

    from pipelines.warehouse.approved_values import approvals_digest
    from pipelines.warehouse.dbt_sources import source_fingerprint

    code = hashlib.sha256(
        b"".join(p.read_bytes() for p in CODE_FILES)
        + " ".join(f"{name}=={version(name)}" for name in PACKAGES).encode()
    ).hexdigest()
    return {
        "ledger": ledger_digest(settings.ledger_path),
        "approvals": approvals_digest(settings.home),
        "dbt_fingerprint": source_fingerprint(),
        "long_term_unemployment_rule": settings.long_term_unemployment_rule,
        "date": (today or date.today()).isoformat(),
        "code": code,
    }


def published_is_current(settings: Settings, inputs: dict[str, str]) -> str | None:
    """The current published version when it was built from exactly these inputs (and the
    warehouse behind it is still there), else None."""
    from pipelines.publish.reader import NotPublishedError, PublishedCopy, PublishedCopyError

    try:
        snapshot = PublishedCopy(settings.published_dir).current()
    except (NotPublishedError, PublishedCopyError):
        return None
    if snapshot.manifest.get("inputs") == inputs and settings.warehouse_path.exists():
        return snapshot.version
    return None

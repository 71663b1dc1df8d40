"""The indicator catalogue (dbt_project/seeds/indicator_catalogue.csv) read from Python.

dbt loads the same file as a seed, so SQL and Python share one list of indicator codes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import polars as pl

CATALOGUE_PATH = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "indicator_catalogue.csv"


def load_catalogue(path: Path | None = None) -> pl.DataFrame:
    """The catalogue as read from the seed, every column a string (as dbt's seed types say)."""
    return pl.read_csv(path or CATALOGUE_PATH, infer_schema=False)


@lru_cache(maxsize=4)
def indicator_codes(path: Path | None = None) -> tuple[str, ...]:
    return tuple(load_catalogue(path)["indicator_code"].to_list())

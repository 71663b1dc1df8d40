"""Finland's regions (maakunnat, Statistics Finland codes MKnn) with their names in fi/sv/en,
read from the dbt seed dbt_project/seeds/regions.csv: dbt loads the same file, so the upload
contract, the models and the dashboard (through the published copy) share one list."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

REGIONS_PATH = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "regions.csv"


@lru_cache(maxsize=1)
def region_names() -> dict[str, dict[str, str]]:
    """{region code: {"fi": name, "sv": name, "en": name}} in the seed's order."""
    with REGIONS_PATH.open(encoding="utf-8", newline="") as handle:
        return {row["region_code"]: {lang: row[f"name_{lang}"] for lang in ("fi", "sv", "en")}
                for row in csv.DictReader(handle)}

"""Reference lists of contract 1.1 read from their dbt seeds, which dbt loads too, so the upload
contract and the models share one editable list: the competence-area catalogue (seed-work.md
1.4, competence_areas.csv) and each activity type's EU Pact for Skills category (3.3 a,
activity_pact_categories.csv)."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"
COMPETENCE_AREAS_PATH = SEEDS / "competence_areas.csv"
PACT_CATEGORIES_PATH = SEEDS / "activity_pact_categories.csv"


@lru_cache(maxsize=1)
def competence_area_names() -> dict[str, dict[str, str]]:
    """{competence area code: {"fi": name, "sv": name, "en": name}} in the catalogue's order."""
    with COMPETENCE_AREAS_PATH.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: int(row["sort_order"]))
    return {row["competence_area"]: {lang: row[f"name_{lang}"] for lang in ("fi", "sv", "en")} for row in rows}


def competence_area_codes() -> tuple[str, ...]:
    return tuple(competence_area_names())


@lru_cache(maxsize=1)
def activity_pact_categories() -> dict[str, str]:
    """{activity type: its default Pact category}."""
    with PACT_CATEGORIES_PATH.open(encoding="utf-8", newline="") as handle:
        return {row["activity_type"]: row["pact_category"] for row in csv.DictReader(handle)}

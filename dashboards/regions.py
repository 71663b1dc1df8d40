"""Finland's regions (maakunnat) as the dashboard draws them.

Their codes and names in fi/sv/en are the dbt seed dbt_project/seeds/regions.csv, which the
build publishes as the `regions` table: `region_names` reads them from there, so the upload
contract, the models and the pages share one list. What is here is only how a tile map shows a
region, which the seed does not say: TILES places each region on a grid roughly where it lies
(column from west to east, row from north to south), so that a tile map reads like a map without
shipping any geometry, and ABBREVIATIONS fit a tile.
"""

from __future__ import annotations

from dashboards.data import Snapshot
from dashboards.i18n import normalise_lang

# (column, row): column 0 is the west (Åland), row 0 the north (Lapland).
TILES: dict[str, tuple[int, int]] = {
    "MK19": (3, 0),
    "MK17": (3, 1),
    "MK18": (4, 1),
    "MK16": (2, 2),
    "MK11": (4, 2),
    "MK12": (5, 2),
    "MK15": (1, 3),
    "MK14": (2, 3),
    "MK13": (3, 3),
    "MK10": (4, 3),
    "MK04": (1, 4),
    "MK06": (2, 4),
    "MK07": (3, 4),
    "MK09": (4, 4),
    "MK21": (0, 5),
    "MK02": (1, 5),
    "MK05": (2, 5),
    "MK08": (3, 5),
    "MK01": (2, 6),
}

# Short labels that fit a tile.
ABBREVIATIONS = {
    "MK01": "UUS",
    "MK02": "VAR",
    "MK04": "SAT",
    "MK05": "KHA",
    "MK06": "PIR",
    "MK07": "PHA",
    "MK08": "KYM",
    "MK09": "EKA",
    "MK10": "ESA",
    "MK11": "PSA",
    "MK12": "PKA",
    "MK13": "KSU",
    "MK14": "EPO",
    "MK15": "POH",
    "MK16": "KPO",
    "MK17": "PPO",
    "MK18": "KAI",
    "MK19": "LAP",
    "MK21": "AHV",
}


def region_names(snap: Snapshot, lang: str | None) -> dict[str, str]:
    """{region code: its name in `lang`} from the published `regions` table, in the seed's order."""
    lang = normalise_lang(lang)

    def build() -> dict[str, str]:
        regions = snap.table("regions")
        return dict(zip(regions["region_code"], regions[f"name_{lang}"], strict=True))

    return snap.memo(("region_names", lang), build)

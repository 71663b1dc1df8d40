"""Finland's regions (maakunnat) as the dashboard draws them: names in fi/sv/en and a tile grid.

The codes are the contract's (indicators/contract.py REGION_CODES, Statistics Finland MKnn);
the Finnish names come from there. The Swedish and English names are display words only.
TILES places each region on a grid roughly where it lies (column from west to east, row from
north to south), so that a tile map reads like a map without shipping any geometry.
"""

from __future__ import annotations

from indicators.contract import REGION_CODES

NAMES_SV = {
    "MK01": "Nyland",
    "MK02": "Egentliga Finland",
    "MK04": "Satakunta",
    "MK05": "Egentliga Tavastland",
    "MK06": "Birkaland",
    "MK07": "Päijänne-Tavastland",
    "MK08": "Kymmenedalen",
    "MK09": "Södra Karelen",
    "MK10": "Södra Savolax",
    "MK11": "Norra Savolax",
    "MK12": "Norra Karelen",
    "MK13": "Mellersta Finland",
    "MK14": "Södra Österbotten",
    "MK15": "Österbotten",
    "MK16": "Mellersta Österbotten",
    "MK17": "Norra Österbotten",
    "MK18": "Kajanaland",
    "MK19": "Lappland",
    "MK21": "Åland",
}
NAMES_EN = {
    "MK01": "Uusimaa",
    "MK02": "Southwest Finland",
    "MK04": "Satakunta",
    "MK05": "Kanta-Häme",
    "MK06": "Pirkanmaa",
    "MK07": "Päijät-Häme",
    "MK08": "Kymenlaakso",
    "MK09": "South Karelia",
    "MK10": "South Savo",
    "MK11": "North Savo",
    "MK12": "North Karelia",
    "MK13": "Central Finland",
    "MK14": "South Ostrobothnia",
    "MK15": "Ostrobothnia",
    "MK16": "Central Ostrobothnia",
    "MK17": "North Ostrobothnia",
    "MK18": "Kainuu",
    "MK19": "Lapland",
    "MK21": "Åland",
}

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

REGIONS: tuple[str, ...] = tuple(REGION_CODES)


def region_name(code: str | None, lang: str) -> str:
    """The region's name in `lang` (Finnish for unknown languages); the code if unknown."""
    if code is None:
        return "–"
    table = {"sv": NAMES_SV, "en": NAMES_EN}.get(lang, REGION_CODES)
    return table.get(code) or REGION_CODES.get(code) or code

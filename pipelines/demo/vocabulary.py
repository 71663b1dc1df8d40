"""The demo network's fixed facts and Finnish vocabulary: projects, regions, name parts, topics.

Everything here is fictional: project codes, organisations and their business IDs are
invented (business IDs get valid check digits but belong to no real organisation on purpose).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from indicators.contract import REGIONS


@dataclass(frozen=True)
class DemoProject:
    code: str
    name: str
    lead: str
    lead_base: int  # the seven digits of the lead organisation's Y-tunnus
    region: str
    specific_objective: str
    category: str
    start: date
    end: date
    budget_eur: float
    weight: float  # share of the network's participants (0 for the coordination project)
    town: str  # for file names
    coordination: bool = False

    @property
    def priority(self) -> str:
        return self.specific_objective.split(".")[0]


PROJECTS: tuple[DemoProject, ...] = (
    DemoProject("S30101", "Yhteiskunnallisten yritysten toimintaedellytysten koordinaatiohanke",
                "Yhteiskunnallisen Yrittäjyyden Kehittämiskeskus ry", 3104418, "MK01", "4.3",
                "more_developed", date(2023, 3, 1), date(2027, 12, 31), 2_450_000.0, 0.0,
                "helsinki", coordination=True),
    DemoProject("S30212", "Pirkanmaan yhteiskunnallisten yritysten kasvuohjelma",
                "Tampereen Seudun Osuustoimintakeskus osk", 2456614, "MK06", "4.3",
                "more_developed", date(2023, 5, 1), date(2026, 8, 31), 1_350_000.0, 0.11,
                "tampere"),
    DemoProject("S30355", "Savon YY-polku – osatyökykyiset yhteiskunnallisiin yrityksiin",
                "Kuopion Seudun Sosiaalitalous ry", 2890156, "MK11", "4.1", "transition",
                date(2023, 9, 1), date(2026, 12, 31), 985_000.0, 0.085, "kuopio"),
    DemoProject("S30478", "Työllistävä yhteisötalous Varsinais-Suomessa",
                "Turun Seudun Työllistämissäätiö sr", 1987432, "MK02", "5.1", "more_developed",
                date(2023, 8, 15), date(2027, 6, 30), 1_120_000.0, 0.10, "turku"),
    DemoProject("S30520", "Osuuskunnista työtä – Keski-Suomen osuustoimintahanke",
                "Jyväskylän Seudun Osuustoiminta ry", 3021874, "MK13", "4.1", "more_developed",
                date(2024, 1, 1), date(2027, 12, 31), 760_000.0, 0.08, "jyvaskyla"),
    DemoProject("S30611", "WISE Pohjois-Pohjanmaa – työllistävien yhteiskunnallisten yritysten verkosto",
                "Oulun Seudun Työvalmennussäätiö sr", 2233109, "MK17", "4.5", "transition",
                date(2023, 10, 1), date(2027, 9, 30), 1_240_000.0, 0.10, "oulu"),
    DemoProject("S30644", "Lapin sosiaalisen yrittäjyyden starttipaja",
                "Rovaniemen Kehitysyhdistys ry", 1766541, "MK19", "4.3", "transition",
                date(2024, 2, 1), date(2027, 1, 31), 540_000.0, 0.05, "rovaniemi"),
    DemoProject("S30702", "Kumppanuustyö Pohjois-Karjalassa – osatyökykyiset työelämään",
                "Joensuun Kuntoutussäätiö sr", 2675320, "MK12", "5.1", "transition",
                date(2023, 6, 1), date(2026, 5, 31), 820_000.0, 0.07, "joensuu"),
    DemoProject("S30819", "Helsingin seudun yhteiskunnallisten yritysten hautomo",
                "Uudenmaan Yhteisötalouden Kehittämisyhdistys ry", 3198705, "MK01", "4.3",
                "more_developed", date(2024, 3, 1), date(2028, 2, 29), 1_680_000.0, 0.16,
                "helsinki"),
    DemoProject("S30856", "Satakunnan sosiaalinen yrittäjyys ja osatyökykyisten työllistyminen",
                "Porin Työvoimayhdistys ry", 1543268, "MK04", "4.1", "more_developed",
                date(2024, 4, 1), date(2027, 3, 31), 610_000.0, 0.06, "pori"),
    DemoProject("S30903", "Yhteisötalouden työpajat Päijät-Hämeessä",
                "Lahden Työ- ja Toimintakeskus ry", 2011957, "MK07", "5.1", "more_developed",
                date(2023, 11, 1), date(2026, 10, 31), 690_000.0, 0.06, "lahti"),
    DemoProject("S30947", "Maaseudun yhteiskunnallinen yrittäjyys Etelä-Pohjanmaalla",
                "Seinäjoen Seudun Kehittämisosuuskunta", 2804481, "MK14", "4.5",
                "more_developed", date(2024, 5, 1), date(2028, 4, 30), 575_000.0, 0.05,
                "seinajoki"),
)

# Kept in code order: the generators sort rows by a project's position in this tuple.
assert [p.code for p in PROJECTS] == sorted(p.code for p in PROJECTS)

# The project whose files arrive in the Finnish Excel dialect.
FINNISH_DIALECT_PROJECT = "S30355"

# Region code -> (genitive name, towns in the genitive, share of participants from rural areas).
REGION_FACTS: dict[str, tuple[str, tuple[str, ...], float]] = {
    "MK01": ("Uudenmaan", ("Helsingin", "Espoon", "Vantaan", "Porvoon", "Lohjan"), 0.05),
    "MK02": ("Varsinais-Suomen", ("Turun", "Salon", "Uudenkaupungin", "Loimaan"), 0.25),
    "MK04": ("Satakunnan", ("Porin", "Rauman", "Kankaanpään"), 0.30),
    "MK05": ("Kanta-Hämeen", ("Hämeenlinnan", "Forssan", "Riihimäen"), 0.30),
    "MK06": ("Pirkanmaan", ("Tampereen", "Nokian", "Valkeakosken", "Sastamalan"), 0.20),
    "MK07": ("Päijät-Hämeen", ("Lahden", "Heinolan", "Orimattilan"), 0.20),
    "MK08": ("Kymenlaakson", ("Kotkan", "Kouvolan", "Haminan"), 0.25),
    "MK09": ("Etelä-Karjalan", ("Lappeenrannan", "Imatran"), 0.30),
    "MK10": ("Etelä-Savon", ("Mikkelin", "Savonlinnan", "Pieksämäen"), 0.45),
    "MK11": ("Pohjois-Savon", ("Kuopion", "Iisalmen", "Varkauden", "Siilinjärven"), 0.35),
    "MK12": ("Pohjois-Karjalan", ("Joensuun", "Kiteen", "Lieksan", "Nurmeksen"), 0.45),
    "MK13": ("Keski-Suomen", ("Jyväskylän", "Jämsän", "Äänekosken", "Saarijärven"), 0.30),
    "MK14": ("Etelä-Pohjanmaan", ("Seinäjoen", "Lapuan", "Kauhajoen", "Alavuden"), 0.45),
    "MK15": ("Pohjanmaan", ("Vaasan", "Pietarsaaren", "Kristiinankaupungin"), 0.30),
    "MK16": ("Keski-Pohjanmaan", ("Kokkolan", "Kannuksen"), 0.40),
    "MK17": ("Pohjois-Pohjanmaan", ("Oulun", "Raahen", "Kempeleen", "Ylivieskan"), 0.30),
    "MK18": ("Kainuun", ("Kajaanin", "Kuhmon", "Suomussalmen"), 0.50),
    "MK19": ("Lapin", ("Rovaniemen", "Kemin", "Tornion", "Sodankylän", "Kemijärven"), 0.45),
    "MK21": ("Ahvenanmaan", ("Maarianhaminan",), 0.50),
}
assert set(REGION_FACTS) == set(REGIONS)
MAINLAND = tuple(r for r in REGIONS if r != "MK21")

STEMS = (
    "Kaiku", "Verso", "Ponsi", "Tuike", "Lumo", "Vire", "Tähkä", "Kide", "Silta", "Kipinä",
    "Aalto", "Usva", "Kajo", "Ilo", "Tyyni", "Helmi", "Vaahtera", "Pihlaja", "Kanerva", "Sampo",
    "Onni", "Tuuli", "Virta", "Kelo", "Luoto", "Kuura", "Pilke", "Sisu", "Aitta", "Mylly",
    "Riihi", "Tupa", "Kumppani", "Yhteispeli", "Uusi Suunta", "Hyvä Arki", "Polku", "Lähde",
)
TRADES = (
    "Kierrätyskeskus", "Puutyöpaja", "Siivouspalvelut", "Kahvila", "Pesulapalvelut", "Catering",
    "Viherpalvelut", "Kiinteistöhuolto", "Tekstiilipaja", "Kotipalvelut", "Kuljetuspalvelut",
    "Digipalvelut", "Ompelimo", "Leipomo", "Pyöräkorjaamo", "Remonttipalvelut",
    "Avustajapalvelut", "Työvalmennus", "Hyvinvointipalvelut", "Lounasravintola", "Metallipaja",
    "Pakkauspalvelut", "Kirjanpitopalvelut", "Tapahtumapalvelut", "Matkailupalvelut",
    "Elintarvikepaja", "Taidepaja", "Mediapaja", "Logistiikka", "Kädentaidot",
)

# Name templates per organisation type; {place} is a town and {region} a region, both in the
# genitive, {stem} and {trade} come from the lists above.
NAME_TEMPLATES: dict[str, tuple[str, ...]] = {
    "enterprise": (
        "{stem} {trade} Oy", "{place} {trade} Oy", "{stem} {trade} Oy", "{place} {trade} Oy",
        "{stem} {trade} Ky", "{place} {trade} ry", "Työosuuskunta {stem}",
        "Osuuskunta {place} {trade}",
    ),
    "public_administration": (
        "{place} kaupunki", "{place} kaupungin työllisyyspalvelut", "{region} hyvinvointialue",
        "{region} ELY-keskus", "{place} seudun työllisyysalue",
    ),
    "education": (
        "{place} aikuisopisto", "{region} ammattiopisto", "{place} kansalaisopisto",
        "{region} ammattikorkeakoulu", "{place} kesäyliopisto",
    ),
    "association": (
        "{place} Työttömät ry", "{region} Kuntoutusyhdistys ry", "{place} Mielenterveysyhdistys ry",
        "{region} Sosiaalitalous ry", "{place} Yrittäjät ry", "{place} Kylätoimintayhdistys ry",
    ),
    "foundation": (
        "{region} Työllistämissäätiö sr", "{place} Asumis- ja tukisäätiö sr",
        "{region} Kuntoutussäätiö sr",
    ),
    "funder": (
        "{region} Yhteisösijoittajat Oy", "{place} Säästöpankkisäätiö sr",
        "{region} Vaikuttavuusrahasto Ky",
    ),
    "other": ("{place} seurakuntayhtymä", "{region} Kylät ry", "{place} Työpajayhdistys"),
}
# Which enterprise templates make a cooperative (they must be the "osuuskunta" ones).
COOPERATIVE_TEMPLATES = frozenset({"Työosuuskunta {stem}", "Osuuskunta {place} {trade}"})

TOPICS = (
    "Yhteiskunnallisen yrityksen liiketoimintamalli",
    "Osatyökykyisen työntekijän rekrytointi",
    "Palkkatuki ja työolosuhteiden järjestelytuki",
    "Vaikuttavuuden mittaaminen ja raportointi",
    "Yhteiskunnallisen yrityksen merkki",
    "Julkiset hankinnat ja sosiaaliset kriteerit",
    "Osuuskunnan perustaminen",
    "Työhönvalmennus yrityksessä",
    "Kiertotalous ja kestävä liiketoiminta",
    "Rahoitusmahdollisuudet yhteiskunnallisille yrityksille",
    "Digitaalinen markkinointi pienyritykselle",
    "Saavutettava ja esteetön työpaikka",
    "Työkykykoordinaattorin rooli",
    "Monimuotoinen työyhteisö",
    "Hyvinvointialueen ja yritysten yhteistyö",
    "Työllisyysalueet ja yhteiskunnalliset yritykset",
)
ACTIVITY_PREFIX = {
    "training": "Koulutus",
    "advisory": "Sparrausklinikka",
    "network_event": "Verkostotapaaminen",
    "webinar": "Webinaari",
    "peer_learning": "Vertaisryhmä",
    "info_event": "Infotilaisuus",
}

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def y_tunnus(base: int) -> str | None:
    """The Y-tunnus with seven digits `base` and its check digit, or None if never issued."""
    digits = f"{base:07d}"
    s = sum(w * int(d) for w, d in zip(_WEIGHTS, digits)) % 11
    if s == 1:
        return None
    return f"{digits}-{0 if s == 0 else 11 - s}"


def y_tunnus_remainder(base: pl.Expr) -> pl.Expr:
    """sum(weight * digit) mod 11 of the seven digits in an integer expression (1 = invalid)."""
    total = sum(((base // 10 ** (6 - k)) % 10) * w for k, w in enumerate(_WEIGHTS))
    return total % 11


def y_tunnus_expr(base: pl.Expr, remainder: pl.Expr) -> pl.Expr:
    """Format NNNNNNN-C from the digits and their remainder (callers drop remainder 1)."""
    check = pl.when(remainder == 0).then(0).otherwise(11 - remainder)
    return pl.format("{}-{}", base.cast(pl.String).str.zfill(7), check.cast(pl.String))

"""User-facing words of the dashboard in Finnish (the default) and English, and how numbers
and dates are written in each.

Indicator names are not here: they come from the indicator catalogue (name_fi, name_sv,
name_en), the one source of truth. Adding Swedish means adding an "sv" block below with the
same keys; the catalogue already has name_sv.
"""

from __future__ import annotations

import datetime as dt
import math

DEFAULT_LANG = "fi"

LABELS: dict[str, dict[str, str]] = {
    "fi": {
        "app_title": "ESF+ vaikuttavuusindikaattorit",
        "language": "Kieli",
        "nav": "Sivut",
        "page_overview": "Yleiskuva",
        "overview_title": "Osallistujaindikaattorit – koko ohjelma",
        "cutoff": "Poikkileikkauspäivä",
        "latest": "uusin",
        "data_version": "Julkaistu aineisto {version}, koottu {built_at}",
        "cumulative_note": (
            "Luvut ovat kumulatiivisia ohjelman alusta poikkileikkauspäivään {cutoff} asti."
        ),
        "no_data_title": "Julkaistua aineistoa ei vielä ole",
        "no_data_body": (
            "Kojelauta lukee vain pipelinen julkaisemaa kopiota, eikä sellaista löytynyt "
            "kansiosta `{path}`. Aja ensin `impact build` (tai kokeiluaineistolla `make demo`) "
            "ja lataa sivu uudelleen."
        ),
        "broken_title": "Julkaistua aineistoa ei voitu lukea",
        "broken_body": (
            "Julkaistu versio on puutteellinen: {detail}. Aja `impact build` uudelleen "
            "ja lataa sivu uudelleen."
        ),
        "no_values": "Poikkileikkauspäivältä ei ole ohjelmatason osallistujaindikaattoreita.",
        "headline": "Tärkeimmät luvut",
        "of_participants": "{share} osallistujista ({ref})",
        "of_reference": "{share} viiteindikaattorista {ref}",
        "totals_title": "Osallistujaindikaattorit yhteensä",
        "gender_title": "Sukupuolijakauma indikaattoreittain",
        "gender_mode": "Näytä",
        "mode_count": "lukumäärät",
        "mode_share": "osuudet (%)",
        "show_table": "Näytä luvut taulukkona",
        "col_code": "Koodi",
        "col_indicator": "Indikaattori",
        "col_group": "Ryhmä",
        "col_total": "Yhteensä",
        "col_reference": "Viiteindikaattori",
        "col_share_of_reference": "Osuus viiteindikaattorista",
        "gender_total": "Yhteensä",
        "gender_woman": "Naiset",
        "gender_man": "Miehet",
        "gender_non_binary": "Muunsukupuoliset",
        "group_common_output": "Yhteiset tuotosindikaattorit",
        "group_common_result": "Yhteiset tulosindikaattorit",
        "group_project_specific": "Hankekohtaiset indikaattorit",
        "axis_persons": "Henkilöä",
        "axis_share": "Osuus (%)",
        "sensitive_note": "* arkaluonteinen tieto (tietosuoja-asetuksen 9 artikla)",
        "gender_counts_line": "naiset {woman} · miehet {man} · muunsukupuoliset {non_binary}",
        "page_not_found": "Sivua ei löytynyt",
    },
    "en": {
        "app_title": "ESF+ impact indicators",
        "language": "Language",
        "nav": "Pages",
        "page_overview": "Overview",
        "overview_title": "Participant indicators – whole programme",
        "cutoff": "Cut-off date",
        "latest": "latest",
        "data_version": "Published copy {version}, built {built_at}",
        "cumulative_note": (
            "Values are cumulative from the start of the programme to the cut-off date {cutoff}."
        ),
        "no_data_title": "No published data yet",
        "no_data_body": (
            "The dashboard reads only the copy the pipeline publishes, and none was found in "
            "`{path}`. Run `impact build` first (or `make demo` for demo data), then reload "
            "this page."
        ),
        "broken_title": "The published data could not be read",
        "broken_body": (
            "The published version is incomplete: {detail}. Run `impact build` again, then "
            "reload this page."
        ),
        "no_values": "There are no programme-level participant indicators for this cut-off date.",
        "headline": "Headline figures",
        "of_participants": "{share} of participants ({ref})",
        "of_reference": "{share} of the reference indicator {ref}",
        "totals_title": "Participant indicators, totals",
        "gender_title": "Gender breakdown by indicator",
        "gender_mode": "Show",
        "mode_count": "counts",
        "mode_share": "shares (%)",
        "show_table": "Show the numbers as a table",
        "col_code": "Code",
        "col_indicator": "Indicator",
        "col_group": "Group",
        "col_total": "Total",
        "col_reference": "Reference indicator",
        "col_share_of_reference": "Share of reference",
        "gender_total": "Total",
        "gender_woman": "Women",
        "gender_man": "Men",
        "gender_non_binary": "Non-binary",
        "group_common_output": "Common output indicators",
        "group_common_result": "Common result indicators",
        "group_project_specific": "Project-specific indicators",
        "axis_persons": "Persons",
        "axis_share": "Share (%)",
        "sensitive_note": "* sensitive data (GDPR Article 9)",
        "gender_counts_line": "women {woman} · men {man} · non-binary {non_binary}",
        "page_not_found": "Page not found",
    },
}

LANGUAGES: tuple[str, ...] = tuple(LABELS)
LANGUAGE_NAMES = {"fi": "Suomi", "en": "English"}

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def normalise_lang(lang: str | None) -> str:
    return lang if lang in LABELS else DEFAULT_LANG


def has_label(key: str) -> bool:
    return key in LABELS[DEFAULT_LANG]


def t(key: str, lang: str | None, **fmt: object) -> str:
    """The label `key` in `lang` (Finnish when the language is unknown)."""
    text = LABELS[normalise_lang(lang)][key]
    return text.format(**fmt) if fmt else text


def format_number(value: float | None, lang: str | None, decimals: int = 0) -> str:
    """Finnish writes 12 345,6 (no-break space, decimal comma); English 12,345.6.

    Rounds half away from zero, as the indicator spec does, not Python's half-to-even.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    factor = 10**decimals
    rounded = math.floor(abs(value) * factor + 0.5) / factor
    text = f"{rounded:,.{decimals}f}"
    if value < 0 and rounded != 0:
        text = "-" + text
    if normalise_lang(lang) == "fi":
        text = text.replace(",", "\u00a0").replace(".", ",").replace("-", "−")
    return text


def format_percent(share: float | None, lang: str | None, decimals: int = 1) -> str:
    """`share` is a fraction (0.25 → 25 %); Finnish puts a space before the sign."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    number = format_number(share * 100, lang, decimals)
    return f"{number}\u00a0%" if normalise_lang(lang) == "fi" else f"{number}%"


def format_date(value: dt.date | None, lang: str | None) -> str:
    if value is None:
        return "–"
    if normalise_lang(lang) == "fi":
        return f"{value.day}.{value.month}.{value.year}"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def format_timestamp(value: str | None, lang: str | None) -> str:
    """An ISO timestamp from manifest.json, to the minute; left as it is when unparsable."""
    if not value:
        return "–"
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    zone = ""
    if parsed.tzinfo is not None:
        # The pipeline writes UTC; show the server's local time, naming the zone.
        parsed = parsed.astimezone()
        zone = f" {parsed.tzname()}"
    time = parsed.strftime("%H.%M" if normalise_lang(lang) == "fi" else "%H:%M")
    return f"{format_date(parsed.date(), lang)} {time}{zone}"


def plotly_separators(lang: str | None) -> str:
    """Plotly's layout.separators: decimal mark, then thousands separator."""
    return ", " if normalise_lang(lang) == "fi" else ".,"

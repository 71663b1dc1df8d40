"""User-facing words of the dashboard in Finnish (the default), Swedish and English, and how
numbers and dates are written in each.

Every text is one row of TEXTS with its three translations side by side, so a language cannot
silently miss a label. Indicator names are not here: they come from the indicator catalogue
(name_fi, name_sv, name_en), the one source of truth; nor are region names (the published
regions table, the dbt seed; regions.py).
Import-report messages come from the ingest code (indicators.messages) in Finnish, Swedish
and English.
"""

from __future__ import annotations

import datetime as dt
import math

from dashboards.labels.access import ACCESS
from dashboards.labels.shell import SHELL
from dashboards.labels.overview import OVERVIEW
from dashboards.labels.browse import BROWSE
from dashboards.labels.evaluation import EVALUATION
from dashboards.labels.quality import QUALITY
from dashboards.labels.upload import UPLOAD
from dashboards.labels.periods import PERIODS
from dashboards.labels.funding import FUNDING

DEFAULT_LANG = "fi"
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}

# key: (Finnish, Swedish, English), one module per part of the app (dashboards/labels/)
_PARTS = (SHELL, OVERVIEW, BROWSE, EVALUATION, QUALITY, UPLOAD, ACCESS, PERIODS, FUNDING)
TEXTS: dict[str, tuple[str, str, str]] = {key: texts for part in _PARTS for key, texts in part.items()}
assert len(TEXTS) == sum(len(part) for part in _PARTS), "a label key is defined in two modules"

LABELS: dict[str, dict[str, str]] = {
    lang: {key: texts[i] for key, texts in TEXTS.items()} for i, lang in enumerate(LANGUAGES)
}

# Finnish and Swedish (as written in Finland) share number and date formats: 12 345,6 and 30.6.2025.
NORDIC = ("fi", "sv")
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
    if normalise_lang(lang) in NORDIC:
        text = text.replace(",", "\u00a0").replace(".", ",").replace("-", "−")
    return text


def format_percent(share: float | None, lang: str | None, decimals: int = 1) -> str:
    """`share` is a fraction (0.25 → 25 %); Finnish puts a space before the sign."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    number = format_number(share * 100, lang, decimals)
    return f"{number}\u00a0%" if normalise_lang(lang) in NORDIC else f"{number}%"


def format_date(value: dt.date | None, lang: str | None) -> str:
    if value is None:
        return "–"
    if normalise_lang(lang) in NORDIC:
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
    time = parsed.strftime("%H.%M" if normalise_lang(lang) in NORDIC else "%H:%M")
    return f"{format_date(parsed.date(), lang)} {time}{zone}"


def plotly_separators(lang: str | None) -> str:
    """Plotly's layout.separators: decimal mark, then thousands separator."""
    return ", " if normalise_lang(lang) in NORDIC else ".,"

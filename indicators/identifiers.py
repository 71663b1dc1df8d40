"""Finnish identifiers the upload contract cares about (spec 5.1 and 5.2).

- henkilötunnus (personal identity code): uploads must never contain one. `contains_hetu`
  finds anything shaped like one, *whatever its check character*, because a mistyped code is
  still personal data. It never returns or logs the matched text.
- Y-tunnus (business ID): `ytunnus_valid` (one value) and `ytunnus_valid_expr` (a vectorised
  polars expression) check the check digit with the spec's rule 5.2.

False positives of the henkilötunnus pattern were thought through: a match needs six digits
that form a real past date (day valid for its month, leap years included, under the century
its sign gives), one century sign, three digits and a valid check character, with no letter
or digit directly before or after. So ISO and Finnish dates (`2025-03-31`, `31.3.2025`),
Y-tunnus (`0116297-6`, seven digits), EURA project codes, timestamps (`20250331-1200`: eight
digits) and ordinary ids do not match. What still matches is anything a person could have
typed as a henkilötunnus, e.g. an id like `240315-0012`; refusing those is the intended trade.
"""

from __future__ import annotations

import datetime as dt
import re

import polars as pl

# Century signs of spec 5.1. Dashes that word processors and Excel's autocorrect put in place
# of '-' (hyphen, non-breaking hyphen, figure/en/em dash, minus sign) count as '-' too.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
            "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
for _d in _DASHES:
    _CENTURY[_d] = 1900
CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"

# Case-insensitive on purpose: a code typed in lower case is still personal data.
_HETU_RE = re.compile(
    r"(?<![0-9A-Za-z])"
    r"([0-3][0-9])([01][0-9])([0-9]{2})"
    r"([-+A-FU-Ya-fu-y" + _DASHES + r"])"
    r"[0-9]{3}"
    r"[0-9A-FHJ-NPR-Ya-fhj-npr-y]"
    r"(?![0-9A-Za-z])"
)


def _plausible(day: str, month: str, yy: str, sign: str, today: dt.date) -> bool:
    year = _CENTURY[sign.upper()] + int(yy)
    try:
        born = dt.date(year, int(month), int(day))
    except ValueError:
        return False
    return born <= today


def contains_hetu(text: str, today: dt.date | None = None) -> bool:
    """True when `text` contains something shaped like a henkilötunnus with a plausible date.

    Scans the whole text (a file decoded as one string, a header, a file name). Returns only a
    boolean: callers must never see, print or store what matched.
    """
    today = today or dt.date.today()
    for m in _HETU_RE.finditer(text):
        if _plausible(m.group(1), m.group(2), m.group(3), m.group(4), today):
            return True
    return False


def hetu_check_char(birth_ddmmyy: str, individual: str) -> str:
    """The check character of spec 5.1 (used by tests and sample data, never on uploads)."""
    return CHECK_CHARS[int(birth_ddmmyy + individual) % 31]


_YTUNNUS_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
YTUNNUS_PATTERN = r"^[0-9]{7}-[0-9]$"


def ytunnus_valid(value: str) -> bool:
    """Spec 5.2: weights 7 9 10 5 8 4 2; s = sum mod 11; 0 -> 0, 1 -> invalid, else 11 - s."""
    if not re.fullmatch(YTUNNUS_PATTERN, value):
        return False
    s = sum(w * int(d) for w, d in zip(_YTUNNUS_WEIGHTS, value[:7])) % 11
    if s == 1:
        return False
    return int(value[8]) == (0 if s == 0 else 11 - s)


def ytunnus_valid_expr(expr: pl.Expr) -> pl.Expr:
    """Vectorised `ytunnus_valid`: null stays null, a badly shaped value is false."""
    shaped = expr.str.contains(YTUNNUS_PATTERN)
    total = pl.sum_horizontal(
        [expr.str.slice(i, 1).cast(pl.Int64, strict=False) * w for i, w in enumerate(_YTUNNUS_WEIGHTS)]
    ) % 11
    check = expr.str.slice(8, 1).cast(pl.Int64, strict=False)
    expected = pl.when(total == 0).then(0).when(total == 1).then(-1).otherwise(11 - total)
    return pl.when(expr.is_null()).then(None).otherwise(shaped & (check == expected).fill_null(False))


# The same shape for polars' (Rust) regex engine, which has no look-around: the boundary
# characters are matched instead. Used as a fast, vectorised pre-filter over cells; each hit
# is confirmed by `contains_hetu` (date plausibility) in Python.
HETU_PREFILTER = (
    r"(?:^|[^0-9A-Za-z])[0-3][0-9][01][0-9]{3}[-+A-FU-Ya-fu-y" + _DASHES + r"]"
    r"[0-9]{3}[0-9A-FHJ-NPR-Ya-fhj-npr-y](?:[^0-9A-Za-z]|$)"
)


def frame_contains_hetu(frame: pl.DataFrame, today: dt.date | None = None) -> bool:
    """True when any string cell of `frame` contains a henkilötunnus (see `contains_hetu`)."""
    cols = [c for c, t in frame.schema.items() if t == pl.String]
    if not cols or frame.height == 0:
        return False
    flags = frame.select([pl.col(c).str.contains(HETU_PREFILTER).any().alias(c) for c in cols]).row(0)
    for c, flagged in zip(cols, flags):
        if not flagged:
            continue
        candidates = frame.filter(pl.col(c).str.contains(HETU_PREFILTER))[c].unique()
        if any(contains_hetu(v, today) for v in candidates):
            return True
    return False

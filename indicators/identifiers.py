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

Text is scanned as a reader sees it (`normalise`): Unicode NFKC (full-width digits and dashes
become ASCII ones) and without invisible characters (zero-width space and joiners, soft hyphen,
word joiner, byte-order mark, direction marks), which would otherwise split a code unseen.

A code glued to letters (`P010190-123M`, `ID010190-123Mx`) is found with `glued=True`, where
only digits around the code break it. That mode is for the upload's id and name columns (the
contract's text columns, `identifier_columns`): an id or a name is short and never legitimately
holds six digits, a century sign and four more characters, so the letters around the code only
hide it. Everywhere else (file names, unknown columns, every part of a workbook) the boundary
stays: long free text has words glued to numbers ("tilaus240315A0012B") that are not codes, and
the bounded pattern already finds every code a reader would see as one there.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import polars as pl

# Century signs of spec 5.1. Dashes that word processors and Excel's autocorrect put in place
# of '-' (hyphen, non-breaking hyphen, figure/en/em dash, minus sign) count as '-' too.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
            "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
for _d in _DASHES:
    _CENTURY[_d] = 1900
CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"

# Characters a reader does not see, removed before the scan: soft hyphen, combining grapheme
# joiner, Arabic letter mark, Hangul and Mongolian fillers, zero-width space/joiners, direction
# marks and isolates, word joiner and invisible operators, byte-order mark.
INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068"
    "\u2069\u3164\ufeff\uffa0"
)
_INVISIBLE_TABLE = {ord(c): None for c in INVISIBLE}

_SHAPE = (
    r"([0-3][0-9])([01][0-9])([0-9]{2})"
    r"([-+A-FU-Ya-fu-y" + _DASHES + r"])"
    r"[0-9]{3}"
    r"[0-9A-FHJ-NPR-Ya-fhj-npr-y]"
)
# Case-insensitive on purpose: a code typed in lower case is still personal data.
_HETU_RE = re.compile(r"(?<![0-9A-Za-z])" + _SHAPE + r"(?![0-9A-Za-z])")
# Glued to letters (ids and names only, see the module's docstring): only digits break it.
_GLUED_RE = re.compile(r"(?<![0-9])" + _SHAPE + r"(?![0-9])")

_LONG_TEXT = 4096
_PIECE = 1 << 20

# The longest text a code can span, its boundaries included: a scanner that reads text in
# pieces keeps this many characters of the previous piece (see `HetuScanner`).
OVERLAP = 16


def normalise(text: str) -> str:
    """The text as a reader sees it: NFKC, without invisible characters."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE_TABLE)


def _plausible(day: str, month: str, yy: str, sign: str, today: dt.date) -> bool:
    year = _CENTURY[sign.upper()] + int(yy)
    try:
        born = dt.date(year, int(month), int(day))
    except ValueError:
        return False
    return born <= today


def contains_hetu(text: str, today: dt.date | None = None, glued: bool = False) -> bool:
    """True when `text` contains something shaped like a henkilötunnus with a plausible date.

    Scans the whole text (a file decoded as one string, a header, a file name), normalised
    first. `glued`: also a code glued to letters (for ids and names). Returns only a boolean:
    callers must never see, print or store what matched.
    """
    today = today or dt.date.today()
    if len(text) > _PIECE:  # in pieces: one regular expression over a huge text takes gigabytes
        scanner = HetuScanner(today, glued)
        for at in range(0, len(text), _PIECE):
            if scanner.feed(text[at:at + _PIECE]):
                return True
        return False
    return _contains(normalise(text), today, glued)


def _contains(text: str, today: dt.date, glued: bool) -> bool:
    """contains_hetu of a normalised text of at most a piece and a tail."""
    prefilter = GLUED_PREFILTER if glued else HETU_PREFILTER
    if len(text) > _LONG_TEXT and not pl.select(pl.lit(text).str.contains(prefilter)).item():
        return False  # polars' regex engine rules out most long texts many times faster
    pattern = _GLUED_RE if glued else _HETU_RE
    for m in pattern.finditer(text):
        if _plausible(m.group(1), m.group(2), m.group(3), m.group(4), today):
            return True
    return False


class HetuScanner:
    """Scans text that arrives in pieces (a workbook part as it is inflated): each piece is
    normalised and scanned with the end of the previous one, so a code split between two
    pieces is found too. `found` says whether any code was seen."""

    def __init__(self, today: dt.date | None = None, glued: bool = False):
        self.today = today or dt.date.today()
        self.glued = glued
        self.found = False
        self._tail = ""

    def feed(self, text: str) -> bool:
        if self.found or not text:
            return self.found
        text = self._tail + normalise(text)
        self.found = _contains(text, self.today, self.glued)
        self._tail = text[-OVERLAP:]
        return self.found

    def end(self) -> bool:
        """A piece boundary that no code may span (the end of one text, before another)."""
        self._tail = ""
        return self.found


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


# The same shapes for polars' (Rust) regex engine, which has no look-around: the boundary
# characters are matched instead. Used as a fast, vectorised pre-filter over cells; each hit
# is confirmed by `contains_hetu` (date plausibility) in Python.
_PREFILTER_SHAPE = (
    r"[0-3][0-9][01][0-9]{3}[-+A-FU-Ya-fu-y" + _DASHES + r"]"
    r"[0-9]{3}[0-9A-FHJ-NPR-Ya-fhj-npr-y]"
)
HETU_PREFILTER = r"(?:^|[^0-9A-Za-z])" + _PREFILTER_SHAPE + r"(?:[^0-9A-Za-z]|$)"
GLUED_PREFILTER = r"(?:^|[^0-9])" + _PREFILTER_SHAPE + r"(?:[^0-9]|$)"


def normalise_expr(expr: pl.Expr) -> pl.Expr:
    """`normalise` as a polars expression."""
    return expr.str.normalize("NFKC").str.replace_all("[" + INVISIBLE + "]", "")


def frame_contains_hetu(
    frame: pl.DataFrame, today: dt.date | None = None, glued: tuple[str, ...] = (),
) -> bool:
    """True when any string cell of `frame` contains a henkilötunnus (see `contains_hetu`),
    in the columns named in `glued` also one glued to letters. Cells are normalised first
    (only in columns that hold anything but ASCII: the rest are their own normal form)."""
    cols = [c for c, t in frame.schema.items() if t == pl.String]
    if not cols or frame.height == 0:
        return False
    prefilter = {c: GLUED_PREFILTER if c in glued else HETU_PREFILTER for c in cols}
    first = frame.select(
        [pl.col(c).str.contains(prefilter[c]).any().alias(c) for c in cols]
        + [(pl.col(c).str.len_chars() != pl.col(c).str.len_bytes()).any().alias("wide__" + c) for c in cols]
    ).row(0, named=True)
    wide = [c for c in cols if first["wide__" + c]]
    exprs = {c: normalise_expr(pl.col(c)) if c in wide else pl.col(c) for c in cols}
    flags = dict.fromkeys(cols, False) | {c: first[c] for c in cols if c not in wide}
    if wide:  # the columns with other than ASCII text again, normalised
        flags |= frame.select([exprs[c].str.contains(prefilter[c]).any().alias(c) for c in wide]).row(0, named=True)
    for c in cols:
        if not flags[c]:
            continue
        values = frame.select(exprs[c].alias(c))
        candidates = values.filter(pl.col(c).str.contains(prefilter[c]))[c].unique()
        if any(contains_hetu(v, today, glued=c in glued) for v in candidates):
            return True
    return False

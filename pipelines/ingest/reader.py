"""From an upload's bytes to a frame of strings with canonical column names (spec section 1).

Steps: recognise the format (CSV text, XLSX, or neither), decode (a UTF-32 or UTF-16 byte-order
mark, else strict UTF-8 with or without BOM, else Windows-1252, else ISO-8859-1), detect the
delimiter from the header line, read every cell as a string with polars, look for
henkilötunnus in every cell (in the whole text when the read was incomplete; in all bytes of a
binary file; in every part of an XLSX, see xlsx_scan) and in the file name, then trim cells,
drop blank lines, match headers to the contract (folded names and Finnish aliases), and look
for a henkilötunnus glued to letters in the id and name columns.

Work is bounded before anything expensive: an XLSX is scanned within the inflation bounds of
zip_members and its sheets' extent checked (xml_text) before a spreadsheet reader opens it; a
CSV header with more than MAX_COLUMNS columns is refused before polars reads it (polars would
allocate per column); rows are read up to the limit only. Compressed and encrypted files
(gzip, bzip2, xz, 7z, rar, zstd, OLE2 containers such as an encrypted XLSX or an .xls, a zip
that is not a workbook) cannot be scanned: they are refused and never kept.
Anything that makes the file unusable raises `FileRefused` with a rule id from
indicators.messages; the caller decides what to log. Nothing here echoes cell contents.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import polars as pl

from indicators.contract import CONTRACT, MAX_ROWS, Kind, fold_header, header_lookup
from indicators.identifiers import contains_hetu, frame_contains_hetu
from pipelines.ingest.xlsx_scan import CONTAINER_MAGIC, scan_zip
from pipelines.ingest.xml_text import MAX_COLUMNS
from pipelines.ingest.zip_members import Unscannable

MAX_BYTES = 1 << 30  # 1 GiB: far above 1,000,000 rows of any template
ROW_OFFSET = 2  # data row i (0-based) is spreadsheet row i + 2: the header is row 1

# Bytes allowed in a text file besides the printable ones: tab, LF, CR. Others (NUL, other
# C0 controls) mean the file is not text.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))
_NON_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


@dataclass
class FileProblem:
    rule_id: str
    column: str | None = None
    row_number: int | None = None


class FileRefused(Exception):
    """The file is refused whole. `problems` say why. `hetu`: it held a henkilötunnus, so
    nothing but the refusal may be logged; `store`: whether its bytes may be kept (False for
    a file that could not be scanned for henkilötunnus)."""

    def __init__(self, problems: list[FileProblem], hetu: bool = False, store: bool | None = None):
        super().__init__(", ".join(p.rule_id for p in problems))
        self.problems = problems
        self.hetu = hetu
        self.store = (not hetu) if store is None else store


@dataclass
class Decoded:
    payload: bytes | None  # the CSV as UTF-8 bytes for polars (None for XLSX)
    fmt: str  # "csv" | "xlsx"
    encoding: str
    header_line: str = ""  # the first line, for delimiter detection

    def text(self) -> str:
        """The whole decoded text (made on demand: it is as big as the file)."""
        return "" if self.payload is None else self.payload.decode("utf-8")


@dataclass
class RawTable:
    kind: Kind
    frame: pl.DataFrame  # canonical column names present in the file (strings) + "_row"
    rows_read: int
    warnings: list[FileProblem] = field(default_factory=list)
    header_columns: dict[str, str] = field(default_factory=dict)  # canonical -> header as written


def _refuse(rule_id: str, column: str | None = None, hetu: bool = False) -> FileRefused:
    return FileRefused([FileProblem(rule_id, column, 1 if column else None)], hetu=hetu)


def check_name(file_name: str) -> None:
    """A file name that looks like it holds a henkilötunnus refuses the file."""
    if contains_hetu(file_name):
        raise _refuse("file.henkilotunnus", hetu=True)


def _bytes_have_hetu(data: bytes) -> bool:
    """Scan bytes of unknown encoding: as Latin-1 (any ASCII-compatible encoding), and with NUL
    bytes removed (UTF-16 text without a BOM)."""
    if contains_hetu(data.decode("latin-1")):
        return True
    return b"\x00" in data and contains_hetu(data.replace(b"\x00", b"").decode("latin-1"))


def _blank(data: bytes) -> bool:
    """`not data.strip()` without copying the file: isspace stops at the first other byte."""
    return not data or data.isspace()


def is_utf8(data: bytes) -> bool:
    """Strict UTF-8 (as Python's decoder: no overlong forms, surrogates or truncated
    sequences). Checked by polars' validator instead of `data.decode`, which would build a
    string as big as the file only to throw it away: ≈ 0.1 s less for 1M participants."""
    if data.isascii():
        return True
    try:
        pl.Series([data], dtype=pl.Binary).cast(pl.String, strict=True)
    except pl.exceptions.PolarsError:
        return False
    return True


def decode(data: bytes) -> Decoded:
    """Recognise the format and decode; refuses empty and binary files.

    Binary files and XLSX are scanned for henkilötunnus here (all bytes, all sheets); CSV text
    is scanned cell by cell once read (`read_strings`), or as a whole when it cannot be read
    completely."""
    if _blank(data):
        raise _refuse("file.empty")
    if data[:4] == b"PK\x03\x04":
        return _xlsx(data)
    if data.startswith(CONTAINER_MAGIC):
        raise FileRefused([FileProblem("file.unscannable")], store=False)
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                          (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        # Excel's "Unicode text" is UTF-16 with a BOM: decode it rather than call it binary.
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                break
            return _text(text.lstrip("\ufeff"), None, encoding)
    n_control = len(data.translate(None, _NON_CONTROL))  # what is left are control bytes
    if n_control:
        # Binary, or text with stray control bytes. Scan it all the same before refusing:
        # a refused file with an identity code must not be stored either.
        if _bytes_have_hetu(data):
            raise _refuse("file.henkilotunnus", hetu=True)
        raise _refuse("file.binary")
    if not is_utf8(data):
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:  # five bytes cp1252 leaves undefined
            text = data.decode("latin-1")
            encoding = "iso-8859-1"
        return _text(text, None, encoding)
    if data.startswith(b"\xef\xbb\xbf"):
        return _text(None, data[3:], "utf-8-sig")
    return _text(None, data, "utf-8")


def _xlsx(data: bytes) -> Decoded:
    """A zip: scanned whole (xlsx_scan) before anything reads it as a workbook."""
    try:
        scan = scan_zip(data, MAX_ROWS + 1)
    except Unscannable as unscannable:
        raise FileRefused([FileProblem(unscannable.rule_id)], store=False) from None
    if scan.hetu:
        raise _refuse("file.henkilotunnus", hetu=True)
    if scan.limit is not None:
        raise _refuse(scan.limit)
    return Decoded(None, "xlsx", "xlsx")


def _text(text: str | None, payload: bytes | None, encoding: str) -> Decoded:
    """From decoded text (or valid UTF-8 bytes) to the UTF-8 payload polars reads."""
    if payload is None:
        assert text is not None
        payload = text.encode("utf-8")
    if b"\n" not in payload and b"\r" in payload:  # classic Mac line ends
        payload = payload.replace(b"\r", b"\n")
    if _blank(payload):
        raise _refuse("file.empty")
    end = payload.find(b"\n")
    header_line = (payload if end < 0 else payload[:end]).decode("utf-8", errors="replace")
    return Decoded(payload, "csv", encoding, header_line)


def detect_delimiter(header_line: str) -> str:
    """`;`, `,` or tab: whichever occurs most in the header line outside quotes."""
    line = re.sub(r'"[^"]*"', "", header_line)
    counts = {sep: line.count(sep) for sep in (";", "\t", ",")}
    best = max(counts.values())
    if best == 0:
        return ","
    return next(sep for sep in (";", "\t", ",") if counts[sep] == best)


def header_width(header_line: str, sep: str) -> int:
    """The header's number of columns: delimiters outside quotes, plus one."""
    return re.sub(r'"[^"]*"', "", header_line).count(sep) + 1


@dataclass
class Strings:
    """The file as read: every cell a string, the header as written, file-level warnings."""

    frame: pl.DataFrame  # columns column_0..; the first row is the header
    warnings: list[FileProblem]


def _scan_text(decoded: Decoded) -> None:
    if contains_hetu(decoded.text()):
        raise _refuse("file.henkilotunnus", hetu=True)


def _read_csv(decoded: Decoded) -> Strings:
    assert decoded.payload is not None
    sep = detect_delimiter(decoded.header_line)
    if header_width(decoded.header_line, sep) > MAX_COLUMNS:
        # polars allocates per column (≈ 12 KB each): refuse before it reads anything.
        _scan_text(decoded)
        raise _refuse("file.too_many_columns")
    warnings: list[FileProblem] = []
    kwargs = dict(
        has_header=False, separator=sep, infer_schema=False, quote_char='"',
        n_rows=MAX_ROWS + 2, raise_if_empty=False,
    )
    complete = True
    try:
        frame = pl.read_csv(io.BytesIO(decoded.payload), **kwargs)
    except pl.exceptions.ComputeError:
        complete = False
        try:
            frame = pl.read_csv(io.BytesIO(decoded.payload), truncate_ragged_lines=True, **kwargs)
        except Exception:
            _scan_text(decoded)
            raise _refuse("file.unreadable") from None
        warnings.append(FileProblem("file.ragged_rows"))
    except Exception:
        # The library's message may quote the file's contents: never pass it on.
        _scan_text(decoded)
        raise _refuse("file.unreadable") from None
    if frame.height > MAX_ROWS + 1:
        complete = False  # rows past the limit were not read
    if complete:
        if frame_contains_hetu(frame):
            raise _refuse("file.henkilotunnus", hetu=True)
    else:
        # Some cells were dropped or never read: scan everything the file holds.
        _scan_text(decoded)
    return Strings(frame, warnings)


def _read_xlsx(data: bytes) -> Strings:
    """The first sheet, every cell as a string. Excel stores dates as numbers with a date
    format, which the reader renders as `2025-03-31 00:00:00`: that becomes `2025-03-31`.
    Every part was scanned for henkilötunnus and the sheets' extent bounded (`_xlsx`) first."""
    try:
        import fastexcel  # noqa: F401
    except ImportError:
        raise _refuse("file.xlsx_unsupported") from None
    try:
        frame = pl.read_excel(
            io.BytesIO(data), sheet_id=1, has_header=False, infer_schema_length=0,
            raise_if_empty=False,
        )
    except Exception:
        raise _refuse("file.unreadable") from None
    frame = frame.select(
        pl.all().cast(pl.String).str.replace(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", "${1}")
    )
    return Strings(frame, [])


def read_strings(data: bytes, decoded: Decoded) -> Strings:
    """Read every cell as a string; refuses unreadable files and files with a henkilötunnus
    in any cell. Nothing is parsed yet: the caller stores the bytes after this succeeds."""
    strings = _read_xlsx(data) if decoded.fmt == "xlsx" else _read_csv(decoded)
    if strings.frame.height == 0 or strings.frame.width == 0:
        raise _refuse("file.no_header")
    return strings


def to_table(strings: Strings, kind_name: str | None) -> RawTable:
    """Trim cells, drop blank lines, match headers to the contract; refuses a file that
    misses a required column, repeats a column or is too long, or holds a henkilötunnus glued
    to letters in an id or name column (indicators.identifiers)."""
    frame, warnings = strings.frame, list(strings.warnings)
    if frame.height > MAX_ROWS + 1:
        raise _refuse("file.too_many_rows")
    names = frame.columns
    header = ["" if v is None else str(v) for v in frame.row(0)]
    if not any(h.strip() for h in header):
        raise _refuse("file.no_header")
    data_frame = (
        frame.slice(1)
        .with_row_index("_row", offset=ROW_OFFSET)
        .with_columns([pl.col(n).str.strip_chars().replace("", None).alias(n) for n in names])
    )
    data_frame = data_frame.filter(~pl.all_horizontal([pl.col(n).is_null() for n in names]))
    kind = resolve_kind(header, kind_name)
    if kind.refuses_emails and _has_email(data_frame.select(names)):
        # Every column, unknown ones too: a contact person's address is personal data at rest
        # once the bytes are kept, so the file is refused whole and never kept (FUN-07).
        raise FileRefused([FileProblem("file.email_address")], store=False)
    lookup = header_lookup(kind)
    chosen: dict[str, str] = {}  # canonical -> polars column
    written: dict[str, str] = {}
    for n, h in zip(names, header):
        folded = fold_header(h)
        if not folded:
            if data_frame.select(pl.col(n).is_not_null().any()).item():
                warnings.append(FileProblem("file.unknown_column", "", 1))
            continue
        canonical = lookup.get(folded)
        if canonical is None:
            warnings.append(FileProblem("file.unknown_column", h.strip(), 1))
            continue
        if canonical in chosen:
            raise _refuse("file.duplicate_column", canonical)
        chosen[canonical] = n
        written[canonical] = h.strip()
    missing = [c for c in kind.required_columns if c not in chosen]
    if missing:
        raise FileRefused([FileProblem("file.missing_column", c, 1) for c in missing])
    out = data_frame.select(
        [pl.col("_row").cast(pl.Int64)] + [pl.col(n).alias(c) for c, n in chosen.items()]
    )
    named = tuple(c for c in kind.identifier_columns if c in chosen)
    if frame_contains_hetu(out.select(named), glued=named):
        raise _refuse("file.henkilotunnus", hetu=True)
    if out.height > MAX_ROWS:
        raise _refuse("file.too_many_rows")
    if out.height == 0:
        warnings.append(FileProblem("file.no_data_rows"))
    return RawTable(kind=kind, frame=out, rows_read=out.height, warnings=warnings,
                    header_columns=written)


# seed-work.md FUN-07 / SUR-01: an e-mail address anywhere in a cell (case-insensitive).
EMAIL_PATTERN = r"(?i)[^@\s]+@[^@\s]+\.[a-z]{2,}"


def _has_email(frame: pl.DataFrame) -> bool:
    if frame.width == 0 or frame.height == 0:
        return False
    return frame.select(
        pl.any_horizontal([pl.col(n).str.contains(EMAIL_PATTERN).fill_null(False) for n in frame.columns]).any()
    ).item()


def resolve_kind(header: list[str], kind_name: str | None) -> Kind:
    """The kind given, or the one whose required columns the header satisfies best."""
    if kind_name is not None:
        if kind_name not in CONTRACT:
            raise _refuse("file.unknown_kind_name")
        return CONTRACT[kind_name]
    folded = {fold_header(h) for h in header}
    candidates = []
    for kind in CONTRACT.values():
        lookup = header_lookup(kind)
        matched = {lookup[f] for f in folded if f in lookup}
        missing = [c for c in kind.required_columns if c not in matched]
        candidates.append((len(missing), -len(matched), kind.name, missing))
    candidates.sort()
    best = candidates[0]
    complete = [c for c in candidates if c[0] == 0]
    if len(complete) == 1:
        return CONTRACT[complete[0][2]]
    if len(complete) > 1 and complete[0][1] < complete[1][1]:
        return CONTRACT[complete[0][2]]
    problems = [FileProblem("file.unknown_kind")]
    # Point at the closest kind's missing columns when the header is clearly meant as it.
    kind = CONTRACT[best[2]]
    if not complete and best[0] <= len(kind.required_columns) // 2:
        problems += [FileProblem("file.missing_column", c, 1) for c in best[3]]
    raise FileRefused(problems)

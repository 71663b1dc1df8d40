"""The import report in the uploader's words: each problem row named by the record's own id
(the participant's, the organisation's business ID ...) and each column by its header as the
file wrote it (aloituspvm in a Finnish file, entry_date in an English one).

The ledger keeps the problems by the contract's canonical column names (rule ids and columns
are the report's stable interface); these words are taken from the file itself: while it is
ingested (`words_of`), or later from its stored bytes (`words_from_bytes`, the upload history).
Pure functions but for reading the bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from indicators.contract import CONTRACT, Kind, fold_header
from pipelines.ingest.reader import FileRefused, RawTable, decode, read_strings, to_table

MAX_ID_CHARS = 80


@dataclass(frozen=True)
class ReportWords:
    """What the file calls things: its headers and, for the rows with problems, each record's id."""

    columns: dict[str, str] = field(default_factory=dict)  # canonical -> header as written
    ids: dict[int, str] = field(default_factory=dict)  # row number (as a spreadsheet shows it) -> id
    finnish: bool = False  # the headers are the contract's Finnish aliases


def id_columns(kind: Kind) -> tuple[str, ...]:
    """The columns that name a record to its uploader: its key without the project (a
    participant is P001 within its project); the project's own code for projects. A key part
    that defaults to the project (a referral's opportunity_project_code) is left out too: a
    referral is its opportunity and organisation to the one who uploaded it."""
    rest = tuple(
        c for c in kind.key if c != "project_code" and kind.column(c).default_from != "project_code"
    )
    return rest or kind.key


def headers_are_finnish(kind: Kind, columns: dict[str, str]) -> bool:
    """True when more of the file's headers are Finnish aliases than canonical names."""
    finnish = sum(
        1 for name, written in columns.items()
        if fold_header(written) == fold_header(kind.column(name).alias_fi) != fold_header(name)
    )
    english = sum(1 for name, written in columns.items() if fold_header(written) == fold_header(name))
    return finnish > english


def record_ids(frame: pl.DataFrame, kind: Kind, row_numbers: set[int]) -> dict[int, str]:
    """Row number -> the record's id as written (parts joined with /), for the given rows."""
    present = [c for c in id_columns(kind) if c in frame.columns]
    if not present or not row_numbers:
        return {}
    rows = frame.filter(pl.col("_row").is_in(sorted(row_numbers))).select(
        "_row", pl.concat_str([pl.col(c).fill_null("") for c in present], separator="/").alias("id")
    )
    return {
        int(r): text[:MAX_ID_CHARS]
        for r, text in rows.iter_rows()
        if text and text.strip("/")
    }


def words_of(table: RawTable, problems: pl.DataFrame) -> ReportWords:
    """The words for a report's problems, from the file as read."""
    numbers = {int(n) for n in problems["row_number"].drop_nulls().to_list()}
    return ReportWords(
        columns=dict(table.header_columns),
        ids=record_ids(table.frame, table.kind, numbers),
        finnish=headers_are_finnish(table.kind, table.header_columns),
    )


def words_from_bytes(data: bytes, kind_name: str | None, problems: pl.DataFrame) -> ReportWords | None:
    """The words of a stored upload, read again from its bytes; None if they cannot be read."""
    if kind_name not in CONTRACT:
        return None
    try:
        table = to_table(read_strings(data, decode(data)), kind_name)
    except FileRefused:
        return None
    return words_of(table, problems)


def column_words(kind_name: str | None, column: str | None, words: ReportWords | None) -> str | None:
    """A problem's column as the uploader knows it: the header as written; a column the file
    did not have, in the file's language (the Finnish alias or the canonical name)."""
    if not column:
        return column
    if "+" in column:  # a key of several columns (duplicate key): each part in the file's words
        return "+".join(column_words(kind_name, part, words) or part for part in column.split("+"))
    if words is not None and column in words.columns:
        return words.columns[column]
    kind = CONTRACT.get(kind_name or "")
    if kind is None or column not in kind.column_names:
        return column  # not a contract column (a file-level name)
    return kind.column(column).alias_fi if words is not None and words.finnish else column


def record_words(row_number: int | None, words: ReportWords | None) -> str | None:
    """The record's id on a problem's row, as the file wrote it."""
    if row_number is None or words is None:
        return None
    return words.ids.get(int(row_number))

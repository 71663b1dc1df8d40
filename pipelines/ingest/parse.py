"""Strings to contract types, vectorised (one polars expression per column, no row loops).

Every cell arrives as a trimmed string or null. A cell that is filled but cannot be read as its
type becomes null in the typed frame and a `<kind>.<column>.format` problem. Code columns keep
an unrecognised value as written, so that the pandera schema reports it as `.code`.
"""

from __future__ import annotations

import polars as pl

from indicators.contract import Column, Kind, fold_header

# Spec 1: booleans and "declined", folded like headers (kyllä -> kylla).
_YES = ("yes", "true", "1", "kylla", "k", "ja")
_NO = ("no", "false", "0", "ei", "e", "nej")
_DECLINED = ("declined", "ei_halua_vastata", "vill_inte_svara")

BOOL_MAP: dict[str, bool] = {**{v: True for v in _YES}, **{v: False for v in _NO}}
YND_MAP: dict[str, str] = {
    **{v: "yes" for v in _YES}, **{v: "no" for v in _NO}, **{v: "declined" for v in _DECLINED},
}

POLARS_TYPES: dict[str, pl.DataType] = {
    "text": pl.String,
    "code": pl.String,
    "date": pl.Date,
    "integer": pl.Int64,
    "decimal": pl.Float64,
    "yes_no": pl.Boolean,
    "yes_no_declined": pl.String,
    "business_id": pl.String,
}

_SPACES = r"[\s\u00a0\u202f]"


def fold_expr(expr: pl.Expr) -> pl.Expr:
    """contract.fold_header as a polars expression (values are already trimmed)."""
    return (
        expr.str.normalize("NFC")
        .str.to_lowercase()
        .str.replace_all("[äå]", "a")
        .str.replace_all("ö", "o")
        .str.replace_all("[ -]", "_")
    )


ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
FINNISH_DATE = r"^\d{1,2}\.\d{1,2}\.\d{4}$"


def _date(src: pl.Expr) -> pl.Expr:
    iso = src.str.contains(ISO_DATE)
    fin = src.str.contains(FINNISH_DATE)
    return (
        pl.when(iso).then(src.str.to_date("%Y-%m-%d", strict=False))
        .when(fin).then(src.str.to_date("%d.%m.%Y", strict=False))
        .otherwise(None)
    )


def date_shaped(src: pl.Series) -> pl.Series:
    """Cells written in an accepted date format (31.2.2026 is; 31/2/2026 is not)."""
    return src.str.contains(ISO_DATE) | src.str.contains(FINNISH_DATE)


def _integer(src: pl.Expr) -> pl.Expr:
    s = src.str.replace_all(_SPACES, "")
    ok = s.str.contains(r"^[+-]?\d{1,18}([.,]0*)?$")
    return pl.when(ok).then(s.str.replace(r"[.,]0*$", "").cast(pl.Int64, strict=False)).otherwise(None)


def _decimal(src: pl.Expr) -> pl.Expr:
    s = src.str.replace_all(_SPACES, "").str.replace(",", ".", literal=True)
    ok = s.str.contains(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
    return pl.when(ok).then(s.cast(pl.Float64, strict=False)).otherwise(None)


def _code(src: pl.Expr, col: Column) -> pl.Expr:
    """Codes and their aliases; in a column with the code `no` (or `yes`) the boolean words
    for it too (spec 1, codes yes/no: `ei` -> `no`)."""
    mapping = {word: code for code, words in (("no", _NO), ("yes", _YES)) if code in col.codes for word in words}
    mapping.update({fold_header(code): code for code in col.codes})
    mapping.update({fold_header(alias): code for alias, code in col.code_aliases.items()})
    return fold_expr(src).replace_strict(mapping, default=src, return_dtype=pl.String)


def parse_expr(col: Column, src: pl.Expr) -> pl.Expr:
    """The typed value of one column; null where the cell is empty or unreadable."""
    t = col.type
    if t == "date":
        out = _date(src)
    elif t == "integer":
        out = _integer(src)
    elif t == "decimal":
        out = _decimal(src)
    elif t == "yes_no":
        out = fold_expr(src).replace_strict(BOOL_MAP, default=None, return_dtype=pl.Boolean)
    elif t == "yes_no_declined":
        out = fold_expr(src).replace_strict(YND_MAP, default=None, return_dtype=pl.String)
    elif t == "code":
        out = _code(src, col)
    else:  # text, business_id
        out = src
    if col.default is not None:
        default = parse_default(col)
        out = pl.when(src.is_null()).then(pl.lit(default, POLARS_TYPES[t])).otherwise(out)
    return out.cast(POLARS_TYPES[t]).alias(col.name)


def parse_default(col: Column):
    if col.type == "yes_no":
        return BOOL_MAP[fold_header(col.default or "")]
    return col.default


def _mapped_expr(col: Column, src: pl.Expr, distinct: pl.Series | None, height: int) -> pl.Expr:
    """The typed value of one column given its distinct filled values. Non-text columns
    repeat few distinct values (codes, dates, ages), so those are parsed once and mapped back:
    same result, a fraction of the work."""
    if col.type in ("text", "business_id"):
        return src.alias(col.name)
    if distinct.len() > height // 4:
        return parse_expr(col, src)
    parsed = distinct.to_frame("v").select(parse_expr(col, pl.col("v"))).to_series()
    out = src.replace_strict(distinct, parsed, default=None, return_dtype=POLARS_TYPES[col.type])
    if col.default is not None:
        # Only empty cells take the default: an unreadable one stays null (a `.format` problem).
        out = pl.when(src.is_null()).then(pl.lit(parse_default(col), POLARS_TYPES[col.type])).otherwise(out)
    return out.alias(col.name)


def _parse_columns(raw: pl.DataFrame, cols: list[Column]) -> pl.DataFrame:
    """The typed columns `cols` of `raw`. Both passes over the rows (the distinct values, then
    the typed columns) are one `select` each, so that polars works on several columns at once
    (1M participants: 0.55 s -> 0.36 s on two cores)."""
    few = [c.name for c in cols if c.type not in ("text", "business_id")]
    distinct = raw.select([pl.col(n).drop_nulls().unique().implode() for n in few]) if few else None
    exprs = [
        _mapped_expr(c, pl.col(c.name), distinct[c.name][0] if c.name in few else None, raw.height)
        for c in cols
    ]
    return raw.select(exprs)


def parse_series(values: pl.Series, col: Column) -> pl.Series:
    """Parse one column (null where a cell is empty or unreadable)."""
    return _parse_columns(values.alias(col.name).to_frame(), [col]).to_series()


FORMAT_FAILURES = {"index": pl.Int64, "column": pl.String, "check": pl.String}


def _derived_default(col: Column) -> pl.Expr:
    """The value an empty cell of `col` takes from its row: the `default_from` column's,
    through `default_map` when the column has one (an unmapped value gives no default)."""
    source = pl.col(col.default_from)
    if not col.default_map:
        return source
    return source.replace_strict(col.default_map, default=None, return_dtype=pl.String)


def parse_frame(raw: pl.DataFrame, kind: Kind) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(typed frame with every contract column + "_row", format failures as (index, column,
    check)): check `format` for a cell not written as its type, `no_such_date` for a date
    written as one that is not in the calendar (31.2.2026).

    `raw` has "_row" and the contract columns the file had, as strings.
    """
    present = [c for c in kind.columns if c.name in raw.columns]
    parsed = _parse_columns(raw, present)
    columns = [raw["_row"]]
    failures = []
    for col in kind.columns:
        if col.name not in raw.columns:
            value = parse_default(col) if col.default is not None else None
            columns.append(pl.repeat(value, raw.height, dtype=POLARS_TYPES[col.type], eager=True).alias(col.name))
            continue
        src = raw[col.name]
        typed = parsed[col.name]
        columns.append(typed)
        if col.type not in ("text", "code", "business_id"):
            unread = src.is_not_null() & typed.is_null()
            idx = unread.arg_true()
            if idx.len():
                check = pl.Series(["format"] * idx.len(), dtype=pl.String)
                if col.type == "date":
                    shaped = date_shaped(src.gather(idx))
                    check = pl.select(pl.when(shaped).then(pl.lit("no_such_date")).otherwise(check)).to_series()
                failures.append(pl.DataFrame(
                    {"index": idx.cast(pl.Int64), "column": [col.name] * idx.len(), "check": check},
                    schema=FORMAT_FAILURES,
                ))
    typed_frame = pl.DataFrame(columns)
    derived = [c for c in kind.columns if c.default_from is not None]
    if derived:
        typed_frame = typed_frame.with_columns(
            [pl.col(c.name).fill_null(_derived_default(c)) for c in derived]
        )
    if failures:
        return typed_frame, pl.concat(failures)
    return typed_frame, pl.DataFrame(schema=FORMAT_FAILURES)

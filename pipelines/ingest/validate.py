"""Row validation: parse, pandera schema, cross rules; one frame of problems out.

A problem is (row_number, column_name, value, rule_id, severity, message_fi, message_en).
`value` is the cell as written, except for sensitive columns (never echoed).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from indicators.messages import all_rules
from pipelines.ingest.parse import parse_frame
from pipelines.ingest.reader import FileProblem, RawTable
from pipelines.ingest.rules import Context, cross_failures, too_long_failures

PROBLEM_SCHEMA: dict[str, pl.DataType] = {
    "row_number": pl.Int64,
    "column_name": pl.String,
    "value": pl.String,
    "rule_id": pl.String,
    "severity": pl.String,
    "message_fi": pl.String,
    "message_en": pl.String,
}
MAX_VALUE_CHARS = 200


@dataclass
class Validated:
    typed: pl.DataFrame  # every row read, typed, with "_row"
    accepted: pl.DataFrame  # rows without errors
    problems: pl.DataFrame  # PROBLEM_SCHEMA
    rejected: int


@lru_cache(maxsize=1)
def rules_frame() -> pl.DataFrame:
    rules = all_rules()
    return pl.DataFrame(
        {
            "rule_id": list(rules),
            "severity": [r.severity for r in rules.values()],
            "message_fi": [r.fi for r in rules.values()],
            "message_en": [r.en for r in rules.values()],
        }
    )


def with_messages(found: pl.DataFrame) -> pl.DataFrame:
    """(row_number, column_name, value, rule_id) + severity and messages from the registry."""
    out = found.join(rules_frame(), on="rule_id", how="left", maintain_order="left")
    if out.filter(pl.col("severity").is_null()).height:
        missing = out.filter(pl.col("severity").is_null())["rule_id"].unique().to_list()
        raise KeyError(f"rule ids without messages: {missing}")
    return out.select(list(PROBLEM_SCHEMA)).cast(PROBLEM_SCHEMA)


def file_problems(problems: list[FileProblem]) -> pl.DataFrame:
    found = pl.DataFrame(
        {
            "row_number": [p.row_number for p in problems],
            "column_name": [p.column for p in problems],
            "value": [None] * len(problems),
            "rule_id": [p.rule_id for p in problems],
        },
        schema={"row_number": pl.Int64, "column_name": pl.String, "value": pl.String, "rule_id": pl.String},
    )
    return with_messages(found)


def _values(found: pl.DataFrame, raw: pl.DataFrame, table: RawTable) -> pl.DataFrame:
    """Attach the offending cell's text to each (index, column, rule_id)."""
    kind = table.kind
    sensitive = {c.name for c in kind.columns if c.sensitive}
    parts = []
    for (column,), group in found.group_by("column", maintain_order=True):
        if column in raw.columns and column not in sensitive:
            values = raw[column].gather(group["index"])
        elif column == "+".join(kind.key):
            values = raw.select(
                pl.concat_str([pl.col(c) for c in kind.key if c in raw.columns], separator="/")
            ).to_series().gather(group["index"])
        else:
            values = pl.repeat(None, group.height, dtype=pl.String, eager=True)
        parts.append(group.with_columns(value=values.cast(pl.String).str.slice(0, MAX_VALUE_CHARS)))
    if not parts:
        return found.with_columns(value=pl.lit(None, pl.String))
    return pl.concat(parts)


def validate(table: RawTable, ctx: Context) -> Validated:
    # pandera (≈ 0.1 s to import) only here: withdraw, the upload history, templates and the
    # import report use this module without validating rows.
    from pipelines.ingest.schemas import failures

    kind, raw = table.kind, table.frame
    typed, format_failures = parse_frame(raw, kind)
    schema_failures = failures(kind, typed)
    # A filled but unreadable required cell is reported once, as `.format`, not also `.required`.
    schema_failures = schema_failures.join(format_failures, on=["index", "column"], how="anti")
    found = pl.concat(
        [
            format_failures.select(
                "index", "column",
                rule_id=pl.lit(kind.name + ".") + pl.col("column") + pl.lit(".") + pl.col("check"),
            ),
            schema_failures,
            cross_failures(kind, typed, raw, ctx),
            too_long_failures(kind, raw, ctx.max_cell_chars),
        ]
    )
    found = _values(found, raw, table)
    rows = typed["_row"]
    found = found.with_columns(row_number=rows.gather(found["index"]), column_name=pl.col("column"))
    problems = with_messages(found.sort("index", maintain_order=True))
    error_idx = found.join(
        rules_frame().filter(pl.col("severity") == "error").select("rule_id"), on="rule_id"
    )["index"].unique()
    is_rejected = pl.int_range(0, typed.height, eager=True).cast(pl.Int64).is_in(error_idx.implode())
    accepted = typed.filter(~is_rejected)
    if table.warnings:
        problems = pl.concat([file_problems(table.warnings), problems])
    return Validated(typed=typed, accepted=accepted, problems=problems, rejected=typed.height - accepted.height)

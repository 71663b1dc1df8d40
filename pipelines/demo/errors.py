"""Deliberate mistakes in the demo files, each one that the contract rejects row by row.

Realistic slips (a leaving flag without a leaving date, a date typed as 2025/03/31, an unknown
gender code, age 150, a missing unemployment duration, a participant_id entered twice, a
business ID with a wrong check digit, attendee counts that exceed the total, a satisfaction
of 6, a call's deadline before its opening, a funded referral without its decision date), never anything that refuses a whole file and never a personal identity code. Each is
recorded with the file, the row as a spreadsheet shows it (header = row 1), the column and a
rule name, so tests can check that the pipeline rejects exactly these rows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import polars as pl

from pipelines.demo.random_draws import ROW, Rng


@dataclass(frozen=True)
class InjectedError:
    file: str
    kind: str
    row: int  # as a spreadsheet shows it: the header is row 1, the first record row 2
    column: str  # canonical column name
    rule: str
    value: str  # what the cell now holds
    note: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Mistake:
    rule: str
    column: str
    eligible: pl.Expr  # on the typed frame: rows where this mistake makes sense
    value: pl.Expr  # on the typed frame: the text to put into the cell
    note: str


def mistakes(kind: str, finnish: bool) -> dict[str, Mistake]:
    """The mistakes available for a kind of file; values follow the file's dialect."""
    yes = "kyllä" if finnish else "yes"
    always = pl.lit(True)
    if kind == "participants":
        return {m.rule: m for m in (
            Mistake("exit_column_without_exit_date", "exit_employed", pl.col("exit_date").is_null(),
                    pl.lit(yes), "exit_employed filled although the person has not left (no exit_date)"),
            Mistake("invalid_date", "entry_date", always, pl.col("entry_date").dt.strftime("%Y/%m/%d"),
                    "entry_date typed as YYYY/MM/DD, which is neither ISO nor Finnish"),
            Mistake("unknown_code", "gender", always, pl.lit("nais" if finnish else "female"),
                    "gender is not one of the codes or their Finnish aliases"),
            Mistake("out_of_range", "age_at_entry", always, pl.lit("150"), "age_at_entry above 120"),
            Mistake("required_if_unemployed", "unemployment_months",
                    pl.col("labour_market_status") == "unemployed", pl.lit(None, dtype=pl.String),
                    "unemployment_months left empty for an unemployed person"),
        )}
    if kind == "entities":
        wrong = pl.format(
            "{}{}", pl.col("business_id").str.slice(0, 8),
            ((pl.col("business_id").str.slice(8, 1).cast(pl.Int64) + 1) % 10).cast(pl.String),
        )
        return {"business_id_check_digit": Mistake(
            "business_id_check_digit", "business_id", always, wrong, "Y-tunnus with a wrong check digit",
        )}
    if kind == "activities":
        parts = pl.col("attendees_men") + pl.col("attendees_non_binary")
        return {"attendees_parts_exceed_total": Mistake(
            "attendees_parts_exceed_total", "attendees_women",
            # Only events nobody gave feedback on, so that no feedback row depends on a rejected one.
            pl.col("attendees_women").is_not_null() & (pl.col("feedback_respondents") == 0),
            (pl.col("attendees_total") - parts + 2).cast(pl.String),
            "attendees_women + attendees_men + attendees_non_binary exceeds attendees_total",
        )}
    if kind == "feedback":
        return {"out_of_range": Mistake(
            "out_of_range", "satisfaction", always, pl.lit("6"), "satisfaction above 5",
        )}
    if kind == "funding_opportunities":
        return {"deadline_before_opening": Mistake(
            "deadline_before_opening", "deadline_date",
            # Only calls nobody was referred to, so that no referral depends on a rejected one.
            pl.col("deadline_date").is_not_null() & pl.col("opening_date").is_not_null() & ~pl.col("_referred"),
            (pl.col("opening_date") - pl.duration(days=7)).dt.strftime("%-d.%-m.%Y" if finnish else "%Y-%m-%d"),
            "deadline_date typed a week before opening_date",
        )}
    if kind == "funding_referrals":
        return {"decision_date_missing": Mistake(
            "decision_date_missing", "decision_date", pl.col("status") == "funded",
            pl.lit(None, dtype=pl.String), "decision_date left empty on a funded referral (FUN-01)",
        )}
    raise ValueError(kind)


def inject(
    typed: pl.DataFrame,
    text: pl.DataFrame,
    *,
    kind: str,
    file: str,
    headers: dict[str, str],
    plan: dict[str, int],
    finnish: bool,
    seed: int,
) -> tuple[pl.DataFrame, list[InjectedError]]:
    """Put `plan[rule]` mistakes of each rule into distinct rows of `text` (the file as written).

    `typed` is the same rows before formatting (for eligibility and values); `headers` maps
    canonical names to the file's headers. The rule `duplicate_key` copies a participant_id
    onto another row of the same file: both rows are then rejected.
    """
    available = mistakes(kind, finnish)
    rng = Rng(seed, f"errors-{file}")
    # One random order of the rows; each rule takes the first eligible rows not yet taken.
    flags = typed.select(
        pl.int_range(0, pl.len(), dtype=pl.UInt64).alias(ROW),
        *(
            available[rule].eligible.fill_null(False).alias(f"_ok_{rule}")
            for rule in plan if rule in available
        ),
    )
    order = rng.draw(flags, "pick").sort(rng.u("pick"))
    taken: set[int] = set()
    errors: list[InjectedError] = []
    columns: dict[str, pl.Series] = {}  # canonical name -> the file's column being edited

    def column(name: str) -> pl.Series:
        if name not in columns:
            columns[name] = text.get_column(headers[name]).clone()
        return columns[name]

    def pick(count: int, flag: str) -> list[int]:
        candidates = order.filter(pl.col(flag)).get_column(ROW).head(count + len(taken)).to_list()
        rows = [r for r in candidates if r not in taken]
        return sorted(rows[:count])

    for rule, count in plan.items():
        if rule == "duplicate_key":
            # Pair random rows of the same project (the key is project_code + participant_id).
            projects = typed.get_column("project_code")
            waiting: dict[str, int] = {}
            pairs: list[tuple[int, int]] = []
            for row in order.get_column(ROW).to_list():
                if len(pairs) == count:
                    break
                if row in taken:
                    continue
                first = waiting.pop(projects[row], None)
                if first is None:
                    waiting[projects[row]] = row
                else:
                    pairs.append((min(first, row), max(first, row)))
            taken.update(r for pair in pairs for r in pair)
            ids = typed.get_column("participant_id")
            if pairs:
                column("participant_id").scatter([b for _, b in pairs], [ids[a] for a, _ in pairs])
            for first, second in pairs:
                for row, other in ((first, second), (second, first)):
                    errors.append(InjectedError(
                        file, kind, row + 2, "participant_id", rule, ids[first],
                        f"the same participant_id as row {other + 2} of this file: both rows are rejected",
                    ))
            continue
        mistake = available[rule]
        rows = pick(count, f"_ok_{rule}")
        taken.update(rows)
        if not rows:
            continue
        # with_columns, not select: a literal alone would select one row, not one per row.
        values = typed[rows].with_columns(mistake.value.alias("_v")).get_column("_v")
        column(mistake.column).scatter(rows, values)
        errors.extend(
            InjectedError(file, kind, row + 2, mistake.column, rule, "" if v is None else v, mistake.note)
            for row, v in zip(rows, values.to_list())
        )
    text = text.with_columns(columns[c].alias(headers[c]) for c in columns)
    return text, sorted(errors, key=lambda e: (e.row, e.rule))

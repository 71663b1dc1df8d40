"""Rules pandera cannot express: across columns, across rows (duplicate keys) and against the
ledger's current state (known projects and activities) or the indicator catalogue. The funding
kinds' rules are in funding_rules.py.

Each rule is a polars boolean expression over the typed frame, true where the row breaks the
rule; all of them are evaluated in one `select`. Columns named `filled__<column>` say whether
the cell was filled in the file (a cell that was filled but unreadable is null in the typed
frame, and must not also count as "empty").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from indicators.contract import ALWAYS_UPSKILLING, Kind, PROJECTS

FILLED = "filled__"
NOTE_MAX_CHARS = 500  # project_figures.note (seed-work.md 3.3 d)


@dataclass(frozen=True)
class Context:
    """What rows are checked against besides themselves."""

    today: dt.date
    project_codes: pl.Series  # current projects in the ledger (String)
    activities: pl.DataFrame  # current activities: project_code, activity_id, start_date
    indicator_codes: tuple[str, ...]
    # The projects whose records the uploader may write (a project manager's own); None: any.
    permitted_projects: frozenset[str] | None = None
    max_cell_chars: int = 500  # a longer cell is `<kind>.<column>.too_long` (Settings)
    # funding_referrals only: the current entities of the projects the file names, and the
    # current opportunities the file names (both without withdrawn records).
    entities: pl.DataFrame | None = None
    opportunities: pl.DataFrame | None = None


@dataclass(frozen=True)
class CrossRule:
    rule_id: str
    column: str
    broken: pl.Expr  # true where the row breaks the rule (null counts as false)


def _filled(col: str) -> pl.Expr:
    return pl.col(FILLED + col)


def _participants(ctx: Context) -> list[CrossRule]:
    k = "participants"
    exit_cols = ("exit_job_searching", "exit_in_education", "exit_qualification", "exit_employed")
    followups = ("followup_employed", "followup_improved")
    has_exit = _filled("exit_date")
    status = pl.col("labour_market_status")
    exit_d, entry, fu = pl.col("exit_date"), pl.col("entry_date"), pl.col("followup_date")
    rules = [
        CrossRule(f"{k}.{c}.required_with_exit_date", c, pl.col("exit_date").is_not_null() & ~_filled(c))
        for c in exit_cols
    ]
    rules += [
        CrossRule(f"{k}.{c}.without_exit_date", c, ~has_exit & _filled(c))
        for c in exit_cols + ("followup_date",) + followups
    ]
    rules += [
        CrossRule(f"{k}.{c}.without_followup_date", c, ~_filled("followup_date") & _filled(c))
        for c in followups
    ]
    rules += [
        CrossRule(
            f"{k}.followup_improved.not_employed_at_entry", "followup_improved",
            _filled("followup_improved") & status.is_in(["unemployed", "inactive"]),
        ),
        CrossRule(
            f"{k}.unemployment_months.required_if_unemployed", "unemployment_months",
            (status == "unemployed") & ~_filled("unemployment_months"),
        ),
        CrossRule(
            f"{k}.unemployment_months.only_if_unemployed", "unemployment_months",
            status.is_in(["inactive", "employed"]) & _filled("unemployment_months"),
        ),
        CrossRule(f"{k}.entry_date.future", "entry_date", entry > pl.lit(ctx.today)),
        CrossRule(f"{k}.exit_date.future", "exit_date", exit_d > pl.lit(ctx.today)),
        CrossRule(f"{k}.exit_date.before_entry", "exit_date", exit_d < entry),
        CrossRule(f"{k}.followup_date.before_exit", "followup_date", fu < exit_d),
        CrossRule(
            f"{k}.followup_date.outside_window", "followup_date",
            (fu >= exit_d)
            & ((fu < exit_d.dt.offset_by("5mo")) | (fu > exit_d.dt.offset_by("7mo"))),
        ),
        CrossRule(
            f"{k}.age_at_entry.unusual", "age_at_entry",
            pl.col("age_at_entry").is_between(0, 120)
            & ((pl.col("age_at_entry") < 15) | (pl.col("age_at_entry") > 90)),
        ),
        CrossRule(f"{k}.education_isced.missing", "education_isced", ~_filled("education_isced")),
    ]
    return rules


def _known_project(kind: str, ctx: Context) -> CrossRule:
    code = pl.col("project_code")
    return CrossRule(
        f"{kind}.project_code.unknown_project", "project_code",
        code.is_not_null() & ~code.is_in(ctx.project_codes.implode()),
    )


def _permitted(kind: Kind, ctx: Context) -> list[CrossRule]:
    """Rows of projects the uploader may not write: rejected, the rest handled as usual. For
    targets: only targets of the uploader's own projects (not of objectives or the programme)."""
    if ctx.permitted_projects is None:
        return []
    allowed = list(ctx.permitted_projects)
    if kind.name == "targets":
        scope, code = pl.col("scope_type"), pl.col("scope_code")
        return [CrossRule("targets.scope_code.not_permitted", "scope_code",
                          scope.is_not_null() & ((scope != "project") | ~code.is_in(allowed)))]
    code = pl.col("project_code")
    return [CrossRule(f"{kind.name}.project_code.not_permitted", "project_code",
                      code.is_not_null() & ~code.is_in(allowed))]


def rules_for(kind: Kind, ctx: Context) -> list[CrossRule]:
    return _permitted(kind, ctx) + _rules_of(kind, ctx)


def _rules_of(kind: Kind, ctx: Context) -> list[CrossRule]:
    k = kind.name
    if k == "projects":
        objective, priority = pl.col("specific_objective"), pl.col("priority")
        return [
            CrossRule(f"{k}.end_date.before_start", "end_date", pl.col("end_date") < pl.col("start_date")),
            CrossRule(
                f"{k}.priority.not_of_objective", "priority",
                objective.str.contains(PROJECTS.column("specific_objective").pattern)
                & priority.str.contains(PROJECTS.column("priority").pattern)
                & (priority != objective.str.split(".").list.first()),
            ),
        ]
    if k == "participants":
        return [_known_project(k, ctx)] + _participants(ctx)
    if k == "entities":
        return [
            _known_project(k, ctx),
            CrossRule(
                f"{k}.size_class.required_if_enterprise", "size_class",
                (pl.col("organisation_type") == "enterprise") & ~_filled("size_class"),
            ),
            CrossRule(
                f"{k}.employees_partial_work_ability.exceeds_employees",
                "employees_partial_work_ability",
                pl.col("employees_partial_work_ability") > pl.col("employees"),
            ),
        ]
    if k == "activities":
        parts = pl.sum_horizontal(
            pl.col("attendees_women").fill_null(0),
            pl.col("attendees_men").fill_null(0),
            pl.col("attendees_non_binary").fill_null(0),
        )
        return [
            _known_project(k, ctx),
            CrossRule(f"{k}.end_date.before_start", "end_date", pl.col("end_date") < pl.col("start_date")),
            CrossRule(f"{k}.attendees_total.parts_exceed_total", "attendees_total", parts > pl.col("attendees_total")),
            # seed-work.md 6: the types SE09 counts are always upskilling (a given value
            # overrides the default on the other types only)
            CrossRule(
                f"{k}.pact_category.not_upskilling", "pact_category",
                pl.col("activity_type").is_in(ALWAYS_UPSKILLING) & (pl.col("pact_category") != "upskilling"),
            ),
        ]
    if k == "project_figures":
        return [
            _known_project(k, ctx),
            # the spec's own limit, whatever IMPACT_MAX_CELL_CHARS allows
            CrossRule(f"{k}.note.over_500_characters", "note", pl.col("note").str.len_chars() > NOTE_MAX_CHARS),
        ]
    if k == "feedback":
        return [
            _known_project(k, ctx),
            CrossRule(
                f"{k}.activity_id.unknown_activity", "activity_id",
                pl.col("project_code").is_not_null() & pl.col("activity_id").is_not_null()
                & pl.col("activity_start__").is_null(),
            ),
            CrossRule(
                f"{k}.response_date.before_activity", "response_date",
                pl.col("response_date") < pl.col("activity_start__"),
            ),
        ]
    if k in ("funding_opportunities", "funding_referrals"):
        # Imported here: funding_rules builds on this module's Context and CrossRule.
        from pipelines.ingest import funding_rules

        own = funding_rules.opportunity_rules if k == "funding_opportunities" else funding_rules.referral_rules
        return [_known_project(k, ctx)] + own(ctx)
    if k == "targets":
        scope, code = pl.col("scope_type"), pl.col("scope_code")
        project_pattern = PROJECTS.column("project_code").pattern
        so_pattern = PROJECTS.column("specific_objective").pattern
        shape_ok = (
            pl.when(scope == "programme").then(code == "-")
            .when(scope == "specific_objective").then(code.str.contains(so_pattern))
            .when(scope == "project").then(code.str.contains(project_pattern))
            .otherwise(True)
        )
        return [
            CrossRule(
                f"{k}.indicator_code.unknown", "indicator_code",
                pl.col("indicator_code").is_not_null()
                & ~pl.col("indicator_code").is_in(list(ctx.indicator_codes)),
            ),
            CrossRule(f"{k}.scope_code.format", "scope_code", ~shape_ok),
            CrossRule(
                f"{k}.scope_code.unknown_project", "scope_code",
                (scope == "project") & shape_ok & ~code.is_in(ctx.project_codes.implode()),
            ),
        ]
    return []


def prepare(kind: Kind, typed: pl.DataFrame, raw: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    """The typed frame plus what the rules read: filled__ flags and looked-up activity starts."""
    flags = [
        (pl.col(c.name).is_not_null() if c.name in raw.columns else pl.lit(False)).alias(FILLED + c.name)
        for c in kind.columns
    ]
    frame = pl.concat([typed, raw.select(flags)], how="horizontal")
    if kind.name == "feedback":
        acts = ctx.activities.select(
            "project_code", "activity_id", pl.col("start_date").alias("activity_start__")
        ).unique(subset=["project_code", "activity_id"])
        frame = frame.join(acts, on=["project_code", "activity_id"], how="left", maintain_order="left")
    if kind.name == "funding_referrals":
        from pipelines.ingest import funding_rules

        frame = funding_rules.prepare(frame, ctx)
    return frame


def too_long_failures(kind: Kind, raw: pl.DataFrame, limit: int) -> pl.DataFrame:
    """(index, column, rule_id) of every cell longer than `limit` characters, in any column:
    the cell as written, before it is read as its type."""
    cols = [c.name for c in kind.columns if c.name in raw.columns]
    empty = pl.DataFrame(schema={"index": pl.Int64, "column": pl.String, "rule_id": pl.String})
    if not cols:
        return empty
    # A cell has at least as many bytes as characters: only columns with a cell of more than
    # `limit` bytes are counted in characters (≈ 15 times slower).
    long = raw.select([(pl.col(c).str.len_bytes() > limit).any().alias(c) for c in cols]).row(0, named=True)
    cols = [c for c in cols if long[c]]
    masks = raw.select([(pl.col(c).str.len_chars() > limit).fill_null(False).alias(c) for c in cols])
    parts = [
        masks.select(pl.arg_where(pl.col(c)).cast(pl.Int64).alias("index"))
        .with_columns(column=pl.lit(c), rule_id=pl.lit(f"{kind.name}.{c}.too_long"))
        for c in cols if masks[c].any()
    ]
    return pl.concat(parts) if parts else empty


def cross_failures(kind: Kind, typed: pl.DataFrame, raw: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    """(index, column, rule_id) of every broken cross rule and duplicate key."""
    frame = prepare(kind, typed, raw, ctx)
    rules = rules_for(kind, ctx)
    key_cols = [pl.col(c) for c in kind.key]
    dup = pl.all_horizontal([c.is_not_null() for c in key_cols]) & pl.struct(key_cols).is_duplicated()
    masks = frame.select(
        [r.broken.fill_null(False).alias(str(i)) for i, r in enumerate(rules)] + [dup.alias("dup")]
    )
    parts = []
    for i, r in enumerate(rules):
        idx = masks.select(pl.arg_where(pl.col(str(i))).cast(pl.Int64).alias("index"))
        if idx.height:
            parts.append(idx.with_columns(column=pl.lit(r.column), rule_id=pl.lit(r.rule_id)))
    idx = masks.select(pl.arg_where(pl.col("dup")).cast(pl.Int64).alias("index"))
    if idx.height:
        parts.append(
            idx.with_columns(column=pl.lit("+".join(kind.key)), rule_id=pl.lit(f"{kind.name}.key.duplicate"))
        )
    if not parts:
        return pl.DataFrame(schema={"index": pl.Int64, "column": pl.String, "rule_id": pl.String})
    return pl.concat(parts)

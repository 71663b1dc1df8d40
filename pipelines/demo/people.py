"""Demo projects and participants as typed polars frames in the contract's canonical columns.

Vectorised: every attribute is drawn for all rows at once (see demo_data_random), so a million
participants take about a second. Yes/no columns hold the canonical texts `yes`, `no`,
`declined`; dates are polars Dates; dialects are applied only when the files are written.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from indicators.contract import PARTICIPANTS, PROJECTS
from pipelines.demo.random_draws import ROW, Rng, drop_helpers, weighted
from pipelines.demo.vocabulary import MAINLAND, PROJECTS as DEMO_PROJECTS, REGION_FACTS, y_tunnus

# Participants enter from two weeks after the project starts; a project needs a month of
# history before `today` to have any.
ENTRY_LEAD_DAYS = 14
MIN_HISTORY_DAYS = 30


def yes_no(flag: pl.Expr) -> pl.Expr:
    return pl.when(flag).then(pl.lit("yes")).otherwise(pl.lit("no"))


def build_projects() -> pl.DataFrame:
    rows = []
    for p in DEMO_PROJECTS:
        lead_id = y_tunnus(p.lead_base)
        assert lead_id is not None, p.code
        rows.append({
            "project_code": p.code, "project_name": p.name, "lead_organisation": p.lead,
            "lead_business_id": lead_id, "specific_objective": p.specific_objective,
            "priority": p.priority, "category_of_region": p.category, "region_code": p.region,
            "start_date": p.start, "end_date": p.end, "budget_eur": p.budget_eur, "withdrawn": None,
        })
    return pl.DataFrame(rows).select(PROJECTS.column_names)


def project_table(today: date) -> pl.DataFrame:
    """The projects with the facts the other tables draw on; `_p` is the project's position."""
    return pl.DataFrame({
        "_p": list(range(len(DEMO_PROJECTS))),
        "project_code": [p.code for p in DEMO_PROJECTS],
        "_start": [p.start for p in DEMO_PROJECTS],
        "_end": [p.end for p in DEMO_PROJECTS],
        "_last": [min(p.end, today) for p in DEMO_PROJECTS],  # last day anything can happen
        "_region": [p.region for p in DEMO_PROJECTS],
        "_coordination": [p.coordination for p in DEMO_PROJECTS],
        "_weight": [p.weight for p in DEMO_PROJECTS],
    })


def active_projects(today: date) -> list[int]:
    """Positions of the projects with enough history before `today` to have records."""
    return [i for i, p in enumerate(DEMO_PROJECTS)
            if p.start + timedelta(days=MIN_HISTORY_DAYS) <= today]


def choose_project(rng: Rng, stream: str, weights: dict[int, float]) -> pl.Expr:
    options = [(i, w) for i, w in weights.items() if w > 0]
    if not options:
        raise ValueError("no demo project has started before `today`; use a later date")
    return weighted(rng.u(stream), options, pl.Int64)


def rural_rate(region: pl.Expr) -> pl.Expr:
    return region.replace_strict(
        list(REGION_FACTS), [f[2] for f in REGION_FACTS.values()], return_dtype=pl.Float64,
    )


def random_mainland_region(rng: Rng, stream: str) -> pl.Expr:
    return rng.choice(stream, [(r, 1.0) for r in MAINLAND], pl.String)


_STREAMS = (
    "gender", "age_band", "age", "status", "months", "isced", "disability", "minority", "pwa",
    "tcn", "foreign", "homeless", "rural", "moved", "region", "stay", "exit_employed",
    "exit_search", "exit_education", "exit_qualification", "followup", "followup_delay",
    "followup_employed", "followup_improved",
)


def build_participants(n: int, seed: int, today: date) -> pl.DataFrame:
    rng = Rng(seed, "participants")
    active = active_projects(today)
    weights = {i: DEMO_PROJECTS[i].weight for i in active}
    projects = project_table(today)
    # Each project's own employment effect, so that outcome rates differ between projects.
    uplift = {p.code: 0.10 * rng.scalar(f"uplift-{p.code}") - 0.04 for p in DEMO_PROJECTS}

    if n == 0:
        return pl.DataFrame(schema=_participant_schema())
    # Project and entry date first, then sort on those few columns and renumber the rows:
    # sorting the finished frame (two dozen text columns) would cost more than building it.
    df = rng.draw(pl.DataFrame({ROW: pl.int_range(0, n, eager=True, dtype=pl.UInt64)}), "project", "entry")
    df = df.with_columns(_p=choose_project(rng, "project", weights)).join(projects, on="_p", how="left")
    first = pl.col("_start") + pl.duration(days=ENTRY_LEAD_DAYS)
    # Intake grows as a project gets going: more entries late than early.
    span = (pl.col("_last") - first).dt.total_days()
    df = df.select(
        "_p", ROW,
        entry_date=first + pl.duration(days=(rng.u("entry").pow(0.8) * (span + 1)).floor().cast(pl.Int64)),
    ).sort("_p", "entry_date", ROW).drop(ROW).join(projects, on="_p", how="left", maintain_order="left")
    width = max(6, len(str(n)))
    df = df.with_row_index(ROW).with_columns(
        pl.col(ROW).cast(pl.UInt64),
        participant_id=pl.format("P-{}", (pl.int_range(1, pl.len() + 1)).cast(pl.String).str.zfill(width)),
    )
    df = rng.draw(df, *_STREAMS)

    band = rng.choice("age_band", [(0, 2), (1, 31), (2, 42), (3, 25)], pl.Int64)
    df = df.with_columns(_band=band).with_columns(
        age_at_entry=pl.when(pl.col("_band") == 0).then(rng.integers("age", 16, 17))
        .when(pl.col("_band") == 1).then(rng.integers("age", 18, 29))
        .when(pl.col("_band") == 2).then(rng.integers("age", 30, 54))
        .otherwise(rng.integers("age", 55, 67)),
        gender=rng.choice("gender", [("woman", 52), ("man", 46), ("non_binary", 2)], pl.String),
        disability=rng.choice("disability", [("yes", 16), ("declined", 4), ("no", 80)], pl.String),
        minority=rng.choice("minority", [("yes", 4), ("declined", 7), ("no", 89)], pl.String),
        third_country_national=yes_no(rng.u("tcn") < 0.07),
        homeless=yes_no(rng.u("homeless") < 0.03),
        region_code=pl.when(rng.u("moved") < 0.10)
        .then(random_mainland_region(rng, "region")).otherwise(pl.col("_region")),
    )
    age = pl.col("age_at_entry")
    p_inactive = pl.when(age < 18).then(0.60).when(age >= 63).then(0.35).otherwise(0.14)
    p_employed = pl.when(age < 18).then(0.02).otherwise(0.12)
    df = df.with_columns(
        labour_market_status=pl.when(rng.u("status") < p_inactive).then(pl.lit("inactive"))
        .when(rng.u("status") < p_inactive + p_employed).then(pl.lit("employed"))
        .otherwise(pl.lit("unemployed")),
        education_isced=rng.choice("isced", [
            (0, 0.5), (1, 2.5), (2, 25), (3, 42), (4, 4), (5, 2.5), (6, 12), (7, 7.5), (8, 1),
            (None, 3),
        ], pl.Int64),
        foreign_background=yes_no((pl.col("third_country_national") == "yes") | (rng.u("foreign") < 0.08)),
        rural_area=yes_no(rng.u("rural") < rural_rate(pl.col("region_code"))),
        # Partial work ability is the national target group: common, more so with a disability.
        partial_work_ability=pl.when(rng.u("pwa") < 0.04).then(pl.lit("declined"))
        .when(rng.u("pwa") < 0.34 + 0.45 * (pl.col("disability") == "yes") + 0.10 * (age >= 55))
        .then(pl.lit("yes")).otherwise(pl.lit("no")),
    )
    # Exponential unemployment spells (mean about 17 months, shorter for the young).
    months = (-(1.0 - rng.u("months")).log() * pl.when(age < 25).then(9.0).otherwise(19.0)).floor()
    df = df.with_columns(
        unemployment_months=pl.when(pl.col("labour_market_status") == "unemployed")
        .then(months.clip(0, 240).cast(pl.Int64)),
        education_isced=pl.when(age < 19).then(pl.col("education_isced").clip(upper_bound=2))
        .otherwise(pl.col("education_isced")),
    )
    df = _exits(df, rng, today, uplift).with_columns(withdrawn=pl.lit(None, dtype=pl.String))
    return drop_helpers(df).select(PARTICIPANTS.column_names)


def _exits(df: pl.DataFrame, rng: Rng, today: date, uplift: dict[str, float]) -> pl.DataFrame:
    """Leaving dates, the situation upon leaving and the six-month follow-up."""
    stay = 90 + (rng.u("stay") * 720).floor().cast(pl.Int64)
    planned = pl.col("entry_date") + pl.duration(days=stay)
    # Everyone has left once the project has closed.
    exited = (planned <= pl.col("_last")) | (pl.col("_end") < pl.lit(today))
    df = df.with_columns(
        exit_date=pl.when(exited).then(pl.min_horizontal(planned, pl.col("_end"))),
    )
    age, isced, status = pl.col("age_at_entry"), pl.col("education_isced"), pl.col("labour_market_status")
    long_term = pl.col("unemployment_months") > pl.when(age < 25).then(6).otherwise(12)
    p_job = (
        pl.when(status == "employed").then(0.72).when(status == "inactive").then(0.10).otherwise(0.22)
        + 0.06 * ((age >= 18) & (age <= 29)) - 0.06 * (age >= 55)
        + 0.07 * (isced >= 5).fill_null(False) - 0.04 * (isced <= 2).fill_null(False)
        - 0.08 * long_term.fill_null(False) - 0.03 * (pl.col("partial_work_ability") == "yes")
        + pl.col("project_code").replace_strict(uplift, return_dtype=pl.Float64)
    ).clip(0.02, 0.95)
    has_exit = pl.col("exit_date").is_not_null()
    employed = rng.u("exit_employed") < p_job
    in_education = rng.u("exit_education") < pl.when(age < 30).then(0.22).otherwise(0.07)

    def on_exit(flag: pl.Expr) -> pl.Expr:
        return pl.when(has_exit).then(yes_no(flag))

    df = df.with_columns(
        exit_employed=on_exit(employed),
        exit_job_searching=on_exit(rng.u("exit_search") < pl.when(employed).then(0.06).otherwise(0.62)),
        exit_in_education=on_exit(in_education),
        exit_qualification=on_exit(rng.u("exit_qualification") < 0.05 + 0.25 * in_education),
    )
    # About half of those who left more than seven months ago were reached six months after
    # leaving (5.4-6.6 months, inside the indicators' 5..7 month window).
    followed = (
        has_exit & (pl.col("exit_date") <= pl.lit(today - timedelta(days=215)))
        & (rng.u("followup") < 0.55)
    )
    delay = 165 + (rng.u("followup_delay") * 35).floor().cast(pl.Int64)
    p_followup_job = pl.when(pl.col("exit_employed") == "yes").then(0.80).otherwise(0.22)
    followup_job = rng.u("followup_employed") < p_followup_job
    return df.with_columns(
        followup_date=pl.when(followed).then(pl.col("exit_date") + pl.duration(days=delay)),
        followup_employed=pl.when(followed).then(yes_no(followup_job)),
        followup_improved=pl.when(followed & (status == "employed"))
        .then(yes_no(rng.u("followup_improved") < 0.38)),
    )


def _participant_schema() -> dict[str, pl.DataType]:
    types = {"date": pl.Date, "integer": pl.Int64}
    return {c.name: types.get(c.type, pl.String) for c in PARTICIPANTS.columns}

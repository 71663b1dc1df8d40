"""Demo targets: project, specific-objective and programme targets for a set of indicators.

A project's target is what its pace so far would reach by its end, times a factor between
0.85 and 1.30, so that dashboards show some projects ahead of target and some behind.
Project targets fall on the first reporting cut-off (30 June or 31 December) on or after the
project's end; specific objectives and the programme have a 2027 milestone and a 2029 target.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from indicators.contract import TARGETS
from pipelines.demo.random_draws import Rng
from pipelines.demo.vocabulary import PROJECTS as DEMO_PROJECTS

MILESTONE, FINAL = date(2027, 12, 31), date(2029, 12, 31)
# Mean scores are not sums: their targets are set directly.
SCORE_TARGETS = {"SE12": 4.2, "SE13": 0.8}

SOCIAL = ["mark", "wise", "self_declared"]
PARTICIPANT_COUNTS = {
    "EECO01": pl.col("participant_id").is_not_null(),
    "EECO02": pl.col("labour_market_status") == "unemployed",
    "EECR04": pl.col("exit_employed") == "yes",
    "SE04": pl.col("partial_work_ability") == "yes",
    "SE05": (pl.col("partial_work_ability") == "yes") & (pl.col("exit_employed") == "yes"),
}
ENTITY_COUNTS = {
    "EECO19": (pl.col("organisation_type") == "enterprise")
    & pl.col("size_class").is_in(["micro", "small", "medium"]),
    "SE01": pl.col("social_enterprise").is_in(SOCIAL),
    "SE02": pl.col("newly_founded") == "yes",
    "SE03": (pl.col("newly_founded") == "yes") & pl.col("social_enterprise").is_in(SOCIAL),
}
ACTIVITY_SUMS = {
    "SE07": (pl.col("activity_type") == "training").cast(pl.Int64),
    "SE11": pl.col("attendees_total"),
}


def _cutoff_on_or_after(day: date) -> date:
    return date(day.year, 6, 30) if day <= date(day.year, 6, 30) else date(day.year, 12, 31)


def _nice(value: pl.Expr) -> pl.Expr:
    """Round a target the way people set them: to 50, 10, 5 or 1 depending on its size."""
    step = pl.when(value >= 1000).then(50).when(value >= 100).then(10).when(value >= 20).then(5).otherwise(1)
    return ((value / step).round() * step).clip(lower_bound=1)


def _counts(frame: pl.DataFrame, rules: dict[str, pl.Expr]) -> pl.DataFrame:
    return frame.group_by("project_code").agg(
        rule.cast(pl.Int64).sum().alias(code) for code, rule in rules.items()
    ).unpivot(index="project_code", variable_name="indicator_code", value_name="actual")


def build_targets(
    participants: pl.DataFrame, entities: pl.DataFrame, activities: pl.DataFrame, seed: int, today: date,
) -> pl.DataFrame:
    rng = Rng(seed, "targets")
    projects = pl.DataFrame({
        "project_code": [p.code for p in DEMO_PROJECTS],
        "specific_objective": [p.specific_objective for p in DEMO_PROJECTS],
        # The share of its lifetime a project has behind it (pace = actual / share).
        "elapsed": [
            min(1.0, max(0.05, (min(today, p.end) - p.start).days / (p.end - p.start).days))
            for p in DEMO_PROJECTS
        ],
        "target_date": [_cutoff_on_or_after(p.end) for p in DEMO_PROJECTS],
        "factor": [0.85 + 0.45 * rng.scalar(f"factor-{p.code}") for p in DEMO_PROJECTS],
    })
    actual = pl.concat([
        _counts(participants, PARTICIPANT_COUNTS),
        _counts(entities, ENTITY_COUNTS),
        _counts(activities, ACTIVITY_SUMS),
    ])
    project = actual.filter(pl.col("actual") > 0).join(projects, on="project_code").with_columns(
        scope_type=pl.lit("project"),
        scope_code=pl.col("project_code"),
        target_value=_nice(pl.col("actual") / pl.col("elapsed") * pl.col("factor")),
    )
    rows = [project.select("scope_type", "scope_code", "indicator_code", "target_date", "target_value")]
    by_so = project.group_by("specific_objective", "indicator_code").agg(pl.col("target_value").sum())
    by_programme = project.group_by("indicator_code").agg(pl.col("target_value").sum())
    for when, share in ((MILESTONE, 0.85), (FINAL, 1.05)):
        rows.append(by_so.select(
            scope_type=pl.lit("specific_objective"), scope_code=pl.col("specific_objective"),
            indicator_code="indicator_code", target_date=pl.lit(when),
            target_value=_nice(pl.col("target_value") * share),
        ))
        rows.append(by_programme.select(
            scope_type=pl.lit("programme"), scope_code=pl.lit("-"), indicator_code="indicator_code",
            target_date=pl.lit(when), target_value=_nice(pl.col("target_value") * share),
        ))
        rows.append(pl.DataFrame({
            "scope_type": "programme", "scope_code": "-", "indicator_code": list(SCORE_TARGETS),
            "target_date": when, "target_value": list(SCORE_TARGETS.values()),
        }))
    # Targets are for totals: gender is not part of a target's key, so one total per key.
    order = {"programme": 0, "specific_objective": 1, "project": 2}
    return pl.concat(rows, how="vertical_relaxed").with_columns(
        target_value=pl.col("target_value").cast(pl.Float64),
        gender=pl.lit("total"),
        withdrawn=pl.lit(None, dtype=pl.String),
    ).sort(
        pl.col("scope_type").replace_strict(order, return_dtype=pl.Int64), "scope_code", "indicator_code",
        "target_date",
    ).select(TARGETS.column_names)

"""Demo activities (events the projects delivered) and the feedback their attendees gave."""

from __future__ import annotations

from datetime import date

import polars as pl

from indicators.contract import ACTIVITIES, FEEDBACK
from pipelines.demo.people import active_projects, choose_project, project_table, random_mainland_region
from pipelines.demo.random_draws import ROW, Rng, drop_helpers
from pipelines.demo.vocabulary import ACTIVITY_PREFIX, PROJECTS as DEMO_PROJECTS, TOPICS

COORDINATION_SHARE = 0.18  # of the activities, delivered by the coordination project
TYPES_REGIONAL = (
    ("training", 30), ("advisory", 16), ("network_event", 10), ("webinar", 16),
    ("peer_learning", 14), ("info_event", 14),
)
TYPES_COORDINATION = (
    ("network_event", 30), ("webinar", 35), ("training", 15), ("info_event", 10), ("peer_learning", 10),
)
# Per type: attendees (lowest, highest) and duration in half hours (lowest, highest).
ATTENDEES = {
    "training": (6, 28), "advisory": (1, 4), "network_event": (15, 110), "webinar": (15, 160),
    "peer_learning": (4, 14), "info_event": (10, 70),
}
HALF_HOURS = {
    "training": (4, 76), "advisory": (2, 12), "network_event": (4, 14), "webinar": (2, 5),
    "peer_learning": (3, 8), "info_event": (2, 6),
}
WITH_FEEDBACK = ("training", "webinar", "peer_learning", "network_event", "info_event")


def _range(u: pl.Expr, kind: pl.Expr, ranges: dict[str, tuple[int, int]]) -> pl.Expr:
    low = kind.replace_strict(list(ranges), [r[0] for r in ranges.values()], return_dtype=pl.Int64)
    high = kind.replace_strict(list(ranges), [r[1] for r in ranges.values()], return_dtype=pl.Int64)
    return low + (u * (high - low + 1)).floor().cast(pl.Int64)


def build_activities(n: int, seed: int, today: date) -> pl.DataFrame:
    """Activities with an internal `_feedback` column: how many attendees answered the survey."""
    rng = Rng(seed, "activities")
    active = active_projects(today)
    weights = {
        i: COORDINATION_SHARE if DEMO_PROJECTS[i].coordination else DEMO_PROJECTS[i].weight
        for i in active
    }
    df = pl.DataFrame({ROW: pl.int_range(0, n, eager=True, dtype=pl.UInt64)})
    df = rng.draw(df, "project", "start")
    df = df.with_columns(_p=choose_project(rng, "project", weights))
    df = df.join(project_table(today), on="_p", how="left")
    df = df.with_columns(
        start_date=rng.date_between("start", pl.col("_start") + pl.duration(days=7), pl.col("_last")),
    ).sort("_p", "start_date", ROW).drop(ROW, "_u_project", "_u_start")
    width = max(4, len(str(n)))
    df = df.with_row_index(ROW).with_columns(
        pl.col(ROW).cast(pl.UInt64),
        activity_id=pl.format(
            "{}-A{}", pl.col("project_code"),
            (pl.int_range(1, pl.len() + 1).over("_p")).cast(pl.String).str.zfill(width),
        ),
    )
    df = rng.draw(
        df, "type", "topic", "days", "multi_day", "hours", "mode", "group", "region", "no_region",
        "attendees", "unknown", "unknown_share", "women", "non_binary", "breakdown", "orgs",
        "feedback", "respondents",
    )
    kind = pl.col("activity_type")
    df = df.with_columns(
        activity_type=pl.when(pl.col("_coordination"))
        .then(rng.choice("type", TYPES_COORDINATION, pl.String))
        .otherwise(rng.choice("type", TYPES_REGIONAL, pl.String)),
    ).with_columns(
        title=pl.format(
            "{}: {}", kind.replace_strict(ACTIVITY_PREFIX, return_dtype=pl.String),
            (rng.u("topic") * len(TOPICS)).floor().cast(pl.Int64)
            .replace_strict(list(range(len(TOPICS))), list(TOPICS), return_dtype=pl.String),
        ),
        # Half of the trainings run over several days (a course), the rest take one day.
        end_date=pl.when((kind == "training") & (rng.u("multi_day") < 0.5))
        .then(pl.min_horizontal(
            pl.col("start_date") + pl.duration(days=1 + (rng.u("days") * 40).floor().cast(pl.Int64)),
            pl.col("_last"),
        )).otherwise(pl.col("start_date")),
        duration_hours=_range(rng.u("hours"), kind, HALF_HOURS) / 2,
        delivery_mode=pl.when(kind == "webinar").then(pl.lit("online")).otherwise(rng.choice(
            "mode", [("in_person", 65), ("online", 15), ("hybrid", 20)], pl.String,
        )),
        target_group=rng.choice("group", [
            ("social_enterprises", 42), ("business_services", 16), ("employment_services", 16),
            ("education", 8), ("public_sector", 10), ("other", 8),
        ], pl.String),
        attendees_total=_range(rng.u("attendees"), kind, ATTENDEES),
    )
    region = pl.when(pl.col("_coordination")).then(random_mainland_region(rng, "region")) \
        .otherwise(pl.col("_region"))
    total = pl.col("attendees_total")
    # A quarter of the events only counted heads; the rest split by gender, some attendees unknown.
    unknown = pl.when(rng.u("unknown") < 0.5).then(0).otherwise(
        (total * rng.u("unknown_share") * 0.12).floor().cast(pl.Int64)
    )
    known = total - unknown
    non_binary = pl.when((known >= 10) & (rng.u("non_binary") < 0.15)).then(1).otherwise(0)
    women = (known * (0.50 + 0.22 * rng.u("women"))).round().cast(pl.Int64) \
        .clip(upper_bound=known - non_binary)
    split = rng.u("breakdown") < 0.75
    df = df.with_columns(
        region_code=pl.when((pl.col("delivery_mode") == "online") & (rng.u("no_region") < 0.5))
        .then(pl.lit(None, dtype=pl.String)).otherwise(region),
        attendees_women=pl.when(split).then(women),
        attendees_men=pl.when(split).then(known - non_binary - women),
        attendees_non_binary=pl.when(split).then(non_binary),
        organisations_represented=(total * (0.3 + 0.6 * rng.u("orgs"))).round().cast(pl.Int64)
        .clip(lower_bound=1),
        withdrawn=pl.lit(None, dtype=pl.String),
        _feedback=pl.when(kind.is_in(WITH_FEEDBACK) & (rng.u("feedback") < 0.7))
        .then((total * (0.2 + 0.4 * rng.u("respondents"))).round().cast(pl.Int64).clip(lower_bound=1))
        .otherwise(0),
    )
    df = drop_helpers(df.rename({"_feedback": "feedback_respondents"}))
    # Optional columns the demo does not draw stay empty (pact_category then defaults from
    # activity_type at ingest, as the contract says).
    empty = [pl.lit(None, dtype=pl.String).alias(c) for c in ACTIVITIES.column_names if c not in df.columns]
    return df.with_columns(empty).select(*ACTIVITIES.column_names, "feedback_respondents")


def build_feedback(activities: pl.DataFrame, seed: int, today: date) -> pl.DataFrame:
    """One row per respondent of the activities' `feedback_respondents` count."""
    rng = Rng(seed, "feedback")
    df = activities.filter(pl.col("feedback_respondents") > 0).select(
        "project_code", "activity_id", "end_date",
        _k=pl.int_ranges(0, pl.col("feedback_respondents")),
    ).explode("_k")
    df = rng.draw(
        df.with_row_index(ROW).with_columns(pl.col(ROW).cast(pl.UInt64)),
        "delay", "satisfaction", "sat_missing", "before", "gain", "comp_missing",
    )
    width = max(6, len(str(df.height)))
    before = rng.choice("before", [(1, 12), (2, 33), (3, 38), (4, 15), (5, 2)], pl.Int64)
    gain = rng.choice("gain", [(-1, 3), (0, 22), (1, 55), (2, 20)], pl.Int64)
    missing = rng.u("comp_missing")
    df = df.with_columns(
        respondent_id=pl.format("R-{}", pl.int_range(1, pl.len() + 1).cast(pl.String).str.zfill(width)),
        response_date=pl.min_horizontal(
            pl.col("end_date") + pl.duration(days=(rng.u("delay") * 10).floor().cast(pl.Int64)),
            pl.lit(today),
        ),
        satisfaction=pl.when(rng.u("sat_missing") >= 0.04).then(rng.choice(
            "satisfaction", [(5, 40), (4, 37), (3, 15), (2, 6), (1, 2)], pl.Int64,
        )),
        # Some forms lack the competence questions; a few respondents skip the second one.
        competence_before=pl.when(missing >= 0.08).then(before),
        competence_after=pl.when(missing >= 0.10).then((before + gain).clip(1, 5)),
        withdrawn=pl.lit(None, dtype=pl.String),
    )
    return drop_helpers(df).select(FEEDBACK.column_names)

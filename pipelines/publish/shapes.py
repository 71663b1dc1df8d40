"""What a viewer may see of the published copy: every table in the viewer's shape.

- Programme-wide roles (admin, coordinator, evaluator) see the published copy as it is.
- A project manager sees its own projects exactly and everything else in the public shape;
  an anonymous visitor of the public view (IMPACT_PUBLIC=1) sees the public shape only.

The public shape of the indicator values is the public export's (disclosure control of
indicators/disclosure/, k = IMPACT_DISCLOSURE_K), at every published cut-off: each cut-off's
suppression is computed once per published version on top of the one before it, as the export
computes it. Other
tables: the daily increments, the reported values and the target achievement only of the
viewer's own projects (their exact values would give everything else away); evaluation rates,
cohorts and competence changes with every number of a group of fewer than k persons emptied,
and in each breakdown a second group with it when only one would be (or it could be worked out
from the total); the data-quality tables and the upload list only of the viewer's own projects.
Funding (seed-work.md 2.4, 2.5): the register of opportunities is public information and shown
whole; the referrals' statuses name organisations and are the viewer's own projects' only; the
funding funnel is exact for the viewer's own projects' rows, and elsewhere empties the groups of
fewer than k organisations (a second group with a lone one, as above) and withholds every euro
amount, as the public export withholds SE23 and SE24 (indicators/exports/tables.py).

`ViewerSnapshot` has the reader's Snapshot interface, so the pages and the API read a viewer's
shape exactly as they read the published copy. The public values are computed once per
published version and cut-off and shared by every restricted viewer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import polars as pl

from pipelines.access.roles import User
from pipelines.publish.reader import Snapshot

LONG_COLUMNS = ["cutoff_date", "scope_type", "scope_code", "indicator_code", "gender", "value", "suppressed"]

OWN_ONLY = ("indicator_increments", "reported_values", "reported_value_decreases", "indicator_achievement")
BY_PROJECT_CODE = ("quality_upload_projects", "quality_upload_problems", "quality_completeness",
                   "funding_referral_statuses")
AS_PUBLISHED = ("funding_register",)  # public information: every viewer sees it whole
# Evaluation marts: (the count of persons behind a row, the row's numbers, the breakdown it belongs to)
SMALL_GROUPS = {
    "eval_outcome_rates": ("n", ["numerator", "n", "rate", "wilson_low", "wilson_high"],
                           ["cutoff_date", "indicator_code", "group_dimension"]),
    "eval_cohorts": ("n", ["participants", "leavers", "followed_up", "numerator", "n", "rate", "wilson_low",
                           "wilson_high", "share_of_participants"], ["cutoff_date", "indicator_code"]),
    "eval_competence_change": ("n", ["n", "mean_change", "sd", "standard_error", "t_critical", "ci_low",
                                     "ci_high"], ["cutoff_date", "scope_type"]),
}
# The funding funnel: organisations, not persons, but public outputs keep k (seed-work.md 2.4).
FUNNEL = "eval_funding_funnel"
FUNNEL_NUMBERS = [
    "organisations_informed", "organisations_applied", "organisations_decided", "organisations_funded",
    "referrals", "applications", "applications_decided", "applications_funded", "applied_rate",
    "applied_wilson_low", "applied_wilson_high", "success_rate", "success_wilson_low", "success_wilson_high",
    "days_to_application_n", "days_to_application_q1", "days_to_application_median",
    "days_to_application_q3", "granted_eur", "granted_organisations",
]
FUNNEL_EUROS = ["granted_eur"]  # withheld from the public shape, as SE23 and SE24


def is_restricted(user: User | None) -> bool:
    return user is None or not user.sees_everything_exactly


def hide_small_groups(frame: pl.DataFrame, n: str, numbers: list[str], breakdown: list[str], k: int) -> pl.DataFrame:
    """Empty the numbers of every row behind fewer than k persons and, where that leaves one
    hidden row in its breakdown, of the smallest other row too."""
    ranked = frame.with_row_index("_row").with_columns(
        (pl.col(n) < k).alias("_small"),
    ).with_columns(
        pl.col("_small").sum().over(breakdown).alias("_hidden"),
        # one list of partition columns (polars 2.1 partitioned `over(list, expr)` by expr alone)
        pl.col(n).rank("ordinal").over([*breakdown, "_small"]).alias("_rank"),
    )
    second = (pl.col("_hidden") == 1) & ~pl.col("_small") & (pl.col("_rank") == 1) & (pl.col(n) > 0)
    hide = pl.col("_small") | second
    return ranked.with_columns(
        [pl.when(hide).then(None).otherwise(pl.col(c)).alias(c) for c in numbers]
    ).sort("_row").drop("_row", "_small", "_hidden", "_rank")


def exact_long(snapshot: Snapshot, cutoff: date) -> pl.DataFrame:
    """The exact long table at any cut-off (values at the date, from the daily increments)."""
    from indicators.exports.tables import build_tables
    from pipelines.exports.run import read_inputs

    def compute() -> pl.DataFrame:
        long = build_tables(read_inputs(snapshot), cutoff).long
        return long.with_columns(pl.lit(False).alias("suppressed")).select(LONG_COLUMNS)

    return snapshot.memo(("exact_long", cutoff), compute)


def public_disclosure(snapshot: Snapshot, cutoff: date, k: int):
    """The public suppression of a cut-off (indicators.exports.tables.public_disclosure), once
    per published version."""
    from indicators.exports.tables import public_disclosure as protect_cutoff
    from pipelines.exports.run import read_inputs

    return snapshot.memo(("public_disclosure", cutoff, k), lambda: protect_cutoff(read_inputs(snapshot), cutoff, k))


def public_long(snapshot: Snapshot, cutoff: date, k: int) -> pl.DataFrame:
    """The long table at a cut-off in the public export's shape (suppressed values are null)."""
    from indicators.exports.tables import build_tables
    from pipelines.exports.run import read_inputs

    return snapshot.memo(("public_long", cutoff, k), lambda: build_tables(
        read_inputs(snapshot), cutoff, public=True, k=k,
        disclosure=public_disclosure(snapshot, cutoff, k)).long.select(LONG_COLUMNS))


def viewer_long(snapshot: Snapshot, cutoff: date, user: User | None, k: int) -> pl.DataFrame:
    """The long table at a cut-off in `user`'s shape: exact, or public with the user's own
    projects exact."""
    exact = exact_long(snapshot, cutoff)
    if not is_restricted(user):
        return exact
    own = (pl.col("scope_type") == "project") & pl.col("scope_code").is_in(list(user.projects if user else ()))
    return pl.concat([public_long(snapshot, cutoff, k).filter(~own), exact.filter(own)]).sort(
        "scope_type", "scope_code", "indicator_code", "gender", maintain_order=True)


def view(snapshot: Snapshot, user: User | None, k: int) -> "Snapshot | ViewerSnapshot":
    """The published version as `user` (None: an anonymous visitor of the public view) may see it."""
    return ViewerSnapshot(snapshot, user, k) if is_restricted(user) else snapshot


def shows_uploads_of(snap, project_code: str) -> bool:
    """Whether a snapshot (the published copy or a viewer's shape of it) holds a project's
    upload coverage (quality_upload_projects): a restricted viewer sees only its own."""
    return not isinstance(snap, ViewerSnapshot) or project_code in snap.projects


class ViewerSnapshot:
    """A published version as one restricted viewer may see it."""

    def __init__(self, snapshot: Snapshot, user: User | None, k: int):
        self.snapshot = snapshot
        self.version, self.path, self.manifest = snapshot.version, snapshot.path, snapshot.manifest
        self.projects = frozenset(user.projects) if user else frozenset()
        self.k = k

    def memo(self, key: object, compute: Callable):
        return self.snapshot.memo((key, "viewer", self.projects), compute)

    def table(self, name: str) -> pl.DataFrame:
        return self.memo(("table", name), lambda: self._shape(name, self.snapshot.table(name)))

    def _own(self, frame: pl.DataFrame) -> pl.Expr:
        return (pl.col("scope_type") == "project") & pl.col("scope_code").is_in(list(self.projects))

    def _shape(self, name: str, frame: pl.DataFrame) -> pl.DataFrame:
        if name == "indicator_values":
            return self._indicator_values(frame)
        if name in OWN_ONLY:
            return frame.filter(self._own(frame))
        if name in BY_PROJECT_CODE:
            return frame.filter(pl.col("project_code").is_in(list(self.projects)))
        if name in AS_PUBLISHED:
            return frame
        if name == "uploads":
            mine = self.snapshot.table("quality_upload_projects").filter(
                pl.col("project_code").is_in(list(self.projects)))["upload_id"]
            return frame.filter(pl.col("upload_id").is_in(mine.implode()))
        if name in SMALL_GROUPS:
            n, numbers, breakdown = SMALL_GROUPS[name]
            return hide_small_groups(frame, n, numbers, breakdown, self.k)
        if name == FUNNEL:
            return self._funding_funnel(frame)
        return frame

    def _funding_funnel(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Own projects' rows exact; the rest without small groups and without euros. The own
        rows are left out of the breakdown while hiding, so that no second group hidden with a
        small one is one the viewer sees."""
        own = (pl.col("group_dimension") == "project") & pl.col("group_value").is_in(list(self.projects))
        others = hide_small_groups(
            frame.filter(~own), "organisations_informed", FUNNEL_NUMBERS,
            ["cutoff_date", "group_dimension"], self.k,
        ).with_columns([pl.lit(None, frame.schema[c]).alias(c) for c in FUNNEL_EUROS])
        return pl.concat([others, frame.filter(own)]).sort(
            "cutoff_date", "group_dimension", "group_value", maintain_order=True)

    def _indicator_values(self, exact: pl.DataFrame) -> pl.DataFrame:
        key = ["cutoff_date", "scope_type", "scope_code", "indicator_code", "gender"]
        cutoffs = sorted(exact["cutoff_date"].unique().to_list())
        public = pl.concat([public_long(self.snapshot, c, self.k).select(*key, pl.col("value").alias("public_value"))
                            for c in cutoffs]) if cutoffs else None
        if public is None:
            return exact
        joined = exact.join(public, on=key, how="left", maintain_order="left")
        return joined.with_columns(
            pl.when(self._own(joined)).then(pl.col("value")).otherwise(pl.col("public_value")).alias("value")
        ).select(exact.columns)

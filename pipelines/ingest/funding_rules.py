"""The cross rules of the funding kinds (docs/seed-work.md section 2.3, rules FUN-01 to FUN-06;
FUN-07, an e-mail address in a cell, refuses the file in reader.py).

`prepare` adds what the rules read from the ledger's current state: the referred organisation
as the same project's `entities` row has it (entities wins over the referral's own columns),
the opportunity the referral names (under opportunity_project_code) and the activity it names.
"""

from __future__ import annotations

import polars as pl

from indicators.contract import ELIGIBILITY_FLAGS, MAX_EUROS
from pipelines.ingest.rules import FILLED, Context, CrossRule

OPP = "funding_opportunities"
REF = "funding_referrals"
# Statuses that imply a submitted application, and those that imply a decision (FUN-01).
APPLIED = ("submitted", "funded", "rejected")
DECIDED = ("funded", "rejected")
OPEN = ("informed", "preparing", "submitted")  # the follow-up is due while one of these (FUN-06)
FOLLOW_UP_MONTHS = 12
GRANT_SANITY_EUR = 10_000_000  # FUN-05: a single organisation's share above this is a typo

ENTITY_COLUMNS = ("organisation_type", "social_enterprise", "region_code")


def _filled(col: str) -> pl.Expr:
    return pl.col(FILLED + col)


def opportunity_rules(ctx: Context) -> list[CrossRule]:
    k = OPP
    return [
        CrossRule(
            f"{k}.deadline_date.before_opening", "deadline_date",
            pl.col("deadline_date") < pl.col("opening_date"),
        ),
        CrossRule(
            f"{k}.grant_max_eur.below_min", "grant_max_eur",
            pl.col("grant_max_eur") < pl.col("grant_min_eur"),
        ),
        CrossRule(
            f"{k}.region_code.required_if_regional", "region_code",
            (pl.col("geographic_scope") == "regional") & ~_filled("region_code"),
        ),
        CrossRule(f"{k}.recorded_date.future", "recorded_date", pl.col("recorded_date") > pl.lit(ctx.today)),
    ]


def referral_rules(ctx: Context) -> list[CrossRule]:
    k = REF
    status = pl.col("status")
    applied, decided = pl.col("application_date"), pl.col("decision_date")
    granted, informed = pl.col("granted_amount_eur"), pl.col("informed_date")
    checked = pl.col("status_checked_date")
    org_type = pl.coalesce(pl.col("entity_organisation_type__"), pl.col("organisation_type"))
    eligible = pl.lit(None, pl.Boolean)
    for org, flag in ELIGIBILITY_FLAGS.items():
        eligible = pl.when(org_type == org).then(pl.col(f"opportunity_{flag}__")).otherwise(eligible)
    follow_up_limit = pl.lit(ctx.today).dt.offset_by(f"-{FOLLOW_UP_MONTHS}mo")
    rules = [
        CrossRule(
            f"{k}.opportunity_id.unknown_opportunity", "opportunity_id",
            pl.col("opportunity_id").is_not_null() & pl.col("opportunity_project_code").is_not_null()
            & ~pl.col("opportunity_found__"),
        ),
        CrossRule(
            f"{k}.activity_id.unknown_activity", "activity_id",
            pl.col("activity_id").is_not_null() & pl.col("project_code").is_not_null()
            & pl.col("activity_start__").is_null(),
        ),
        CrossRule(
            f"{k}.organisation_type.required_unless_in_entities", "organisation_type",
            ~_filled("organisation_type") & ~pl.col("entity_found__"),
        ),
        *[
            CrossRule(
                f"{k}.{c}.differs_from_entities", c,
                pl.col("entity_found__") & pl.col(c).is_not_null()
                & (pl.col(c) != pl.col(f"entity_{c}__")),
            )
            for c in ENTITY_COLUMNS
        ],
        CrossRule(f"{k}.informed_date.future", "informed_date", informed > pl.lit(ctx.today)),
        CrossRule(f"{k}.status_checked_date.future", "status_checked_date", checked > pl.lit(ctx.today)),
        CrossRule(f"{k}.status_checked_date.before_informed", "status_checked_date", checked < informed),
        CrossRule(f"{k}.decision_date.before_application", "decision_date", decided < applied),
        # FUN-01: a status needs the dates it implies; a grant only with funded.
        CrossRule(
            f"{k}.application_date.required_for_status", "application_date",
            status.is_in(APPLIED) & ~_filled("application_date"),
        ),
        CrossRule(
            f"{k}.decision_date.required_for_status", "decision_date",
            status.is_in(DECIDED) & ~_filled("decision_date"),
        ),
        CrossRule(
            f"{k}.granted_amount_eur.required_if_funded", "granted_amount_eur",
            (status == "funded") & ~_filled("granted_amount_eur"),
        ),
        CrossRule(
            f"{k}.granted_amount_eur.only_if_funded", "granted_amount_eur",
            status.is_not_null() & (status != "funded") & _filled("granted_amount_eur"),
        ),
        # FUN-02: applied before being informed (contribution, not attribution).
        CrossRule(f"{k}.application_date.before_informed", "application_date", applied < informed),
        # FUN-03: applied after the call closed.
        CrossRule(
            f"{k}.application_date.after_deadline", "application_date",
            applied > pl.col("opportunity_deadline_date__"),
        ),
        # FUN-04: the organisation's type is marked not eligible for the opportunity.
        CrossRule(f"{k}.organisation_type.not_eligible", "organisation_type", eligible == False),  # noqa: E712
        # FUN-05: more granted than applied for, than the call's maximum, or than any real grant.
        CrossRule(
            f"{k}.granted_amount_eur.unusual", "granted_amount_eur",
            (granted > pl.col("applied_amount_eur"))
            | (granted > pl.col("opportunity_grant_max_eur__"))
            | ((granted > GRANT_SANITY_EUR) & (granted <= MAX_EUROS)),
        ),
        # FUN-06: an open status nobody has checked for twelve months: the follow-up is due.
        CrossRule(
            f"{k}.status_checked_date.follow_up_due", "status_checked_date",
            status.is_in(OPEN) & (checked < follow_up_limit),
        ),
    ]
    return rules


def prepare(frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    """The referrals frame plus the looked-up entity, opportunity and activity columns."""
    entities = ctx.entities.select(
        "project_code", "business_id",
        *[pl.col(c).alias(f"entity_{c}__") for c in ENTITY_COLUMNS],
        pl.lit(True).alias("entity_found__"),
    ).unique(subset=["project_code", "business_id"])
    opportunities = ctx.opportunities.select(
        pl.col("project_code").alias("opportunity_project_code"), "opportunity_id",
        pl.col("deadline_date").alias("opportunity_deadline_date__"),
        pl.col("grant_max_eur").alias("opportunity_grant_max_eur__"),
        *[pl.col(flag).alias(f"opportunity_{flag}__") for flag in ELIGIBILITY_FLAGS.values()],
        pl.lit(True).alias("opportunity_found__"),
    ).unique(subset=["opportunity_project_code", "opportunity_id"])
    activities = ctx.activities.select(
        "project_code", "activity_id", pl.col("start_date").alias("activity_start__"),
    ).unique(subset=["project_code", "activity_id"])
    out = (
        frame.join(entities, on=["project_code", "business_id"], how="left", maintain_order="left")
        .join(opportunities, on=["opportunity_project_code", "opportunity_id"], how="left", maintain_order="left")
        .join(activities, on=["project_code", "activity_id"], how="left", maintain_order="left")
    )
    return out.with_columns(
        pl.col("entity_found__").fill_null(False), pl.col("opportunity_found__").fill_null(False),
    )

"""Delivery status of a half-year (issue #15, item 5): for each active project, its period's
state, whether it was delivered (first submitted, or approved by a coordinator for a project
that delivered by other means) by the deadline, `IMPACT_SUBMISSION_DEADLINE_DAYS` (default 31)
days after the cut-off, and how many uploads stored its records between the half-year's first
day and the deadline (none: the project uploaded nothing in the period). Pure: the facts in,
rows out; pipelines/periods/service.py `delivery` reads the facts, `impact periods status`,
the periods page and the API show them, and `to_csv` writes them."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from indicators.calendar import half_year_start
from indicators.exports.safe_text import neutralise

ON_TIME = "on_time"  # delivered on or before the deadline
LATE = "late"  # delivered after the deadline
OVERDUE = "overdue"  # not delivered, and the deadline has passed
NOT_DUE = "not_due"  # not delivered, the deadline still ahead
TIMELINESS = (ON_TIME, LATE, OVERDUE, NOT_DUE)

COLUMNS = ("cutoff_date", "project_code", "state", "deadline", "delivered_at", "timeliness",
           "uploads_in_period", "changed_at", "changed_by", "reason")


@dataclass(frozen=True)
class Delivery:
    cutoff: date
    project_code: str
    state: str
    deadline: date
    delivered_at: str | None  # ISO time (UTC) of the first submission or approval
    timeliness: str  # one of TIMELINESS
    uploads_in_period: int
    changed_at: str | None = None
    changed_by: str | None = None
    reason: str | None = None

    @property
    def uploaded_nothing(self) -> bool:
        return self.uploads_in_period == 0

    def to_dict(self) -> dict:
        return {
            "cutoff_date": self.cutoff.isoformat(), "project_code": self.project_code, "state": self.state,
            "deadline": self.deadline.isoformat(), "delivered_at": self.delivered_at,
            "timeliness": self.timeliness, "uploads_in_period": self.uploads_in_period,
            "uploaded_nothing": self.uploaded_nothing, "changed_at": self.changed_at,
            "changed_by": self.changed_by, "reason": self.reason,
        }


def deadline(cutoff: date, days: int) -> date:
    """The last day a half-year's period counts as delivered on time."""
    return cutoff + timedelta(days=days)


def _day(at: str | datetime | date) -> date:
    if isinstance(at, datetime):
        return at.date()
    if isinstance(at, date):
        return at
    return datetime.fromisoformat(at).date()


def timeliness(delivered_at: str | None, due: date, today: date) -> str:
    if delivered_at is not None:
        return ON_TIME if _day(delivered_at) <= due else LATE
    return OVERDUE if today > due else NOT_DUE


def uploads_in_window(times: list[datetime | date | str], cutoff: date, due: date) -> int:
    """How many of a project's upload times fall from the half-year's first day to the deadline."""
    start = half_year_start(cutoff)
    return sum(1 for at in times if start <= _day(at) <= due)


def delivery_rows(cutoff: date, periods: list, delivered: dict[str, str],
                  upload_times: dict[str, list], deadline_days: int, today: date) -> list[Delivery]:
    """One row per period (pipelines/periods/store.Period, in the given order): `delivered`
    maps a project to its first submission or approval at this cut-off, `upload_times` to the
    times of the uploads that stored its records."""
    due = deadline(cutoff, deadline_days)
    return [
        Delivery(cutoff, p.project_code, p.state, due, delivered.get(p.project_code),
                 timeliness(delivered.get(p.project_code), due, today),
                 uploads_in_window(upload_times.get(p.project_code, []), cutoff, due),
                 p.changed_at, p.changed_by, p.reason)
        for p in periods
    ]


def to_csv(rows: list[Delivery]) -> str:
    """The delivery status as CSV (`impact periods status --csv`, the periods page's download):
    every text cell neutralised for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        values = row.to_dict()
        writer.writerow(["" if values[c] is None else (neutralise(values[c]) if isinstance(values[c], str)
                                                      else values[c]) for c in COLUMNS])
    return out.getvalue()

"""`impact periods`: reporting periods from a shell on the server, which acts as administrator
(the OS user is recorded, as `impact users` does). Exit 0 done, 1 nothing published yet, 2 a
refused change (a half-year not ended, a state that does not allow it, no such project)."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path

from pipelines.access.cli import CLI_ACTOR_PREFIX


def add_parser(sub, cutoff_type) -> None:
    periods = sub.add_parser(
        "periods", help="reporting periods: list, status, submit, approve, reopen (a shell acts as admin)",
        description="Per project and half-year cut-off: open -> submitted -> approved (-> reopened). "
        "Only a closed cut-off (its half-year ended) can be submitted or approved. Approving freezes "
        "the values; when every active project's period is approved the cut-off is final and its "
        "official export (impact export --cutoff C) is frozen byte for byte.",
    )
    verbs = periods.add_subparsers(dest="verb", required=True, metavar="VERB")
    listing = verbs.add_parser("list", help="every active project's period state, by cut-off")
    listing.add_argument("--cutoff", type=cutoff_type, metavar="YYYY-MM-DD", help="one cut-off (default: every closed one)")
    submit = verbs.add_parser("submit", help="a project's half-year data are complete")
    submit.add_argument("--project", required=True, metavar="P")
    submit.add_argument("--cutoff", required=True, type=cutoff_type, metavar="YYYY-MM-DD")
    approve = verbs.add_parser("approve", help="approve one project's period, or every active project's")
    approve.add_argument("--cutoff", required=True, type=cutoff_type, metavar="YYYY-MM-DD")
    approve.add_argument("--project", metavar="P", help="only this project (default: every one not yet approved)")
    reopen = verbs.add_parser("reopen", help="reopen a submitted or approved period, with a reason")
    reopen.add_argument("--project", required=True, metavar="P")
    reopen.add_argument("--cutoff", required=True, type=cutoff_type, metavar="YYYY-MM-DD")
    reopen.add_argument("--reason", required=True, metavar="TEXT")
    status = verbs.add_parser(
        "status", help="delivery status of a half-year: each project's state, on time or not, uploads",
        description="Per active project: the period's state, the deadline (the cut-off + "
        "IMPACT_SUBMISSION_DEADLINE_DAYS, default 31), when it was first submitted or approved, "
        "whether that was on time (on_time, late; not delivered: overdue, not_due), and how many "
        "uploads stored its records from the half-year's first day to the deadline (0: nothing uploaded).",
    )
    status.add_argument("--cutoff", type=cutoff_type, metavar="YYYY-MM-DD", help="default: the last closed cut-off")
    status.add_argument("--csv", type=Path, metavar="FILE", help="also write the rows as CSV (UTF-8 with BOM)")


def _listed_cutoffs(settings, today: date) -> list[date]:
    from indicators.calendar import is_closed
    from pipelines.publish.reader import PublishedCopy

    cutoffs = PublishedCopy(settings.published_dir).current().manifest["cutoffs"]
    return [c for c in map(date.fromisoformat, cutoffs) if is_closed(c, today)]


def _status(settings, args: argparse.Namespace, today: date) -> None:
    from indicators.calendar import default_cutoff, is_provisional
    from pipelines.periods import delivery, service
    from pipelines.terminal import printable

    cutoff = args.cutoff or default_cutoff(today)
    rows = service.delivery(settings, cutoff, today)
    due = delivery.deadline(cutoff, settings.submission_deadline_days)
    label = "provisional" if is_provisional(cutoff, today) else "closed"
    print(f"{cutoff.isoformat()}  {label}  deadline {due.isoformat()}")
    for r in rows:
        nothing = "  uploaded nothing in the period" if r.uploaded_nothing else ""
        print(printable(f"  {r.project_code:<12} {r.state:<20} {r.timeliness:<8} {r.delivered_at or '-':<26}"
                        f" uploads {r.uploads_in_period}{nothing}"))
    if args.csv is not None:
        args.csv.write_text("\ufeff" + delivery.to_csv(rows), encoding="utf-8")
        print(printable(f"written: {args.csv}"))


def run(settings, args: argparse.Namespace) -> int:
    from pipelines.periods import service
    from pipelines.periods.states import TransitionRefused
    from pipelines.publish.reader import NotPublishedError
    from pipelines.terminal import printable

    actor = CLI_ACTOR_PREFIX + getpass.getuser()
    today = date.today()
    try:
        if args.verb == "list":
            for cutoff in [args.cutoff] if args.cutoff else _listed_cutoffs(settings, today):
                s = service.status(settings, cutoff, today)
                label = "final" if s.final else ("closed" if s.closed else "provisional")
                print(f"{cutoff.isoformat()}  {label}")
                for p in s.periods:
                    by = f"  {p.changed_at} {p.changed_by}" if p.changed_at else ""
                    why = f"  reason: {p.reason}" if p.reason else ""
                    print(printable(f"  {p.project_code:<12} {p.state:<20}{by}{why}"))
        elif args.verb == "status":
            _status(settings, args, today)
        elif args.verb == "submit":
            period = service.submit(settings, actor, args.project, args.cutoff, today)
            print(printable(f"{period.project_code} {args.cutoff.isoformat()}: {period.state}"))
        elif args.verb == "approve":
            approved, final = service.approve(settings, actor, args.cutoff, today, project=args.project)
            for p in approved:
                print(printable(f"{p} {args.cutoff.isoformat()}: approved"))
            if final is not None:
                print(f"{args.cutoff.isoformat()}: final, the official export frozen "
                      f"(published version {final.snapshot_version})")
        elif args.verb == "reopen":
            period = service.reopen(settings, actor, args.project, args.cutoff, args.reason, today)
            print(printable(f"{period.project_code} {args.cutoff.isoformat()}: {period.state}"))
    except TransitionRefused as exc:
        print(printable(f"impact periods {args.verb}: {exc}"), file=sys.stderr)
        return 2
    except NotPublishedError as exc:
        print(printable(str(exc)), file=sys.stderr)
        return 1
    return 0

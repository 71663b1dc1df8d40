"""`impact periods`: reporting periods from a shell on the server, which acts as administrator
(the OS user is recorded, as `impact users` does). Exit 0 done, 1 nothing published yet, 2 a
refused change (a half-year not ended, a state that does not allow it, no such project)."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date

from pipelines.access.cli import CLI_ACTOR_PREFIX


def add_parser(sub, cutoff_type) -> None:
    periods = sub.add_parser(
        "periods", help="reporting periods: list, submit, approve, reopen (a shell acts as admin)",
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


def _listed_cutoffs(settings, today: date) -> list[date]:
    from indicators.calendar import is_closed
    from pipelines.publish.reader import PublishedCopy

    cutoffs = PublishedCopy(settings.published_dir).current().manifest["cutoffs"]
    return [c for c in map(date.fromisoformat, cutoffs) if is_closed(c, today)]


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

"""The `impact` command line: ingest uploads, build the indicators, export, serve the dashboard,
check, back up and restore IMPACT_HOME.

Exit codes, every command:
  0  done;
  1  `impact ingest`: some rows rejected (the rest applied); `impact build`: a model or a
     blocking data test failed, nothing published; `impact export`: nothing published yet;
     `impact uploads --show`: no such upload or no stored bytes;
  2  a usage error (or an unusable setting in the environment); `impact ingest`: a file
     refused whole (nothing loaded); `impact withdraw`: no such record; `impact restore`:
     IMPACT_HOME is not empty or the backup is not whole; `impact backup`: DIR is not empty;
     `impact ingest`: files that change an approved reporting period, without
     --revision-reason (nothing applied);
     `impact export`: an official export of a provisional cut-off without --provisional,
     --revised of a cut-off that is not approved; `impact periods`: a refused change;
  3  an internal error (a damaged ledger, a full disk, out of memory, a bug): one line on
     standard error saying what failed, the details in IMPACT_HOME/logs/impact.log
     (pipelines/recovery/failure.py); never a traceback;
  4  `impact check`: the ledger or the blobs are damaged, one line per problem.
Every file and folder a command creates under IMPACT_HOME is its owner's only (umask 077,
pipelines/private_files.py). Text from uploads (file names, cells) reaches the terminal escaped
(pipelines/terminal.py).
Heavy libraries are imported inside each command so that `impact --help` stays instant.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from indicators.contract import KINDS
from pipelines.private_files import restrict_new_files
from pipelines.settings import Settings
from pipelines.terminal import printable

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def _cutoff(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="impact",
        description="ESF+ impact indicators: monitoring uploads -> indicators -> dashboard and exports. "
        "State lives under IMPACT_HOME (default ./data).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = sub.add_parser("ingest", help="validate and apply monitoring CSV files")
    ingest.add_argument("--kind", choices=KINDS, help="the file kind (detected from the header when omitted)")
    ingest.add_argument("--dry-run", action="store_true", help="report only, with the indicator delta at today's cut-off; change nothing")
    ingest.add_argument("--no-delta", action="store_true", help="with --dry-run: skip the indicator delta (it runs dbt: seconds)")
    ingest.add_argument("--report", type=Path, metavar="PATH", help="also save the import report (.csv or .json)")
    ingest.add_argument("--revision-reason", metavar="TEXT",
                        help="needed to apply files that change an approved reporting period's values; "
                             "the period goes to 'submitted (revised)'")
    ingest.add_argument("files", nargs="+", type=Path, metavar="FILE")

    withdraw = sub.add_parser(
        "withdraw", help="withdraw one record: it leaves all indicators at the next build",
        description="Store a new version of one record with withdrawn = yes. The key in the "
        "contract's order: --project is its first part (project_code; for targets the scope_type) "
        "and --id the rest (participants: participant_id, entities: business_id, activities: "
        "activity_id, feedback: activity_id/respondent_id, targets: "
        "scope_code/indicator_code/target_date; none for projects). Exit 0 withdrawn (or already "
        "withdrawn), 2 no such record.",
    )
    withdraw.add_argument("--kind", required=True, choices=KINDS)
    withdraw.add_argument("--project", required=True, metavar="P", help="the key's first part")
    withdraw.add_argument("--id", dest="record_id", metavar="ID", help="the key's other parts")

    template = sub.add_parser("template", help="write an empty upload template (CSV, or XLSX with dropdown lists)")
    template.add_argument("kind", choices=KINDS)
    template.add_argument("--lang", choices=("fi", "en"), default="fi", help="fi: Finnish headers (default); en: canonical")
    template.add_argument("--xlsx", action="store_true", help="an Excel workbook with dropdown lists")
    template.add_argument("--out", type=Path, metavar="PATH", help="a file, or an existing folder (default: here)")

    uploads = sub.add_parser("uploads", help="list every upload; retrieve the bytes of one")
    uploads.add_argument("--kind", choices=KINDS, help="only this kind")
    uploads.add_argument("--show", type=int, metavar="UPLOAD_ID", help="one upload's summary and stored problems")
    uploads.add_argument("--out", type=Path, metavar="PATH", help="with --show: save the upload's bytes, as uploaded, to PATH")

    build = sub.add_parser("build", help="load the ledger into DuckDB, run dbt models and tests, publish")
    build.add_argument("--force", action="store_true",
                       help="build even when nothing changed since the published copy was built, "
                            "in a new warehouse file: the raw tables loaded whole, every view, "
                            "seed and table created anew (repairs a warehouse damaged in any way)")

    export = sub.add_parser(
        "export", help="write the indicator tables for a cut-off date",
        description="The official export of an approved (final) cut-off is the one frozen at its "
        "approval, byte for byte (impact periods). A cut-off whose half-year has not ended is "
        "provisional: an official export of it needs --provisional.",
    )
    export.add_argument("--cutoff", type=_cutoff, metavar="YYYY-MM-DD",
                        help="default: the last closed cut-off (indicators/calendar.py)")
    export.add_argument("--out", required=True, type=Path, metavar="DIR")
    export.add_argument(
        "--public", action="store_true",
        help="apply disclosure control (threshold IMPACT_DISCLOSURE_K, default 5) for publication",
    )
    export.add_argument("--provisional", action="store_true",
                        help="allow an official export of a cut-off whose half-year has not ended")
    export.add_argument("--revised", action="store_true",
                        help="an approved cut-off: also write today's values beside the approved ones "
                             "(indicator_values_revised.csv: delta and revision flag)")

    serve = sub.add_parser(
        "serve", help="run the service: dashboard, Dagster (UI, daemon) and a build after every upload",
        description="The dashboard on --port (IMPACT_PORT, default 8050), the Dagster UI on "
        "127.0.0.1:IMPACT_DAGSTER_PORT (default 3070), the Dagster daemon, and the build runner: "
        "every applied upload is built as a Dagster run. Stops on Ctrl-C or SIGTERM.",
    )
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=None, help=f"default IMPACT_PORT or {DEFAULT_PORT}")

    sub.add_parser(
        "check", help="verify the ledger and the blobs (exit 0 sound, 4 damaged)",
        description="Open the ledger read-only and read all of it; check its tables, that every "
        "upload's bytes are under blobs/ with their SHA-256, that every version belongs to an "
        "upload of its kind, that every upload without bytes is a recorded withdrawal, and that "
        "every blob holds what its name says. One line per problem; exit 0 sound, 4 damaged.",
    )

    backup = sub.add_parser(
        "backup", help="copy the ledger, the blobs and the access store to a new folder",
        description="A consistent copy while the service runs: the ledger is copied under the "
        "writer lock, the blobs (never changed once written) after it, the access store with "
        "SQLite's backup API. DIR must not exist or be empty. The warehouse and the published "
        "copy are not copied: `impact build` makes them again from the ledger.",
    )
    backup.add_argument("dir", type=Path, metavar="DIR")

    restore = sub.add_parser(
        "restore", help="make IMPACT_HOME from a backup (it must be empty or not exist)",
        description="Check the backup (its manifest: the ledger's digest, every blob's SHA-256) "
        "and copy it into IMPACT_HOME, which must not exist or be empty. Then run `impact build`.",
    )
    restore.add_argument("dir", type=Path, metavar="DIR")

    from pipelines.access.cli import add_parser as add_users_parser

    add_users_parser(sub)

    from pipelines.periods.cli import add_parser as add_periods_parser

    add_periods_parser(sub, _cutoff)

    demo = sub.add_parser("demo", help="generate demo data, ingest, build, export and serve")
    demo.add_argument("--host", default=DEFAULT_HOST)
    demo.add_argument("--port", type=int, default=None)
    demo.add_argument("--no-serve", action="store_true", help="stop after the export")
    return parser


def cmd_ingest(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.ingest import ingest_files
    from pipelines.periods.store import approved_periods

    changed, reason = [], None
    if not args.dry_run and approved_periods(settings.home):
        from pipelines.periods.revisions import (ReasonNeeded, RevisionCheckFailed, changed_approved_periods,
                                                 lines, required_reason)

        try:
            changed = changed_approved_periods(settings, args.files, args.kind)
            reason = required_reason(changed, args.revision_reason)
        except RevisionCheckFailed as exc:
            print(printable(f"impact ingest: cannot tell whether approved periods would change ({exc}); "
                            "nothing applied"), file=sys.stderr)
            return 2
        except ReasonNeeded:
            print("impact ingest: these files change approved reporting periods; nothing applied. "
                  "Give --revision-reason TEXT to apply them (the periods go to 'submitted (revised)'):",
                  file=sys.stderr)
            for line in lines(changed):
                print(printable(f"  {line}"), file=sys.stderr)
            return 2
    code = ingest_files(
        settings, args.files, kind=args.kind, dry_run=args.dry_run, report_path=args.report,
        indicator_delta=args.dry_run and not args.no_delta,
    )
    if changed and code in (0, 1):
        import getpass

        from pipelines.access.cli import CLI_ACTOR_PREFIX
        from pipelines.periods.revisions import record

        names = ", ".join(Path(f).name for f in args.files)
        for period in record(settings, CLI_ACTOR_PREFIX + getpass.getuser(), changed, reason, names):
            print(printable(f"{period.project_code} {period.cutoff.isoformat()}: {period.state} ({reason})"))
    return code


def cmd_withdraw(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.ingest import withdraw

    report = withdraw(settings, args.kind, args.project, args.record_id)
    print(report.format_text(), end="")
    if report.withdrawn:
        print("Aja `impact build`, niin tietue poistuu indikaattoreista. / "
              "Run `impact build` to take the record out of the indicators.")
    return report.exit_code


def cmd_template(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.ingest.templates import write_template

    print(f"wrote {write_template(args.kind, args.lang, xlsx=args.xlsx, out=args.out)}")
    return 0


def cmd_uploads(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.ingest.history import show_uploads

    if args.out is not None and args.show is None:
        print("impact uploads: --out needs --show UPLOAD_ID", file=sys.stderr)
        return 2
    return show_uploads(settings, kind=args.kind, upload_id=args.show, out_path=args.out)


def cmd_build(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.warehouse.build import run_build

    ok = run_build(settings, force=args.force)
    print("Build finished: the published copy is up to date." if ok else "Build FAILED: see the log above; the published copy was not changed.")
    return 0 if ok else 1


def cmd_check(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.recovery.check import check_home

    problems = check_home(settings)
    for problem in problems:
        print(printable(problem), file=sys.stderr)
    if problems:
        print(f"impact check: {len(problems)} problem(s) found under {settings.home}", file=sys.stderr)
        return 4
    print(f"impact check: the ledger and the blobs under {settings.home} are sound.")
    return 0


def cmd_backup(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.recovery.backup import BackupRefused, backup

    try:
        summary = backup(settings, args.dir)
    except BackupRefused as refused:
        print(f"impact backup: {printable(str(refused))}", file=sys.stderr)
        return 2
    print(summary)
    return 0


def cmd_restore(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.recovery.backup import BackupRefused, restore

    try:
        summary = restore(args.dir, settings)
    except BackupRefused as refused:
        print(f"impact restore: {printable(str(refused))}", file=sys.stderr)
        return 2
    print(summary)
    return 0


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    from indicators.calendar import default_cutoff, is_provisional
    from pipelines.exports.approved import NotApproved, write_export
    from pipelines.publish.reader import NotPublishedError

    today = date.today()
    cutoff = args.cutoff or default_cutoff(today)
    if not args.public and is_provisional(cutoff, today) and not args.provisional:
        print(f"impact export: the half-year ending {cutoff.isoformat()} has not ended, so its values "
              "are provisional: an official export of it needs --provisional (the last closed "
              f"cut-off is {default_cutoff(today).isoformat()})", file=sys.stderr)
        return 2
    try:
        written, final = write_export(settings, cutoff, args.out, public=args.public, revised=args.revised)
    except NotApproved as exc:
        print(f"impact export: {exc}", file=sys.stderr)
        return 2
    except NotPublishedError as exc:
        print(printable(str(exc)), file=sys.stderr)
        return 1
    if final is not None:
        print(f"{cutoff.isoformat()} is approved: the official export as frozen at {final.at}")
    for path in written:
        print(f"wrote {path}")
    return 0


def service_ports(args: argparse.Namespace):
    from pipelines.service.instance import DEFAULT_CODE_SERVER_PORT, DEFAULT_DAGSTER_PORT
    from pipelines.service.supervisor import Ports

    return Ports(
        dashboard=args.port or int(os.environ.get("IMPACT_PORT", DEFAULT_PORT)),
        dagster=int(os.environ.get("IMPACT_DAGSTER_PORT", DEFAULT_DAGSTER_PORT)),
        code_server=int(os.environ.get("IMPACT_CODE_SERVER_PORT", DEFAULT_CODE_SERVER_PORT)),
        host=args.host,
    )


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.service.supervisor import serve

    return serve(settings, service_ports(args))


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.demo.run import run_demo

    return run_demo(settings, service_ports(args), serve=not args.no_serve)


def cmd_users(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.access.cli import run

    return run(settings, args)


def cmd_periods(settings: Settings, args: argparse.Namespace) -> int:
    from pipelines.periods.cli import run

    return run(settings, args)


COMMANDS = {
    "users": cmd_users,
    "periods": cmd_periods,
    "ingest": cmd_ingest,
    "withdraw": cmd_withdraw,
    "template": cmd_template,
    "uploads": cmd_uploads,
    "build": cmd_build,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "export": cmd_export,
    "serve": cmd_serve,
    "demo": cmd_demo,
}


def main(argv: list[str] | None = None) -> int:
    restrict_new_files()
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ValueError as exc:
        print(f"impact: {printable(str(exc))}", file=sys.stderr)
        return 2
    # The environment is the one source of configuration; subprocesses (dbt) get the resolved
    # absolute paths so that they agree with this process whatever their working directory.
    os.environ.update(settings.env())
    try:
        return COMMANDS[args.command](settings, args)
    except KeyboardInterrupt:
        print(f"impact {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # MemoryError is one too
        from pipelines.recovery.failure import report_internal_error

        code, line = report_internal_error(args.command, exc, settings.home)
        print(line, file=sys.stderr)
        return code


if __name__ == "__main__":
    sys.exit(main())

"""Demo monitoring data: a fictional Finnish network of ESF+ projects around social enterprises.

`generate_demo_data(out_dir)` writes the six kinds of upload files (monitoring-data.md) and the
two funding kinds (seed-work.md section 2: the register of opportunities and the referrals,
pipelines/demo/funding.py) as a project manager would: CSVs with canonical English headers, comma-separated UTF-8 with a BOM
(what Excel's "CSV UTF-8" writes), except that one project (S30355, Kuopio) keeps its files in
Finnish Excel's dialect: semicolons, Windows-1252, Finnish alias headers, dates 31.3.2025,
decimal commas, kyllä/ei, nainen/mies/muu. A few rows are wrong on purpose (see
demo_data_errors); `errors_injected.json` beside the CSVs lists them.

Deterministic: the same seed and `today` give the same bytes. Vectorised with polars, so a
million participants take seconds, not minutes.

    python -m pipelines.demo.data OUT_DIR [--seed N] [--participants N] [--today YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from indicators.contract import CONTRACT, Kind
from pipelines.demo.errors import InjectedError, inject
from pipelines.demo.events import build_activities, build_feedback
from pipelines.demo.funding import build_opportunities, build_referrals
from pipelines.demo.organisations import build_entities
from pipelines.demo.people import build_participants, build_projects
from pipelines.demo.targets import build_targets
from pipelines.demo.vocabulary import FINNISH_DIALECT_PROJECT, PROJECTS as DEMO_PROJECTS

ERRORS_FILE = "errors_injected.json"
FINNISH_YES_NO = {"yes": "kyllä", "no": "ei", "declined": "ei halua vastata"}
# Codes a Finnish user writes in Finnish; the rest (MKnn regions, ...) keep their codes.
FINNISH_CODE_COLUMNS = ("gender", "labour_market_status")
# The mistakes made in participant files (demo_data_errors): every kind in the main file, two
# in the Finnish-dialect one; about 0.4 % of all participant rows in total.
PARTICIPANT_RULES = (
    "exit_column_without_exit_date", "invalid_date", "unknown_code", "out_of_range",
    "required_if_unemployed", "duplicate_key",
)
FINNISH_PARTICIPANT_RULES = ("invalid_date", "unknown_code")


@dataclass(frozen=True)
class Dialect:
    finnish: bool

    @property
    def separator(self) -> str:
        return ";" if self.finnish else ","

    def header(self, kind: Kind) -> dict[str, str]:
        return {c.name: (c.alias_fi if self.finnish else c.name) for c in kind.columns}

    def to_text(self, df: pl.DataFrame, kind: Kind) -> pl.DataFrame:
        """Every column as the text a spreadsheet would save, under the dialect's headers."""
        headers, out = self.header(kind), []
        for c in kind.columns:
            col = pl.col(c.name)
            if c.type == "date":
                expr = col.dt.strftime("%-d.%-m.%Y" if self.finnish else "%Y-%m-%d")
            elif c.type == "decimal":
                expr = col.cast(pl.String)
                expr = expr.str.replace(".", ",", literal=True) if self.finnish else expr
            elif self.finnish and c.type in ("yes_no", "yes_no_declined"):
                expr = col.replace(FINNISH_YES_NO)
            elif self.finnish and c.name in FINNISH_CODE_COLUMNS:
                # The first Finnish alias of each code (nainen, mies, muu; tyoton, ...).
                aliases: dict[str, str] = {}
                for alias, code in c.code_aliases.items():
                    aliases.setdefault(code, alias)
                expr = col.replace(aliases)
            else:
                expr = col.cast(pl.String)
            out.append(expr.cast(pl.String).alias(headers[c.name]))
        return df.select(out)

    def write(self, text: pl.DataFrame, path: Path) -> None:
        if self.finnish:
            csv = text.write_csv(separator=self.separator, line_terminator="\r\n")
            path.write_bytes(csv.encode("cp1252"))
        else:
            text.write_csv(path, separator=self.separator, include_bom=True)


ENGLISH, FINNISH = Dialect(finnish=False), Dialect(finnish=True)


def _per_rule(rows: int, share: float, rules: int, minimum: int = 1) -> int:
    return max(minimum, round(rows * share / rules))


def generate_demo_data(
    out_dir: Path, seed: int = 2027, participants: int = 4000, today: date | None = None,
) -> list[Path]:
    """Write the demo files into out_dir; return the CSVs in the order they must be ingested."""
    today = today or date.today()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    people = build_participants(participants, seed, today)
    entities = build_entities(max(40, round(participants / 9)), seed, today)
    activities = build_activities(max(30, round(participants / 10)), seed, today)
    feedback = build_feedback(activities, seed, today)
    targets = build_targets(people, entities, activities, seed, today)
    opportunities = build_opportunities(seed, today)
    referrals = build_referrals(opportunities, entities, seed, today)
    referred = referrals.select(
        pl.coalesce("opportunity_project_code", "project_code").alias("project_code"), "opportunity_id",
    ).unique().with_columns(pl.lit(True).alias("_referred"))
    # `_referred` is a helper for the mistakes: Dialect.to_text writes the contract's columns only
    opportunities = opportunities.join(
        referred, on=["project_code", "opportunity_id"], how="left", maintain_order="left",
    ).with_columns(pl.col("_referred").fill_null(False))

    town = next(p.town for p in DEMO_PROJECTS if p.code == FINNISH_DIALECT_PROJECT)
    finnish_only = pl.col("project_code") == FINNISH_DIALECT_PROJECT
    # (file name, kind, rows, dialect, mistakes to make: rule -> count)
    files: list[tuple[str, str, pl.DataFrame, Dialect, dict[str, int]]] = [
        ("01_projects.csv", "projects", build_projects(), ENGLISH, {}),
    ]
    for number, kind, frame in (
        ("02", "participants", people), ("03", "entities", entities),
        ("04", "activities", activities), ("05", "feedback", feedback),
    ):
        main, local = frame.filter(~finnish_only), frame.filter(finnish_only)
        if kind == "participants":
            main_plan = {r: _per_rule(main.height, 0.004, 7) for r in PARTICIPANT_RULES}
            local_plan = {r: _per_rule(local.height, 0.004, 2) for r in FINNISH_PARTICIPANT_RULES}
        else:
            share, rule = {
                "entities": (0.002, "business_id_check_digit"),
                "activities": (0.002, "attendees_parts_exceed_total"),
                "feedback": (0.0005, "out_of_range"),
            }[kind]
            main_plan, local_plan = {rule: _per_rule(main.height, share, 1, minimum=2)}, {}
        files.append((f"{number}_{kind}.csv", kind, main, ENGLISH, main_plan))
        local_name = f"{number}_{kind}_{FINNISH_DIALECT_PROJECT}_{town}.csv"
        files.append((local_name, kind, local, FINNISH, local_plan))
    files.append(("06_targets.csv", "targets", targets, ENGLISH, {}))
    # after projects and entities: a referral is checked against both and the register
    files.append(("07_funding_opportunities.csv", "funding_opportunities", opportunities, ENGLISH,
                  {"deadline_before_opening": 2}))
    files.append(("08_funding_referrals.csv", "funding_referrals", referrals, ENGLISH,
                  {"decision_date_missing": 2}))

    written: list[Path] = []
    errors: list[InjectedError] = []
    summary: dict[str, dict[str, object]] = {}
    for name, kind_name, frame, dialect, plan in files:
        kind = CONTRACT[kind_name]
        text = dialect.to_text(frame, kind)
        if plan:
            text, found = inject(
                frame, text, kind=kind_name, file=name, headers=dialect.header(kind), plan=plan,
                finnish=dialect.finnish, seed=seed,
            )
            errors.extend(found)
        path = out_dir / name
        dialect.write(text, path)
        written.append(path)
        summary[name] = {
            "kind": kind_name, "rows": frame.height,
            "dialect": "fi: ; cp1252" if dialect.finnish else "en: , utf-8-sig",
        }
    report = {
        "seed": seed, "participants": participants, "today": today.isoformat(),
        "files": summary,
        "errors_by_rule": dict(sorted(Counter(e.rule for e in errors).items())),
        "errors": [e.as_dict() for e in errors],
    }
    (out_dir / ERRORS_FILE).write_text(
        json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8",
    )
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.demo.data", description="Write demo monitoring files (CSV).",
    )
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--participants", type=int, default=4000)
    parser.add_argument("--today", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the generation date (default: today); nothing is dated after it")
    args = parser.parse_args(argv)
    if args.participants < 0:
        parser.error("--participants must be 0 or more")
    started = time.perf_counter()
    paths = generate_demo_data(args.out_dir, seed=args.seed, participants=args.participants, today=args.today)
    elapsed = time.perf_counter() - started
    report = json.loads((args.out_dir / ERRORS_FILE).read_text(encoding="utf-8"))
    for path in paths:
        print(f"{path}  ({report['files'][path.name]['rows']} rows)")
    rules = ", ".join(f"{rule} {n}" for rule, n in report["errors_by_rule"].items())
    print(f"{len(report['errors'])} rows wrong on purpose ({rules}); see {args.out_dir / ERRORS_FILE}")
    print(f"Done in {elapsed:.2f} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

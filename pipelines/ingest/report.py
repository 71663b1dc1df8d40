"""The import report (spec section 4): a summary and one line per problem, in Finnish and
English. The same object feeds the terminal, the `--report` file and (later) the web page.

CSV reports are written for Finnish Excel: UTF-8 with a BOM (so Excel detects the encoding),
`;` as the delimiter (the Finnish list separator), every cell quoted, and cells starting with
= + - @ tab or CR prefixed with an apostrophe so that Excel shows them as text instead of
running them as formulas.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

# neutralise: text cells Excel would run as formulas get a leading apostrophe (one function
# for every CSV and XLSX the project writes); imported here, so report.neutralise still works.
from indicators.exports.safe_text import neutralise
from indicators.messages import KIND_NAMES_FI
from pipelines.ingest.validate import PROBLEM_SCHEMA

if TYPE_CHECKING:
    from pipelines.ingest.delta import IndicatorDelta

HIDDEN_NAME_FI = "(nimi piilotettu)"
HIDDEN_NAME_EN = "(name hidden)"
TERMINAL_PROBLEM_LIMIT = 50

OUTCOMES: dict[str, tuple[str, str]] = {
    "applied": ("tallennettu", "applied"),
    "partially_applied": ("tallennettu osittain: osa riveistä hylättiin", "partially applied: some rows rejected"),
    "unchanged": ("ei muutoksia", "nothing changed"),
    "nothing_applied": ("mitään ei tallennettu: kaikki rivit hylättiin", "nothing applied: every row rejected"),
    "refused": ("tiedosto hylättiin kokonaan, mitään ei ladattu", "file refused whole, nothing loaded"),
}

SUMMARY_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("rows_read", "rivejä luettu", "rows read"),
    ("inserted", "uusia", "inserted"),
    ("updated", "muuttuneita", "updated"),
    ("unchanged", "ennallaan", "unchanged"),
    ("withdrawn", "poistettuja", "withdrawn"),
    ("rejected", "hylättyjä", "rejected"),
    ("warnings", "varoituksia", "warnings"),
)

PROBLEM_HEADERS: dict[str, tuple[str, str]] = {
    "row_number": ("rivi", "row"),
    "column_name": ("sarake", "column"),
    "value": ("arvo", "value"),
    "rule_id": ("sääntö", "rule"),
    "severity": ("vakavuus", "severity"),
    "message_fi": ("ohje", "message (fi)"),
    "message_en": ("ohje englanniksi", "message (en)"),
}
SEVERITY_FI = {"error": "virhe", "warning": "varoitus"}


def empty_problems() -> pl.DataFrame:
    return pl.DataFrame(schema=PROBLEM_SCHEMA)


@dataclass
class ImportReport:
    """What happened to one upload (or would have, in a dry run)."""

    file_name: str | None  # None when hidden: the name looked like it held a henkilötunnus
    sha256: str | None
    size_bytes: int
    kind: str | None = None
    dry_run: bool = False
    upload_id: int | None = None  # None in a dry run and for henkilötunnus refusals
    outcome: str = "refused"
    refusal_reason: str | None = None  # a file.* rule id when refused
    encoding: str | None = None
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    withdrawn: int = 0
    warnings: int = 0
    previous_upload_id: int | None = None  # the same bytes were uploaded before as this upload
    received_at: dt.datetime | None = None
    problems: pl.DataFrame = field(default_factory=empty_problems)
    # A dry run's "what would change in the indicators" (pipelines.ingest.delta), when asked for.
    indicator_delta: IndicatorDelta | None = None

    @property
    def refused(self) -> bool:
        return self.outcome == "refused"

    @property
    def exit_code(self) -> int:
        """0 every row accepted, 1 some rows rejected, 2 the file refused whole."""
        if self.refused:
            return 2
        return 1 if self.rejected else 0

    @property
    def errors(self) -> int:
        return self.problems.filter(pl.col("severity") == "error").height

    def summary(self) -> dict:
        return {
            "file_name": self.file_name,
            "sha256": self.sha256,
            "size_bytes": self.size_bytes,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "upload_id": self.upload_id,
            "outcome": self.outcome,
            "refusal_reason": self.refusal_reason,
            "exit_code": self.exit_code,
            "encoding": self.encoding,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "previous_upload_id": self.previous_upload_id,
            **{name: getattr(self, name) for name, _, _ in SUMMARY_FIELDS},
        }

    def to_dict(self) -> dict:
        out = {"summary": self.summary(), "problems": self.problems.to_dicts()}
        if self.indicator_delta is not None:
            out["indicator_delta"] = self.indicator_delta.to_dict()
        return out

    # ---- terminal ----------------------------------------------------------------------
    def format_text(self, lang: str = "fi", limit: int | None = TERMINAL_PROBLEM_LIMIT) -> str:
        """A readable report; both languages, `lang` first."""
        def pair(fi: str, en: str) -> str:
            return f"{fi} / {en}" if lang == "fi" else f"{en} / {fi}"

        lines: list[str] = []
        name = self.file_name if self.file_name is not None else pair(HIDDEN_NAME_FI, HIDDEN_NAME_EN)
        lines.append(f"{pair('Tiedosto', 'File')}: {name}")
        if self.sha256:
            lines.append(f"SHA-256: {self.sha256}")
        if self.kind:
            lines.append(f"{pair('Tyyppi', 'Kind')}: {self.kind} ({KIND_NAMES_FI.get(self.kind, '')})")
        fi, en = OUTCOMES.get(self.outcome, (self.outcome, self.outcome))
        head = pair("Tulos", "Outcome")
        if self.dry_run:
            lines.append(f"{head}: {pair('ESIKATSELU, mitään ei tallennettu', 'DRY RUN, nothing written')}")
            lines.append(f"  {pair('tulos olisi', 'would be')}: {pair(fi, en)}")
        else:
            suffix = f" (upload #{self.upload_id})" if self.upload_id else ""
            lines.append(f"{head}: {pair(fi, en)}{suffix}")
        if self.previous_upload_id is not None:
            lines.append(
                "  " + pair(
                    f"sama tiedosto on ladattu aiemmin (lataus #{self.previous_upload_id})",
                    f"the same file was uploaded before (upload #{self.previous_upload_id})",
                )
            )
        if not self.refused:
            width = max(len(pair(f, e)) for _, f, e in SUMMARY_FIELDS)
            for attr, f, e in SUMMARY_FIELDS:
                lines.append(f"  {pair(f, e):<{width}}  {getattr(self, attr):>9}")
        if self.indicator_delta is not None:
            lines.append(self.indicator_delta.format_text(lang).rstrip("\n"))
        if self.problems.height:
            shown = self.problems if limit is None else self.problems.head(limit)
            lines.append(f"{pair('Ongelmat', 'Problems')} ({self.problems.height}):")
            for p in shown.iter_rows(named=True):
                where = pair("rivi", "row") + f" {p['row_number']}" if p["row_number"] is not None else pair("tiedosto", "file")
                col = f" {pair('sarake', 'column')} {p['column_name']}" if p["column_name"] else ""
                val = f" {pair('arvo', 'value')} {p['value']!r}" if p["value"] is not None else ""
                sev = pair(SEVERITY_FI.get(p["severity"], p["severity"]), p["severity"])
                lines.append(f"  [{sev}] {where}{col}{val} ({p['rule_id']})")
                first, second = (p["message_fi"], p["message_en"]) if lang == "fi" else (p["message_en"], p["message_fi"])
                lines.append(f"      {first}")
                lines.append(f"      {second}")
            if shown.height < self.problems.height:
                lines.append(
                    "  " + pair(
                        f"... ja {self.problems.height - shown.height} muuta; tallenna koko raportti: --report",
                        f"... and {self.problems.height - shown.height} more; save the full report with --report",
                    )
                )
        return "\n".join(lines) + "\n"


# ---- files ---------------------------------------------------------------------------------
def reports_to_csv(reports: list[ImportReport]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for i, r in enumerate(reports):
        if i:
            w.writerow([])
        s = r.summary()
        name = r.file_name if r.file_name is not None else f"{HIDDEN_NAME_FI} {HIDDEN_NAME_EN}"
        w.writerow(map(neutralise, ["tiedosto / file", name]))
        for key, fi, en in (
            ("sha256", "SHA-256", "SHA-256"),
            ("kind", "tyyppi", "kind"),
            ("outcome", "tulos", "outcome"),
            ("dry_run", "esikatselu", "dry run"),
            ("upload_id", "lataus", "upload"),
            ("refusal_reason", "hylkäyksen syy", "refusal reason"),
        ):
            w.writerow(map(neutralise, [f"{fi} / {en}", s[key]]))
        for key, fi, en in SUMMARY_FIELDS:
            w.writerow(map(neutralise, [f"{fi} / {en}", s[key]]))
        if r.indicator_delta is not None:
            d = r.indicator_delta
            label = f"indikaattorimuutos {d.cutoff.isoformat()} / indicator delta {d.cutoff.isoformat()}"
            for line in ([f"not available: {d.unavailable}"] if d.unavailable else d.lines() or ["-"]):
                w.writerow(map(neutralise, [label, line]))
        w.writerow([])
        cols = list(PROBLEM_SCHEMA)
        w.writerow([f"{PROBLEM_HEADERS[c][0]} / {PROBLEM_HEADERS[c][1]}" for c in cols])
        for row in r.problems.iter_rows():
            w.writerow([neutralise(v) for v in row])
    return buf.getvalue()


def write_reports(reports: list[ImportReport], path: Path) -> None:
    """JSON (a list, one object per file) when the path ends .json, else CSV for Excel."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".json":
        payload = [r.to_dict() for r in reports]
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    else:
        path.write_bytes(b"\xef\xbb\xbf" + reports_to_csv(reports).encode("utf-8"))

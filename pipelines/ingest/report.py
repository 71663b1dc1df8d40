"""The import report (spec section 4): a summary and one line per problem, in Finnish and
English. The same object feeds the terminal, the `--report` file and the web page.

The terminal text is bilingual with the chosen language first: fi gives Finnish / English,
en English / Finnish, sv Swedish / Finnish (as Finnish authorities pair the national
languages). Swedish problem messages come from indicators.messages by rule id; the stored
report and the CSV keep the spec's Finnish and English.

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
from indicators.messages import KIND_NAMES_FI, KIND_NAMES_SV, message
from pipelines.ingest.report_words import ReportWords, column_words, record_words
from pipelines.ingest.validate import PROBLEM_SCHEMA
from pipelines.terminal import printable

if TYPE_CHECKING:
    from pipelines.ingest.delta import IndicatorDelta

HIDDEN_NAME_FI = "(nimi piilotettu)"
HIDDEN_NAME_EN = "(name hidden)"
HIDDEN_NAME_SV = "(namnet dolt)"
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
# The CSV's columns after the stored ones: the file's own words (report_words.py).
WORDS_HEADERS: tuple[tuple[str, str], ...] = (("tunniste", "record id"), ("sarake tiedostossa", "column in the file"))
# The command line's words for what a message says in general terms (the web says it its way).
TERMINAL_HINTS: dict[str, str] = {
    "file.unknown_kind": "impact ingest --kind projects|participants|entities|activities|feedback|targets FILE",
}

# Swedish beside the (fi, en) tables above, which keep their shape for existing callers.
OUTCOMES_SV: dict[str, str] = {
    "applied": "sparad",
    "partially_applied": "delvis sparad: vissa rader avvisades",
    "unchanged": "inga ändringar",
    "nothing_applied": "inget sparades: alla rader avvisades",
    "refused": "filen avvisades helt, inget laddades",
}
SUMMARY_SV: dict[str, str] = {
    "rows_read": "rader lästa",
    "inserted": "nya",
    "updated": "ändrade",
    "unchanged": "oförändrade",
    "withdrawn": "återkallade",
    "rejected": "avvisade",
    "warnings": "varningar",
}
SEVERITY_SV = {"error": "fel", "warning": "varning"}


def bilingual(lang: str):
    """`pair(fi, en, sv)` -> the text in `lang`, then in the report's other language (as
    before Swedish: any language but fi and sv reads English first)."""

    def pair(fi: str, en: str, sv: str | None = None) -> str:
        if lang == "sv":
            return f"{sv if sv is not None else en} / {fi}"
        return f"{fi} / {en}" if lang == "fi" else f"{en} / {fi}"

    return pair


def delta_text(delta: IndicatorDelta, lang: str) -> str:
    """The indicator delta's lines under a heading in `lang` (fi, sv or en)."""
    if lang != "sv":
        return delta.format_text(lang)
    pair = bilingual(lang)
    cutoff = f"{delta.cutoff.day}.{delta.cutoff.month}.{delta.cutoff.year}"
    scope = (
        pair("koko ohjelma", "programme", "hela programmet")
        if delta.scope_type == "programme" else f"{delta.scope_type} {delta.scope_code}"
    )
    head = pair(
        f"Indikaattorien muutos, jos tiedosto tallennetaan, tilanne {cutoff}",
        f"Indicator delta if applied, cut-off {delta.cutoff.isoformat()}",
        f"Förändring i indikatorerna om filen sparas, läget {cutoff}",
    ) + f" ({scope}):"
    if delta.unavailable:
        return head + "\n  " + pair("ei laskettavissa", "not available", "kan inte beräknas") + f": {delta.unavailable}\n"
    lines = delta.lines() or [pair("ei muutoksia", "no changes", "inga ändringar")]
    return head + "\n" + "".join(f"  {line}\n" for line in lines)


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
    # The file's own words for its problems: headers as written, each row's record id (report_words.py).
    words: ReportWords | None = None

    def column_words(self, column: str | None) -> str | None:
        """A problem's column as the file named it."""
        return column_words(self.kind, column, self.words)

    def record_words(self, row_number: int | None) -> str | None:
        """The id of the record on a problem's row, as the file wrote it."""
        return record_words(row_number, self.words)

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
        """A readable report in two languages, `lang` (fi, sv or en) first. Every line is
        escaped for the terminal (pipelines/terminal.py): a file name, a cell or a column
        name from the upload cannot move the cursor, clear the screen or fake a line."""
        pair = bilingual(lang)
        lines: list[str] = []
        name = self.file_name if self.file_name is not None else pair(HIDDEN_NAME_FI, HIDDEN_NAME_EN, HIDDEN_NAME_SV)
        lines.append(f"{pair('Tiedosto', 'File', 'Fil')}: {name}")
        if self.sha256:
            lines.append(f"SHA-256: {self.sha256}")
        if self.kind:
            local = KIND_NAMES_SV if lang == "sv" else KIND_NAMES_FI
            lines.append(f"{pair('Tyyppi', 'Kind', 'Typ')}: {self.kind} ({local.get(self.kind, '')})")
        fi, en = OUTCOMES.get(self.outcome, (self.outcome, self.outcome))
        sv = OUTCOMES_SV.get(self.outcome, en)
        head = pair("Tulos", "Outcome", "Resultat")
        if self.dry_run:
            lines.append(f"{head}: {pair('ESIKATSELU, mitään ei tallennettu', 'DRY RUN, nothing written', 'FÖRHANDSVISNING, inget sparades')}")
            lines.append(f"  {pair('tulos olisi', 'would be', 'resultatet skulle bli')}: {pair(fi, en, sv)}")
        else:
            suffix = f" (upload #{self.upload_id})" if self.upload_id else ""
            lines.append(f"{head}: {pair(fi, en, sv)}{suffix}")
        if self.previous_upload_id is not None:
            lines.append(
                "  " + pair(
                    f"sama tiedosto on ladattu aiemmin (lataus #{self.previous_upload_id})",
                    f"the same file was uploaded before (upload #{self.previous_upload_id})",
                    f"samma fil har laddats upp tidigare (uppladdning #{self.previous_upload_id})",
                )
            )
        if not self.refused:
            labels = [(attr, pair(f, e, SUMMARY_SV[attr])) for attr, f, e in SUMMARY_FIELDS]
            width = max(len(label) for _, label in labels)
            for attr, label in labels:
                lines.append(f"  {label:<{width}}  {getattr(self, attr):>9}")
        if self.indicator_delta is not None:
            lines.extend(delta_text(self.indicator_delta, lang).rstrip("\n").split("\n"))
        if self.problems.height:
            shown = self.problems if limit is None else self.problems.head(limit)
            lines.append(f"{pair('Ongelmat', 'Problems', 'Problem')} ({self.problems.height}):")
            for p in shown.iter_rows(named=True):
                where = (pair("rivi", "row", "rad") + f" {p['row_number']}" if p["row_number"] is not None
                         else pair("tiedosto", "file", "fil"))
                record = self.record_words(p["row_number"])
                where += f" ({record})" if record else ""
                col = (f" {pair('sarake', 'column', 'kolumn')} {self.column_words(p['column_name'])}"
                       if p["column_name"] else "")
                val = f" {pair('arvo', 'value', 'värde')} {p['value']!r}" if p["value"] is not None else ""
                severity = p["severity"]
                sev = pair(SEVERITY_FI.get(severity, severity), severity, SEVERITY_SV.get(severity, severity))
                lines.append(f"  [{sev}] {where}{col}{val} ({p['rule_id']})")
                if lang == "sv":
                    first = message(p["rule_id"], "sv", p["message_en"])
                    second = p["message_fi"]
                elif lang == "fi":
                    first, second = p["message_fi"], p["message_en"]
                else:
                    first, second = p["message_en"], p["message_fi"]
                lines.append(f"      {first}")
                lines.append(f"      {second}")
                if p["rule_id"] in TERMINAL_HINTS:
                    lines.append(f"      {TERMINAL_HINTS[p['rule_id']]}")
            if shown.height < self.problems.height:
                more = self.problems.height - shown.height
                lines.append(
                    "  " + pair(
                        f"... ja {more} muuta; tallenna koko raportti: --report",
                        f"... and {more} more; save the full report with --report",
                        f"... och {more} till; spara hela rapporten med --report",
                    )
                )
        return "\n".join(printable(line) for line in lines) + "\n"


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
        w.writerow([f"{PROBLEM_HEADERS[c][0]} / {PROBLEM_HEADERS[c][1]}" for c in cols]
                   + [f"{fi} / {en}" for fi, en in WORDS_HEADERS])
        for row in r.problems.iter_rows(named=True):
            words = [r.record_words(row["row_number"]), r.column_words(row["column_name"])]
            w.writerow([neutralise(row[c]) for c in cols] + [neutralise(v) for v in words])
    return buf.getvalue()


def write_reports(reports: list[ImportReport], path: Path) -> None:
    """JSON (a list, one object per file) when the path ends .json, else CSV for Excel."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".json":
        payload = [r.to_dict() for r in reports]
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    else:
        path.write_bytes(b"\xef\xbb\xbf" + reports_to_csv(reports).encode("utf-8"))

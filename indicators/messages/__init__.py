"""Every rule an upload is checked against: its stable id, severity and the message, in
Finnish, Swedish and English, that tells the person who uploaded how to fix the row.

Rule ids are part of the product's interface (import reports are saved and compared), so they
never change once released. Shapes:

- `file.<what>`: the file as a whole (refusals and file-level warnings) — files.py;
- `<kind>.<column>.<check>`: one cell, generated from the contract (`required`, `format`,
  `code`, `pattern`, `min`, `max`, `positive`, `check_digit`) — cells.py;
- `<kind>.<column>.<rule>`: rules across columns, rows or uploads — cross.py (the funding
  kinds': funding.py, with the spec's FUN-01…07 mapped to their ids; the Pact for Skills':
  pact.py);
- `<kind>.key.duplicate`: the same key twice in one file — cells.py;
- `withdraw.<what>`: the command-line withdrawal — files.py.

A problem row stores its Finnish and English message (the report's languages, spec section 4);
`message(rule_id, lang)` gives any of the three, Swedish included, for a page or a terminal.
"""

from __future__ import annotations

from functools import lru_cache

from indicators.contract import CONTRACT
from indicators.messages.cells import column_rules
from indicators.messages.core import ERROR, LANGS, WARNING, RuleText
from indicators.messages.cross import CROSS_RULES
from indicators.messages.files import FILE_RULES
from indicators.messages.funding import FUNDING_RULES
from indicators.messages.pact import PACT_RULES

__all__ = [
    "CROSS_RULES", "ERROR", "FILE_RULES", "KIND_NAMES_FI", "KIND_NAMES_SV", "LANGS", "WARNING",
    "RuleText", "all_rules", "column_rules", "message", "rule_text",
]

KIND_NAMES_FI: dict[str, str] = {
    "projects": "hankkeet",
    "participants": "osallistujat",
    "entities": "organisaatiot",
    "activities": "tapahtumat",
    "feedback": "palautteet",
    "targets": "tavoitteet",
    "funding_opportunities": "rahoitusmahdollisuudet",
    "funding_referrals": "rahoitusohjaukset",
    "project_figures": "hankkeen_luvut",
}
KIND_NAMES_SV: dict[str, str] = {
    "projects": "projekt",
    "participants": "deltagare",
    "entities": "organisationer",
    "activities": "evenemang",
    "feedback": "återkoppling",
    "targets": "mål",
    "funding_opportunities": "finansieringsmöjligheter",
    "funding_referrals": "finansieringshänvisningar",
    "project_figures": "projektets_siffror",
}


@lru_cache(maxsize=1)
def all_rules() -> dict[str, RuleText]:
    """Every rule id the ingest can report, with its severity and messages."""
    rules: dict[str, RuleText] = dict(FILE_RULES)
    for kind in CONTRACT.values():
        rules.update(column_rules(kind))
    rules.update(CROSS_RULES)
    rules.update(FUNDING_RULES)
    rules.update(PACT_RULES)
    return rules


def rule_text(rule_id: str) -> RuleText:
    return all_rules()[rule_id]


def message(rule_id: str | None, lang: str, fallback: str | None = None) -> str | None:
    """The message of `rule_id` in `lang` (fi, sv or en); `fallback` (e.g. the message a
    stored report holds) for a rule id this version does not know."""
    rule = all_rules().get(rule_id) if rule_id else None
    return rule.text(lang) if rule is not None else fallback

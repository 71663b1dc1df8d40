"""Rule texts of the EU Pact for Skills additions (seed-work.md 3.3): the activities'
pact_category on the types that are always upskilling, and the yearly project figures' note.
The kind-wide project rules (unknown_project, not_permitted) are in cross.py with the others."""

from __future__ import annotations

from indicators.messages.core import ERROR, RuleText

PACT_RULES: dict[str, RuleText] = {
    "activities.pact_category.not_upskilling": RuleText(
        ERROR,
        "Sarake pact_luokka (pact_category): koulutus (training), webinaari (webinar) ja "
        "vertaisoppiminen (peer_learning) ovat aina osaamisen kehittämistä "
        "(osaamisen_kehittaminen). Jätä solu tyhjäksi tai korjaa tapahtumatyyppi.",
        "Kolumnen pact_category (pact_luokka): utbildning (training), webbinarium (webinar) och "
        "kamratlärande (peer_learning) är alltid kompetensutveckling (upskilling). Lämna cellen "
        "tom eller rätta evenemangstypen (activity_type).",
        "Column pact_category (pact_luokka): training, webinar and peer_learning are always "
        "upskilling. Leave the cell empty or correct the activity_type.",
    ),
    "project_figures.note.over_500_characters": RuleText(
        ERROR,
        "Sarake huomautus (note): enintään 500 merkkiä. Lyhennä huomautusta.",
        "Kolumnen note (huomautus): högst 500 tecken. Korta anmärkningen.",
        "Column note (huomautus): at most 500 characters. Shorten the note.",
    ),
}

"""The workbook's cover sheet: what the export is, for the official who opens it, in Finnish,
Swedish and English. The machine-readable account of the same (settings, uploads by SHA-256,
every data test) is manifest.json (manifest.py)."""

from __future__ import annotations

from indicators.exports.sfc_codes import FUND
from indicators.exports.workbook import Cover, Texts
from pipelines.exports.manifest import ExportContext, data_as_of

LONG_TERM_RULES: dict[str, Texts] = {
    "eu": {
        "fi": "EU:n määritelmä: työtön yli 6 kk (alle 25-vuotias) tai yli 12 kk (25 vuotta täyttänyt)",
        "sv": "EU:s definition: arbetslös mer än 6 månader (under 25 år) eller mer än 12 månader (25 år eller äldre)",
        "en": "EU definition: unemployed more than 6 months (below 25) or more than 12 months (25 or over)",
    },
    "national": {
        "fi": "kansallinen määritelmä: työtön vähintään 12 kk iästä riippumatta",
        "sv": "nationell definition: arbetslös minst 12 månader oavsett ålder",
        "en": "national definition: unemployed 12 months or more at any age",
    },
}


def same(text: str) -> Texts:
    """A value written the same in every language (a date, a number, a file name)."""
    return {"fi": text, "sv": text, "en": text}


def _label(fi: str, sv: str, en: str) -> Texts:
    return {"fi": fi, "sv": sv, "en": en}


def cover_for(context: ExportContext) -> Cover:
    as_of = data_as_of(context.uploads)
    as_of_text = same(as_of.strftime("%Y-%m-%d %H:%M UTC")) if as_of is not None else {
        "fi": "ei lähetyksiä", "sv": "inga uppladdningar", "en": "no uploads"}
    k = context.k
    cutoff = context.cutoff.isoformat()
    lines: list[tuple[Texts, Texts]] = [
        (_label("Katkaisupäivä", "Brytdag", "Cut-off date"),
         {"fi": f"{cutoff}, ALUSTAVA: puolivuotiskausi ei ole päättynyt",
          "sv": f"{cutoff}, PRELIMINÄR: halvåret har inte tagit slut",
          "en": f"{cutoff}, PROVISIONAL: the half-year has not ended"} if context.provisional else same(cutoff)),
        (_label("Vienti", "Export", "Export"),
         {"fi": f"julkinen: pienet luvut suojattu (kynnys {k} henkilöä)",
          "sv": f"offentlig: små tal skyddade (tröskel {k} personer)",
          "en": f"public: small numbers protected (threshold {k} persons)"} if context.public else
         {"fi": "virallinen: tarkat luvut", "sv": "officiell: exakta tal", "en": "official: exact values"}),
        (_label("Aineisto: viimeisin lähetys", "Data: senaste uppladdningen", "Data as of the last upload"),
         as_of_text),
        (_label("Rahasto", "Fond", "Fund"), same(FUND)),
        (_label("Pitkäaikaistyöttömyys (EECO03)", "Långtidsarbetslöshet (EECO03)", "Long-term unemployment (EECO03)"),
         LONG_TERM_RULES.get(context.rule, same(context.rule))),
        (_label("Johdonmukaisuustarkistukset", "Konsistenskontroller", "Consistency checks"), _checks(context.checks)),
        (_label("Ohjelmistoversio", "Programversion", "Software version"),
         same(f"esf-impact {context.code.get('version') or ''}".strip())),
    ]
    if context.approval is not None:
        approved = same(f"{context.approval['approved_at']} ({context.approval['approved_by']})")
        lines.append((_label("Hyväksytty", "Godkänd", "Approved"), approved))
    notes = [
        _label("Arvot ovat kumulatiivisia ohjelman alusta katkaisupäivään.",
               "Värdena är kumulativa från programmets början till brytdagen.",
               "Values are cumulative from the start of the programme to the cut-off date."),
        _label("Poikkeus: EU:n osaamissopimuksen PS01–PS06 ovat kalenterivuoden lukuja hanketasolla, vain "
               "31.12. katkaisupäivinä; osallistumiset ovat osallistumiskertoja, eivät henkilöitä.",
               "Undantag: EU:s kompetenspakts PS01–PS06 gäller ett kalenderår på projektnivå, endast vid "
               "brytdagen 31.12; deltaganden är deltagartillfällen, inte personer.",
               "Except the EU Pact for Skills' PS01–PS06: per calendar year, at project level, at cut-offs of "
               "31 December only; attendances are attendances, not persons."),
        _label("SFC-rivit ovat hankkeiden summia toimintalinjan, erityistavoitteen ja aluekategorian mukaan.",
               "SFC-raderna är summor av projekten per prioritering, specifikt mål och regionkategori.",
               "SFC rows are sums of the projects by priority, specific objective and category of region."),
        _label("Erityistavoitteen SFC-koodi on ESO ja erityistavoitteen numero (4.1 → ESO4.1). Se jää tyhjäksi, "
               "jos numero ei ole ESR+:n erityistavoite 4.1–4.13.",
               "Det specifika målets SFC-kod är ESO och målets nummer (4.1 → ESO4.1). Den lämnas tom om "
               "numret inte är ett specifikt mål för ESF+, 4.1–4.13.",
               "The specific objective's SFC code is ESO and the objective's number (4.1 → ESO4.1). It is left "
               "empty when the number is not an ESF+ specific objective, 4.1–4.13."),
    ]
    if context.public:
        notes.append(_label(
            f".. = suojattu: alle {k} henkilöä, tai piilotettu, jottei toista suojattua lukua voi laskea. "
            f"Arkaluonteiset (EECO12, EECO15, SE04, SE05) alle {k}, myös 0, on aina suojattu.",
            f".. = skyddat: färre än {k} personer, eller dolt så att ett annat skyddat tal inte kan räknas ut. "
            f"Känsliga indikatorer (EECO12, EECO15, SE04, SE05) under {k}, även 0, är alltid skyddade.",
            f".. = suppressed: fewer than {k} persons, or hidden so that another suppressed number cannot be "
            f"worked out. Sensitive indicators (EECO12, EECO15, SE04, SE05) below {k}, 0 included, are always "
            "suppressed.",
        ))
    variant = {"fi": "julkinen", "sv": "offentlig", "en": "public"} if context.public else {
        "fi": "virallinen", "sv": "officiell", "en": "official"}
    return Cover(
        title={"fi": f"ESR+-indikaattorit ({variant['fi']})", "sv": f"ESF+-indikatorer ({variant['sv']})",
               "en": f"ESF+ indicators ({variant['en']})"},
        lines=lines,
        uploads=context.uploads,
        notes=notes,
        created=as_of,
    )


def _checks(checks: dict) -> Texts:
    """The build's data tests in a sentence: passed, or failed; with the number of warnings."""
    warnings = len(checks["warnings"])
    if checks["status"] != "passed":
        text = {"fi": "eivät läpäisseet", "sv": "godkändes inte", "en": "did not pass"}
    else:
        text = {"fi": "läpäisty", "sv": "godkända", "en": "passed"}
    if warnings:
        one = warnings == 1
        return {
            "fi": f"{text['fi']}; {warnings} {'huomautus' if one else 'huomautusta'} (luettelo tiedostossa manifest.json)",
            "sv": f"{text['sv']}; {warnings} {'anmärkning' if one else 'anmärkningar'} (förtecknade i filen manifest.json)",
            "en": f"{text['en']}; {warnings} {'warning' if one else 'warnings'} (listed in the file manifest.json)",
        }
    return text

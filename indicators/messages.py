"""Every rule an upload is checked against: its stable id, severity and the message, in
Finnish and English, that tells the person who uploaded how to fix the row.

Rule ids are part of the product's interface (import reports are saved and compared), so they
never change once released. Shapes:

- `file.<what>`: the file as a whole (refusals and file-level warnings);
- `<kind>.<column>.<check>`: one cell, generated from the contract (`required`, `format`,
  `code`, `pattern`, `min`, `max`, `positive`, `check_digit`);
- `<kind>.<column>.<rule>`: rules across columns, rows or uploads (listed in CROSS_RULES);
- `<kind>.key.duplicate`: the same key twice in one file;
- `withdraw.<what>`: the command-line withdrawal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from indicators.contract import CONTRACT, REGIONS, Column, Kind

ERROR = "error"
WARNING = "warning"

KIND_NAMES_FI: dict[str, str] = {
    "projects": "hankkeet",
    "participants": "osallistujat",
    "entities": "organisaatiot",
    "activities": "tapahtumat",
    "feedback": "palautteet",
    "targets": "tavoitteet",
}


@dataclass(frozen=True)
class RuleText:
    severity: str  # "error" rejects the row (or refuses the file); "warning" does not
    fi: str
    en: str


def _col_fi(c: Column) -> str:
    return f"Sarake {c.alias_fi} ({c.name})"


def _col_en(c: Column) -> str:
    return f"Column {c.name} ({c.alias_fi})"


_TYPE_HINTS: dict[str, tuple[str, str]] = {
    "date": (
        "Kirjoita päivämäärä muodossa 31.3.2025 tai 2025-03-31.",
        "Write the date as 2025-03-31 or 31.3.2025.",
    ),
    "integer": (
        "Kirjoita kokonaisluku, esim. 12.",
        "Write a whole number, e.g. 12.",
    ),
    "decimal": (
        "Kirjoita luku, desimaalierottimena pilkku tai piste, esim. 12,5.",
        "Write a number with , or . as the decimal separator, e.g. 12.5.",
    ),
    "yes_no": (
        "Kirjoita kyllä tai ei (myös k/e, yes/no, 1/0 käyvät).",
        "Write yes or no (kyllä/ei, true/false, 1/0 also work).",
    ),
    "yes_no_declined": (
        "Kirjoita kyllä, ei tai ei halua vastata.",
        "Write yes, no or declined (ei halua vastata).",
    ),
    "business_id": (
        "Kirjoita Y-tunnus muodossa 1234567-8.",
        "Write the business ID as 1234567-8.",
    ),
}


def _codes_text(c: Column) -> tuple[str, str]:
    if c.codes == REGIONS:
        return ("MK01–MK21 (ei MK03 eikä MK20) tai maakunnan nimi",
                "MK01–MK21 (no MK03, no MK20) or the region's name")
    fi_aliases = {v: k for k, v in c.code_aliases.items()}
    en = ", ".join(c.codes)
    if fi_aliases:
        fi = ", ".join(fi_aliases.get(code, code) for code in c.codes) + f" (tai {en})"
        en = en + " (fi: " + ", ".join(fi_aliases.get(code, code) for code in c.codes) + ")"
        return fi, en
    return en, en


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def column_rules(kind: Kind) -> dict[str, RuleText]:
    """The cell-level rules the contract implies for one kind."""
    rules: dict[str, RuleText] = {}
    for c in kind.columns:
        base = f"{kind.name}.{c.name}"
        if c.required:
            rules[f"{base}.required"] = RuleText(
                ERROR, f"{_col_fi(c)} on pakollinen: täytä arvo.",
                f"{_col_en(c)} is required: fill in a value.",
            )
        if c.type in _TYPE_HINTS:
            fi, en = _TYPE_HINTS[c.type]
            rules[f"{base}.format"] = RuleText(
                ERROR, f"{_col_fi(c)}: arvoa ei voi lukea. {fi}",
                f"{_col_en(c)}: the value cannot be read. {en}",
            )
        if c.type == "business_id":
            rules[f"{base}.check_digit"] = RuleText(
                ERROR,
                f"{_col_fi(c)}: Y-tunnuksen tarkistusmerkki ei täsmää. Tarkista tunnus esim. YTJ:stä.",
                f"{_col_en(c)}: the business ID's check digit is wrong. Check the ID, e.g. in YTJ.",
            )
        if c.codes:
            fi, en = _codes_text(c)
            rules[f"{base}.code"] = RuleText(
                ERROR, f"{_col_fi(c)}: tuntematon arvo. Sallitut arvot: {fi}.",
                f"{_col_en(c)}: unknown value. Allowed: {en}.",
            )
        if c.pattern:
            fi, en = _PATTERN_HINTS.get(c.pattern, (f"muoto {c.pattern}", f"format {c.pattern}"))
            rules[f"{base}.pattern"] = RuleText(
                ERROR, f"{_col_fi(c)}: väärä muoto. Oikea muoto: {fi}.",
                f"{_col_en(c)}: wrong format. Expected {en}.",
            )
        if c.min is not None:
            rules[f"{base}.min"] = RuleText(
                ERROR, f"{_col_fi(c)}: arvon pitää olla vähintään {_num(c.min)}.",
                f"{_col_en(c)}: the value must be at least {_num(c.min)}.",
            )
        if c.max is not None:
            rules[f"{base}.max"] = RuleText(
                ERROR, f"{_col_fi(c)}: arvo saa olla enintään {_num(c.max)}.",
                f"{_col_en(c)}: the value must be at most {_num(c.max)}.",
            )
        if c.greater_than is not None:
            rules[f"{base}.positive"] = RuleText(
                ERROR, f"{_col_fi(c)}: arvon pitää olla suurempi kuin {_num(c.greater_than)}.",
                f"{_col_en(c)}: the value must be greater than {_num(c.greater_than)}.",
            )
    rules[f"{kind.name}.key.duplicate"] = RuleText(
        ERROR,
        "Sama tunniste (" + " + ".join(kind.key) + ") on tiedostossa useammin kuin kerran; "
        "kaikki nämä rivit hylättiin. Jätä tiedostoon vain yksi rivi kutakin tunnistetta kohden.",
        "The same key (" + " + ".join(kind.key) + ") appears more than once in the file; all "
        "those rows were rejected. Keep one row per key.",
    )
    return rules


_PATTERN_HINTS: dict[str, tuple[str, str]] = {
    r"^[A-Z][0-9]{5}$": ("iso kirjain ja viisi numeroa, esim. S30355",
                         "a capital letter and five digits, e.g. S30355"),
    r"^[0-9]\.[0-9]{1,2}$": ("erityistavoitteen numero, esim. 4.1",
                             "the specific objective's number, e.g. 4.1"),
    r"^[A-Za-z0-9_-]{1,64}$": ("1–64 merkkiä A–Z, a–z, 0–9, _ tai - (ei välilyöntejä eikä ääkkösiä)",
                               "1–64 characters of A–Z, a–z, 0–9, _ or - (no spaces)"),
}

# Rules across columns, rows and uploads, which pandera cannot express.
CROSS_RULES: dict[str, RuleText] = {
    **{
        f"{kind}.project_code.unknown_project": RuleText(
            ERROR,
            "Hankekoodia ei löydy hankkeista. Lataa ensin hanke (hankkeet-tiedosto) tai korjaa koodi.",
            "The project_code is not among the projects. Upload the project first (projects "
            "file) or correct the code.",
        )
        for kind in ("participants", "entities", "activities", "feedback")
    },
    **{
        f"participants.{col}.required_with_exit_date": RuleText(
            ERROR,
            f"Sarake {alias} ({col}) on pakollinen, kun lopetuspäivä (exit_date) on annettu.",
            f"{col} ({alias}) is required when exit_date is given.",
        )
        for col, alias in (
            ("exit_job_searching", "lopussa_tyonhaussa"),
            ("exit_in_education", "lopussa_koulutuksessa"),
            ("exit_qualification", "lopussa_tutkinto"),
            ("exit_employed", "lopussa_tyossa"),
        )
    },
    **{
        f"participants.{col}.without_exit_date": RuleText(
            ERROR,
            f"Sarake {alias} ({col}) on täytetty, mutta lopetuspäivä (exit_date) puuttuu. "
            "Lisää lopetuspäivä tai tyhjennä solu.",
            f"{col} ({alias}) is filled but exit_date is empty. Add the exit date or clear the cell.",
        )
        for col, alias in (
            ("exit_job_searching", "lopussa_tyonhaussa"),
            ("exit_in_education", "lopussa_koulutuksessa"),
            ("exit_qualification", "lopussa_tutkinto"),
            ("exit_employed", "lopussa_tyossa"),
            ("followup_date", "seurantapvm"),
            ("followup_employed", "seuranta_tyossa"),
            ("followup_improved", "seuranta_tilanne_parantunut"),
        )
    },
    **{
        f"participants.{col}.without_followup_date": RuleText(
            ERROR,
            f"Sarake {alias} ({col}) on täytetty, mutta seurantapäivä (followup_date) puuttuu. "
            "Lisää seurantapäivä tai tyhjennä solu.",
            f"{col} ({alias}) is filled but followup_date is empty. Add the follow-up date or "
            "clear the cell.",
        )
        for col, alias in (
            ("followup_employed", "seuranta_tyossa"),
            ("followup_improved", "seuranta_tilanne_parantunut"),
        )
    },
    "participants.followup_improved.not_employed_at_entry": RuleText(
        ERROR,
        "Tilanteen paraneminen (followup_improved) kirjataan vain henkilöille, jotka olivat "
        "työssä aloittaessaan. Tyhjennä solu.",
        "followup_improved applies only to persons employed at entry. Clear the cell.",
    ),
    "participants.unemployment_months.required_if_unemployed": RuleText(
        ERROR,
        "Työttömyyden kesto kuukausina (tyottomyyden_kesto_kk) on pakollinen työttömälle.",
        "unemployment_months is required when labour_market_status is unemployed.",
    ),
    "participants.unemployment_months.only_if_unemployed": RuleText(
        ERROR,
        "Työttömyyden kesto annetaan vain työttömille. Tyhjennä solu tai korjaa työmarkkina-asema.",
        "unemployment_months must be empty unless the person is unemployed. Clear the cell or "
        "correct labour_market_status.",
    ),
    "participants.entry_date.future": RuleText(
        ERROR, "Aloituspäivä on tulevaisuudessa. Korjaa päivämäärä.",
        "entry_date is in the future. Correct the date.",
    ),
    "participants.exit_date.future": RuleText(
        ERROR, "Lopetuspäivä on tulevaisuudessa. Kirjaa lopetus vasta kun se on tapahtunut.",
        "exit_date is in the future. Record the exit once it has happened.",
    ),
    "participants.exit_date.before_entry": RuleText(
        ERROR, "Lopetuspäivä on ennen aloituspäivää. Korjaa päivämäärät.",
        "exit_date is before entry_date. Correct the dates.",
    ),
    "participants.followup_date.before_exit": RuleText(
        ERROR, "Seurantapäivä on ennen lopetuspäivää. Korjaa päivämäärät.",
        "followup_date is before exit_date. Correct the dates.",
    ),
    "participants.followup_date.outside_window": RuleText(
        WARNING,
        "Seurantapäivä ei ole 5–7 kuukauden päässä lopetuksesta; tulostavoite lasketaan "
        "kuuden kuukauden seurannasta. Tarkista päivämäärä.",
        "followup_date is not 5–7 months after exit_date; the longer-term result indicators "
        "use the six-month follow-up. Check the date.",
    ),
    "participants.age_at_entry.unusual": RuleText(
        WARNING, "Ikä on alle 15 tai yli 90 vuotta. Tarkista arvo.",
        "The age is below 15 or above 90. Check the value.",
    ),
    "participants.education_isced.missing": RuleText(
        WARNING,
        "Koulutusaste (koulutusaste_isced) puuttuu: henkilö ei näy yhdessäkään "
        "koulutustasoindikaattorissa. Täytä 0–8, jos tiedossa.",
        "education_isced is missing: the person counts in no ISCED indicator. Fill in 0–8 if known.",
    ),
    "projects.end_date.before_start": RuleText(
        ERROR, "Loppupäivä on ennen alkupäivää. Korjaa päivämäärät.",
        "end_date is before start_date. Correct the dates.",
    ),
    "activities.end_date.before_start": RuleText(
        ERROR, "Loppupäivä on ennen alkupäivää. Korjaa päivämäärät.",
        "end_date is before start_date. Correct the dates.",
    ),
    "entities.size_class.required_if_enterprise": RuleText(
        ERROR,
        "Kokoluokka (kokoluokka) on pakollinen yrityksille: micro, small, medium tai large.",
        "size_class is required for enterprises: micro, small, medium or large.",
    ),
    "entities.employees_partial_work_ability.exceeds_employees": RuleText(
        ERROR,
        "Osatyökykyisiä työntekijöitä on enemmän kuin henkilöstöä. Korjaa luvut.",
        "employees_partial_work_ability exceeds employees. Correct the numbers.",
    ),
    "activities.attendees_total.parts_exceed_total": RuleText(
        ERROR,
        "Naisten, miesten ja muiden osallistujien summa on suurempi kuin osallistujat yhteensä. "
        "Korjaa luvut.",
        "attendees_women + attendees_men + attendees_non_binary exceed attendees_total. "
        "Correct the numbers.",
    ),
    "feedback.activity_id.unknown_activity": RuleText(
        ERROR,
        "Tapahtumaa ei löydy saman hankkeen tapahtumista. Lataa tapahtuma ensin tai korjaa tunnus.",
        "The activity is not among the activities of this project. Upload the activity first "
        "or correct the id.",
    ),
    "feedback.response_date.before_activity": RuleText(
        WARNING, "Vastauspäivä on ennen tapahtuman alkua. Tarkista päivämäärä.",
        "response_date is before the activity's start_date. Check the date.",
    ),
    "targets.indicator_code.unknown": RuleText(
        ERROR,
        "Indikaattoria ei ole indikaattoriluettelossa. Käytä luettelon koodia, esim. EECO01.",
        "The indicator is not in the indicator catalogue. Use a catalogue code, e.g. EECO01.",
    ),
    "targets.scope_code.format": RuleText(
        ERROR,
        "Tunnus ei sovi tasoon: ohjelmalle '-', erityistavoitteelle numero (esim. 4.1), "
        "hankkeelle hankekoodi (esim. S30355).",
        "scope_code does not fit scope_type: '-' for programme, the number (e.g. 4.1) for "
        "specific_objective, the project_code (e.g. S30355) for project.",
    ),
    "targets.scope_code.unknown_project": RuleText(
        WARNING,
        "Hankekoodia ei (vielä) löydy hankkeista; tavoite näkyy vasta, kun hanke on ladattu.",
        "The project_code is not (yet) among the projects; the target shows once the project "
        "is uploaded.",
    ),
}

FILE_RULES: dict[str, RuleText] = {
    "file.empty": RuleText(
        ERROR, "Tiedosto on tyhjä. Tallenna taulukko CSV-muodossa otsikkoriveineen.",
        "The file is empty. Save the table as CSV with its header row.",
    ),
    "file.binary": RuleText(
        ERROR,
        "Tiedosto ei ole CSV-tekstitiedosto. Tallenna Excelissä muodossa 'CSV (luetteloerotin)' "
        "tai 'CSV UTF-8'.",
        "The file is not a CSV text file. In Excel, save as 'CSV (semicolon/comma delimited)' "
        "or 'CSV UTF-8'.",
    ),
    "file.unreadable": RuleText(
        ERROR,
        "Tiedostoa ei voi lukea taulukkona. Tarkista erotinmerkki (; , tai sarkain) ja lainausmerkit.",
        "The file cannot be read as a table. Check the delimiter (; , or tab) and the quotes.",
    ),
    "file.xlsx_unsupported": RuleText(
        ERROR,
        "Excel-tiedostoja ei voi vielä lukea tässä asennuksessa. Tallenna taulukko CSV-muodossa.",
        "Excel files cannot be read by this installation yet. Save the sheet as CSV.",
    ),
    "file.no_header": RuleText(
        ERROR, "Tiedostosta puuttuu otsikkorivi. Ensimmäisellä rivillä pitää olla sarakkeiden nimet.",
        "The file has no header row. The first row must name the columns.",
    ),
    "file.too_large": RuleText(
        ERROR, "Tiedosto on liian suuri (yli 1 Gt). Jaa tiedosto osiin.",
        "The file is too large (over 1 GB). Split it into parts.",
    ),
    "file.too_many_rows": RuleText(
        ERROR, "Tiedostossa on yli 1 000 000 riviä. Jaa tiedosto enintään miljoonan rivin osiin.",
        "The file has more than 1,000,000 rows. Split it into parts of at most a million rows.",
    ),
    "file.henkilotunnus": RuleText(
        ERROR,
        "Tiedostossa tai sen nimessä on henkilötunnukselta näyttävä arvo. Tiedostoa ei "
        "tallennettu. Poista henkilötunnukset (käytä pseudonyymejä) ja lataa uudelleen.",
        "The file or its name contains something that looks like a Finnish personal identity "
        "code. The file was not stored. Remove identity codes (use pseudonyms) and upload again.",
    ),
    "file.unknown_kind": RuleText(
        ERROR,
        "Tiedoston tyyppiä ei tunnistettu sarakkeista. Anna tyyppi (--kind) tai korjaa otsikot "
        "mallipohjan mukaisiksi.",
        "The kind of file could not be recognised from its columns. Give the kind (--kind) or "
        "fix the headers to match the template.",
    ),
    "file.unknown_kind_name": RuleText(
        ERROR,
        "Tuntematon tiedostotyyppi. Sallitut: projects, participants, entities, activities, "
        "feedback, targets.",
        "Unknown kind. Allowed: projects, participants, entities, activities, feedback, targets.",
    ),
    "file.missing_column": RuleText(
        ERROR,
        "Pakollinen sarake puuttuu, joten tiedostoa ei ladattu. Lisää sarake (suomeksi tai "
        "englanniksi nimettynä).",
        "A required column is missing, so nothing was loaded. Add the column (Finnish or "
        "English name).",
    ),
    "file.duplicate_column": RuleText(
        ERROR,
        "Sama sarake on tiedostossa kahdesti (esim. sekä suomeksi että englanniksi). Poista toinen.",
        "The same column appears twice (e.g. under its Finnish and English name). Remove one.",
    ),
    "file.not_found": RuleText(
        ERROR, "Tiedostoa ei löydy tai sitä ei voi avata.", "The file does not exist or cannot be opened.",
    ),
    "file.unknown_column": RuleText(
        WARNING,
        "Tuntematon sarake: sitä ei ladata. Tarkista nimen kirjoitusasu, jos sarakkeen piti olla mukana.",
        "Unknown column: it is not loaded. Check the spelling if the column was meant to be included.",
    ),
    "file.ragged_rows": RuleText(
        WARNING,
        "Joillakin riveillä on enemmän soluja kuin otsikkorivillä; ylimääräiset solut ohitettiin.",
        "Some rows have more cells than the header row; the extra cells were ignored.",
    ),
    "file.no_data_rows": RuleText(
        WARNING, "Tiedostossa on vain otsikkorivi, ei tietoja.", "The file has a header row but no data.",
    ),
    "withdraw.not_found": RuleText(
        ERROR, "Poistettavaa tietuetta ei löydy. Tarkista tyyppi ja tunnisteet.",
        "No such record to withdraw. Check the kind and the key.",
    ),
    "withdraw.bad_key": RuleText(
        ERROR,
        "Tunnisteessa on väärä määrä osia. Anna hankekoodi ja tunnus (monen osan tunnus /-merkein eroteltuna).",
        "The key has the wrong number of parts. Give the project code and the id (a multi-part "
        "id separated by /).",
    ),
}


@lru_cache(maxsize=1)
def all_rules() -> dict[str, RuleText]:
    """Every rule id the ingest can report, with its severity and messages."""
    rules: dict[str, RuleText] = dict(FILE_RULES)
    for kind in CONTRACT.values():
        rules.update(column_rules(kind))
    rules.update(CROSS_RULES)
    return rules


def rule_text(rule_id: str) -> RuleText:
    return all_rules()[rule_id]

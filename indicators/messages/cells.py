"""Cell-level rule texts, generated from the contract: `<kind>.<column>.<check>` for the checks
`required`, `format`, `check_digit`, `code`, `pattern`, `min`, `max`, `positive`, `too_long`
(every column: a cell longer than the cell limit, 500 characters unless the service sets
another), `no_such_date` (date columns: written as a date, but not one, e.g. 31.2.2026),
`too_early` (date columns: before contract.EARLIEST_DATE), and
`<kind>.key.duplicate`.

Columns are named as their users write them: Finnish messages lead with the Finnish alias,
Swedish and English ones with the canonical name (the Swedish templates use the English
names), each followed by the other.
"""

from __future__ import annotations

from indicators.contract import EARLIEST_DATE, REGIONS, Column, Kind
from indicators.messages.core import ERROR, RuleText


def _col_fi(c: Column) -> str:
    return f"Sarake {c.alias_fi} ({c.name})"


def _col_sv(c: Column) -> str:
    return f"Kolumnen {c.name} ({c.alias_fi})"


def _col_en(c: Column) -> str:
    return f"Column {c.name} ({c.alias_fi})"


# (fi, sv, en) per column type.
TYPE_HINTS: dict[str, tuple[str, str, str]] = {
    "date": (
        "Kirjoita päivämäärä muodossa 31.3.2025 tai 2025-03-31.",
        "Skriv datumet i formen 31.3.2025 eller 2025-03-31.",
        "Write the date as 2025-03-31 or 31.3.2025.",
    ),
    "integer": (
        "Kirjoita kokonaisluku, esim. 12.",
        "Skriv ett heltal, t.ex. 12.",
        "Write a whole number, e.g. 12.",
    ),
    "decimal": (
        "Kirjoita luku, desimaalierottimena pilkku tai piste, esim. 12,5.",
        "Skriv ett tal med komma eller punkt som decimaltecken, t.ex. 12,5.",
        "Write a number with , or . as the decimal separator, e.g. 12.5.",
    ),
    "yes_no": (
        "Kirjoita kyllä tai ei (myös k/e, yes/no, 1/0 käyvät).",
        "Skriv ja eller nej (även yes/no, kyllä/ei, 1/0 godtas).",
        "Write yes or no (kyllä/ei, true/false, 1/0 also work).",
    ),
    "yes_no_declined": (
        "Kirjoita kyllä, ei tai ei halua vastata.",
        "Skriv ja, nej eller vill inte svara.",
        "Write yes, no or declined (ei halua vastata).",
    ),
    "business_id": (
        "Kirjoita Y-tunnus muodossa 1234567-8.",
        "Skriv FO-numret i formen 1234567-8.",
        "Write the business ID as 1234567-8.",
    ),
}

PATTERN_HINTS: dict[str, tuple[str, str, str]] = {
    r"^[A-Z][0-9]{5}$": (
        "iso kirjain ja viisi numeroa, esim. S30355",
        "en versal och fem siffror, t.ex. S30355",
        "a capital letter and five digits, e.g. S30355",
    ),
    r"^[0-9]\.[0-9]{1,2}$": (
        "erityistavoitteen numero, esim. 4.1",
        "det specifika målets nummer, t.ex. 4.1",
        "the specific objective's number, e.g. 4.1",
    ),
    r"^[0-9]$": (
        "toimintalinjan numero, esim. 4",
        "prioriteringens nummer, t.ex. 4",
        "the priority's number, e.g. 4",
    ),
    r"^https://\S+$": (
        "verkko-osoite, joka alkaa https://",
        "en webbadress som börjar med https://",
        "a web address starting with https://",
    ),
    r"^[A-Za-z0-9_-]{1,64}$": (
        "1–64 merkkiä A–Z, a–z, 0–9, _ tai - (ei välilyöntejä eikä ääkkösiä)",
        "1–64 tecken av A–Z, a–z, 0–9, _ eller - (inga mellanslag, inte å, ä eller ö)",
        "1–64 characters of A–Z, a–z, 0–9, _ or - (no spaces)",
    ),
}


def codes_text(c: Column) -> tuple[str, str, str]:
    """The allowed values of a coded column, as (fi, sv, en)."""
    if c.codes == REGIONS:
        return ("MK01–MK21 (ei MK03 eikä MK20) tai maakunnan nimi",
                "MK01–MK21 (inte MK03 eller MK20) eller landskapets finska namn",
                "MK01–MK21 (no MK03, no MK20) or the region's name")
    fi_aliases = {v: k for k, v in c.code_aliases.items()}
    en = ", ".join(c.codes)
    if fi_aliases:
        finnish = ", ".join(fi_aliases.get(code, code) for code in c.codes)
        return f"{finnish} (tai {en})", f"{en} (på finska: {finnish})", f"{en} (fi: {finnish})"
    return en, en, en


def _num(x: float) -> str:
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", "\u00a0")  # 1 000 000: readable in fi, sv and en
    return str(x)


def column_rules(kind: Kind) -> dict[str, RuleText]:
    """The cell-level rules the contract implies for one kind."""
    rules: dict[str, RuleText] = {}
    for c in kind.columns:
        base = f"{kind.name}.{c.name}"
        fi_c, sv_c, en_c = _col_fi(c), _col_sv(c), _col_en(c)
        if c.required:
            rules[f"{base}.required"] = RuleText(
                ERROR,
                f"{fi_c} on pakollinen: täytä arvo.",
                f"{sv_c} är obligatorisk: fyll i ett värde.",
                f"{en_c} is required: fill in a value.",
            )
        rules[f"{base}.too_long"] = RuleText(
            ERROR,
            f"{fi_c}: solu on liian pitkä (raja on 500 merkkiä, ellei palvelussa ole asetettu "
            "toista). Lyhennä arvo.",
            f"{sv_c}: cellen är för lång (gränsen är 500 tecken om tjänsten inte har en annan "
            "inställning). Korta värdet.",
            f"{en_c}: the cell is too long (the limit is 500 characters unless the service sets "
            "another). Shorten the value.",
        )
        if c.type == "date":
            rules[f"{base}.no_such_date"] = RuleText(
                ERROR,
                f"{fi_c}: tällaista päivää ei ole kalenterissa (esim. 31.2.). Tarkista päivä ja kuukausi.",
                f"{sv_c}: ett sådant datum finns inte i kalendern (t.ex. 31.2.). Kontrollera dag och månad.",
                f"{en_c}: there is no such day in the calendar (e.g. 31 February). Check the day and the month.",
            )
            rules[f"{base}.too_early"] = RuleText(
                ERROR,
                f"{fi_c}: päivämäärä ennen vuotta {EARLIEST_DATE.year} on kirjoitusvirhe. "
                "Tarkista vuosi.",
                f"{sv_c}: ett datum före år {EARLIEST_DATE.year} är ett skrivfel. Kontrollera året.",
                f"{en_c}: a date before {EARLIEST_DATE.year} is a typing error. Check the year.",
            )
        if c.type in TYPE_HINTS:
            fi, sv, en = TYPE_HINTS[c.type]
            rules[f"{base}.format"] = RuleText(
                ERROR,
                f"{fi_c}: arvoa ei voi lukea. {fi}",
                f"{sv_c}: värdet kan inte läsas. {sv}",
                f"{en_c}: the value cannot be read. {en}",
            )
        if c.type == "business_id":
            rules[f"{base}.check_digit"] = RuleText(
                ERROR,
                f"{fi_c}: Y-tunnuksen tarkistusmerkki ei täsmää. Tarkista tunnus esim. YTJ:stä.",
                f"{sv_c}: FO-numrets kontrollsiffra stämmer inte. Kontrollera numret t.ex. i FODS.",
                f"{en_c}: the business ID's check digit is wrong. Check the ID, e.g. in YTJ.",
            )
        if c.codes:
            fi, sv, en = codes_text(c)
            rules[f"{base}.code"] = RuleText(
                ERROR,
                f"{fi_c}: tuntematon arvo. Sallitut arvot: {fi}.",
                f"{sv_c}: okänt värde. Tillåtna värden: {sv}.",
                f"{en_c}: unknown value. Allowed: {en}.",
            )
        if c.pattern:
            fi, sv, en = PATTERN_HINTS.get(
                c.pattern, (f"muoto {c.pattern}", f"formen {c.pattern}", f"format {c.pattern}")
            )
            rules[f"{base}.pattern"] = RuleText(
                ERROR,
                f"{fi_c}: väärä muoto. Oikea muoto: {fi}.",
                f"{sv_c}: fel format. Rätt format: {sv}.",
                f"{en_c}: wrong format. Expected {en}.",
            )
        if c.min is not None:
            rules[f"{base}.min"] = RuleText(
                ERROR,
                f"{fi_c}: arvon pitää olla vähintään {_num(c.min)}.",
                f"{sv_c}: värdet ska vara minst {_num(c.min)}.",
                f"{en_c}: the value must be at least {_num(c.min)}.",
            )
        if c.max is not None:
            rules[f"{base}.max"] = RuleText(
                ERROR,
                f"{fi_c}: arvo saa olla enintään {_num(c.max)}.",
                f"{sv_c}: värdet får vara högst {_num(c.max)}.",
                f"{en_c}: the value must be at most {_num(c.max)}.",
            )
        if c.greater_than is not None:
            rules[f"{base}.positive"] = RuleText(
                ERROR,
                f"{fi_c}: arvon pitää olla suurempi kuin {_num(c.greater_than)}.",
                f"{sv_c}: värdet ska vara större än {_num(c.greater_than)}.",
                f"{en_c}: the value must be greater than {_num(c.greater_than)}.",
            )
    key = " + ".join(kind.key)
    rules[f"{kind.name}.key.duplicate"] = RuleText(
        ERROR,
        f"Sama tunniste ({key}) on tiedostossa useammin kuin kerran; kaikki nämä rivit "
        "hylättiin. Jätä tiedostoon vain yksi rivi kutakin tunnistetta kohden.",
        f"Samma nyckel ({key}) förekommer mer än en gång i filen; alla dessa rader "
        "avvisades. Behåll endast en rad per nyckel.",
        f"The same key ({key}) appears more than once in the file; all those rows were "
        "rejected. Keep one row per key.",
    )
    return rules

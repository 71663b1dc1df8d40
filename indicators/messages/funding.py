"""Rule texts of the funding kinds' rules across columns, rows and uploads (docs/seed-work.md
section 2.3): `funding_opportunities.<column>.<rule>` and `funding_referrals.<column>.<rule>`.

`SPEC_RULES` names the rule ids that implement each of the spec's rules FUN-01 to FUN-07.
"""

from __future__ import annotations

from indicators.messages.core import ERROR, WARNING, RuleText

O = "funding_opportunities"
R = "funding_referrals"

SPEC_RULES: dict[str, tuple[str, ...]] = {
    "FUN-01": (
        f"{R}.application_date.required_for_status", f"{R}.decision_date.required_for_status",
        f"{R}.granted_amount_eur.required_if_funded", f"{R}.granted_amount_eur.only_if_funded",
    ),
    "FUN-02": (f"{R}.application_date.before_informed",),
    "FUN-03": (f"{R}.application_date.after_deadline",),
    "FUN-04": (f"{R}.organisation_type.not_eligible",),
    "FUN-05": (f"{R}.granted_amount_eur.unusual",),
    "FUN-06": (f"{R}.status_checked_date.follow_up_due",),
    "FUN-07": ("file.email_address",),
}

_ENTITY_COLUMNS = (
    ("organisation_type", "organisaatiotyyppi", "organisaatiotyyppi", "organisationstyp", "organisation type"),
    ("social_enterprise", "yhteiskunnallinen_yritys", "yhteiskunnallisen yrityksen tieto",
     "uppgiften om socialt företag", "social enterprise"),
    ("region_code", "maakunta", "maakunta", "landskap", "region"),
)

FUNDING_RULES: dict[str, RuleText] = {
    f"{O}.deadline_date.before_opening": RuleText(
        ERROR, "Haku päättyy (haku_paattyy) ennen kuin se alkaa (haku_alkaa). Korjaa päivämäärät.",
        "Ansökningstiden slutar (deadline_date) före den börjar (opening_date). Rätta datumen.",
        "deadline_date is before opening_date. Correct the dates.",
    ),
    f"{O}.grant_max_eur.below_min": RuleText(
        ERROR, "Tuen enimmäismäärä (tuki_max_eur) on pienempi kuin vähimmäismäärä (tuki_min_eur). "
        "Korjaa luvut.",
        "Stödets högsta belopp (grant_max_eur) är mindre än det lägsta (grant_min_eur). Rätta beloppen.",
        "grant_max_eur is below grant_min_eur. Correct the amounts.",
    ),
    f"{O}.region_code.required_if_regional": RuleText(
        ERROR, "Alueellisella haulla (maantieteellinen_kattavuus alueellinen) pitää olla maakunta.",
        "En regional utlysning (geographic_scope regional) ska ha ett landskap (region_code).",
        "A regional opportunity (geographic_scope regional) needs its region_code.",
    ),
    f"{O}.recorded_date.future": RuleText(
        ERROR, "Kirjauspäivä (kirjattu) on tulevaisuudessa. Korjaa päivämäärä.",
        "Registreringsdatum (recorded_date) ligger i framtiden. Rätta datumet.",
        "recorded_date is in the future. Correct the date.",
    ),
    f"{R}.opportunity_id.unknown_opportunity": RuleText(
        ERROR,
        "Rahoitusmahdollisuutta ei löydy rahoitusmahdollisuuksista (rahoitustunnus hankkeella "
        "rahoitus_hankekoodi, tyhjä = oma hankekoodi). Lataa ensin rahoitusmahdollisuus tai korjaa tunnus.",
        "Finansieringsmöjligheten (opportunity_id) finns inte bland finansieringsmöjligheterna "
        "(funding_opportunities) i projektet opportunity_project_code (tomt = radens project_code). Ladda först upp den eller "
        "rätta identifieraren.",
        "The opportunity is not among the funding_opportunities of opportunity_project_code "
        "(empty = this row's project_code). Upload the opportunity first or correct the id.",
    ),
    f"{R}.activity_id.unknown_activity": RuleText(
        ERROR,
        "Tapahtumaa ei löydy saman hankkeen tapahtumista. Lataa tapahtuma ensin, korjaa tunnus "
        "tai jätä solu tyhjäksi.",
        "Evenemanget (activity_id) finns inte bland samma projekts evenemang. Ladda först upp "
        "evenemanget, rätta identifieraren eller lämna cellen tom.",
        "The activity is not among the activities of this project. Upload the activity first, "
        "correct the id or leave the cell empty.",
    ),
    f"{R}.organisation_type.required_unless_in_entities": RuleText(
        ERROR,
        "Organisaatiotyyppi (organisaatiotyyppi) on pakollinen, kun Y-tunnusta ei ole hankkeen "
        "organisaatiot-tiedostossa. Täytä tyyppi tai lataa organisaatio ensin.",
        "Organisationstypen (organisation_type) är obligatorisk när FO-numret (business_id) inte finns bland "
        "projektets organisationer (entities). Fyll i typen eller ladda först upp organisationen.",
        "organisation_type is required when the business_id is not among this project's "
        "entities. Fill in the type or upload the organisation first.",
    ),
    **{
        f"{R}.{col}.differs_from_entities": RuleText(
            WARNING,
            f"Sarake {alias} ({col}): arvo poikkeaa hankkeen organisaatiot-tiedostosta; "
            f"laskennassa käytetään organisaatiot-tiedoston {fi}a.",
            f"Kolumnen {col} ({alias}): värdet avviker från projektets organisationer (entities); "
            f"beräkningen använder {sv} därifrån.",
            f"Column {col} ({alias}): the value differs from this project's entities; the "
            f"indicators use the entities file's {en}.",
        )
        for col, alias, fi, sv, en in _ENTITY_COLUMNS
    },
    f"{R}.informed_date.future": RuleText(
        ERROR, "Tiedottamispäivä (tiedotettu) on tulevaisuudessa. Korjaa päivämäärä.",
        "Datumet för informationen (informed_date) ligger i framtiden. Rätta datumet.",
        "informed_date is in the future. Correct the date.",
    ),
    f"{R}.status_checked_date.future": RuleText(
        ERROR, "Tilan tarkistuspäivä (tila_tarkistettu) on tulevaisuudessa. Korjaa päivämäärä.",
        "Datumet då statusen kontrollerades (status_checked_date) ligger i framtiden. Rätta datumet.",
        "status_checked_date is in the future. Correct the date.",
    ),
    f"{R}.status_checked_date.before_informed": RuleText(
        ERROR, "Tilan tarkistuspäivä (tila_tarkistettu) on ennen tiedottamispäivää (tiedotettu). "
        "Korjaa päivämäärät.",
        "Datumet då statusen kontrollerades (status_checked_date) infaller före informationen "
        "(informed_date). Rätta datumen.",
        "status_checked_date is before informed_date. Correct the dates.",
    ),
    f"{R}.decision_date.before_application": RuleText(
        ERROR, "Päätöspäivä (paatospvm) on ennen hakupäivää (hakupvm). Korjaa päivämäärät.",
        "Beslutsdatum (decision_date) infaller före ansökningsdatum (application_date). Rätta datumen.",
        "decision_date is before application_date. Correct the dates.",
    ),
    f"{R}.application_date.required_for_status": RuleText(
        ERROR,
        "Hakupäivä (hakupvm) on pakollinen, kun tila on haettu, myönnetty tai hylätty.",
        "Ansökningsdatum (application_date) är obligatoriskt när statusen är submitted, funded "
        "eller rejected.",
        "application_date is required when the status is submitted, funded or rejected.",
    ),
    f"{R}.decision_date.required_for_status": RuleText(
        ERROR,
        "Päätöspäivä (paatospvm) on pakollinen, kun tila on myönnetty tai hylätty.",
        "Beslutsdatum (decision_date) är obligatoriskt när statusen är funded eller rejected.",
        "decision_date is required when the status is funded or rejected.",
    ),
    f"{R}.granted_amount_eur.required_if_funded": RuleText(
        ERROR,
        "Myönnetty summa (myonnetty_eur) on pakollinen, kun tila on myönnetty: organisaation "
        "oma osuus euroina.",
        "Beviljat belopp (granted_amount_eur) är obligatoriskt när statusen är funded: "
        "organisationens egen andel i euro.",
        "granted_amount_eur is required when the status is funded: the organisation's own "
        "share in euros.",
    ),
    f"{R}.granted_amount_eur.only_if_funded": RuleText(
        ERROR,
        "Myönnetty summa (myonnetty_eur) annetaan vain, kun tila on myönnetty. Tyhjennä solu tai "
        "korjaa tila.",
        "Beviljat belopp (granted_amount_eur) anges bara när statusen är funded. Töm cellen "
        "eller rätta statusen.",
        "granted_amount_eur is given only when the status is funded. Clear the cell or correct "
        "the status.",
    ),
    f"{R}.application_date.before_informed": RuleText(
        WARNING,
        "Hakupäivä (hakupvm) on ennen tiedottamista (tiedotettu): organisaatio oli hakenut jo "
        "ennen hankkeen ohjausta. Se lasketaan tiedotetuksi mutta ei hakemus- eikä "
        "tulosindikaattoreihin (SE20–SE24).",
        "Ansökningsdatum (application_date) infaller före informationen (informed_date): "
        "organisationen hade redan ansökt. Den räknas som informerad men inte i ansöknings- "
        "eller resultatindikatorerna (SE20–SE24).",
        "application_date is before informed_date: the organisation had applied before it was "
        "informed. It counts as informed but not in the application and outcome indicators "
        "(SE20–SE24).",
    ),
    f"{R}.application_date.after_deadline": RuleText(
        WARNING,
        "Hakupäivä (hakupvm) on haun päättymisen (haku_paattyy) jälkeen. Tarkista päivämäärät.",
        "Ansökningsdatum (application_date) infaller efter att ansökningstiden slutat "
        "(deadline_date). Kontrollera datumen.",
        "application_date is after the opportunity's deadline_date. Check the dates.",
    ),
    f"{R}.organisation_type.not_eligible": RuleText(
        WARNING,
        "Organisaation tyyppi ei ole rahoitusmahdollisuudessa kelpoinen hakija (kelpoinen_… = ei). "
        "Tarkista organisaatiotyyppi tai haun kelpoisuustiedot.",
        "Organisationens typ är inte en behörig sökande enligt finansieringsmöjligheten "
        "(eligible_… = no). Kontrollera organisationstypen eller utlysningens behörighet.",
        "The organisation's type is not an eligible applicant of the opportunity (its "
        "eligible_… flag is no). Check the organisation type or the opportunity's eligibility.",
    ),
    f"{R}.granted_amount_eur.unusual": RuleText(
        WARNING,
        "Myönnetty summa (myonnetty_eur) on suurempi kuin haettu summa, haun tuen enimmäismäärä "
        "tai 10 miljoonaa euroa. Tarkista summa.",
        "Beviljat belopp (granted_amount_eur) är större än det sökta beloppet, utlysningens "
        "högsta stöd (grant_max_eur) eller 10 miljoner euro. Kontrollera beloppet.",
        "granted_amount_eur exceeds the applied amount, the opportunity's grant_max_eur or "
        "€10 million. Check the amount.",
    ),
    f"{R}.status_checked_date.follow_up_due": RuleText(
        WARNING,
        "Tilaa ei ole tarkistettu yli 12 kuukauteen, vaikka asia on kesken (tiedotettu, "
        "valmistelee tai haettu): seuranta on myöhässä. Tarkista tila organisaatiolta.",
        "Statusen har inte kontrollerats på över 12 månader fast ärendet pågår (informed, "
        "preparing eller submitted): uppföljningen är försenad. Kontrollera statusen med "
        "organisationen.",
        "The status has not been checked for over 12 months while it is open (informed, "
        "preparing or submitted): the follow-up is due. Check the status with the organisation.",
    ),
}

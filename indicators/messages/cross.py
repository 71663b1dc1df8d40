"""Rule texts for checks across columns, rows and uploads (which pandera cannot express):
`<kind>.<column>.<rule>`."""

from __future__ import annotations

from indicators.messages.core import ERROR, WARNING, RuleText

_EXIT_FLAGS = (
    ("exit_job_searching", "lopussa_tyonhaussa"),
    ("exit_in_education", "lopussa_koulutuksessa"),
    ("exit_qualification", "lopussa_tutkinto"),
    ("exit_employed", "lopussa_tyossa"),
)
_FOLLOWUP_FLAGS = (
    ("followup_employed", "seuranta_tyossa"),
    ("followup_improved", "seuranta_tilanne_parantunut"),
)

CROSS_RULES: dict[str, RuleText] = {
    "projects.priority.not_of_objective": RuleText(
        ERROR,
        "Sarake toimintalinja (priority): toimintalinja on erityistavoitteen ensimmäinen numero "
        "(erityistavoite 4.1 kuuluu toimintalinjaan 4). Korjaa toimintalinja tai erityistavoite.",
        "Kolumnen priority (toimintalinja): prioriteringen är det specifika målets första nummer "
        "(mål 4.1 hör till prioritering 4). Rätta prioriteringen eller det specifika målet.",
        "Column priority (toimintalinja): the priority is the specific objective's first number "
        "(objective 4.1 belongs to priority 4). Fix the priority or the specific objective.",
    ),
    **{
        f"{kind}.project_code.not_permitted": RuleText(
            ERROR,
            "Tunnuksellasi voi tallentaa vain omien hankkeidesi tietoja; tämän rivin hanke ei ole "
            "niitä. Poista rivi tai pyydä hankkeen omaa hankepäällikköä tallentamaan se.",
            "Med ditt konto kan du bara spara uppgifter om dina egna projekt; radens projekt är inte "
            "ett av dem. Ta bort raden eller be projektets egen projektledare spara den.",
            "Your account may only store records of your own projects; this row's project is not "
            "one of them. Remove the row, or ask that project's own manager to store it.",
        )
        for kind in (
            "projects", "participants", "entities", "activities", "feedback",
            "funding_opportunities", "funding_referrals", "project_figures",
        )
    },
    "targets.scope_code.not_permitted": RuleText(
        ERROR,
        "Tunnuksellasi voi tallentaa vain omien hankkeidesi tavoitteita (scope_type project); "
        "ohjelman ja erityistavoitteiden tavoitteet tallentaa koordinaattori.",
        "Med ditt konto kan du bara spara mål för dina egna projekt (scope_type project); mål för "
        "programmet och de specifika målen sparas av koordinatorn.",
        "Your account may only store targets of your own projects (scope_type project); the "
        "programme's and the specific objectives' targets are stored by the coordinator.",
    ),
    **{
        f"{kind}.project_code.unknown_project": RuleText(
            ERROR,
            "Hankekoodia ei löydy hankkeista. Lataa ensin hanke (hankkeet-tiedosto) tai korjaa koodi.",
            "Projektkoden (project_code) finns inte bland projekten. Ladda först upp projektet "
            "(filen projects) eller rätta koden.",
            "The project_code is not among the projects. Upload the project first (projects "
            "file) or correct the code.",
        )
        for kind in (
            "participants", "entities", "activities", "feedback", "funding_opportunities",
            "funding_referrals", "project_figures",
        )
    },
    **{
        f"participants.{col}.required_with_exit_date": RuleText(
            ERROR,
            f"Sarake {alias} ({col}) on pakollinen, kun lopetuspäivä (exit_date) on annettu.",
            f"Kolumnen {col} ({alias}) är obligatorisk när slutdatum (exit_date) har angetts.",
            f"{col} ({alias}) is required when exit_date is given.",
        )
        for col, alias in _EXIT_FLAGS
    },
    **{
        f"participants.{col}.without_exit_date": RuleText(
            ERROR,
            f"Sarake {alias} ({col}) on täytetty, mutta lopetuspäivä (exit_date) puuttuu. "
            "Lisää lopetuspäivä tai tyhjennä solu.",
            f"Kolumnen {col} ({alias}) är ifylld men slutdatum (exit_date) saknas. "
            "Lägg till slutdatumet eller töm cellen.",
            f"{col} ({alias}) is filled but exit_date is empty. Add the exit date or clear the cell.",
        )
        for col, alias in (*_EXIT_FLAGS, ("followup_date", "seurantapvm"), *_FOLLOWUP_FLAGS)
    },
    **{
        f"participants.{col}.without_followup_date": RuleText(
            ERROR,
            f"Sarake {alias} ({col}) on täytetty, mutta seurantapäivä (followup_date) puuttuu. "
            "Lisää seurantapäivä tai tyhjennä solu.",
            f"Kolumnen {col} ({alias}) är ifylld men uppföljningsdatum (followup_date) saknas. "
            "Lägg till uppföljningsdatumet eller töm cellen.",
            f"{col} ({alias}) is filled but followup_date is empty. Add the follow-up date or "
            "clear the cell.",
        )
        for col, alias in _FOLLOWUP_FLAGS
    },
    "participants.followup_improved.not_employed_at_entry": RuleText(
        ERROR,
        "Tilanteen paraneminen (followup_improved) kirjataan vain henkilöille, jotka olivat "
        "työssä aloittaessaan. Tyhjennä solu.",
        "Förbättrad situation (followup_improved) registreras bara för personer som var "
        "sysselsatta vid starten. Töm cellen.",
        "followup_improved applies only to persons employed at entry. Clear the cell.",
    ),
    "participants.unemployment_months.required_if_unemployed": RuleText(
        ERROR,
        "Työttömyyden kesto kuukausina (tyottomyyden_kesto_kk) on pakollinen työttömälle.",
        "Arbetslöshetens längd i månader (unemployment_months) är obligatorisk när "
        "labour_market_status är unemployed (arbetslös).",
        "unemployment_months is required when labour_market_status is unemployed.",
    ),
    "participants.unemployment_months.only_if_unemployed": RuleText(
        ERROR,
        "Työttömyyden kesto annetaan vain työttömille. Tyhjennä solu tai korjaa työmarkkina-asema.",
        "Arbetslöshetens längd (unemployment_months) anges bara för arbetslösa. Töm cellen "
        "eller rätta ställningen på arbetsmarknaden (labour_market_status).",
        "unemployment_months must be empty unless the person is unemployed. Clear the cell or "
        "correct labour_market_status.",
    ),
    "participants.entry_date.future": RuleText(
        ERROR, "Aloituspäivä on tulevaisuudessa. Korjaa päivämäärä.",
        "Startdatum (entry_date) ligger i framtiden. Rätta datumet.",
        "entry_date is in the future. Correct the date.",
    ),
    "participants.exit_date.future": RuleText(
        ERROR, "Lopetuspäivä on tulevaisuudessa. Kirjaa lopetus vasta kun se on tapahtunut.",
        "Slutdatum (exit_date) ligger i framtiden. Registrera avslutet först när det har skett.",
        "exit_date is in the future. Record the exit once it has happened.",
    ),
    "participants.exit_date.before_entry": RuleText(
        ERROR, "Lopetuspäivä on ennen aloituspäivää. Korjaa päivämäärät.",
        "Slutdatum (exit_date) infaller före startdatum (entry_date). Rätta datumen.",
        "exit_date is before entry_date. Correct the dates.",
    ),
    "participants.followup_date.before_exit": RuleText(
        ERROR, "Seurantapäivä on ennen lopetuspäivää. Korjaa päivämäärät.",
        "Uppföljningsdatum (followup_date) infaller före slutdatum (exit_date). Rätta datumen.",
        "followup_date is before exit_date. Correct the dates.",
    ),
    "participants.followup_date.outside_window": RuleText(
        WARNING,
        "Seurantapäivä ei ole 5–7 kuukauden päässä lopetuksesta; tulostavoite lasketaan "
        "kuuden kuukauden seurannasta. Tarkista päivämäärä.",
        "Uppföljningsdatum (followup_date) infaller inte 5–7 månader efter slutdatum "
        "(exit_date); de långsiktiga resultatindikatorerna bygger på uppföljningen efter sex "
        "månader. Kontrollera datumet.",
        "followup_date is not 5–7 months after exit_date; the longer-term result indicators "
        "use the six-month follow-up. Check the date.",
    ),
    "participants.age_at_entry.unusual": RuleText(
        WARNING, "Ikä on alle 15 tai yli 90 vuotta. Tarkista arvo.",
        "Åldern (age_at_entry) är under 15 eller över 90 år. Kontrollera värdet.",
        "The age is below 15 or above 90. Check the value.",
    ),
    "participants.education_isced.missing": RuleText(
        WARNING,
        "Koulutusaste (koulutusaste_isced) puuttuu: henkilö ei näy yhdessäkään "
        "koulutustasoindikaattorissa. Täytä 0–8, jos tiedossa.",
        "Utbildningsnivån (education_isced) saknas: personen räknas inte i någon indikator "
        "för utbildningsnivå. Fyll i 0–8 om den är känd.",
        "education_isced is missing: the person counts in no ISCED indicator. Fill in 0–8 if known.",
    ),
    **{
        f"{kind}.end_date.before_start": RuleText(
            ERROR, "Loppupäivä on ennen alkupäivää. Korjaa päivämäärät.",
            "Slutdatum (end_date) infaller före startdatum (start_date). Rätta datumen.",
            "end_date is before start_date. Correct the dates.",
        )
        for kind in ("projects", "activities")
    },
    "entities.size_class.required_if_enterprise": RuleText(
        ERROR,
        "Kokoluokka (kokoluokka) on pakollinen yrityksille: micro, small, medium tai large.",
        "Storleksklassen (size_class) är obligatorisk för företag: micro, small, medium eller large.",
        "size_class is required for enterprises: micro, small, medium or large.",
    ),
    "entities.employees_partial_work_ability.exceeds_employees": RuleText(
        ERROR,
        "Osatyökykyisiä työntekijöitä on enemmän kuin henkilöstöä. Korjaa luvut.",
        "Antalet partiellt arbetsföra anställda (employees_partial_work_ability) är större än "
        "personalen (employees). Rätta siffrorna.",
        "employees_partial_work_ability exceeds employees. Correct the numbers.",
    ),
    "activities.attendees_total.parts_exceed_total": RuleText(
        ERROR,
        "Naisten, miesten ja muiden osallistujien summa on suurempi kuin osallistujat yhteensä. "
        "Korjaa luvut.",
        "Summan av kvinnor, män och icke-binära deltagare (attendees_women + attendees_men + "
        "attendees_non_binary) är större än antalet deltagare totalt (attendees_total). "
        "Rätta siffrorna.",
        "attendees_women + attendees_men + attendees_non_binary exceed attendees_total. "
        "Correct the numbers.",
    ),
    "feedback.activity_id.unknown_activity": RuleText(
        ERROR,
        "Tapahtumaa ei löydy saman hankkeen tapahtumista. Lataa tapahtuma ensin tai korjaa tunnus.",
        "Evenemanget (activity_id) finns inte bland samma projekts evenemang. Ladda först upp "
        "evenemanget eller rätta identifieraren.",
        "The activity is not among the activities of this project. Upload the activity first "
        "or correct the id.",
    ),
    "feedback.response_date.before_activity": RuleText(
        WARNING, "Vastauspäivä on ennen tapahtuman alkua. Tarkista päivämäärä.",
        "Svarsdatum (response_date) infaller före evenemangets startdatum (start_date). "
        "Kontrollera datumet.",
        "response_date is before the activity's start_date. Check the date.",
    ),
    "targets.indicator_code.unknown": RuleText(
        ERROR,
        "Indikaattoria ei ole indikaattoriluettelossa. Käytä luettelon koodia, esim. EECO01.",
        "Indikatorn (indicator_code) finns inte i indikatorkatalogen. Använd en kod ur "
        "katalogen, t.ex. EECO01.",
        "The indicator is not in the indicator catalogue. Use a catalogue code, e.g. EECO01.",
    ),
    "targets.scope_code.format": RuleText(
        ERROR,
        "Tunnus ei sovi tasoon: ohjelmalle '-', erityistavoitteelle numero (esim. 4.1), "
        "hankkeelle hankekoodi (esim. S30355).",
        "Koden (scope_code) passar inte nivån (scope_type): '-' för programme (programmet), "
        "numret (t.ex. 4.1) för specific_objective (specifikt mål), projektkoden "
        "(project_code, t.ex. S30355) för project (projekt).",
        "scope_code does not fit scope_type: '-' for programme, the number (e.g. 4.1) for "
        "specific_objective, the project_code (e.g. S30355) for project.",
    ),
    "targets.scope_code.unknown_project": RuleText(
        WARNING,
        "Hankekoodia ei (vielä) löydy hankkeista; tavoite näkyy vasta, kun hanke on ladattu.",
        "Projektkoden (project_code) finns (ännu) inte bland projekten; målet visas först när "
        "projektet har laddats upp.",
        "The project_code is not (yet) among the projects; the target shows once the project "
        "is uploaded.",
    ),
}

"""User-facing words of the dashboard in Finnish (the default), Swedish and English, and how
numbers and dates are written in each.

Every text is one row of TEXTS with its three translations side by side, so a language cannot
silently miss a label. Indicator names are not here: they come from the indicator catalogue
(name_fi, name_sv, name_en), the one source of truth; nor are region names (regions.py).
Import-report messages come from the ingest code (indicators.messages) in Finnish, Swedish
and English.
"""

from __future__ import annotations

import datetime as dt
import math

DEFAULT_LANG = "fi"
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}

# key: (Finnish, Swedish, English)
TEXTS: dict[str, tuple[str, str, str]] = {
    # --- Shell and navigation
    "app_title": ("ESF+ vaikuttavuusindikaattorit", "ESF+ effektindikatorer", "ESF+ impact indicators"),
    "language": ("Kieli", "Språk", "Language"),
    "nav": ("Sivut", "Sidor", "Pages"),
    "skip_to_content": ("Siirry sisältöön", "Gå till innehållet", "Skip to content"),
    "page_overview": ("Yleiskuva", "Översikt", "Overview"),
    "page_indicators": ("Indikaattorit", "Indikatorer", "Indicators"),
    "page_projects": ("Hankkeet", "Projekt", "Projects"),
    "page_project": ("Hanke", "Projekt", "Project"),
    "page_regions": ("Maakunnat", "Landskap", "Regions"),
    "page_evaluation": ("Arviointi", "Utvärdering", "Evaluation"),
    "page_quality": ("Tietojen laatu", "Datakvalitet", "Data quality"),
    "page_upload": ("Lataa tiedosto", "Ladda upp", "Upload"),
    "page_exports": ("Vienti", "Export", "Exports"),
    "page_not_found": ("Sivua ei löytynyt", "Sidan hittades inte", "Page not found"),
    # --- Common
    "cutoff": ("Poikkileikkauspäivä", "Brytdatum", "Cut-off date"),
    "latest": ("uusin", "senaste", "latest"),
    "data_version": (
        "Julkaistu aineisto {version}, koottu {built_at}",
        "Publicerat material {version}, sammanställt {built_at}",
        "Published copy {version}, built {built_at}",
    ),
    "cumulative_note": (
        "Luvut ovat kumulatiivisia ohjelman alusta poikkileikkauspäivään {cutoff} asti.",
        "Värdena är kumulativa från programmets början till brytdatumet {cutoff}.",
        "Values are cumulative from the start of the programme to the cut-off date {cutoff}.",
    ),
    "no_data_title": ("Julkaistua aineistoa ei vielä ole", "Inget publicerat material ännu", "No published data yet"),
    "no_data_body": (
        "Kojelauta lukee vain pipelinen julkaisemaa kopiota, eikä sellaista löytynyt kansiosta "
        "`{path}`. Aja ensin `impact build` (tai kokeiluaineistolla `make demo`) ja lataa sivu uudelleen.",
        "Instrumentpanelen läser bara den kopia som pipelinen publicerar, och ingen hittades i "
        "`{path}`. Kör först `impact build` (eller `make demo` för demodata) och ladda om sidan.",
        "The dashboard reads only the copy the pipeline publishes, and none was found in `{path}`. "
        "Run `impact build` first (or `make demo` for demo data), then reload this page.",
    ),
    "broken_title": (
        "Julkaistua aineistoa ei voitu lukea",
        "Det publicerade materialet kunde inte läsas",
        "The published data could not be read",
    ),
    "broken_body": (
        "Julkaistu versio on puutteellinen: {detail}. Aja `impact build` uudelleen ja lataa sivu uudelleen.",
        "Den publicerade versionen är ofullständig: {detail}. Kör `impact build` igen och ladda om sidan.",
        "The published version is incomplete: {detail}. Run `impact build` again, then reload this page.",
    ),
    "no_values": (
        "Poikkileikkauspäivältä ei ole ohjelmatason osallistujaindikaattoreita.",
        "Det finns inga deltagarindikatorer på programnivå för brytdatumet.",
        "There are no programme-level participant indicators for this cut-off date.",
    ),
    "no_values_chart": ("Ei lukuja näytettäväksi.", "Inga värden att visa.", "No values to show."),
    "not_available_title": ("{what}: ei vielä saatavilla", "{what}: inte tillgängligt ännu", "{what}: not available yet"),
    "not_available_body": (
        "Julkaistussa aineistossa ei vielä ole taulua `{table}`. Näkymä täyttyy, kun pipeline alkaa tuottaa sen.",
        "Det publicerade materialet har ännu ingen tabell `{table}`. Vyn fylls när pipelinen börjar ta fram den.",
        "The published copy has no `{table}` table yet. This view fills in once the pipeline produces it.",
    ),
    "not_available_short": ("ei vielä saatavilla", "inte tillgängligt ännu", "not available yet"),
    "raw_table_note": (
        "Taulu näytetään sellaisenaan: kojelauta ei vielä tunne sen muotoa.",
        "Tabellen visas som den är: instrumentpanelen känner ännu inte till dess form.",
        "The table is shown as published: the dashboard does not know its shape yet.",
    ),
    "show_table": ("Näytä luvut taulukkona", "Visa siffrorna som tabell", "Show the numbers as a table"),
    "download_csv": ("Lataa CSV", "Ladda ned CSV", "Download CSV"),
    "chart_alt": (
        "Kaavion luvut ovat alla olevassa taulukossa.",
        "Diagrammets siffror finns i tabellen nedan.",
        "The chart's numbers are in the table below it.",
    ),
    "yes": ("kyllä", "ja", "yes"),
    "no": ("ei", "nej", "no"),
    "headline": ("Tärkeimmät luvut", "Nyckeltal", "Headline figures"),
    "indicator": ("Indikaattori", "Indikator", "Indicator"),
    "scope": ("Taso", "Nivå", "Scope"),
    "gender": ("Sukupuoli", "Kön", "Gender"),
    "sensitive_note": (
        "* arkaluonteinen tieto (tietosuoja-asetuksen 9 artikla)",
        "* känsliga uppgifter (dataskyddsförordningen artikel 9)",
        "* sensitive data (GDPR Article 9)",
    ),
    # --- Overview
    "overview_title": (
        "Osallistujaindikaattorit – koko ohjelma",
        "Deltagarindikatorer – hela programmet",
        "Participant indicators – whole programme",
    ),
    "of_participants": ("{share} osallistujista ({ref})", "{share} av deltagarna ({ref})", "{share} of participants ({ref})"),
    "of_reference": (
        "{share} viiteindikaattorista {ref}",
        "{share} av referensindikatorn {ref}",
        "{share} of the reference indicator {ref}",
    ),
    "change_since": ("{change} edellisestä ({previous})", "{change} sedan {previous}", "{change} since {previous}"),
    "no_previous": ("ei aiempaa poikkileikkausta", "inget tidigare brytdatum", "no earlier cut-off"),
    "card_target": (
        "Tavoitteesta {share} ({target}) · {status}",
        "{share} av målet ({target}) · {status}",
        "{share} of target ({target}) · {status}",
    ),
    "totals_title": ("Osallistujaindikaattorit yhteensä", "Deltagarindikatorer totalt", "Participant indicators, totals"),
    "gender_title": ("Sukupuolijakauma indikaattoreittain", "Könsfördelning per indikator", "Gender breakdown by indicator"),
    "gender_mode": ("Näytä", "Visa", "Show"),
    "mode_count": ("lukumäärät", "antal", "counts"),
    "mode_share": ("osuudet (%)", "andelar (%)", "shares (%)"),
    "gender_counts_line": (
        "naiset {woman} · miehet {man} · muunsukupuoliset {non_binary}",
        "kvinnor {woman} · män {man} · icke-binära {non_binary}",
        "women {woman} · men {man} · non-binary {non_binary}",
    ),
    "achievement_title": ("Tavoitteiden saavuttaminen ja ennuste", "Måluppfyllelse och prognos", "Achievement against targets and forecast"),
    "achievement_note": (
        "Palkki: toteuma tavoitteesta. Vinoneliö: ennuste tavoitepäivään mennessä. Tila on kirjoitettu jokaiseen palkkiin.",
        "Stapel: utfall av målet. Romb: prognos till måldatumet. Status står vid varje stapel.",
        "Bar: value as a share of the target. Diamond: forecast by the target date. The status is written on every bar.",
    ),
    "achievement": ("Toteuma", "Utfall", "Achievement"),
    "forecast_marker": ("Ennuste", "Prognos", "Forecast"),
    "axis_achievement": ("Toteuma tavoitteesta (%)", "Utfall av målet (%)", "Achievement of target (%)"),
    "no_targets": ("Tälle tasolle ei ole asetettu tavoitteita.", "Inga mål har satts för denna nivå.", "No targets are set for this scope."),
    "status_on_track": ("tavoitteessa", "enligt plan", "on track"),
    "status_at_risk": ("vaarassa", "i riskzonen", "at risk"),
    "status_off_track": ("jäljessä", "efter plan", "off track"),
    "status_none": ("ei ennustetta", "ingen prognos", "no forecast"),
    "col_code": ("Koodi", "Kod", "Code"),
    "col_indicator": ("Indikaattori", "Indikator", "Indicator"),
    "col_group": ("Ryhmä", "Grupp", "Group"),
    "col_total": ("Yhteensä", "Totalt", "Total"),
    "col_reference": ("Viiteindikaattori", "Referensindikator", "Reference indicator"),
    "col_share_of_reference": ("Osuus viiteindikaattorista", "Andel av referensindikatorn", "Share of reference"),
    "col_change_since": ("Muutos {previous} jälkeen", "Förändring sedan {previous}", "Change since {previous}"),
    "col_change": ("Muutos edellisestä", "Förändring sedan föregående", "Change since previous"),
    "col_value": ("Arvo", "Värde", "Value"),
    "col_target": ("Tavoite", "Mål", "Target"),
    "col_target_date": ("Tavoitepäivä", "Måldatum", "Target date"),
    "col_forecast": ("Ennuste", "Prognos", "Forecast"),
    "col_status": ("Tila", "Status", "Status"),
    "col_unit": ("Yksikkö", "Enhet", "Unit"),
    "gender_total": ("Yhteensä", "Totalt", "Total"),
    "gender_woman": ("Naiset", "Kvinnor", "Women"),
    "gender_man": ("Miehet", "Män", "Men"),
    "gender_non_binary": ("Muunsukupuoliset", "Icke-binära", "Non-binary"),
    "gender_choice_all": ("sukupuolittain", "per kön", "by gender"),
    "gender_choice_total": ("yhteensä", "totalt", "total"),
    "gender_choice_woman": ("naiset", "kvinnor", "women"),
    "gender_choice_man": ("miehet", "män", "men"),
    "gender_choice_non_binary": ("muunsukupuoliset", "icke-binära", "non-binary"),
    "group_common_output": ("Yhteiset tuotosindikaattorit", "Gemensamma outputindikatorer", "Common output indicators"),
    "group_common_result": ("Yhteiset tulosindikaattorit", "Gemensamma resultatindikatorer", "Common result indicators"),
    "group_project_specific": ("Hankekohtaiset indikaattorit", "Projektspecifika indikatorer", "Project-specific indicators"),
    "axis_persons": ("Henkilöä", "Personer", "Persons"),
    "axis_share": ("Osuus (%)", "Andel (%)", "Share (%)"),
    "axis_count": ("Lukumäärä", "Antal", "Count"),
    "axis_rate": ("Osuus (%)", "Andel (%)", "Rate (%)"),
    "axis_score": ("Keskiarvo (1–5)", "Medelvärde (1–5)", "Mean (1–5)"),
    "axis_score_points": ("Muutos (pistettä)", "Förändring (poäng)", "Change (points)"),
    "axis_days_since": ("Päivää viimeisestä latauksesta", "Dagar sedan senaste uppladdning", "Days since the last upload"),
    "axis_rejected_pct": ("Hylättyjen rivien osuus (%)", "Andel avvisade rader (%)", "Rejected rows (%)"),
    # --- Units and breakdowns (catalogue vocabulary)
    "unit_persons": ("henkilöä", "personer", "persons"),
    "unit_organisations": ("organisaatiota", "organisationer", "organisations"),
    "unit_events": ("tapahtumaa", "evenemang", "events"),
    "unit_hours": ("tuntia", "timmar", "hours"),
    "unit_attendances": ("osallistumiskertaa", "deltagartillfällen", "attendances"),
    "unit_score": ("pisteet 1–5", "poäng 1–5", "score 1–5"),
    "unit_score_points": ("pistettä", "poäng", "score points"),
    "unit_days": ("päivää", "dagar", "days"),
    "breakdown_gender": ("sukupuolittain", "per kön", "by gender"),
    "breakdown_total": ("vain yhteensä", "endast totalt", "total only"),
    # --- Scopes
    "scope_programme": ("ohjelma", "program", "programme"),
    "scope_specific_objective": ("erityistavoite", "specifikt mål", "specific objective"),
    "scope_project": ("hanke", "projekt", "project"),
    "scope_region": ("maakunta", "landskap", "region"),
    "scope_plural_programme": ("koko ohjelma", "hela programmet", "whole programme"),
    "scope_plural_specific_objective": ("erityistavoitteittain", "per specifikt mål", "by specific objective"),
    "scope_plural_project": ("hankkeittain", "per projekt", "by project"),
    "scope_plural_region": ("maakunnittain", "per landskap", "by region"),
    "category_more_developed": ("kehittyneempi alue", "mer utvecklad region", "more developed region"),
    "category_transition": ("siirtymäalue", "övergångsregion", "transition region"),
    "category_less_developed": ("vähemmän kehittynyt alue", "mindre utvecklad region", "less developed region"),
    # --- Indicators page
    "indicators_title": ("Indikaattorit", "Indikatorer", "Indicators"),
    "series_title": ("Kehitys poikkileikkauspäivittäin – {scope}", "Utveckling per brytdatum – {scope}", "Over the cut-off dates – {scope}"),
    "series_caption": ("Arvot poikkileikkauspäivittäin", "Värden per brytdatum", "Values by cut-off date"),
    "series_limited": ("Näytetään {n} suurinta.", "De {n} största visas.", "The {n} largest are shown."),
    "by_scope_title": ("{cutoff} – {scope}", "{cutoff} – {scope}", "{cutoff} – {scope}"),
    "by_scope_caption": ("Arvot tasoittain", "Värden per nivå", "Values by scope"),
    "col_scope_code": ("Tunnus", "Kod", "Code"),
    "col_scope_name": ("Nimi", "Namn", "Name"),
    "definition": ("Määritelmä", "Definition", "Definition"),
    "def_code": ("Koodi", "Kod", "Code"),
    "def_group": ("Ryhmä", "Grupp", "Group"),
    "def_unit": ("Yksikkö", "Enhet", "Unit"),
    "def_breakdown": ("Jaottelu", "Indelning", "Breakdown"),
    "def_reference": ("Viiteindikaattori", "Referensindikator", "Reference indicator"),
    "def_date_entry_date": (
        "Lasketaan osallistujat, joiden aloituspäivä (entry_date) on viimeistään poikkileikkauspäivänä; ominaisuudet aloitushetken mukaan.",
        "Räknar deltagare vars startdatum (entry_date) infaller senast på brytdatumet; egenskaper vid starten.",
        "Counts participants whose entry_date is on or before the cut-off date; characteristics are those at entry.",
    ),
    "def_date_exit_date": (
        "Välitön tulos: lasketaan, kun lopetuspäivä (exit_date) on viimeistään poikkileikkauspäivänä ja tieto on kyllä.",
        "Omedelbart resultat: räknas när slutdatumet (exit_date) infaller senast på brytdatumet och uppgiften är ja.",
        "Immediate result: counts when exit_date is on or before the cut-off date and the flag is yes.",
    ),
    "def_date_followup_date": (
        "Pidemmän aikavälin tulos: lasketaan, kun seurantapäivä (followup_date, noin kuusi kuukautta lopettamisesta) on viimeistään poikkileikkauspäivänä ja tieto on kyllä.",
        "Långsiktigt resultat: räknas när uppföljningsdatumet (followup_date, cirka sex månader efter avslut) infaller senast på brytdatumet och uppgiften är ja.",
        "Longer-term result: counts when followup_date (about six months after leaving) is on or before the cut-off date and the flag is yes.",
    ),
    "def_date_support_start_date": (
        "Lasketaan organisaatiot kerran hanketta kohden, kun tuen alkupäivä (support_start_date) on viimeistään poikkileikkauspäivänä.",
        "Räknar organisationer en gång per projekt när stödets startdatum (support_start_date) infaller senast på brytdatumet.",
        "Counts organisations once per project when support_start_date is on or before the cut-off date.",
    ),
    "def_date_start_date": (
        "Lasketaan tapahtumat, joiden alkupäivä (start_date) on viimeistään poikkileikkauspäivänä.",
        "Räknar evenemang vars startdatum (start_date) infaller senast på brytdatumet.",
        "Counts activities whose start_date is on or before the cut-off date.",
    ),
    "def_date_response_date": (
        "Palautteet, joiden vastauspäivä (response_date) on viimeistään poikkileikkauspäivänä.",
        "Återkoppling vars svarsdatum (response_date) infaller senast på brytdatumet.",
        "Feedback whose response_date is on or before the cut-off date.",
    ),
    "def_agg_count": ("Arvo on lukumäärä.", "Värdet är ett antal.", "The value is a count."),
    "def_agg_sum": ("Arvo on summa.", "Värdet är en summa.", "The value is a sum."),
    "def_agg_mean": (
        "Arvo on kaikkien tasolle kuuluvien rivien keskiarvo ({decimals} desimaalia); tyhjä, jos yhtään riviä ei ole.",
        "Värdet är medelvärdet av alla rader på nivån ({decimals} decimaler); tomt om ingen rad finns.",
        "The value is the mean over all qualifying rows in the scope ({decimals} decimals); absent when no row qualifies.",
    ),
    "def_cumulative": (
        "Kumulatiivinen ohjelman alusta; poistetut tietueet eivät lasketa.",
        "Kumulativt från programmets början; återkallade poster räknas inte.",
        "Cumulative from the start of the programme; withdrawn records count nowhere.",
    ),
    "def_sensitive": (
        "Arkaluonteinen tieto (tietosuoja-asetuksen 9 artikla): julkisissa tuotoksissa pieniä lukuja ei näytetä.",
        "Känsliga uppgifter (dataskyddsförordningen artikel 9): små tal visas inte i offentliga utdata.",
        "Sensitive data (GDPR Article 9): small numbers are never shown in public outputs.",
    ),
    "region_derived_note": (
        "Maakuntakohtaisia arvoja ei ole vielä julkaistu; ne on laskettu hankkeiden kotimaakunnan mukaan.",
        "Värden per landskap har ännu inte publicerats; de har räknats enligt projektens hemlandskap.",
        "Region values are not published yet; these are computed from each project's home region.",
    ),
    # --- Projects
    "projects_title": ("Hankkeet rinnakkain", "Projekten sida vid sida", "Projects side by side"),
    "projects_metric": ("Kaavion indikaattori", "Diagrammets indikator", "Chart indicator"),
    "projects_table_title": ("Kaikki hankkeet", "Alla projekt", "All projects"),
    "projects_chart_title": ("Hankkeet järjestyksessä: {indicator}", "Projekten i ordning: {indicator}", "Projects ranked: {indicator}"),
    "projects_no_targets": (
        "Tavoitteiden toteuma näytetään, kun taulu indicator_achievement julkaistaan.",
        "Måluppfyllelsen visas när tabellen indicator_achievement publiceras.",
        "Achievement against targets appears once indicator_achievement is published.",
    ),
    "no_projects": ("Hankkeita ei ole.", "Det finns inga projekt.", "There are no projects."),
    "metric_participants": ("Osallistujat", "Deltagare", "Participants"),
    "metric_results": ("Työssä päättyessä", "I arbete vid avslut", "Employed on leaving"),
    "metric_smes": ("Pk-yritykset", "Små och medelstora företag", "SMEs"),
    "metric_social_enterprises": ("Yhteiskunnalliset yritykset", "Sociala företag", "Social enterprises"),
    "metric_trainings": ("Koulutukset", "Utbildningar", "Trainings"),
    "metric_network_events": ("Verkostotapahtumat", "Nätverksevenemang", "Network events"),
    "metric_attendances": ("Osallistumiset", "Deltagartillfällen", "Attendances"),
    "col_project": ("Hanke", "Projekt", "Project"),
    "col_project_name": ("Hankkeen nimi", "Projektets namn", "Project name"),
    "col_region": ("Maakunta", "Landskap", "Region"),
    "col_region_code": ("Maakuntakoodi", "Landskapskod", "Region code"),
    "col_specific_objective": ("Erityistavoite", "Specifikt mål", "Specific objective"),
    "col_priority": ("Toimintalinja", "Prioritering", "Priority"),
    "col_category_of_region": ("Aluekategoria", "Regionkategori", "Category of region"),
    "col_lead_organisation": ("Toteuttaja", "Genomförare", "Lead organisation"),
    "col_achievement_mean": ("Toteuma keskimäärin", "Utfall i genomsnitt", "Mean achievement"),
    "project_title": ("Hanke {code}", "Projekt {code}", "Project {code}"),
    "project_not_found": ("Hanketta {code} ei ole julkaistussa aineistossa.", "Projektet {code} finns inte i det publicerade materialet.", "Project {code} is not in the published copy."),
    "back_to_projects": ("← Kaikki hankkeet", "← Alla projekt", "← All projects"),
    "project_series_title": ("Keskeiset indikaattorit poikkileikkauspäivittäin", "Centrala indikatorer per brytdatum", "Key indicators over the cut-off dates"),
    "project_all_title": ("Kaikki indikaattorit", "Alla indikatorer", "All indicators"),
    # --- Regions
    "regions_title": ("Maakunnat", "Landskapen", "Regions"),
    "regions_map_title": ("Kartta: {indicator}", "Karta: {indicator}", "Map: {indicator}"),
    "regions_rank_title": ("Järjestys: {indicator}", "Rangordning: {indicator}", "Ranking: {indicator}"),
    "regions_table_caption": ("Arvot maakunnittain", "Värden per landskap", "Values by region"),
    "ecosystems_title": ("Alueelliset ekosysteemit", "Regionala ekosystem", "Regional ecosystems"),
    "ecosystems_note": (
        "Eri organisaatiot maakunnittain ja tyypeittäin; kukin organisaatio lasketaan kerran, vaikka se olisi mukana useassa hankkeessa.",
        "Olika organisationer per landskap och typ; varje organisation räknas en gång även om den deltar i flera projekt.",
        "Distinct organisations per region and type; each organisation counts once even when several projects support it.",
    ),
    "col_social_enterprises": ("Joista yhteiskunnallisia yrityksiä", "Varav sociala företag", "Of which social enterprises"),
    "org_enterprise": ("Yritykset", "Företag", "Enterprises"),
    "org_public_administration": ("Julkinen hallinto", "Offentlig förvaltning", "Public administrations"),
    "org_education": ("Oppilaitokset", "Läroanstalter", "Educational institutions"),
    "org_association": ("Yhdistykset", "Föreningar", "Associations"),
    "org_foundation": ("Säätiöt", "Stiftelser", "Foundations"),
    "org_funder": ("Rahoittajat", "Finansiärer", "Funders"),
    "org_other": ("Muut", "Övriga", "Other"),
    # --- Evaluation
    "evaluation_title": ("Arviointi", "Utvärdering", "Evaluation"),
    "outcome": ("Tulos", "Resultat", "Outcome"),
    "rates_title": ("Tulososuudet ryhmittäin", "Resultatandelar per grupp", "Outcome rates by group"),
    "rates_note": (
        "Pisteet ovat osuuksia, janat 95 %:n luottamusvälejä (Wilson); n on ryhmän koko. Katkoviiva: kaikki yhteensä.",
        "Punkterna är andelar, strecken 95 % konfidensintervall (Wilson); n är gruppens storlek. Streckad linje: alla.",
        "Points are rates, whiskers 95 % confidence intervals (Wilson); n is the group's size. Dashed line: everyone.",
    ),
    "gaps_title": ("Erot ryhmien välillä", "Skillnader mellan grupper", "Gaps between groups"),
    "gaps_note": (
        "Suurimman ja pienimmän osuuden ero prosenttiyksikköinä. Erilliset luottamusvälit viittaavat siihen, ettei ero ole pelkkää sattumaa.",
        "Skillnaden mellan högsta och lägsta andel i procentenheter. Åtskilda konfidensintervall tyder på att skillnaden inte bara är slump.",
        "The gap between the highest and lowest rate in percentage points. Intervals that do not overlap suggest the gap is not chance alone.",
    ),
    "col_group_dimension": ("Ryhmittely", "Indelning", "Grouping"),
    "col_numerator": ("Tulos (lkm)", "Resultat (antal)", "Outcome (count)"),
    "col_n": ("n", "n", "n"),
    "col_rate": ("Osuus", "Andel", "Rate"),
    "col_ci_low": ("95 % alaraja", "95 % nedre gräns", "95 % lower"),
    "col_ci_high": ("95 % yläraja", "95 % övre gräns", "95 % upper"),
    "col_highest": ("Suurin", "Högst", "Highest"),
    "col_lowest": ("Pienin", "Lägst", "Lowest"),
    "col_gap_pp": ("Ero (%-yks.)", "Skillnad (procentenheter)", "Gap (pp)"),
    "col_intervals_apart": ("Välit erillään", "Intervallen åtskilda", "Intervals apart"),
    "competence_title": ("Osaamisen muutos ja tyytyväisyys", "Förändring i kompetens och nöjdhet", "Competence change and satisfaction"),
    "competence_note": (
        "Itsearvioitu osaaminen ennen ja jälkeen (1–5); janat ovat muutoksen 95 %:n luottamusvälejä.",
        "Självskattad kompetens före och efter (1–5); strecken är förändringens 95 % konfidensintervall.",
        "Self-assessed competence before and after (1–5); whiskers are 95 % confidence intervals of the change.",
    ),
    "col_before": ("Ennen", "Före", "Before"),
    "col_after": ("Jälkeen", "Efter", "After"),
    "col_satisfaction": ("Tyytyväisyys", "Nöjdhet", "Satisfaction"),
    "satisfaction_title": ("Tyytyväisyys hankkeittain ({cutoff})", "Nöjdhet per projekt ({cutoff})", "Satisfaction by project ({cutoff})"),
    "satisfaction_caption": ("SE12 ja SE13 hankkeittain", "SE12 och SE13 per projekt", "SE12 and SE13 by project"),
    "satisfaction_note": (
        "Indikaattoreista SE12 (tyytyväisyys 1–5) ja SE13 (osaamisen muutos), ilman luottamusvälejä.",
        "Från indikatorerna SE12 (nöjdhet 1–5) och SE13 (kompetensförändring), utan konfidensintervall.",
        "From the indicators SE12 (satisfaction 1–5) and SE13 (competence change), without confidence intervals.",
    ),
    "cohorts_title": ("Kohortit aloituspuolivuoden mukaan", "Kohorter efter starthalvår", "Cohorts by entry half-year"),
    "cohorts_note": (
        "Kukin viiva on osuus aloituskohortin osallistujista.",
        "Varje linje är en andel av deltagarna i startkohorten.",
        "Each line is a share of the participants in the entry cohort.",
    ),
    "cohort": ("Kohortti", "Kohort", "Cohort"),
    "distinct_orgs_title": ("Eri organisaatiot hankkeiden yli", "Olika organisationer över projekten", "Distinct organisations across projects"),
    "distinct_orgs_note": (
        "Kukin organisaatio lasketaan kerran, vaikka useampi hanke tukisi sitä; vertaa hankekohtaisten lukujen summaan.",
        "Varje organisation räknas en gång även om flera projekt stöder den; jämför med summan av projektens tal.",
        "Each organisation counts once even when several projects support it; compare with the sum of the project counts.",
    ),
    "distinct_orgs_chart_title": (
        "Eri organisaatiot ja hankkeittain laskettu summa – koko ohjelma ({cutoff})",
        "Olika organisationer och summan räknad per projekt – hela programmet ({cutoff})",
        "Distinct organisations and the per-project sum – whole programme ({cutoff})",
    ),
    "distinct_orgs_chart_note": (
        "Raidallinen palkki on indikaattorin arvo: organisaatio lasketaan kerran kutakin sitä tukenutta hanketta kohden. "
        "Tasainen palkki on eri organisaatioiden (Y-tunnusten) määrä. Mitä suurempi ero, sitä useammin hankkeet ovat tukeneet samoja organisaatioita.",
        "Den randiga stapeln är indikatorns värde: en organisation räknas en gång för varje projekt som stött den. "
        "Den heltäckande stapeln är antalet olika organisationer (FO-nummer). Ju större skillnad, desto oftare har projekten stött samma organisationer.",
        "The hatched bar is the indicator's value: an organisation counts once for every project that supported it. "
        "The solid bar is the number of different organisations (business IDs). The bigger the gap, the more the projects supported the same organisations.",
    ),
    "distinct_orgs_scope_title": (
        "Eri organisaatiot erityistavoitteittain ja maakunnittain ({cutoff})",
        "Olika organisationer per specifikt mål och landskap ({cutoff})",
        "Distinct organisations by specific objective and region ({cutoff})",
    ),
    "distinct_orgs_scope_note": (
        "Eri organisaatioiden määrä ryhmittäin; kaikista tuetuista organisaatioista myös hankkeittain laskettu summa ja useamman hankkeen tukemat. "
        "Maakunta on organisaation oma maakunta tai, jos se puuttuu, hankkeen.",
        "Antal olika organisationer per grupp; för alla organisationer som fått stöd även summan räknad per projekt och de som fått stöd av flera projekt. "
        "Landskapet är organisationens eget eller, om det saknas, projektets.",
        "Distinct organisations per group; for all organisations supported also the per-project sum and those supported by several projects. "
        "The region is the organisation's own or, when missing, its project's.",
    ),
    "orgs_group_all": ("Kaikki tuetut organisaatiot", "Alla organisationer som fått stöd", "All organisations supported"),
    "orgs_per_project": ("Hankkeittain laskettu (indikaattorin arvo)", "Räknat per projekt (indikatorns värde)", "Counted per project (indicator value)"),
    "orgs_distinct": ("Eri organisaatiot", "Olika organisationer", "Distinct organisations"),
    "orgs_in_several": ("Joista useamman hankkeen tukemia", "Varav stödda av flera projekt", "Of which supported by several projects"),
    "orgs_extra": ("Toistuvia laskentoja (summa − eri)", "Upprepade räkningar (summa − olika)", "Repeat counts (sum − distinct)"),
    "col_org_group": ("Organisaatioryhmä", "Organisationsgrupp", "Organisation group"),
    "col_all_distinct": ("Kaikki: eri", "Alla: olika", "All: distinct"),
    "col_all_per_project": ("Kaikki: hankkeittain", "Alla: per projekt", "All: per project"),
    "col_all_several": ("Kaikki: useassa hankkeessa", "Alla: i flera projekt", "All: in several projects"),
    "axis_organisations": ("Organisaatioita", "Organisationer", "Organisations"),
    "dim_all": ("Kaikki", "Alla", "All"),
    "dim_gender": ("Sukupuoli", "Kön", "Gender"),
    "dim_age_band": ("Ikäryhmä", "Åldersgrupp", "Age band"),
    "dim_labour_market_status": ("Työmarkkina-asema", "Ställning på arbetsmarknaden", "Labour market status"),
    "dim_project": ("Hanke", "Projekt", "Project"),
    "dim_region": ("Maakunta", "Landskap", "Region"),
    "dim_partial_work_ability": ("Osatyökykyisyys", "Partiell arbetsförmåga", "Partial work ability"),
    "dim_education": ("Koulutusaste", "Utbildningsnivå", "Education"),
    "dim_activity_type": ("Tapahtumatyyppi", "Evenemangstyp", "Activity type"),
    "grp_training": ("Koulutus", "Utbildning", "Training"),
    "grp_webinar": ("Webinaari", "Webbinarium", "Webinar"),
    "grp_advisory": ("Neuvonta", "Rådgivning", "Advisory"),
    "grp_network_event": ("Verkostotapahtuma", "Nätverksevenemang", "Network event"),
    "grp_peer_learning": ("Vertaisoppiminen", "Kollegialt lärande", "Peer learning"),
    "grp_info_event": ("Infotilaisuus", "Informationstillfälle", "Info event"),
    "grp_all": ("Kaikki", "Alla", "Everyone"),
    "grp_total": ("Kaikki", "Alla", "Everyone"),
    "grp_woman": ("Naiset", "Kvinnor", "Women"),
    "grp_man": ("Miehet", "Män", "Men"),
    "grp_non_binary": ("Muunsukupuoliset", "Icke-binära", "Non-binary"),
    "grp_unemployed": ("Työttömät", "Arbetslösa", "Unemployed"),
    "grp_inactive": ("Työvoiman ulkopuolella", "Utanför arbetskraften", "Inactive"),
    "grp_employed": ("Työssä", "Sysselsatta", "Employed"),
    # --- Data quality
    "quality_title": ("Tietojen laatu", "Datakvalitet", "Data quality"),
    "quality_table_title": ("Lataukset hankkeittain ja tyypeittäin", "Uppladdningar per projekt och typ", "Uploads by project and kind"),
    "quality_attribution_note": (
        "Lataus kohdistetaan niihin hankkeisiin, joiden tietueita se tallensi (yhdessä tiedostossa voi olla monen hankkeen rivejä). Hylätyt rivit lasketaan koko tiedostosta, koska hylätty rivi ei kuulu mihinkään tallennettuun tietueeseen. Avoimet varoitukset ovat voimassa olevien tietueiden varoituksia: korjattu tai poistettu tietue sulkee ne.",
        "En uppladdning hänförs till de projekt vars poster den sparade (en fil kan innehålla rader från flera projekt). Avvisade rader räknas för hela filen, eftersom en avvisad rad inte hör till någon sparad post. Öppna varningar gäller poster som är i kraft: en rättad eller återkallad post stänger dem.",
        "An upload is attributed to the projects whose records it stored (one file may hold several projects' rows). Rejected rows count for the whole file, since a rejected row belongs to no stored record. Open warnings are those on records in force: correcting or withdrawing the record closes them.",
    ),
    "quality_no_own_files": (
        "Hankkeet, joilta ei ole vielä tallennettu yhtään tietuetta: {projects}",
        "Projekt som ännu inte har några sparade poster: {projects}",
        "Projects with no stored records yet: {projects}",
    ),
    "quality_no_project": ("Ei hanketta", "Inget projekt", "No project"),
    "quality_marts_missing": (
        "Tämä julkaisu on tehty ennen laatutaulukoita: kaikki lataukset näkyvät ilman hanketta. Aja `impact build`.",
        "Denna publicering gjordes före kvalitetstabellerna: alla uppladdningar visas utan projekt. Kör `impact build`.",
        "This copy was published before the quality tables: every upload shows without a project. Run `impact build`.",
    ),
    "quality_problems_title": ("Latausten ongelmat", "Uppladdningarnas problem", "Problems per upload"),
    "quality_problems_note": (
        "Tuontiraporttien ongelmat lukumäärinä lataus × vakavuus × sääntö. Virhe ja tiedostotason ongelma on avoin niin kauan kuin lataus on voimassa (siitä on voimassa olevia tietueita tai se on tyyppinsä uusin lataus); varoitus niin kauan kuin sen rivi on tietueen voimassa oleva versio.",
        "Importrapporternas problem som antal per uppladdning × allvarlighet × regel. Ett fel eller ett problem på filnivå är öppet så länge uppladdningen gäller (poster från den är i kraft eller den är den senaste av sin typ); en varning så länge dess rad är postens gällande version.",
        "The import reports' problems as counts per upload × severity × rule. An error or a file-level problem is open while its upload is in force (records from it are in force, or it is the latest of its kind); a warning while its row is the record's current version.",
    ),
    "quality_open_count": ("Avoimia ongelmia yhteensä: {n}", "Öppna problem totalt: {n}", "Open problems in all: {n}"),
    "quality_no_problems": ("Latauksissa ei ole ongelmia.", "Uppladdningarna har inga problem.", "The uploads have no problems."),
    "open_warnings_title": ("Avoimet varoitukset hankkeittain ja tyypeittäin", "Öppna varningar per projekt och typ", "Open warnings by project and kind"),
    "open_warnings_note": (
        "Voimassa olevien tietueiden varoitukset. Tietueen korjaus tai poisto sulkee varoituksen.",
        "Varningar på poster i kraft. En rättelse eller återkallelse av posten stänger varningen.",
        "Warnings on records in force. Correcting or withdrawing the record closes the warning.",
    ),
    "freshness_note": (
        "! = yli {days} päivää. Tyhjä ruutu: hankkeelta ei ole sen tyypin latauksia.",
        "! = över {days} dagar. Tom ruta: projektet har inga uppladdningar av den typen.",
        "! = more than {days} days. An empty cell: the project has no uploads of that kind.",
    ),
    "rejected_note": (
        "Hylätyt rivit kaikista hankkeen tämän tyypin tiedostoista; koko verkoston tiedoston osuus näkyy jokaisella sen hankkeella.",
        "Avvisade rader i alla projektets filer av typen; andelen i en fil för hela nätverket visas för vart och ett av dess projekt.",
        "Rejected rows over all of the project's files of that kind; a network-wide file's share shows for each of its projects.",
    ),
    "axis_open_warnings": ("Avoimia varoituksia", "Öppna varningar", "Open warnings"),
    "completeness_title": ("Vapaaehtoisten sarakkeiden täyttöaste", "Ifyllnadsgrad för frivilliga kolumner", "Completeness of optional fields"),
    "completeness_note": (
        "Osuus voimassa olevista, poistamattomista tietueista, joilla sarake on täytetty. Ehdollisesti pakolliset sarakkeet (esim. lopetustiedot, työttömyyden kesto) lasketaan kaikista tietueista, joten alle 100 % ei aina ole puute. Ruutu ilman lukua: hankkeella ei ole sen tyypin tietueita.",
        "Andelen gällande, icke återkallade poster där kolumnen är ifylld. Villkorligt obligatoriska kolumner (t.ex. uppgifter vid avslut, arbetslöshetens längd) räknas över alla poster, så under 100 % är inte alltid en brist. Ruta utan tal: projektet har inga poster av den typen.",
        "The share of records in force (not withdrawn) with the column filled. Columns required only in some rows (the exit columns, unemployment_months) are counted over all records, so below 100% is not always an omission. A cell without a number: the project has no records of that kind.",
    ),
    "axis_filled_pct": ("Täytetty (%)", "Ifylld (%)", "Filled (%)"),
    "col_records_in_force": ("Voimassa olevia tietueita", "Poster i kraft", "Records in force"),
    "col_open_warnings": ("Avoimia varoituksia", "Öppna varningar", "Open warnings"),
    "col_upload": ("Lataus", "Uppladdning", "Upload"),
    "col_received": ("Vastaanotettu", "Mottagen", "Received"),
    "col_projects": ("Hankkeet", "Projekt", "Projects"),
    "col_problems": ("Ongelmia", "Problem", "Problems"),
    "col_problem_rows": ("Rivejä", "Rader", "Rows"),
    "col_open": ("Avoimia", "Öppna", "Open"),
    "col_filled": ("Täytetty", "Ifyllda", "Filled"),
    "col_filled_share": ("Täyttöaste", "Ifyllnadsgrad", "Filled share"),
    "freshness_title": ("Päiviä viimeisestä latauksesta (raja {days})", "Dagar sedan senaste uppladdning (gräns {days})", "Days since the last upload (limit {days})"),
    "rejected_title": ("Hylättyjen rivien osuus", "Andel avvisade rader", "Share of rejected rows"),
    "no_uploads": ("Latauksia ei ole vielä.", "Inga uppladdningar ännu.", "No uploads yet."),
    "all_projects": ("Koko verkosto", "Hela nätverket", "Whole network"),
    "col_kind": ("Tyyppi", "Typ", "Kind"),
    "col_last_upload": ("Viimeisin lataus", "Senaste uppladdning", "Last upload"),
    "col_days_since": ("Päiviä sitten", "Dagar sedan", "Days since"),
    "col_uploads": ("Latauksia", "Uppladdningar", "Uploads"),
    "col_refused": ("Hylättyjä tiedostoja", "Avvisade filer", "Files refused"),
    "col_rows_read": ("Rivejä (viimeisin)", "Rader (senaste)", "Rows (last)"),
    "col_rejected": ("Hylättyjä rivejä (viimeisin)", "Avvisade rader (senaste)", "Rejected rows (last)"),
    "col_rejected_share": ("Hylätyt kaikista", "Avvisade av alla", "Rejected of all"),
    "col_warnings": ("Varoituksia (viimeisin)", "Varningar (senaste)", "Warnings (last)"),
    "col_last_outcome": ("Viimeisin tulos", "Senaste resultat", "Last outcome"),
    "kind_projects": ("Hankkeet", "Projekt", "Projects"),
    "kind_participants": ("Osallistujat", "Deltagare", "Participants"),
    "kind_entities": ("Organisaatiot", "Organisationer", "Organisations"),
    "kind_activities": ("Tapahtumat", "Evenemang", "Activities"),
    "kind_feedback": ("Palaute", "Återkoppling", "Feedback"),
    "kind_targets": ("Tavoitteet", "Mål", "Targets"),
    "kind_unknown": ("Tuntematon (hylätty tiedosto)", "Okänd (avvisad fil)", "Unknown (refused file)"),
    "kind_auto": ("Tunnista otsikkorivistä", "Känn igen från rubrikraden", "Detect from the header"),
    "outcome_applied": ("tallennettu", "sparad", "applied"),
    "outcome_partially_applied": ("tallennettu osittain, osa riveistä hylättiin", "delvis sparad, vissa rader avvisades", "partially applied: some rows rejected"),
    "outcome_unchanged": ("ei muutoksia", "inga ändringar", "nothing changed"),
    "outcome_nothing_applied": ("mitään ei tallennettu, kaikki rivit hylättiin", "inget sparades, alla rader avvisades", "nothing applied: every row rejected"),
    "outcome_refused": ("tiedosto hylättiin kokonaan", "filen avvisades helt", "file refused whole"),
    # --- Upload
    "upload_title": ("Lataa seurantatiedosto", "Ladda upp en uppföljningsfil", "Upload a monitoring file"),
    "upload_intro": (
        "Pudota CSV- tai XLSX-tiedosto alla olevaan kenttään. Näet ensin esikatselun: mitä tallennettaisiin ja mitkä rivit pitää korjata. Mitään ei tallenneta ennen kuin valitset Tallenna. Tallennuksen jälkeen indikaattorit lasketaan uudelleen taustalla.",
        "Släpp en CSV- eller XLSX-fil i fältet nedan. Först ser du en förhandsvisning: vad som skulle sparas och vilka rader som behöver rättas. Inget sparas förrän du väljer Spara. Efter det räknas indikatorerna om i bakgrunden.",
        "Drop a CSV or XLSX file on the field below. You first see a preview: what would be saved and which rows need fixing. Nothing is saved until you choose Apply. The indicators are then rebuilt in the background.",
    ),
    "upload_kind": ("Tiedoston tyyppi", "Filtyp", "File kind"),
    "upload_drop": ("Pudota tiedosto tähän", "Släpp filen här", "Drop a file here"),
    "upload_drop_hint": ("tai valitse se napsauttamalla (Enter).", "eller klicka för att välja den (Enter).", "or click to choose it (Enter)."),
    "upload_apply": ("Tallenna", "Spara", "Apply"),
    "upload_report_csv": ("Lataa raportti (CSV)", "Ladda ned rapporten (CSV)", "Download the report (CSV)"),
    "upload_preview_heading": ("Esikatselu – mitään ei ole vielä tallennettu", "Förhandsvisning – inget har sparats ännu", "Preview – nothing has been saved yet"),
    "upload_applied_heading": ("Tiedosto käsitelty", "Filen har behandlats", "File processed"),
    "upload_refused": ("Tiedosto hylättiin kokonaan, mitään ei ladattu", "Filen avvisades helt, inget laddades", "The file was refused whole; nothing was loaded"),
    "upload_refused_rule": ("Sääntö: {rule}", "Regel: {rule}", "Rule: {rule}"),
    "upload_unreadable": (
        "Tiedostoa ei voitu vastaanottaa. Valitse tiedosto uudelleen.",
        "Filen kunde inte tas emot. Välj filen på nytt.",
        "The file could not be received. Please choose it again.",
    ),
    "would_be": ("tulos olisi:", "resultatet skulle bli:", "would be:"),
    "name_hidden": ("(nimi piilotettu)", "(namnet dolt)", "(name hidden)"),
    "same_file_before": ("sama tiedosto on ladattu aiemmin (lataus #{upload})", "samma fil har laddats upp tidigare (uppladdning #{upload})", "the same file was uploaded before (upload #{upload})"),
    "col_file": ("Tiedosto", "Fil", "File"),
    "col_outcome": ("Tulos", "Resultat", "Outcome"),
    "col_note": ("Huom.", "Obs.", "Note"),
    "col_row": ("Rivi", "Rad", "Row"),
    "col_column": ("Sarake", "Kolumn", "Column"),
    "col_severity": ("Vakavuus", "Allvarlighet", "Severity"),
    "col_rule": ("Sääntö", "Regel", "Rule"),
    "col_message": ("Ohje", "Anvisning", "How to fix"),
    "severity_error": ("virhe", "fel", "error"),
    "severity_warning": ("varoitus", "varning", "warning"),
    "sum_rows_read": ("rivejä luettu", "rader lästa", "rows read"),
    "sum_inserted": ("uusia", "nya", "inserted"),
    "sum_updated": ("muuttuneita", "ändrade", "updated"),
    "sum_unchanged": ("ennallaan", "oförändrade", "unchanged"),
    "sum_withdrawn": ("poistettuja", "återkallade", "withdrawn"),
    "sum_rejected": ("hylättyjä", "avvisade", "rejected"),
    "sum_warnings": ("varoituksia", "varningar", "warnings"),
    "problems_title": ("Löydetyt ongelmat ({n})", "Problem som hittades ({n})", "Problems found ({n})"),
    "problems_caption": ("Ongelmat riveittäin", "Problem per rad", "Problems by row"),
    "problems_truncated": (
        "Näytetään {shown}/{total}; lataa koko raportti CSV-tiedostona.",
        "Visar {shown} av {total}; ladda ned hela rapporten som CSV.",
        "Showing {shown} of {total}; download the full report as CSV.",
    ),
    "build_running": (
        "Indikaattoreita lasketaan uudelleen… {seconds} s (yleensä noin {expected} s). Sivut päivittyvät, kun laskenta valmistuu.",
        "Indikatorerna räknas om… {seconds} s (vanligen cirka {expected} s). Sidorna uppdateras när det är klart.",
        "Rebuilding the indicators… {seconds} s (usually about {expected} s). The pages update when it is done.",
    ),
    "build_done": (
        "Valmis ({seconds} s): sivut näyttävät nyt uudet luvut.",
        "Klart ({seconds} s): sidorna visar nu de nya siffrorna.",
        "Done ({seconds} s): the pages now show the new numbers.",
    ),
    "build_failed": (
        "Uudelleenlaskenta epäonnistui; sivut näyttävät edelliset luvut. Loki: {log}",
        "Omräkningen misslyckades; sidorna visar de tidigare siffrorna. Logg: {log}",
        "The rebuild failed; the pages keep the previous numbers. Log: {log}",
    ),
    "build_queued": ("Uusi laskenta alkaa tämän jälkeen.", "En ny omräkning börjar efter denna.", "Another rebuild follows this one."),
    "build_progress": ("Uudelleenlaskennan eteneminen", "Omräkningens förlopp", "Rebuild progress"),
    # Upload: the dry run's indicator delta (views/upload_delta.py)
    "delta_title": (
        "Muutos indikaattoreissa, jos tiedosto tallennetaan (tilanne {cutoff})",
        "Förändring i indikatorerna om filen sparas (läget {cutoff})",
        "What applying the file would change in the indicators (as at {cutoff})",
    ),
    "delta_applied_title": (
        "Muutos indikaattoreissa, kun uudelleenlaskenta on valmis (tilanne {cutoff})",
        "Förändring i indikatorerna när omräkningen är klar (läget {cutoff})",
        "What changes in the indicators once the rebuild is done (as at {cutoff})",
    ),
    "delta_computing": (
        "Lasketaan, miten indikaattorit muuttuisivat… {seconds} s. Esikatselu yllä on jo valmis.",
        "Beräknar hur indikatorerna skulle förändras… {seconds} s. Förhandsvisningen ovan är redan klar.",
        "Computing how the indicators would change… {seconds} s. The preview above is already complete.",
    ),
    "delta_progress": ("Muutoksen laskenta", "Beräkning av förändringen", "Computing the delta"),
    "delta_none": (
        "Tiedosto ei muuttaisi yhtään indikaattoria.",
        "Filen skulle inte ändra någon indikator.",
        "The file would change no indicator.",
    ),
    "delta_unavailable": (
        "Indikaattorien muutosta ei voitu laskea ({reason}). Esikatselu on silti voimassa.",
        "Förändringen i indikatorerna kunde inte beräknas ({reason}). Förhandsvisningen gäller ändå.",
        "The indicator delta could not be computed ({reason}). The preview still stands.",
    ),
    "delta_note": (
        "Koko ohjelman luvut laskettiin samoilla malleilla kuin uudelleenlaskennassa, erillisellä kopiolla; mitään ei tallennettu ({seconds} s).",
        "Värdena för hela programmet beräknades med samma modeller som vid omräkningen, på en separat kopia; inget sparades ({seconds} s).",
        "Whole-programme values computed by the same models as a rebuild, on a scratch copy; nothing was saved ({seconds} s).",
    ),
    "col_before_after": ("Ennen → jälkeen", "Före → efter", "Before → after"),
    "col_delta_change": ("Muutos", "Förändring", "Change"),
    "templates_title": ("Pohjat", "Mallar", "Templates"),
    "templates_intro": (
        "Lataa tyhjä pohja (CSV tai Excel) tiedostotyypille; sarakkeiden nimet ovat suomeksi.",
        "Ladda ned en tom mall (CSV eller Excel) för filtypen; kolumnnamnen är på engelska.",
        "Download an empty template (CSV or Excel) for a file kind; column names are in English.",
    ),
    "templates_missing": (
        "Pohjat tulevat ladattaviksi tähän, kun pipeline saa pohjien teon (`impact template`).",
        "Mallarna kan laddas ned här när pipelinen får stöd för mallar (`impact template`).",
        "Templates become downloadable here once the pipeline can write them (`impact template`).",
    ),
    # --- Exports
    "exports_title": ("Vienti", "Export", "Exports"),
    "exports_intro": (
        "Lataa indikaattoritaulukot valitulta poikkileikkauspäivältä zip-tiedostona. Virallinen vienti on tarkka; julkisessa viennissä pienet luvut on peitetty.",
        "Ladda ned indikatortabellerna för valt brytdatum som zip-fil. Den officiella exporten är exakt; i den offentliga är små tal dolda.",
        "Download the indicator tables for a cut-off date as a zip file. The official export is exact; the public one hides small numbers.",
    ),
    "export_variant": ("Vienti", "Export", "Export"),
    "export_official": ("virallinen", "officiell", "official"),
    "export_public": ("julkinen", "offentlig", "public"),
    "export_download": ("Lataa zip", "Ladda ned zip", "Download zip"),
    "export_done": ("{name} ({cutoff}) on ladattu.", "{name} ({cutoff}) har laddats ned.", "{name} ({cutoff}) was downloaded."),
}

LABELS: dict[str, dict[str, str]] = {
    lang: {key: texts[i] for key, texts in TEXTS.items()} for i, lang in enumerate(LANGUAGES)
}

# Finnish and Swedish (as written in Finland) share number and date formats: 12 345,6 and 30.6.2025.
NORDIC = ("fi", "sv")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def normalise_lang(lang: str | None) -> str:
    return lang if lang in LABELS else DEFAULT_LANG


def has_label(key: str) -> bool:
    return key in LABELS[DEFAULT_LANG]


def t(key: str, lang: str | None, **fmt: object) -> str:
    """The label `key` in `lang` (Finnish when the language is unknown)."""
    text = LABELS[normalise_lang(lang)][key]
    return text.format(**fmt) if fmt else text


def format_number(value: float | None, lang: str | None, decimals: int = 0) -> str:
    """Finnish writes 12 345,6 (no-break space, decimal comma); English 12,345.6.

    Rounds half away from zero, as the indicator spec does, not Python's half-to-even.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    factor = 10**decimals
    rounded = math.floor(abs(value) * factor + 0.5) / factor
    text = f"{rounded:,.{decimals}f}"
    if value < 0 and rounded != 0:
        text = "-" + text
    if normalise_lang(lang) in NORDIC:
        text = text.replace(",", "\u00a0").replace(".", ",").replace("-", "−")
    return text


def format_percent(share: float | None, lang: str | None, decimals: int = 1) -> str:
    """`share` is a fraction (0.25 → 25 %); Finnish puts a space before the sign."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    number = format_number(share * 100, lang, decimals)
    return f"{number}\u00a0%" if normalise_lang(lang) in NORDIC else f"{number}%"


def format_date(value: dt.date | None, lang: str | None) -> str:
    if value is None:
        return "–"
    if normalise_lang(lang) in NORDIC:
        return f"{value.day}.{value.month}.{value.year}"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def format_timestamp(value: str | None, lang: str | None) -> str:
    """An ISO timestamp from manifest.json, to the minute; left as it is when unparsable."""
    if not value:
        return "–"
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    zone = ""
    if parsed.tzinfo is not None:
        # The pipeline writes UTC; show the server's local time, naming the zone.
        parsed = parsed.astimezone()
        zone = f" {parsed.tzname()}"
    time = parsed.strftime("%H.%M" if normalise_lang(lang) in NORDIC else "%H:%M")
    return f"{format_date(parsed.date(), lang)} {time}{zone}"


def plotly_separators(lang: str | None) -> str:
    """Plotly's layout.separators: decimal mark, then thousands separator."""
    return ", " if normalise_lang(lang) in NORDIC else ".,"

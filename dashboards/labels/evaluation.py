"""The evaluation page: key -> (Finnish, Swedish, English); assembled in dashboards/i18n.py."""

EVALUATION: dict[str, tuple[str, str, str]] = {
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
    "col_too_few": ("Liian vähän (n < {n})", "För få (n < {n})", "Too few (n < {n})"),
    "too_few": ("liian vähän", "för få", "too few"),
    "gaps_min_n_note": (
        "Järjestys: ensin erot, joiden luottamusvälit ovat erillään, sitten suurin ero. Alle {n} hengen ryhmiä ei verrata: ne näkyvät sarakkeessa ”Liian vähän”.",
        "Ordning: först skillnader vars konfidensintervall är åtskilda, sedan den största skillnaden. Grupper under {n} personer jämförs inte: de visas i kolumnen ”För få”.",
        "Order: gaps whose intervals are apart first, then the widest gap. Groups of fewer than {n} persons are not compared: they are listed under \u201cToo few\u201d.",
    ),
    "rates_too_few_note": (
        "Avoin harmaa piste: alle {n} hengen ryhmä, liian pieni vertailuun.",
        "Öppen grå punkt: grupp under {n} personer, för liten för jämförelse.",
        "Open grey point: a group of fewer than {n} persons, too small to compare.",
    ),
    "cohorts_other_cutoff": (
        "Kohortit lasketaan aina viimeisimpänä poikkileikkauspäivänä {latest}, eivät valittuna päivänä.",
        "Kohorterna räknas alltid vid det senaste brytdatumet {latest}, inte vid det valda.",
        "Cohorts are always counted at the latest cut-off date, {latest}, not at the chosen one.",
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
        "Itsearvioidun osaamisen keskimääräinen muutos (jälkeen − ennen, asteikolla 1–5); janat ovat 95 %:n luottamusvälejä (t-jakauma). Katkoviiva: ei muutosta.",
        "Genomsnittlig förändring i självskattad kompetens (efter − före, skala 1–5); strecken är 95 % konfidensintervall (t-fördelning). Streckad linje: ingen förändring.",
        "Mean change in self-assessed competence (after − before, on a 1–5 scale); whiskers are 95 % confidence intervals (Student t). Dashed line: no change.",
    ),
    "satisfaction_title": ("Tyytyväisyys hankkeittain ({cutoff})", "Nöjdhet per projekt ({cutoff})", "Satisfaction by project ({cutoff})"),
    "satisfaction_caption": ("SE12 ja SE13 hankkeittain", "SE12 och SE13 per projekt", "SE12 and SE13 by project"),
    "satisfaction_note": (
        "Indikaattoreista SE12 (tyytyväisyys 1–5) ja SE13 (osaamisen muutos), ilman luottamusvälejä.",
        "Från indikatorerna SE12 (nöjdhet 1–5) och SE13 (kompetensförändring), utan konfidensintervall.",
        "From the indicators SE12 (satisfaction 1–5) and SE13 (competence change), without confidence intervals.",
    ),
    "cohorts_title": ("Kohortit aloituspuolivuoden mukaan", "Kohorter efter starthalvår", "Cohorts by entry half-year"),
    "cohorts_note": (
        "Kukin viiva on tulosindikaattorin osuus aloituskohortissa (EECR01–04 päättäneistä, EECR05–06 seurantaan vastanneista) viimeisimpänä poikkileikkauspäivänä",
        "Varje linje är en resultatindikators andel i startkohorten (EECR01–04 av dem som avslutat, EECR05–06 av dem som följts upp) vid det senaste brytdatumet",
        "Each line is a result indicator's rate in the entry cohort (EECR01–04 of leavers, EECR05–06 of those followed up) at the latest cut-off date",
    ),
    "col_participants": ("Aloittaneita", "Började", "Entered"),
    "col_share_of_participants": ("Osuus aloittaneista", "Andel av dem som började", "Share of those who entered"),
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
    "grp_all": ("Kaikki", "Alla", "Everyone"),
    "grp_woman": ("Naiset", "Kvinnor", "Women"),
    "grp_man": ("Miehet", "Män", "Men"),
    "grp_non_binary": ("Muunsukupuoliset", "Icke-binära", "Non-binary"),
    "grp_unemployed": ("Työttömät", "Arbetslösa", "Unemployed"),
    "grp_inactive": ("Työvoiman ulkopuolella", "Utanför arbetskraften", "Inactive"),
    "grp_employed": ("Työssä", "Sysselsatta", "Employed"),
    # partial work ability (osatyökykyisyys), as the participant answered
    "grp_yes": ("Kyllä", "Ja", "Yes"),
    "grp_no": ("Ei", "Nej", "No"),
    "grp_declined": ("Ei halunnut kertoa", "Ville inte uppge", "Declined to say"),
    "grp_unknown": ("Ei tiedossa", "Okänt", "Unknown"),
}

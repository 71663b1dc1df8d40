"""Shell and navigation, and words every page uses: key -> (Finnish, Swedish, English); assembled in dashboards/i18n.py."""

SHELL: dict[str, tuple[str, str, str]] = {
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
    "back_to_overview": ("← Yleiskuvaan", "← Till översikten", "← To the overview"),
    # --- Common
    "cutoff": ("Poikkileikkauspäivä", "Brytdatum", "Cut-off date"),
    "latest": ("uusin", "senaste", "latest"),
    "last_closed": ("uusin päättynyt", "senaste avslutade", "latest closed"),
    "provisional": ("alustava: puolivuotiskausi kesken", "preliminär: halvåret pågår",
                    "provisional: the half-year has not ended"),
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
    # The service's latest build run failed (views/builds.py): the pages show an older copy.
    "build_failed_notice": (
        "Viimeisin indikaattorien laskenta epäonnistui; näytetyt luvut on koottu {built_at}.",
        "Den senaste beräkningen av indikatorerna misslyckades; siffrorna som visas sammanställdes {built_at}.",
        "The latest build failed; the numbers shown are from {built_at}.",
    ),
    "build_failed_notice_nothing": (
        "Viimeisin indikaattorien laskenta epäonnistui, eikä julkaistua aineistoa vielä ole.",
        "Den senaste beräkningen av indikatorerna misslyckades, och inget material har publicerats ännu.",
        "The latest build failed, and nothing has been published yet.",
    ),
    "build_run": ("Ajo {run_id}.", "Körning {run_id}.", "Run {run_id}."),
    "build_run_link": ("Tiedot Dagsterissa", "Detaljer i Dagster", "Details in Dagster"),
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
}

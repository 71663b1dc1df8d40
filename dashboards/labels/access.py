"""Who is signed in and what the role may do: the user area, refusals, the viewer's shape and the
audit trail page: key -> (Finnish, Swedish, English); assembled in dashboards/i18n.py."""

ACCESS: dict[str, tuple[str, str, str]] = {
    # --- The user area of the shell
    "role_admin": ("pääkäyttäjä", "huvudanvändare", "administrator"),
    "role_coordinator": ("koordinaattori", "koordinator", "coordinator"),
    "role_evaluator": ("arvioija", "utvärderare", "evaluator"),
    "role_project_manager": ("hankkeen vastuuhenkilö", "projektansvarig", "project manager"),
    "user_area": ("Käyttäjä", "Användare", "User"),
    "sign_out": ("Kirjaudu ulos", "Logga ut", "Sign out"),
    "sign_in": ("Kirjaudu sisään", "Logga in", "Sign in"),
    "public_visitor": ("Julkinen näkymä", "Offentlig vy", "Public view"),
    # --- Refusals: what a role may not do is refused on the server, and the page says so
    "refused_title": ("Ei käyttöoikeutta", "Ingen behörighet", "Not permitted"),
    "refused_upload": (
        "Roolisi ({role}) ei salli tiedostojen lataamista. Mitään ei tallennettu eikä muutettu.",
        "Din roll ({role}) får inte ladda upp filer. Inget sparades eller ändrades.",
        "Your role ({role}) may not upload files. Nothing was saved or changed.",
    ),
    "refused_official_export": (
        "Virallinen (tarkka) vienti on vain pääkäyttäjille ja koordinaattoreille. Voit ladata julkisen viennin.",
        "Den officiella (exakta) exporten är endast för huvudanvändare och koordinatorer. Du kan ladda ned den offentliga exporten.",
        "The official (exact) export is for administrators and coordinators only. You may download the public export.",
    ),
    "refused_audit": (
        "Tapahtumaloki on vain pääkäyttäjille.",
        "Händelseloggen är endast för huvudanvändare.",
        "The audit trail is for administrators only.",
    ),
    "anonymous": ("kirjautumaton", "ej inloggad", "not signed in"),
    # --- The viewer's shape (pipelines/publish/shapes.py)
    "shaped_note": (
        "Muiden kuin omien hankkeidesi luvut ovat julkisessa muodossa: alle {k} henkilön luvut on piilotettu (–).",
        "Siffror utanför dina egna projekt visas i offentlig form: tal under {k} personer är dolda (–).",
        "Numbers outside your own projects are in the public shape: counts of fewer than {k} persons are hidden (–).",
    ),
    "upload_delta_programme_only": (
        "Koko ohjelman indikaattorien muutos näytetään vain koko ohjelman tarkkoja lukuja katsoville rooleille. Hankkeesi uudet luvut näkyvät, kun tiedosto on tallennettu ja laskettu.",
        "Förändringen i hela programmets indikatorer visas bara för roller som ser programmets exakta siffror. Ditt projekts nya siffror syns när filen har sparats och beräknats.",
        "The change in the whole programme's indicators is shown only to roles that see the programme's exact numbers. Your project's new numbers show once the file is applied and built.",
    ),
    # --- The audit trail page (admin only)
    "page_audit": ("Tapahtumaloki", "Händelselogg", "Audit trail"),
    "audit_title": ("Tapahtumaloki", "Händelselogg", "Audit trail"),
    "audit_intro": (
        "Kuka teki mitä ja milloin: kirjautumiset, lataukset, viennit ja käyttäjämuutokset. Alla viimeisimmät {n} tapahtumaa, uusin ensin; koko loki CSV-tiedostona.",
        "Vem gjorde vad och när: inloggningar, uppladdningar, exporter och ändringar av användare. Nedan de senaste {n} händelserna, nyaste först; hela loggen som CSV-fil.",
        "Who did what and when: sign-ins, uploads, exports and user changes. Below the latest {n} entries, newest first; the whole trail as a CSV file.",
    ),
    "audit_download": ("Lataa koko loki (CSV)", "Ladda ned hela loggen (CSV)", "Download the whole trail (CSV)"),
    "audit_empty": ("Lokissa ei ole vielä tapahtumia.", "Loggen har inga händelser ännu.", "The trail has no entries yet."),
    "col_at": ("Aika (UTC)", "Tid (UTC)", "Time (UTC)"),
    "col_actor": ("Käyttäjä", "Användare", "User"),
    "col_action": ("Tapahtuma", "Händelse", "Action"),
    "col_detail": ("Tiedot", "Uppgifter", "Detail"),
}

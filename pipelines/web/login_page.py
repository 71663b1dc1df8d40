"""The sign-in page, in Finnish, Swedish and English: plain HTML from the server (no script),
so that it works before anything else is allowed."""

from __future__ import annotations

from html import escape

LANGS = ("fi", "sv", "en")
TEXT = {
    "title": {"fi": "Kirjaudu", "sv": "Logga in", "en": "Sign in"},
    "app": {"fi": "ESR+-vaikuttavuusindikaattorit", "sv": "ESF+-effektindikatorer", "en": "ESF+ impact indicators"},
    "name": {"fi": "Käyttäjätunnus", "sv": "Användarnamn", "en": "User name"},
    "password": {"fi": "Salasana", "sv": "Lösenord", "en": "Password"},
    "submit": {"fi": "Kirjaudu sisään", "sv": "Logga in", "en": "Sign in"},
    "wrong": {"fi": "Käyttäjätunnus tai salasana on väärä.", "sv": "Användarnamnet eller lösenordet är fel.",
              "en": "The user name or the password is wrong."},
    "locked": {"fi": "Liian monta epäonnistunutta kirjautumista. Yritä myöhemmin uudelleen.",
               "sv": "För många misslyckade inloggningar. Försök igen senare.",
               "en": "Too many failed sign-ins. Try again later."},
    "signed_out": {"fi": "Olet kirjautunut ulos.", "sv": "Du har loggat ut.", "en": "You have signed out."},
    "public": {"fi": "Julkinen näkymä ilman kirjautumista", "sv": "Offentlig vy utan inloggning",
               "en": "The public view, without signing in"},
}
LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}


def t(key: str, lang: str) -> str:
    return TEXT[key][lang]


def render(lang: str, csrf: str, next_path: str, message: str | None = None, public_view: bool = False) -> str:
    e = escape
    switch = " · ".join(
        f'<a href="/login?lang={code}&amp;next={e(next_path)}" lang="{code}">{LANGUAGE_NAMES[code]}</a>'
        for code in LANGS if code != lang
    )
    notice = f'<p class="login-message" role="alert">{e(t(message, lang))}</p>' if message else ""
    public = f'<p><a href="/">{e(t("public", lang))}</a></p>' if public_view else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(t("title", lang))} · {e(t("app", lang))}</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body class="login">
<main class="login-card">
<h1>{e(t("app", lang))}</h1>
<h2>{e(t("title", lang))}</h2>
{notice}
<form method="post" action="/login">
<input type="hidden" name="csrf_token" value="{e(csrf)}">
<input type="hidden" name="next" value="{e(next_path)}">
<input type="hidden" name="lang" value="{lang}">
<label for="name">{e(t("name", lang))}</label>
<input id="name" name="name" autocomplete="username" required autofocus>
<label for="password">{e(t("password", lang))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">{e(t("submit", lang))}</button>
</form>
{public}
<p class="login-languages">{switch}</p>
</main>
</body>
</html>"""

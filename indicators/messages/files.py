"""Rule texts for the file as a whole (`file.<what>`: refusals and file-level warnings) and for
the command-line withdrawal (`withdraw.<what>`)."""

from __future__ import annotations

from indicators.messages.core import ERROR, WARNING, RuleText

FILE_RULES: dict[str, RuleText] = {
    "file.empty": RuleText(
        ERROR, "Tiedosto on tyhjä. Tallenna taulukko CSV-muodossa otsikkoriveineen.",
        "Filen är tom. Spara tabellen i CSV-format med rubrikraden.",
        "The file is empty. Save the table as CSV with its header row.",
    ),
    "file.binary": RuleText(
        ERROR,
        "Tiedosto ei ole CSV-tekstitiedosto. Tallenna Excelissä muodossa 'CSV (luetteloerotin)' "
        "tai 'CSV UTF-8'.",
        "Filen är inte en CSV-textfil. Spara i Excel i formatet 'CSV (semikolonavgränsad)' "
        "eller 'CSV UTF-8'.",
        "The file is not a CSV text file. In Excel, save as 'CSV (semicolon/comma delimited)' "
        "or 'CSV UTF-8'.",
    ),
    "file.unreadable": RuleText(
        ERROR,
        "Tiedostoa ei voi lukea taulukkona. Tarkista erotinmerkki (; , tai sarkain) ja lainausmerkit.",
        "Filen kan inte läsas som en tabell. Kontrollera avgränsaren (; , eller tabb) och citattecknen.",
        "The file cannot be read as a table. Check the delimiter (; , or tab) and the quotes.",
    ),
    "file.xlsx_unsupported": RuleText(
        ERROR,
        "Excel-tiedostoja ei voi vielä lukea tässä asennuksessa. Tallenna taulukko CSV-muodossa.",
        "Excel-filer kan ännu inte läsas i den här installationen. Spara tabellen i CSV-format.",
        "Excel files cannot be read by this installation yet. Save the sheet as CSV.",
    ),
    "file.no_header": RuleText(
        ERROR, "Tiedostosta puuttuu otsikkorivi. Ensimmäisellä rivillä pitää olla sarakkeiden nimet.",
        "Filen saknar rubrikrad. Den första raden ska innehålla kolumnernas namn.",
        "The file has no header row. The first row must name the columns.",
    ),
    "file.too_large": RuleText(
        ERROR,
        "Tiedosto on liian suuri (yli 1 Gt) tai purkautuu liian suureksi (Excel-tiedoston osa yli "
        "2 Gt). Jaa tiedosto osiin. Tiedostoa ei tallennettu.",
        "Filen är för stor (över 1 GB) eller packas upp till för stor (en del av Excel-filen över "
        "2 GB). Dela upp filen i flera delar. Filen sparades inte.",
        "The file is too large (over 1 GB) or unpacks to too much (a part of the Excel file over "
        "2 GB). Split it into parts. The file was not stored.",
    ),
    "file.too_many_columns": RuleText(
        ERROR,
        "Tiedostossa on yli 200 saraketta. Poista ylimääräiset sarakkeet ja lataa uudelleen.",
        "Filen har över 200 kolumner. Ta bort de överflödiga kolumnerna och ladda upp igen.",
        "The file has more than 200 columns. Remove the extra columns and upload again.",
    ),
    "file.too_many_cells": RuleText(
        ERROR,
        "Excel-taulukko on liian suuri: sen rivit kertaa sarakkeet ylittävät miljoona riviä 30 "
        "sarakkeella. Poista ylimääräiset sarakkeet tai jaa tiedosto osiin.",
        "Excel-bladet är för stort: dess rader gånger kolumner överstiger en miljon rader med "
        "30 kolumner. Ta bort överflödiga kolumner eller dela upp filen.",
        "The Excel sheet is too large: its rows times columns exceed a million rows of 30 "
        "columns. Remove extra columns or split the file.",
    ),
    "file.xlsx_layout": RuleText(
        ERROR,
        "Excel-tiedoston taulukon soluilta puuttuu sijainti, joten sitä ei voi lukea turvallisesti. "
        "Avaa ja tallenna tiedosto Excelissä tai LibreOfficessa, tai tallenna se CSV-muodossa.",
        "Cellerna i Excel-filens blad saknar position, så filen kan inte läsas säkert. Öppna och "
        "spara filen i Excel eller LibreOffice, eller spara den i CSV-format.",
        "The cells of the Excel file's sheet have no position, so it cannot be read safely. Open "
        "and save the file in Excel or LibreOffice, or save it as CSV.",
    ),
    "file.unscannable": RuleText(
        ERROR,
        "Tiedosto on pakattu tai salattu (esim. zip, gzip, salasanasuojattu tai vanha .xls-"
        "muotoinen Excel), joten sen sisältöä ei voi tarkistaa. Tiedostoa ei tallennettu. "
        "Tallenna taulukko CSV- tai XLSX-muodossa ilman salasanaa.",
        "Filen är komprimerad eller krypterad (t.ex. zip, gzip, lösenordsskyddad eller en "
        "gammal .xls-fil), så dess innehåll kan inte kontrolleras. Filen sparades inte. Spara "
        "tabellen i CSV- eller XLSX-format utan lösenord.",
        "The file is compressed or encrypted (e.g. zip, gzip, password-protected or an old .xls "
        "workbook), so its contents cannot be checked. The file was not stored. Save the sheet "
        "as CSV or XLSX without a password.",
    ),
    "file.too_many_rows": RuleText(
        ERROR, "Tiedostossa on yli 1 000 000 riviä. Jaa tiedosto enintään miljoonan rivin osiin.",
        "Filen har över 1 000 000 rader. Dela upp filen i delar på högst en miljon rader.",
        "The file has more than 1,000,000 rows. Split it into parts of at most a million rows.",
    ),
    "file.henkilotunnus": RuleText(
        ERROR,
        "Tiedostossa tai sen nimessä on henkilötunnukselta näyttävä arvo. Tiedostoa ei "
        "tallennettu. Poista henkilötunnukset (käytä pseudonyymejä) ja lataa uudelleen.",
        "Filen eller dess namn innehåller något som ser ut som en finsk personbeteckning. "
        "Filen sparades inte. Ta bort personbeteckningarna (använd pseudonymer) och ladda upp "
        "filen på nytt.",
        "The file or its name contains something that looks like a Finnish personal identity "
        "code. The file was not stored. Remove identity codes (use pseudonyms) and upload again.",
    ),
    "file.email_address": RuleText(
        ERROR,
        "Tiedostossa on sähköpostiosoite. Rahoitustiedostoihin ei tallenneta yhteyshenkilöitä: "
        "tiedostoa ei tallennettu. Poista sähköpostiosoitteet (ja nimet) ja lataa uudelleen.",
        "Filen innehåller en e-postadress. Kontaktpersoner sparas inte i finansieringsfilerna: "
        "filen sparades inte. Ta bort e-postadresserna (och namnen) och ladda upp filen på nytt.",
        "The file contains an e-mail address. Contact persons are not stored with funding "
        "records: the file was not stored. Remove the e-mail addresses (and names) and upload again.",
    ),
    "file.unknown_kind": RuleText(
        ERROR,
        "Tiedoston tyyppiä ei tunnistettu sarakkeista. Valitse tiedoston tyyppi (osallistujat, "
        "organisaatiot …) ja lataa se uudelleen, tai korjaa otsikot mallipohjan mukaisiksi.",
        "Filtypen kunde inte kännas igen utifrån kolumnerna. Välj filtyp (deltagare, "
        "organisationer …) och ladda upp filen på nytt, eller rätta rubrikerna så att de motsvarar mallen.",
        "The kind of file could not be recognised from its columns. Choose the file's kind "
        "(participants, entities …) and upload it again, or fix the headers to match the template.",
    ),
    "file.unknown_kind_name": RuleText(
        ERROR,
        "Tuntematon tiedostotyyppi. Sallitut: projects, participants, entities, activities, "
        "feedback, targets.",
        "Okänd filtyp. Tillåtna: projects, participants, entities, activities, feedback, targets.",
        "Unknown kind. Allowed: projects, participants, entities, activities, feedback, targets.",
    ),
    "file.missing_column": RuleText(
        ERROR,
        "Pakollinen sarake puuttuu, joten tiedostoa ei ladattu. Lisää sarake (suomeksi tai "
        "englanniksi nimettynä).",
        "En obligatorisk kolumn saknas, så inget laddades. Lägg till kolumnen (med finskt "
        "eller engelskt namn).",
        "A required column is missing, so nothing was loaded. Add the column (Finnish or "
        "English name).",
    ),
    "file.duplicate_column": RuleText(
        ERROR,
        "Sama sarake on tiedostossa kahdesti (esim. sekä suomeksi että englanniksi). Poista toinen.",
        "Samma kolumn finns två gånger i filen (t.ex. med både finskt och engelskt namn). "
        "Ta bort den ena.",
        "The same column appears twice (e.g. under its Finnish and English name). Remove one.",
    ),
    "file.not_found": RuleText(
        ERROR, "Tiedostoa ei löydy tai sitä ei voi avata.",
        "Filen finns inte eller kan inte öppnas.",
        "The file does not exist or cannot be opened.",
    ),
    "file.unknown_column": RuleText(
        WARNING,
        "Tuntematon sarake: sitä ei ladata. Tarkista nimen kirjoitusasu, jos sarakkeen piti olla mukana.",
        "Okänd kolumn: den laddas inte. Kontrollera stavningen om kolumnen skulle tas med.",
        "Unknown column: it is not loaded. Check the spelling if the column was meant to be included.",
    ),
    "file.ragged_rows": RuleText(
        WARNING,
        "Joillakin riveillä on enemmän soluja kuin otsikkorivillä; ylimääräiset solut ohitettiin.",
        "Vissa rader har fler celler än rubrikraden; de överskjutande cellerna ignorerades.",
        "Some rows have more cells than the header row; the extra cells were ignored.",
    ),
    "file.no_data_rows": RuleText(
        WARNING, "Tiedostossa on vain otsikkorivi, ei tietoja.",
        "Filen har bara en rubrikrad och inga uppgifter.",
        "The file has a header row but no data.",
    ),
    "withdraw.not_found": RuleText(
        ERROR, "Poistettavaa tietuetta ei löydy. Tarkista tyyppi ja tunnisteet.",
        "Posten som ska återkallas finns inte. Kontrollera typen och nyckeln.",
        "No such record to withdraw. Check the kind and the key.",
    ),
    "withdraw.bad_key": RuleText(
        ERROR,
        "Tunnisteessa on väärä määrä osia. Anna hankekoodi ja tunnus (monen osan tunnus /-merkein eroteltuna).",
        "Nyckeln har fel antal delar. Ange projektkoden och identifieraren (en identifierare "
        "i flera delar avgränsas med /).",
        "The key has the wrong number of parts. Give the project code and the id (a multi-part "
        "id separated by /).",
    ),
}

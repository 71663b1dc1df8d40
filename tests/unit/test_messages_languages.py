"""Import messages in Finnish, Swedish and English: every rule id has all three, with the same
format placeholders, and the Swedish text names the same columns and codes as the English one
(so a Swedish reader gets the same pointers). The report renderers take 'sv' where they take
'fi' and 'en'."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from indicators.contract import CONTRACT
from indicators.messages import (
    CROSS_RULES,
    FILE_RULES,
    KIND_NAMES_FI,
    KIND_NAMES_SV,
    LANGS,
    all_rules,
    column_rules,
    message,
    rule_text,
)

RULES = all_rules()
# Contract column names, codes (EECO01, MK01, S30355) and command-line options the user types.
TOKEN = re.compile(r"--[a-z]+|\b[a-z]+(?:_[a-z0-9]+)+\b|\b[A-Z]{1,4}[0-9]{2,}\b")


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_the_public_api_is_unchanged() -> None:
    assert set(FILE_RULES) <= set(RULES) and set(CROSS_RULES) <= set(RULES)
    for kind in CONTRACT.values():
        assert set(column_rules(kind)) <= set(RULES)
    assert rule_text("file.henkilotunnus").severity == "error"
    assert set(KIND_NAMES_FI) == set(KIND_NAMES_SV) == set(CONTRACT)
    assert LANGS == ("fi", "sv", "en")


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_has_fi_sv_and_en_with_the_same_placeholders(rule_id: str) -> None:
    text = RULES[rule_id]
    fi, sv, en = (text.text(lang) for lang in LANGS)
    assert fi.strip() and sv.strip() and en.strip(), rule_id
    assert placeholders(fi) == placeholders(sv) == placeholders(en), rule_id
    assert sv not in (fi, en), f"{rule_id}: not translated"
    missing = set(TOKEN.findall(en)) - set(TOKEN.findall(sv))
    assert not missing, f"{rule_id}: the Swedish text does not name {sorted(missing)}"


def test_swedish_uses_the_vocabulary_of_finnish_authorities() -> None:
    assert "personbeteckning" in RULES["file.henkilotunnus"].sv
    assert "henkilötunnus" not in RULES["file.henkilotunnus"].sv
    assert "Projektkoden" in RULES["participants.project_code.unknown_project"].sv
    assert "FO-numret" in RULES["entities.business_id.format"].sv
    assert "deltagare" in RULES["activities.attendees_total.parts_exceed_total"].sv
    assert "vill inte svara" in RULES["participants.disability.format"].sv
    assert "Kolumnen gender (sukupuoli)" in RULES["participants.gender.code"].sv


def test_message_by_rule_id_falls_back_for_unknown_rules() -> None:
    assert message("file.empty", "sv") == "Filen är tom. Spara tabellen i CSV-format med rubrikraden."
    assert message("file.empty", "de") == RULES["file.empty"].en
    assert message("no.such.rule", "sv", "stored text") == "stored text"
    assert message(None, "sv") is None


def test_the_terminal_report_in_swedish(tmp_path: Path) -> None:
    from pipelines.ingest import ingest_bytes
    from pipelines.settings import Settings

    data = (b"project_code,participant_id,entry_date,gender,age_at_entry,labour_market_status\n"
            b"S10001,A1,2024-13-01,robot,30,employed\n")
    report = ingest_bytes(Settings(home=tmp_path / "home"), data, "p.csv", "participants", dry_run=True)
    sv = report.format_text("sv")
    assert sv.startswith("Fil / Tiedosto: p.csv")
    assert "FÖRHANDSVISNING" in sv and "avvisade / hylättyjä" in sv and "(deltagare)" in sv
    assert RULES["participants.gender.code"].sv in sv  # Swedish, by rule id
    assert RULES["participants.gender.code"].fi in sv  # then Finnish
    assert RULES["participants.gender.code"].en not in sv
    # Finnish and English as before: the chosen language first, the other second.
    fi, en = report.format_text("fi"), report.format_text("en")
    assert fi.startswith("Tiedosto / File") and en.startswith("File / Tiedosto")
    assert RULES["participants.gender.code"].en in fi and "Kolumnen" not in fi + en


def test_the_upload_page_shows_swedish_messages(tmp_path: Path) -> None:
    import json

    import plotly.utils

    from dashboards import upload_service as svc
    from dashboards.views import upload
    from pipelines.settings import Settings

    data = (b"project_code,participant_id,entry_date,gender,age_at_entry,labour_market_status\n"
            b"S10001,A1,2024-01-01,robot,30,employed\n")
    _token, report = svc.preview(Settings(home=tmp_path / "home"), svc.UploadStash(), data, "p.csv", None)
    text = json.dumps(upload.report_view(report, "sv"), cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)
    assert RULES["participants.gender.code"].sv in text
    assert RULES["participants.gender.code"].en not in text
    refused = svc.preview(Settings(home=tmp_path / "home"), svc.UploadStash(), b"", "empty.csv", None)[1]
    text = json.dumps(upload.report_view(refused, "sv"), cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)
    assert RULES[refused.refusal_reason].sv in text
    assert "Filen kunde inte tas emot" in str(upload.upload_error("sv"))


def test_the_indicator_delta_heading_in_swedish() -> None:
    import datetime as dt

    import polars as pl

    from pipelines.ingest.delta import DELTA_SCHEMA, IndicatorDelta
    from pipelines.ingest.report import delta_text

    changes = pl.DataFrame([("EECO01", "total", "count", 0, 10.0, 12.0, 2.0)], schema=DELTA_SCHEMA, orient="row")
    delta = IndicatorDelta(cutoff=dt.date(2026, 6, 30), changes=changes)
    sv = delta_text(delta, "sv")
    assert sv.startswith("Förändring i indikatorerna om filen sparas, läget 30.6.2026 / Indikaattorien muutos")
    assert "(hela programmet / koko ohjelma):" in sv and "  EECO01 +2\n" in sv
    assert delta_text(delta, "en") == delta.format_text("en")  # fi and en: the delta's own text
    missing = IndicatorDelta(cutoff=dt.date(2026, 6, 30), unavailable="TimeoutExpired")
    assert "kan inte beräknas / ei laskettavissa: TimeoutExpired" in delta_text(missing, "sv")


@pytest.mark.parametrize("kind", list(CONTRACT))
def test_every_upload_kind_has_its_name_in_fi_sv_and_en(kind: str) -> None:
    """The upload page, the upload history and the quality page name each kind of the contract."""
    from dashboards.i18n import t

    names = [t(f"kind_{kind}", lang) for lang in ("fi", "sv", "en")]
    assert all(names) and len(set(names)) == 3 and not any("_" in n for n in names)

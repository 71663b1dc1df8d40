"""Uploads in the user's words (issue 16, item 5): problems by row named by the record's id and
the column's header as the file wrote it; a date that does not exist told so (not told to use a
format it already has); no command-line flag in what the web shows; the stored report read
again in the file's words; the boolean words in a code column with `no`."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest

from dashboards.views.upload import problem_message, report_view
from indicators.contract import CONTRACT, fold_header
from indicators.messages import LANGS, all_rules, rule_text
from pipelines.ingest import ingest_bytes
from pipelines.ingest.history import report_in_words, stored_report
from pipelines.ingest.parse import parse_series
from pipelines.ingest.report import reports_to_csv
from pipelines.ingest.report_words import ReportWords, column_words, id_columns
from pipelines.settings import Settings
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv


def _text(component) -> str:
    """Every string in a Dash component tree."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return " ".join(_text(c) for c in component)
    return _text(getattr(component, "children", None))


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    s = Settings(home=tmp_path_factory.mktemp("words") / "home")
    assert ingest_bytes(s, sample_file("projects"), "projects.csv").exit_code == 0
    return s


def _participants(**changes_of_row_2) -> list[dict[str, str]]:
    rows = [dict(r) for r in SAMPLE_ROWS["participants"]]
    rows[1].update(changes_of_row_2)  # spreadsheet row 3
    return rows


def _finnish(**cells_of_row_3) -> bytes:
    """The sample participants as a Finnish file (aliases, `;`, cp1252), with cells of
    spreadsheet row 3 written as given."""
    text = to_csv("participants", _participants(), dialect="finnish").decode("cp1252")
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    folded = [fold_header(h) for h in table[0]]
    for column, value in cells_of_row_3.items():
        table[2][folded.index(CONTRACT["participants"].column(column).alias_fi)] = value
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(table)
    return out.getvalue().encode("cp1252")


# ---- an impossible date -----------------------------------------------------------------------
@pytest.mark.parametrize("written", ["31.2.2024", "2023-02-29", "31.4.2024", "30.02.2024"])
def test_a_date_that_does_not_exist_is_told_so(settings, written):
    report = ingest_bytes(settings, to_csv("participants", _participants(entry_date=written)),
                          "p.csv", dry_run=True)
    found = report.problems.filter(pl.col("column_name") == "entry_date")
    assert found["rule_id"].to_list() == ["participants.entry_date.no_such_date"]
    for lang in LANGS:
        text = rule_text("participants.entry_date.no_such_date").text(lang)
        assert "31.3.2025" not in text and "2025-03-31" not in text  # not "write it as ..."
    assert "ei ole kalenterissa" in found["message_fi"][0] and "no such day" in found["message_en"][0]


def test_a_date_in_another_format_is_still_told_the_format(settings):
    report = ingest_bytes(settings, to_csv("participants", _participants(entry_date="2024/02/01")),
                          "p.csv", dry_run=True)
    found = report.problems.filter(pl.col("column_name") == "entry_date")
    assert found["rule_id"].to_list() == ["participants.entry_date.format"]
    assert "31.3.2025" in found["message_fi"][0]


# ---- no command-line vocabulary on the web --------------------------------------------------
def test_no_rule_message_speaks_of_command_line_flags():
    for rule_id, rule in all_rules().items():
        if rule_id.startswith("withdraw."):
            continue  # the command line's own withdrawal
        for lang in LANGS:
            assert "--" not in rule.text(lang), (rule_id, lang)


def test_a_file_of_unknown_kind_is_told_in_web_terms_and_the_terminal_adds_the_flag(settings):
    report = ingest_bytes(settings, b"foo,bar\n1,2\n", "mystery.csv", dry_run=True)
    assert report.refused and report.refusal_reason == "file.unknown_kind"
    page = _text(report_view(report, "fi"))
    assert "--kind" not in page and "Valitse tiedoston tyyppi" in page
    assert "--kind" not in _text(report_view(report, "sv")) + _text(report_view(report, "en"))
    assert "--kind" in report.format_text("fi")  # the command line keeps its flag


# ---- problems in the file's words ---------------------------------------------------------------
def test_finnish_headers_name_the_column_in_finnish_and_the_row_by_its_participant(settings):
    rows = _participants()
    report = ingest_bytes(settings, _finnish(entry_date="31.2.2024", gender="robotti"), "osallistujat.csv",
                          dry_run=True)
    assert report.words is not None and report.words.finnish
    by_column = {p["column_name"]: p for p in report.problems.iter_rows(named=True) if p["row_number"] == 3}
    assert set(by_column) >= {"entry_date", "gender"}
    assert report.column_words("entry_date").lower() == "aloituspvm"  # as the file wrote it
    assert report.record_words(3) == rows[1]["participant_id"]
    page = _text(report_view(report, "fi"))
    assert rows[1]["participant_id"] in page and report.column_words("entry_date") in page
    # the table's column cell is the header as written, not the contract's English name
    assert report.column_words("entry_date") != "entry_date"
    # the CSV report carries the same words beside the stored columns
    lines = list(csv.reader(io.StringIO(reports_to_csv([report])), delimiter=";"))
    header = next(line for line in lines if line and line[0].startswith("rivi"))
    assert header[-2:] == ["tunniste / record id", "sarake tiedostossa / column in the file"]
    row = next(line for line in lines if line[:2] == ["3", "entry_date"])
    assert row[-2:] == [rows[1]["participant_id"], report.column_words("entry_date")]


def test_english_headers_name_the_column_in_english(settings):
    report = ingest_bytes(settings, to_csv("participants", _participants(entry_date="31.2.2024")),
                          "participants.csv", dry_run=True)
    assert report.words is not None and not report.words.finnish
    assert report.column_words("entry_date") == "entry_date"
    assert report.record_words(3) == SAMPLE_ROWS["participants"][1]["participant_id"]


def test_a_column_the_file_lacks_is_named_in_the_files_language():
    finnish = ReportWords(columns={"entry_date": "aloituspvm"}, finnish=True)
    english = ReportWords(columns={"entry_date": "entry_date"}, finnish=False)
    assert column_words("participants", "exit_employed", finnish) == "lopussa_tyossa"
    assert column_words("participants", "exit_employed", english) == "exit_employed"
    assert column_words("participants", "project_code+participant_id", finnish) == "hankekoodi+osallistujatunnus"
    assert column_words("participants", None, finnish) is None


def test_each_kind_names_its_records_by_their_own_id():
    assert {k: id_columns(CONTRACT[k]) for k in CONTRACT} == {
        "projects": ("project_code",), "participants": ("participant_id",), "entities": ("business_id",),
        "activities": ("activity_id",), "feedback": ("activity_id", "respondent_id"),
        "targets": ("scope_type", "scope_code", "indicator_code", "target_date"),
        "funding_opportunities": ("opportunity_id",), "funding_referrals": ("opportunity_id", "business_id"),
        "project_figures": ("year", "figure_code"),
    }


def test_a_stored_report_is_read_again_in_the_files_words(settings):
    rows = _participants()
    report = ingest_bytes(settings, _finnish(entry_date="31.2.2024"), "osallistujat.csv")
    assert report.upload_id is not None and report.rejected == 1
    plain = stored_report(settings, report.upload_id)
    assert plain.words is None and plain.column_words("entry_date") == "entry_date"
    worded = report_in_words(settings, report.upload_id)
    assert worded.record_words(3) == rows[1]["participant_id"]
    assert worded.column_words("entry_date") == report.column_words("entry_date")


def test_stored_messages_read_in_todays_words():
    old = {"rule_id": "file.unknown_kind", "message_fi": "Anna tyyppi (--kind).", "message_en": "Give --kind."}
    assert "--kind" not in problem_message(old, "fi") and "--kind" not in problem_message(old, "en")
    unknown = {"rule_id": "no.such.rule", "message_fi": "vanha", "message_en": "old"}
    assert (problem_message(unknown, "fi"), problem_message(unknown, "en"), problem_message(unknown, "sv")) == (
        "vanha", "old", "old")


# ---- the boolean words in a code column with `no` ------------------------------------------
def test_boolean_words_are_the_no_code_in_social_enterprise():
    column = CONTRACT["entities"].column("social_enterprise")
    words = pl.Series(["ei", "Ei", "NEJ", "No", "false", "0", "mark", "kyllä", "ja"])
    assert parse_series(words, column).to_list() == ["no"] * 6 + ["mark", "kyllä", "ja"]  # no `yes` code

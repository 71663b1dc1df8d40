"""Every rule of the upload contract has a failing and a passing example (issue 3, "Done when").

test_ingest_rules.CASES holds hand-written cases for the rules across columns and rows. Here:
- a failing and a passing example for every cell-level rule the contract generates
  (required, format, code, pattern, min, max, positive, check_digit of every column of every
  kind), derived from the contract so that a new column is covered the day it is added;
- the cross rules CASES does not spell out (each exit column, unknown projects and duplicate
  keys of every kind);
- every file-level refusal and warning, and the withdrawal's own rules;
- and a check that the union covers every rule id in indicators.messages.
"""

from __future__ import annotations

import gzip
import io
import re
import shutil
import sys
from pathlib import Path

import polars as pl
import pytest

from indicators.contract import CONTRACT, Column, Kind
from indicators.messages import all_rules
from pipelines.ingest import ingest_bytes, ingest_files, withdraw
from pipelines.ingest import reader as reader_mod
from pipelines.ingest import service as service_mod
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv, to_xlsx, with_sheet_xml
from pipelines.settings import Settings
from tests.support.funding_cases import FUNDING_CASES
from tests.support.rule_cases import CASES

HETU = "131052-308T"


@pytest.fixture(scope="module")
def template_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("coverage") / "home"
    s = Settings(home=home)
    for kind in ("projects", "activities"):
        assert ingest_bytes(s, sample_file(kind), f"{kind}.csv").exit_code == 0
    return home


@pytest.fixture(scope="module")
def settings(template_home) -> Settings:
    """Shared by the cases: they are dry runs and change nothing."""
    return Settings(home=template_home)


# ---- cell-level rules, generated from the contract -----------------------------------------------
BAD_FORMAT = {
    "date": "31/03/2024", "integer": "12.5", "decimal": "1,2,3", "yes_no": "maybe",
    "yes_no_declined": "maybe", "business_id": "116297-6",
}
GOOD = {
    "date": "2024-03-01", "integer": "1", "decimal": "1,5", "yes_no": "kyllä",
    "yes_no_declined": "ei halua vastata", "business_id": "0116297-6", "text": "X1",
}


def _good(c: Column, base: dict[str, str]) -> str:
    value = base.get(c.name, "")
    if value:
        return value
    return c.codes[0] if c.codes else GOOD[c.type]


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def cell_cases(kind: Kind) -> list[tuple[str, str, dict, dict]]:
    """(rule id, kind, failing changes, passing changes) for every generated rule of a kind."""
    base = SAMPLE_ROWS[kind.name][0]
    cases = []
    for c in kind.columns:
        rule = f"{kind.name}.{c.name}"
        good = _good(c, base)
        if c.required:
            cases.append((f"{rule}.required", kind.name, {c.name: ""}, {c.name: good}))
        cases.append((f"{rule}.too_long", kind.name, {c.name: "x" * 501}, {c.name: good}))
        if c.type == "date":
            cases.append((f"{rule}.too_early", kind.name, {c.name: "1899-12-31"}, {c.name: good}))
            cases.append((f"{rule}.no_such_date", kind.name, {c.name: "31.2.2026"}, {c.name: good}))
        if c.type in BAD_FORMAT:
            cases.append((f"{rule}.format", kind.name, {c.name: BAD_FORMAT[c.type]}, {c.name: good}))
        if c.codes:
            cases.append((f"{rule}.code", kind.name, {c.name: "not_a_code"}, {c.name: c.codes[-1]}))
        if c.pattern:
            cases.append((f"{rule}.pattern", kind.name, {c.name: "a b!"}, {c.name: good}))
        if c.type == "business_id":
            cases.append((f"{rule}.check_digit", kind.name, {c.name: "0116297-5"}, {c.name: "0116297-6"}))
        if c.min is not None:
            cases.append((f"{rule}.min", kind.name, {c.name: _num(c.min - 1)}, {c.name: _num(c.min)}))
        if c.max is not None:
            cases.append((f"{rule}.max", kind.name, {c.name: _num(c.max + 1)}, {c.name: _num(c.max)}))
        if c.greater_than is not None:
            cases.append((f"{rule}.positive", kind.name, {c.name: _num(c.greater_than)},
                          {c.name: _num(c.greater_than + 0.5)}))
    return cases


CELL_CASES = [case for kind in CONTRACT.values() for case in cell_cases(kind)]

# ---- cross rules that CASES does not spell out ------------------------------------------------------
P = "participants"
EXITS = ("exit_job_searching", "exit_in_education", "exit_qualification", "exit_employed")
FOLLOWUPS = ("followup_date", "followup_employed", "followup_improved")
NO_EXIT = {"exit_date": "", **{c: "" for c in EXITS + FOLLOWUPS}}
OTHER_KEY = {
    "projects": {"project_code": "S30399"},
    "participants": {"participant_id": "P999"},
    "entities": {"business_id": "1572860-0"},
    "activities": {"activity_id": "A-777"},
    "feedback": {"respondent_id": "R9"},
    "targets": {"target_date": "2027-12-31"},
    "funding_opportunities": {"opportunity_id": "OPP-2"},
    "funding_referrals": {"business_id": "2428337-5"},
    "project_figures": {"figure_code": "web_visits"},
}
EXTRA_CASES = (
    [(f"{P}.{c}.required_with_exit_date", P, {c: ""}, {c: "ei"}) for c in EXITS]
    + [(f"{P}.{c}.without_exit_date", P, {**NO_EXIT, c: "2025-02-15" if c == "followup_date" else "kyllä"}, NO_EXIT)
       for c in EXITS + FOLLOWUPS]
    + [(f"{P}.{c}.without_followup_date", P, {"followup_date": "", "followup_employed": "", "followup_improved": "", c: "ei"},
        {"followup_date": "", "followup_employed": "", "followup_improved": ""}) for c in FOLLOWUPS[1:]]
    + [(f"{k}.project_code.unknown_project", k, {"project_code": "S99999"}, {})
       for k in ("participants", "entities", "activities", "feedback", "funding_opportunities",
                 "funding_referrals", "project_figures")]
    + [(f"{k}.key.duplicate", k, [{}, {}], [{}, OTHER_KEY[k]]) for k in CONTRACT]
    + [("projects.priority.not_of_objective", "projects", {"specific_objective": "5.1"}, {"specific_objective": "4.2"})]
    + [("activities.pact_category.not_upskilling", "activities", {"pact_category": "tiedottaminen"},
        {"pact_category": "osaamisen_kehittaminen"}),
       ("project_figures.note.over_500_characters", "project_figures", {"note": "x" * 501}, {"note": "x" * 500})]
)


def _file(kind: str, changes) -> bytes:
    base = SAMPLE_ROWS[kind][0]
    rows = [dict(base, **c) for c in changes] if isinstance(changes, list) else [dict(base, **changes)]
    return to_csv(kind, rows)


def _rule_ids(settings: Settings, kind: str, changes) -> set[str]:
    report = ingest_bytes(settings, _file(kind, changes), f"{kind}.csv", kind=kind, dry_run=True)
    assert not report.refused, report.format_text()
    return set(report.problems["rule_id"].to_list())


@pytest.mark.parametrize("case", CELL_CASES + EXTRA_CASES, ids=[c[0] for c in CELL_CASES + EXTRA_CASES])
def test_rule_fails_and_passes(settings, case):
    rule_id, kind, bad, good = case
    assert rule_id in all_rules(), rule_id
    assert rule_id in _rule_ids(settings, kind, bad)
    assert rule_id not in _rule_ids(settings, kind, good)


# ---- rows of projects the uploader may not write (a project manager's upload) -------------------
OWN = frozenset({SAMPLE_ROWS["participants"][0]["project_code"]})
PERMITTED_CASES = (
    [(f"{k}.project_code.not_permitted", k, {"project_code": "S30399"}, {})
     for k in ("projects", "participants", "entities", "activities", "feedback",
               "funding_opportunities", "funding_referrals", "project_figures")]
    + [("targets.scope_code.not_permitted", "targets", {},
        {"scope_type": "project", "scope_code": next(iter(OWN))})]
)


@pytest.mark.parametrize("case", PERMITTED_CASES, ids=[c[0] for c in PERMITTED_CASES])
def test_rows_of_other_projects_are_rejected_for_a_project_manager(settings, case):
    rule_id, kind, bad, good = case

    def rule_ids(changes, permitted) -> set[str]:
        report = ingest_bytes(settings, _file(kind, changes), f"{kind}.csv", kind=kind, dry_run=True,
                              permitted_projects=permitted)
        return set(report.problems["rule_id"].to_list())

    assert rule_id in all_rules()
    assert rule_id in rule_ids(bad, OWN)
    assert rule_id not in rule_ids(good, OWN)
    assert rule_id not in rule_ids(bad, None)  # a coordinator may write every project


# ---- file-level rules and the withdrawal ---------------------------------------------------------
def _report(settings: Settings, data: bytes, name: str = "participants.csv", kind: str | None = None):
    return ingest_bytes(settings, data, name, kind=kind, dry_run=True)


def _missing_gender() -> bytes:
    return to_csv(P, [{k: v for k, v in r.items() if k != "gender"} for r in SAMPLE_ROWS[P]])


def _with_header(extra: str, value: str) -> bytes:
    lines = sample_file(P).decode().splitlines()
    return ("\n".join([lines[0] + "," + extra] + [line + "," + value for line in lines[1:]]) + "\n").encode()


def _ragged() -> bytes:
    lines = sample_file(P).decode().splitlines()
    return ("\n".join(lines[:2] + [lines[2] + ",extra,cells"] + lines[3:]) + "\n").encode()


def _wide() -> bytes:
    lines = sample_file(P).decode().splitlines()
    extra = [f"x{i}" for i in range(201 - len(lines[0].split(",")))]
    return "\n".join([",".join([lines[0], *extra])] + [line + "," * len(extra) for line in lines[1:]]).encode()


def _far_cell(xml: str) -> str:
    """A cell in column AE (31) and row 1,000,001: a 31 x 1,000,001 rectangle to allocate."""
    return xml.replace("</sheetData>", '<row r="1000001"><c r="AE1000001"><v>1</v></c></row></sheetData>')


FILE_CASES = {
    "file.empty": lambda s, mp, tmp: _report(s, b""),
    "file.binary": lambda s, mp, tmp: _report(s, b"\x00\x01\x02 binary"),
    "file.unreadable": lambda s, mp, tmp: _report(s, b'project_code,participant_id\n"never closed,P1\nS30355,P2\n'),
    "file.no_header": lambda s, mp, tmp: _report(s, b";;;\n;;;\n"),
    "file.henkilotunnus": lambda s, mp, tmp: _report(s, sample_file(P).replace(b"P002", HETU.encode())),
    "file.unknown_kind": lambda s, mp, tmp: _report(s, b"colour,size\nred,3\n"),
    "file.email_address": lambda s, mp, tmp: _report(
        s, sample_file("funding_referrals").replace(b"S30355,", b"S30355 info@esimerkki.fi,", 1), "r.csv"),
    "file.unknown_kind_name": lambda s, mp, tmp: _report(s, sample_file(P), kind="people"),
    "file.missing_column": lambda s, mp, tmp: _report(s, _missing_gender()),
    "file.duplicate_column": lambda s, mp, tmp: _report(s, _with_header("hankekoodi", "S30355")),
    "file.unknown_column": lambda s, mp, tmp: _report(s, _with_header("shoe_size", "42")),
    "file.ragged_rows": lambda s, mp, tmp: _report(s, _ragged()),
    "file.no_data_rows": lambda s, mp, tmp: _report(s, sample_file(P).splitlines(keepends=True)[0]),
    "file.too_many_rows": lambda s, mp, tmp: (mp.setattr(reader_mod, "MAX_ROWS", 2), _report(s, sample_file(P)))[1],
    "file.too_many_columns": lambda s, mp, tmp: _report(s, _wide()),
    "file.unscannable": lambda s, mp, tmp: _report(s, gzip.compress(sample_file(P)), "p.csv.gz"),
    "file.xlsx_layout": lambda s, mp, tmp: _report(
        s, with_sheet_xml(to_xlsx(P, SAMPLE_ROWS[P]), lambda x: re.sub(r' r="[A-Z]+[0-9]+"', "", x)), "p.xlsx"),
    "file.too_many_cells": lambda s, mp, tmp: _report(s, with_sheet_xml(to_xlsx(P, SAMPLE_ROWS[P]), _far_cell), "p.xlsx"),
    "file.xlsx_unsupported": lambda s, mp, tmp: (
        mp.setitem(sys.modules, "fastexcel", None), _report(s, to_xlsx(P, SAMPLE_ROWS[P]), "p.xlsx"))[1],
}


def _via_files(settings: Settings, path: Path, tmp_path: Path):
    """ingest_files with the report saved as JSON, read back (what the command line runs)."""
    import json

    ingest_files(settings, [path], dry_run=True, out=io.StringIO(), report_path=tmp_path / "r.json")
    summary = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))[0]
    return {p["rule_id"] for p in summary["problems"]}, summary["summary"]["exit_code"]


@pytest.mark.parametrize("rule_id", list(FILE_CASES))
def test_file_rule_fails_and_passes(settings, monkeypatch, tmp_path, rule_id):
    severity = all_rules()[rule_id].severity
    with monkeypatch.context() as mp:
        report = FILE_CASES[rule_id](settings, mp, tmp_path)
    assert rule_id in set(report.problems["rule_id"].to_list()), report.format_text()
    assert report.exit_code == (2 if severity == "error" else 0)
    if severity == "error":
        assert report.refusal_reason == rule_id or rule_id in ("file.missing_column",)
    good = ingest_bytes(settings, sample_file(P), "participants.csv", dry_run=True)
    assert rule_id not in set(good.problems["rule_id"].to_list()) and good.exit_code == 0


def test_file_size_and_presence_rules(settings, monkeypatch, tmp_path):
    path = tmp_path / "participants.csv"
    path.write_bytes(sample_file(P))
    assert _via_files(settings, path, tmp_path) == (set(), 0)
    monkeypatch.setattr(service_mod, "MAX_BYTES", 10)
    assert _via_files(settings, path, tmp_path) == ({"file.too_large"}, 2)
    monkeypatch.undo()
    assert _via_files(settings, tmp_path / "missing.csv", tmp_path) == ({"file.not_found"}, 2)


def test_withdraw_rules(template_home, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(template_home, home)
    s = Settings(home=home)
    assert withdraw(s, "activities", "S30355", "A-404").refusal_reason == "withdraw.not_found"
    assert withdraw(s, "activities", "S30355", None).refusal_reason == "withdraw.bad_key"
    ok = withdraw(s, "activities", "S30355", "A-001")
    assert ok.withdrawn == 1 and ok.problems.height == 0 and ok.exit_code == 0
    for report in (withdraw(s, "activities", "S30355", "A-404"), withdraw(s, "activities", "S30355", None)):
        assert report.exit_code == 2 and report.problems["message_en"][0]


def test_every_rule_has_a_failing_and_a_passing_example():
    covered = {c[0] for c in CELL_CASES + EXTRA_CASES + PERMITTED_CASES} | {c[4] for c in CASES} | set(FILE_CASES)
    covered |= {c[4] for c in FUNDING_CASES}  # run by test_funding_rules.py
    covered |= {"file.too_large", "file.not_found", "withdraw.not_found", "withdraw.bad_key"}
    missing = sorted(set(all_rules()) - covered)
    assert missing == [], missing
    assert pl.Series(sorted(covered - set(all_rules()))).len() == 0

"""The EU Pact for Skills through the real `impact ingest`, `impact build` and `impact export`
(seed-work.md 3.3, 6): hand-computed PS01-PS06 in the long table at 31 December 2024 (and
none at 30 June), pledges as targets with their achievement, `pact_annual.csv` and its
workbook sheet in the annual survey's order, the public variant's withheld cells, the manifest
naming the file with its SHA-256, and the same bytes on a second export.

2024 for S30355: A-001 training (25: 15 women, 9 men, 1 non-binary; MK01, hybrid, a new
programme), A-002 webinar (40, online, the project's MK01), A-005 training from 30.12.2024 to
2.1.2025 (6, MK02, a new programme) are upskilling: PS01 = 71; A-003 info event (60) and the
newsletter's 340 recipients: PS02 = 400; one networking organisation + 8 organisations at the
A-004 network event: PS03 = 9; PS04 = 2; PS05 = 12500.50; PS06 = MK01, MK02 = 2, outside
Uusimaa 6 / 71 = 0.0845, online or hybrid 65 / 71 = 0.9155. A-006 (1.1.2025) is 2025's.
Pledges: PS01 50 (reached: achievement 1.42) and PS05 20000 (0.6250): principle 1 behind.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import openpyxl
import pytest

from tests.support.cli import run_impact
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv

pytestmark = pytest.mark.slow

ACTIVITY = SAMPLE_ROWS["activities"][0]
EXTRA_ACTIVITIES = [
    dict(ACTIVITY, activity_id="A-003", activity_type="info_event", start_date="2024-06-01", end_date="",
         attendees_total="60", attendees_women="", attendees_men="", attendees_non_binary="",
         region_code="MK06", delivery_mode="in_person", new_training_programme="", pact_category=""),
    dict(ACTIVITY, activity_id="A-004", activity_type="network_event", start_date="2024-12-31", end_date="",
         attendees_total="20", attendees_women="", attendees_men="", attendees_non_binary="",
         organisations_represented="8", new_training_programme="", pact_category=""),
    dict(ACTIVITY, activity_id="A-005", activity_type="training", start_date="2024-12-30", end_date="2025-01-02",
         attendees_total="6", attendees_women="", attendees_men="", attendees_non_binary="",
         region_code="MK02", delivery_mode="in_person", new_training_programme="yes", pact_category=""),
    dict(ACTIVITY, activity_id="A-006", activity_type="training", start_date="2025-01-01", end_date="",
         attendees_total="3", attendees_women="", attendees_men="", attendees_non_binary="",
         new_training_programme="", pact_category=""),
]
NETWORKING = dict(SAMPLE_ROWS["entities"][0], business_id="2428337-5", organisation_name="Verkosto ry",
                  organisation_type="association", size_class="", support_type="networking",
                  support_start_date="2024-05-01")
PLEDGES = [
    {"scope_type": "project", "scope_code": "S30355", "indicator_code": "PS01", "target_date": "2024-12-31",
     "target_value": "50", "gender": "", "withdrawn": ""},
    {"scope_type": "project", "scope_code": "S30355", "indicator_code": "PS05", "target_date": "2024-12-31",
     "target_value": "20000", "gender": "", "withdrawn": ""},
]
PACT_HEADER = [
    "year", "project_code", "people_upskilled_attendances", "people_upskilled_distinct", "people_reached",
    "stakeholders_identified", "stakeholders_counted", "training_programmes_new_or_updated", "investment_eur",
    "regions_reached", "share_outside_uusimaa", "share_online_or_hybrid", "principle_1_progress",
    "principle_2_progress", "principle_3_progress", "principle_4_progress",
]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def home(tmp_path_factory, dbt_manifest):
    home = tmp_path_factory.mktemp("pact") / "home"
    files = tmp_path_factory.mktemp("pact-files")
    contents = {
        "projects.csv": sample_file("projects"),
        "entities.csv": to_csv("entities", SAMPLE_ROWS["entities"] + [NETWORKING]),
        "activities.csv": to_csv("activities", SAMPLE_ROWS["activities"] + EXTRA_ACTIVITIES),
        "figures.csv": sample_file("project_figures", "finnish"),
        "targets.csv": to_csv("targets", PLEDGES),
    }
    for name, data in contents.items():
        (files / name).write_bytes(data)
    result = run_impact(home, "ingest", *[str(files / name) for name in contents])
    assert result.returncode == 0, result.stdout + result.stderr
    build = run_impact(home, "build")
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return home


def export(home: Path, out: Path, *extra: str, cutoff: str = "2024-12-31") -> Path:
    result = run_impact(home, "export", "--cutoff", cutoff, "--out", str(out), *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def official(home, tmp_path_factory) -> Path:
    return export(home, tmp_path_factory.mktemp("official"))


def test_the_long_table_has_the_pact_indicators_of_the_year(official):
    rows = [r for r in read_csv(official / "indicator_values.csv") if r["indicator_code"].startswith("PS")]
    got = {(r["scope_code"], r["indicator_code"], r["gender"]): r["value"] for r in rows}
    assert {k: v for k, v in got.items() if k[0] == "S30355"} == {
        ("S30355", "PS01", "total"): "71", ("S30355", "PS01", "woman"): "15",
        ("S30355", "PS01", "man"): "9", ("S30355", "PS01", "non_binary"): "1",
        ("S30355", "PS02", "total"): "400", ("S30355", "PS03", "total"): "9",
        ("S30355", "PS04", "total"): "2", ("S30355", "PS05", "total"): "12500.50",
        ("S30355", "PS06", "total"): "2",
    }
    assert {r["scope_type"] for r in rows} == {"project"} and {r["cutoff_date"] for r in rows} == {"2024-12-31"}
    pledged = {r["indicator_code"]: (r["target"], r["target_date"], r["achievement_rate"])
               for r in rows if r["scope_code"] == "S30355" and r["gender"] == "total" and r["target"]}
    assert pledged == {"PS01": ("50", "2024-12-31", "1.4200"), "PS05": ("20000", "2024-12-31", "0.6250")}
    assert next(r for r in rows if r["indicator_code"] == "PS01")["name_en"] == \
        "Attendances in upskilling and reskilling (year)"


def test_pact_annual_in_the_survey_order(official):
    with (official / "pact_annual.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == PACT_HEADER
    rows = {r["project_code"]: r for r in read_csv(official / "pact_annual.csv")}
    assert rows["S30355"] == {
        "year": "2024", "project_code": "S30355", "people_upskilled_attendances": "71",
        "people_upskilled_distinct": "", "people_reached": "400", "stakeholders_identified": "1",
        "stakeholders_counted": "8", "training_programmes_new_or_updated": "2", "investment_eur": "12500.50",
        "regions_reached": "2", "share_outside_uusimaa": "0.0845", "share_online_or_hybrid": "0.9155",
        "principle_1_progress": "behind", "principle_2_progress": "no_pledge",
        "principle_3_progress": "no_pledge", "principle_4_progress": "no_pledge",
    }
    # S30356 runs in 2024 with nothing counted; no later year is complete at the cut-off
    assert rows["S30356"]["people_upskilled_attendances"] == "0" and rows["S30356"]["investment_eur"] == ""
    assert {r["year"] for r in rows.values()} == {"2024"}


def test_the_workbook_sheet_and_the_manifest(official):
    sheet = openpyxl.load_workbook(official / "indicators.xlsx")["Pact for Skills"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][:3] == ("Year", "Project code", "Upskilling attendances")
    s30355 = next(row for row in values[2:] if row[1] == "S30355")
    assert s30355[0] == 2024 and s30355[2] == 71 and s30355[8] == 12500.5 and s30355[12] == "behind"
    manifest = json.loads((official / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["files"]["pact_annual.csv"]
    assert entry["sha256"] == hashlib.sha256((official / "pact_annual.csv").read_bytes()).hexdigest()
    assert entry["rows"] == 2


def test_a_june_cutoff_has_no_pact_rows_and_the_last_complete_year(home, tmp_path):
    out = export(home, tmp_path / "june", cutoff="2025-06-30")
    assert not [r for r in read_csv(out / "indicator_values.csv") if r["indicator_code"].startswith("PS")]
    assert {r["year"] for r in read_csv(out / "pact_annual.csv")} == {"2024"}


def test_the_public_export_withholds_euros_and_small_counts(home, tmp_path):
    out = export(home, tmp_path / "public", "--public")
    rows = {(r["scope_code"], r["indicator_code"], r["gender"]): r for r in read_csv(out / "indicator_values.csv")
            if r["indicator_code"].startswith("PS")}
    assert rows[("S30355", "PS01", "total")]["value"] == "71"
    # non_binary 1 is withheld, and the other parts with it; euros always
    for key in [("S30355", "PS01", g) for g in ("woman", "man", "non_binary")] + [("S30355", "PS05", "total")]:
        assert (rows[key]["value"], rows[key]["suppressed"], rows[key]["achievement_rate"]) == ("", "true", ""), key
    annual = {r["project_code"]: r for r in read_csv(out / "pact_annual.csv")}["S30355"]
    assert (annual["investment_eur"], annual["investment_eur_suppressed"]) == ("", "true")
    assert (annual["people_upskilled_attendances"], annual["people_upskilled_attendances_suppressed"]) == ("71", "false")
    assert annual["share_outside_uusimaa"] == "0.0845"


def test_a_second_export_gives_the_same_bytes(home, official, tmp_path):
    again = export(home, tmp_path / "again")
    for name in ("indicator_values.csv", "pact_annual.csv", "indicators.xlsx", "manifest.json"):
        assert (again / name).read_bytes() == (official / name).read_bytes(), name

"""`impact export` end to end on the fixture network: the official and the public export, the
workbook read back (openpyxl, and LibreOffice headless where installed), the manifest traced
to the uploaded bytes, byte-identical repeats, and the Dagster export assets.

The network gets one more project, S10003, in objective 4.1 like S10001 but of another
category of region (so the SFC rows split the objective), with a name and lead organisation
that a spreadsheet would run as formulas; and one refused upload, which must not be listed.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from tests.support.cli import run_impact

from tests.support.paths import FIXTURES
from tests.support.exports import determined_by_relations

pytestmark = pytest.mark.slow

NETWORK = FIXTURES / "network"
TABLES = ("indicator_values.csv", "sfc_table6_outputs.csv", "sfc_table10_results.csv",
          "sfc_table6_outputs_excel.csv", "sfc_table10_results_excel.csv", "pact_annual.csv",
          "indicators.xlsx")
EVIL_NAME = '=HYPERLINK("http://example.invalid","click")'
EVIL_LEAD = "@SUM(1+1)"
EXTRA_PROJECTS = (
    "project_code,project_name,lead_organisation,lead_business_id,specific_objective,priority,"
    "category_of_region,region_code,start_date,end_date,budget_eur\n"
    'S10003,"=HYPERLINK(""http://example.invalid"",""click"")",@SUM(1+1),,4.1,4,transition,MK12,'
    "2023-01-01,2027-12-31,100000\n"
)
PARTICIPANT_HEADER = (NETWORK / "participants.csv").read_text(encoding="utf-8").splitlines()[0]
# S10003: five women (four unemployed, one employed) and two unemployed men, all 2024-03-01
EXTRA_PARTICIPANTS = PARTICIPANT_HEADER + "\n" + "\n".join(
    f"S10003,Q{i},2024-03-01,,{gender},{30 + i},{status},{months},3,no,no,no,no,no,no,no,MK12,,,,,,,,"
    for i, (gender, status, months) in enumerate(
        [("woman", "unemployed", 3)] * 4 + [("woman", "employed", "")] + [("man", "unemployed", 3)] * 2,
        start=1,
    )
) + "\n"
OBJECTIVE_OF = {"S10001": "4.1", "S10003": "4.1", "S10002": "4.3"}
SENSITIVE = {"EECO12", "EECO15", "SE04", "SE05"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def export_home(tmp_path_factory, dbt_manifest):
    home = tmp_path_factory.mktemp("export_home")
    inputs = tmp_path_factory.mktemp("export_inputs")
    (inputs / "extra_projects.csv").write_text(EXTRA_PROJECTS, encoding="utf-8")
    (inputs / "extra_participants.csv").write_text(EXTRA_PARTICIPANTS, encoding="utf-8")
    (inputs / "refused.csv").write_text("project_code,participant_id\nS10001,X1\n", encoding="utf-8")
    contributing = [NETWORK / "projects.csv", inputs / "extra_projects.csv",
                    NETWORK / "participants.csv", inputs / "extra_participants.csv"]
    for path in contributing:
        result = run_impact(home, "ingest", str(path))
        assert result.returncode in (0, 1), result.stdout + result.stderr
    refused = run_impact(home, "ingest", "--kind", "participants", str(inputs / "refused.csv"))
    assert refused.returncode == 2, refused.stdout
    build = run_impact(home, "build")
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return {"home": home, "contributing": contributing, "refused": inputs / "refused.csv"}


def export(home: Path, out: Path, *extra: str, cutoff: str = "2025-12-31") -> Path:
    result = run_impact(home, "export", "--cutoff", cutoff, "--out", str(out), *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def official(export_home, tmp_path_factory):
    return export(export_home["home"], tmp_path_factory.mktemp("official"))


@pytest.fixture(scope="module")
def public(export_home, tmp_path_factory):
    return export(export_home["home"], tmp_path_factory.mktemp("public"), "--public")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def long_values(path: Path) -> dict[tuple[str, str, str, str], dict[str, str]]:
    return {(r["scope_type"], r["scope_code"], r["indicator_code"], r["gender"]): r for r in read_csv(path)}


def attacker_recovers(official: Path, public: Path) -> list:
    """The hidden person cells of the public export the attacker of tests/support/attacker.py
    pins, reading the public CSVs with the sums, bounds and inequalities it knows."""
    from types import SimpleNamespace

    from tests.support.attacker import published, recovered

    codes = sorted({r["indicator_code"] for r in read_csv(official / "indicator_values.csv")
                    if r["unit"] == "persons" and r["indicator_code"].startswith("EECO")})

    def tables(folder: Path) -> SimpleNamespace:  # the person counts of the EECO indicators
        number = lambda v: None if v in ("", None) else float(v)
        long = pl.DataFrame([{**{c: r[c] for c in ("scope_type", "scope_code", "indicator_code", "gender")},
                              "value": number(r["value"])} for r in read_csv(folder / "indicator_values.csv")
                             if r["indicator_code"] in codes])
        table6 = pl.DataFrame([{**{c: r[c] for c in ("priority", "specific_objective", "category_of_region",
                                                      "indicator_code")},
                                **{c: number(r[c]) for c in ("total", "women", "men", "non_binary")}}
                               for r in read_csv(folder / "sfc_table6_outputs.csv") if r["indicator_code"] in codes])
        return SimpleNamespace(long=long, sfc={"table6": table6})

    exact, shown = tables(official), tables(public)
    category = {"S10001": "more_developed", "S10002": "transition", "S10003": "transition"}
    projects = [{"code": p, "objective": o, "category": category[p], "counts": dict.fromkeys(codes)}
                for p, o in OBJECTIVE_OF.items()]
    return recovered(projects, [shown], [published(exact)], 5)


def test_official_export_writes_every_file_with_exact_values(official):
    assert sorted(p.name for p in official.iterdir()) == sorted([*TABLES, "manifest.json"])
    rows = read_csv(official / "indicator_values.csv")
    assert list(rows[0])[:6] == ["cutoff_date", "scope_type", "scope_code", "indicator_code", "gender", "value"]
    assert "suppressed" not in rows[0]
    values = long_values(official / "indicator_values.csv")
    assert values[("programme", "-", "EECO01", "total")]["value"] == "14"  # 7 of the network + 7 of S10003
    assert values[("specific_objective", "4.1", "EECO01", "total")]["value"] == "11"
    assert values[("project", "S10003", "EECO01", "non_binary")]["value"] == "0"
    first = values[("programme", "-", "EECO01", "total")]
    assert first["name_en"] == "Total number of participants" and first["unit"] == "persons"
    assert first["name_fi"] == "Osallistujat yhteensä"
    assert first["target"] == "" and first["achievement_rate"] == ""  # no targets published yet


def test_sfc_tables_split_an_objective_by_the_projects_category_of_region(official):
    table6 = {(r["specific_objective"], r["category_of_region"], r["indicator_code"]): r
              for r in read_csv(official / "sfc_table6_outputs.csv")}
    assert list(next(iter(table6.values())))[8:14] == ["total", "women", "men", "non_binary", "target", "achievement_rate"]
    assert {(k[0], k[1]) for k in table6} == {("4.1", "more_developed"), ("4.1", "transition"), ("4.3", "transition")}
    s10001 = table6[("4.1", "more_developed", "EECO01")]
    assert (s10001["total"], s10001["women"], s10001["men"], s10001["non_binary"]) == ("4", "2", "1", "1")
    s10003 = table6[("4.1", "transition", "EECO01")]
    assert (s10003["total"], s10003["women"], s10003["men"], s10003["non_binary"]) == ("7", "5", "2", "0")
    assert table6[("4.1", "transition", "EECO02")]["total"] == "6"
    assert table6[("4.1", "transition", "EECO19")]["women"] == ""  # organisations: total only
    codes = {k[2] for k in table6}
    assert codes == {f"EECO{i:02d}" for i in range(1, 20)}
    table10 = read_csv(official / "sfc_table10_results.csv")
    assert {r["indicator_code"] for r in table10} == {f"EECR{i:02d}" for i in range(1, 7)}
    eecr05 = [r for r in table10 if r["indicator_code"] == "EECR05" and r["category_of_region"] == "more_developed"]
    assert eecr05[0]["total"] == "2"


def test_excel_ready_tables_hold_the_machine_tables_with_sfc_codes(official, public):
    for folder in (official, public):
        for machine, excel in (("sfc_table6_outputs.csv", "sfc_table6_outputs_excel.csv"),
                               ("sfc_table10_results.csv", "sfc_table10_results_excel.csv")):
            raw = (folder / excel).read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf")
            rows = list(csv.reader(raw[3:].decode("utf-8").splitlines(), delimiter=";"))
            ours = read_csv(folder / machine)
            assert len(rows) - 1 == len(ours) and {len(r) for r in rows} == {16}
            for mine, theirs in zip(rows[1:], ours):
                assert mine[0] == theirs["cutoff_date"] and mine[5] == theirs["indicator_code"]
                assert mine[3] == "ESO" + theirs["specific_objective"]  # 4.1 and 4.3 here
                suppressed = [theirs.get(f"{c}_suppressed") == "true" for c in ("total", "women", "men", "non_binary")]
                expected = [".." if hidden else theirs[c]
                            for hidden, c in zip(suppressed, ("total", "women", "men", "non_binary"))]
                assert mine[10:14] == expected
                assert mine[15] == theirs["achievement_rate"].replace(".", ",")
    manifest = json.loads((official / "manifest.json").read_text())
    for name in ("sfc_table6_outputs_excel.csv", "sfc_table10_results_excel.csv"):
        assert manifest["files"][name]["sha256"] == sha256(official / name)


def test_manifest_names_every_contributing_upload_by_sha256(export_home, official):
    manifest = json.loads((official / "manifest.json").read_text(encoding="utf-8"))
    listed = [u["sha256"] for u in manifest["uploads"]]
    assert listed == [sha256(p) for p in export_home["contributing"]]
    assert sha256(export_home["refused"]) not in listed
    blobs = export_home["home"] / "uploads" / "blobs"
    for upload in manifest["uploads"]:
        assert sha256(blobs / upload["sha256"]) == upload["sha256"]  # the stored bytes themselves
        assert {"upload_id", "file_name", "kind", "rows_read", "outcome"} <= set(upload)
    assert [u["file_name"] for u in manifest["uploads"]][:2] == ["projects.csv", "extra_projects.csv"]
    assert manifest["uploads"][2]["rows_read"] == 10 and manifest["uploads"][2]["rejected"] == 2
    for name in TABLES:
        assert manifest["files"][name]["sha256"] == sha256(official / name)
    assert manifest["files"]["indicator_values.csv"]["rows"] == len(read_csv(official / "indicator_values.csv"))
    assert manifest["cutoff_date"] == "2025-12-31" and manifest["export"] == "official"
    assert manifest["settings"]["long_term_unemployment_rule"] == "eu"
    assert manifest["settings"]["disclosure_threshold_k"] == 5
    assert manifest["checks"]["status"] == "passed" and manifest["checks"]["failed"] == []
    rules = {t["test"]: t["status"] for t in manifest["checks"]["consistency_rules"]}
    assert len(rules) == 13 and set(rules.values()) == {"pass"}  # consistency rules 1-13
    assert "assert_eeco01_is_sum_of_labour_market_statuses" in rules
    # specific objective 4.1 spans two categories of region: the build's warning-level test
    assert any("agree on its priority and category of region" in w for w in manifest["checks"]["warnings"])
    assert manifest["code_version"]["version"]
    # the data's time, not the clock's: the last upload's
    assert manifest["data_as_of"] == max(u["received_at"] for u in manifest["uploads"])
    assert "generated_at" not in manifest and "disclosure" not in manifest


def test_public_export_suppresses_small_and_recoverable_cells(official, public):
    exact = long_values(official / "indicator_values.csv")
    shown = long_values(public / "indicator_values.csv")
    assert exact.keys() == shown.keys()
    units = {key[2]: row["unit"] for key, row in exact.items()}
    hidden = []
    for key, row in shown.items():
        assert row["suppressed"] in ("true", "false")
        if row["suppressed"] == "true":
            assert row["value"] == "" and row["achievement_rate"] == ""
            hidden.append(key)
            continue
        assert row["value"] == exact[key]["value"], key  # what is shown is exact
        if units[key[2]] in ("persons", "attendances") and row["value"]:
            number = float(row["value"])
            assert number >= 5 or (number == 0 and key[2] not in SENSITIVE), (key, number)
    assert ("project", "S10003", "EECO01", "man") in hidden  # 2 men
    # What the audit guarantees is not which cells stay shown (the total of 7 may go with the men,
    # to protect cells of other scopes or cut-offs) but that no hidden person cell can be recovered:
    # the independent attacker bounds every one with linear programming and pins none.
    assert not attacker_recovers(official, public)
    # the gender relation and the project sums cannot give any hidden cell back
    codes = sorted({k[2] for k in exact if units[k[2]] == "persons" and k[2].startswith("EEC")})
    relations = []
    scopes = [("programme", "-"), ("specific_objective", "4.1"), ("specific_objective", "4.3"),
              *[("project", p) for p in OBJECTIVE_OF]]
    for code in codes:
        for scope in scopes:
            if (*scope, code, "woman") in exact:
                relations.append(((*scope, code, "total"), [(*scope, code, g) for g in ("woman", "man", "non_binary")]))
        for gender in ("total", "woman", "man", "non_binary"):
            if ("programme", "-", code, gender) not in exact:
                continue
            relations.append((("programme", "-", code, gender),
                              [("specific_objective", o, code, gender) for o in ("4.1", "4.3")]))
            for objective in ("4.1", "4.3"):
                relations.append((("specific_objective", objective, code, gender),
                                  [("project", p, code, gender) for p, o in OBJECTIVE_OF.items() if o == objective]))
    assert not determined_by_relations(relations, sorted(hidden))
    table6 = read_csv(public / "sfc_table6_outputs.csv")
    assert list(table6[0])[-4:] == ["total_suppressed", "women_suppressed", "men_suppressed", "non_binary_suppressed"]
    row = next(r for r in table6 if r["category_of_region"] == "transition" and r["specific_objective"] == "4.1"
               and r["indicator_code"] == "EECO01")
    assert row["men"] == "" and row["men_suppressed"] == "true"
    assert row["total"] == ("" if row["total_suppressed"] == "true" else "7")
    manifest = json.loads((public / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["export"] == "public" and manifest["disclosure"]["k"] == 5
    assert manifest["disclosure"]["suppressed_cells"] >= len(hidden)


def test_the_threshold_is_a_setting(export_home, public, tmp_path):
    result = run_impact(export_home["home"], "export", "--cutoff", "2025-12-31", "--out", str(tmp_path),
                        "--public", env={"IMPACT_DISCLOSURE_K": "3"})
    assert result.returncode == 0, result.stderr
    at_3 = long_values(tmp_path / "indicator_values.csv")
    at_5 = long_values(public / "indicator_values.csv")
    assert not [r for r in at_3.values() if r["value"] != "" and 0 < float(r["value"]) < 3]
    # the small network hides nearly everything either way (secondary suppression need not
    # shrink with k), but what is hidden follows the setting
    assert {key for key, r in at_3.items() if r["value"] == ""} != {key for key, r in at_5.items() if r["value"] == ""}
    assert json.loads((tmp_path / "manifest.json").read_text())["disclosure"]["k"] == 3


def _no_formulas(book: openpyxl.Workbook) -> None:
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def test_workbook_reads_back_with_numbers_headers_and_no_formulas(official, public):
    book = openpyxl.load_workbook(official / "indicators.xlsx")
    assert book.sheetnames == ["Tietoja - About", "Taulukko 6 - Table 6", "Taulukko 10 - Table 10",
                               "Hankekohtaiset - Specific", "Hankkeet - Projects", "Pitkä taulukko - Long table",
                               "Pact for Skills"]
    _no_formulas(book)
    table6 = book["Taulukko 6 - Table 6"]
    assert table6.freeze_panes == "A3"
    assert [c.value for c in table6[1]][:6] == ["Rahasto", "Toimintalinja", "Erityistavoite",
                                                "Erityistavoitteen SFC-koodi", "Aluekategoria", "Indikaattori"]
    assert [c.value for c in table6[2]][9:13] == ["Total", "Women", "Men", "Non-binary"]
    first = [c.value for c in table6[3]]
    assert first[:6] == ["ESF+", "4", "4.1", "ESO4.1", "More developed", "EECO01"]
    assert first[9:13] == [4, 2, 1, 1] and all(isinstance(v, (int, float)) for v in first[9:13])
    assert table6.column_dimensions["G"].width > 20  # names get room
    projects = book["Hankkeet - Projects"]
    names = {r[1] for r in projects.iter_rows(min_row=3, values_only=True)}
    assert "'" + EVIL_NAME in names and EVIL_NAME not in names
    assert "'" + EVIL_LEAD in {r[2] for r in projects.iter_rows(min_row=3, values_only=True)}
    cover = book["Tietoja - About"]
    text = " ".join(str(c) for row in cover.iter_rows(values_only=True) for c in row if c is not None)
    assert "2025-12-31" in text and "EU:n määritelmä" in text and "projects.csv" in text
    assert [cover.cell(1, c).value for c in (1, 2, 3)] == [
        "ESR+-indikaattorit (virallinen)", "ESF+-indikatorer (officiell)", "ESF+ indicators (official)"]
    assert "git" not in text and "snapshot" not in text and "generated_at" not in text  # nothing for developers
    assert sha256(NETWORK / "participants.csv") in text
    long_sheet = book["Pitkä taulukko - Long table"]
    assert long_sheet.max_row - 2 == len(read_csv(official / "indicator_values.csv"))
    manifest = json.loads((official / "manifest.json").read_text())
    assert book.properties.created.isoformat()[:19] == manifest["data_as_of"][:19]  # the data's time, not the clock

    shown = openpyxl.load_workbook(public / "indicators.xlsx")
    _no_formulas(shown)
    flagged = long_values(public / "indicator_values.csv")
    sheet = shown["Pitkä taulukko - Long table"]
    for row in sheet.iter_rows(min_row=3, values_only=True):
        key = (row[1], row[2], row[3], row[4])
        if flagged[key]["suppressed"] == "true":
            assert row[5] == ".."
        elif flagged[key]["value"]:
            assert isinstance(row[5], (int, float))


def test_libreoffice_opens_the_workbook(official, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui to run this")
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
         # every sheet to its own CSV (LibreOffice >= 7.2), UTF-8, comma, quoted text
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(tmp_path), str(official / "indicators.xlsx")],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    converted = tmp_path / "indicators-Taulukko 6 - Table 6.csv"
    assert converted.exists(), sorted(p.name for p in tmp_path.iterdir())
    with converted.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][9:13] == ["Total", "Women", "Men", "Non-binary"]
    ours = read_csv(official / "sfc_table6_outputs.csv")
    assert [r[9:13] for r in rows[2:]] == [[r["total"], r["women"], r["men"], r["non_binary"]] for r in ours]
    projects = (tmp_path / "indicators-Hankkeet - Projects.csv").read_text(encoding="utf-8")
    assert "'" + EVIL_NAME.replace('"', '""') in projects


def test_same_inputs_give_byte_identical_tables(export_home, official, public, tmp_path):
    for variant, first, extra in (("official", official, ()), ("public", public, ("--public",))):
        again = export(export_home["home"], tmp_path / variant, *extra)
        names = sorted(p.name for p in first.iterdir())
        assert names == sorted(p.name for p in again.iterdir()) and {*TABLES, "manifest.json"} <= set(names)
        for name in names:  # the workbook and the manifest too: nothing in an export is the clock's
            assert (again / name).read_bytes() == (first / name).read_bytes(), (variant, name)


def test_targets_published_by_the_build_reach_the_tables(export_home, tmp_path):
    # targets stand in the published dim_targets (same columns), as a build publishes them
    home = tmp_path / "home"
    shutil.copytree(export_home["home"] / "published", home / "published")
    current = home / "published" / (home / "published" / "CURRENT").read_text().strip()
    published = pl.read_parquet(current / "dim_targets.parquet")
    pl.DataFrame({
        "scope_type": ["programme", "programme", "project"], "scope_code": ["-", "-", "S10003"],
        "indicator_code": ["EECO01", "EECO01", "EECO01"], "gender": ["total", "total", "total"],
        "target_date": [date(2024, 12, 31), date(2026, 12, 31), date(2027, 12, 31)],
        "target_value": [10.0, 28.0, 14.0], "aggregation": ["count"] * 3,
    }).with_columns(
        previous_target_date=pl.lit(None, pl.Date), is_latest_target=pl.lit(True), upload_id=pl.lit(1, pl.Int64),
    ).select(published.columns).cast(published.schema).write_parquet(current / "dim_targets.parquet")
    out = export(home, tmp_path / "out")
    values = long_values(out / "indicator_values.csv")
    programme = values[("programme", "-", "EECO01", "total")]
    assert (programme["target"], programme["target_date"], programme["achievement_rate"]) == ("28", "2026-12-31", "0.5000")
    table6 = read_csv(out / "sfc_table6_outputs.csv")
    row = next(r for r in table6 if r["category_of_region"] == "transition" and r["specific_objective"] == "4.1"
               and r["indicator_code"] == "EECO01")
    assert (row["target"], row["achievement_rate"]) == ("14", "0.5000")


def test_export_assets_write_the_same_tables_as_the_command(export_home, official, public):
    from dagster import DagsterInstance, materialize

    from pipelines.orchestration.exports.assets import EXPORT_ASSETS
    from pipelines.orchestration.definitions import defs
    from pipelines.orchestration.resources import ImpactHome
    from pipelines.settings import Settings

    assert defs.resolve_schedule_def("half_year_reporting_schedule").cron_schedule == "0 3 1 1,7 *"
    build_keys = defs.resolve_job_def("build_indicators").asset_layer.executable_asset_keys
    assert not any(k.path[0] == "exports" for k in build_keys)
    settings = Settings(home=export_home["home"])
    config = {"config": {"cutoff": "2025-12-31"}}
    with DagsterInstance.ephemeral() as instance:
        result = materialize(
            EXPORT_ASSETS, resources={"impact": ImpactHome.from_settings(settings)}, instance=instance,
            run_config={"ops": {"exports__official": config, "exports__public": config}},
        )
    assert result.success
    for variant, made_by_cli in (("official", official), ("public", public)):
        out = export_home["home"] / "exports" / "2025-12-31" / variant
        for name in TABLES:
            assert (out / name).read_bytes() == (made_by_cli / name).read_bytes(), (variant, name)

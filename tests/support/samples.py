"""Small valid sample uploads, in the canonical form and in the "Finnish Excel" dialect, plus a
generator for large participant files. Used by the tests, the benchmark and for demos.

The Finnish dialect is what Finnish Excel's "CSV (semicolon)" produces from a sheet with
Finnish headers: `;`, Windows-1252, d.m.yyyy dates, decimal comma, kyllä/ei, Finnish code
aliases (nainen, mies, tyoton ...). It must load to exactly the same ledger content.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import zipfile
from xml.sax.saxutils import escape
from pathlib import Path

from indicators.contract import CONTRACT

SAMPLE_ROWS: dict[str, list[dict[str, str]]] = {
    "projects": [
        {
            "project_code": "S30355", "project_name": "Yhteisötalouden osaamiskeskus",
            "lead_organisation": "Esimerkkiyhdistys ry", "lead_business_id": "0116297-6",
            "specific_objective": "4.1", "priority": "4", "category_of_region": "transition",
            "region_code": "MK01", "start_date": "2024-01-01", "end_date": "2026-12-31",
            "budget_eur": "812500.50", "withdrawn": "",
        },
        {
            "project_code": "S30356", "project_name": "Työllisyyspolku",
            "lead_organisation": "Kaupunki", "lead_business_id": "",
            "specific_objective": "4.1", "priority": "4", "category_of_region": "",
            "region_code": "MK06", "start_date": "2024-03-01", "end_date": "2025-12-31",
            "budget_eur": "250000", "withdrawn": "no",
        },
    ],
    "participants": [
        {
            "project_code": "S30355", "participant_id": "P001", "entry_date": "2024-02-01",
            "exit_date": "2024-08-15", "gender": "woman", "age_at_entry": "34",
            "labour_market_status": "unemployed", "unemployment_months": "14",
            "education_isced": "3", "disability": "declined", "third_country_national": "no",
            "foreign_background": "yes", "minority": "no", "homeless": "no", "rural_area": "yes",
            "partial_work_ability": "yes", "region_code": "MK01", "exit_job_searching": "yes",
            "exit_in_education": "no", "exit_qualification": "no", "exit_employed": "yes",
            "followup_date": "2025-02-15", "followup_employed": "yes", "followup_improved": "",
            "withdrawn": "",
        },
        {
            "project_code": "S30355", "participant_id": "P002", "entry_date": "2024-03-10",
            "exit_date": "", "gender": "man", "age_at_entry": "52",
            "labour_market_status": "employed", "unemployment_months": "",
            "education_isced": "6", "disability": "no", "third_country_national": "no",
            "foreign_background": "no", "minority": "", "homeless": "no", "rural_area": "no",
            "partial_work_ability": "no", "region_code": "MK06", "exit_job_searching": "",
            "exit_in_education": "", "exit_qualification": "", "exit_employed": "",
            "followup_date": "", "followup_employed": "", "followup_improved": "",
            "withdrawn": "no",
        },
        {
            "project_code": "S30356", "participant_id": "P003", "entry_date": "2024-04-01",
            "exit_date": "2024-05-01", "gender": "non_binary", "age_at_entry": "19",
            "labour_market_status": "inactive", "unemployment_months": "",
            "education_isced": "2", "disability": "", "third_country_national": "yes",
            "foreign_background": "yes", "minority": "declined", "homeless": "yes",
            "rural_area": "no", "partial_work_ability": "", "region_code": "MK06",
            "exit_job_searching": "no", "exit_in_education": "yes", "exit_qualification": "no",
            "exit_employed": "no", "followup_date": "", "followup_employed": "",
            "followup_improved": "", "withdrawn": "",
        },
    ],
    "entities": [
        {
            "project_code": "S30355", "business_id": "0116297-6",
            "organisation_name": "Osuuskunta Esimerkki", "organisation_type": "enterprise",
            "size_class": "micro", "cooperative": "yes", "social_enterprise": "mark",
            "newly_founded": "no", "support_start_date": "2024-02-01", "support_type": "coaching",
            "support_hours": "12.5", "region_code": "MK01", "employees": "8",
            "employees_partial_work_ability": "2", "withdrawn": "",
        },
        {
            "project_code": "S30355", "business_id": "1572860-0",
            "organisation_name": "Kunta", "organisation_type": "public_administration",
            "size_class": "", "cooperative": "no", "social_enterprise": "",
            "newly_founded": "", "support_start_date": "2024-05-20", "support_type": "training",
            "support_hours": "3", "region_code": "", "employees": "", "employees_partial_work_ability": "",
            "withdrawn": "",
        },
    ],
    "activities": [
        {
            "project_code": "S30355", "activity_id": "A-001", "activity_type": "training",
            "title": "Yhteiskunnallinen yritys 101", "start_date": "2024-03-05",
            "end_date": "2024-03-06", "duration_hours": "7.5", "delivery_mode": "hybrid",
            "target_group": "social_enterprises", "region_code": "MK01", "attendees_total": "25",
            "attendees_women": "15", "attendees_men": "9", "attendees_non_binary": "1",
            "organisations_represented": "12", "pact_category": "",
            "new_training_programme": "yes", "competence_area": "business_model", "withdrawn": "",
        },
        {
            "project_code": "S30355", "activity_id": "A-002", "activity_type": "webinar",
            "title": "Rahoitusinfo", "start_date": "2024-04-10", "end_date": "",
            "duration_hours": "1", "delivery_mode": "online", "target_group": "other",
            "region_code": "", "attendees_total": "40", "attendees_women": "",
            "attendees_men": "", "attendees_non_binary": "", "organisations_represented": "",
            "pact_category": "upskilling", "new_training_programme": "no",
            "competence_area": "financing", "withdrawn": "",
        },
    ],
    "feedback": [
        {
            "project_code": "S30355", "activity_id": "A-001", "respondent_id": "R1",
            "response_date": "2024-03-07", "satisfaction": "5", "competence_before": "2",
            "competence_after": "4", "withdrawn": "",
        },
        {
            "project_code": "S30355", "activity_id": "A-002", "respondent_id": "R1",
            "response_date": "2024-04-11", "satisfaction": "4", "competence_before": "",
            "competence_after": "", "withdrawn": "",
        },
    ],
    "targets": [
        {
            "scope_type": "programme", "scope_code": "-", "indicator_code": "EECO01",
            "target_date": "2029-12-31", "target_value": "12000", "gender": "", "withdrawn": "",
        },
        {
            "scope_type": "project", "scope_code": "S30355", "indicator_code": "EECO02",
            "target_date": "2026-12-31", "target_value": "150.5", "gender": "woman", "withdrawn": "",
        },
    ],
    "funding_opportunities": [
        {
            "project_code": "S30355", "opportunity_id": "ESF-SE-2025",
            "title": "Social economy networks", "programme": "esf_plus_easi",
            "management": "direct", "instrument": "grant",
            "call_identifier": "ESF-2025-AG-NETW-MF-SE",
            "url": "https://ec.europa.eu/social-economy-gateway", "on_gateway": "yes",
            "contributed_to_gateway": "yes", "opening_date": "2024-01-15",
            "deadline_date": "2024-09-30", "deadline_model": "single_stage",
            "budget_eur": "5000000", "grant_min_eur": "100000", "grant_max_eur": "500000",
            "max_funding_rate_pct": "80", "consortium_required": "yes",
            "eligible_enterprise": "yes", "eligible_association": "yes",
            "eligible_foundation": "yes", "eligible_public_administration": "no",
            "eligible_education": "yes", "geographic_scope": "eu", "region_code": "",
            "theme": "social_innovation", "recorded_date": "2024-02-01", "withdrawn": "",
        },
        {
            "project_code": "S30355", "opportunity_id": "ELY-YT-2024",
            "title": "Yrityksen kehittämisavustus", "programme": "ely_enterprise_aid",
            "management": "national", "instrument": "grant", "call_identifier": "", "url": "",
            "on_gateway": "no", "contributed_to_gateway": "no", "opening_date": "",
            "deadline_date": "", "deadline_model": "continuous", "budget_eur": "",
            "grant_min_eur": "", "grant_max_eur": "100000", "max_funding_rate_pct": "50.5",
            "consortium_required": "no", "eligible_enterprise": "yes", "eligible_association": "",
            "eligible_foundation": "", "eligible_public_administration": "no",
            "eligible_education": "no", "geographic_scope": "regional", "region_code": "MK01",
            "theme": "finance_access", "recorded_date": "2024-03-01", "withdrawn": "no",
        },
    ],
    "funding_referrals": [
        {
            "project_code": "S30355", "opportunity_project_code": "", "opportunity_id": "ESF-SE-2025",
            "business_id": "0116297-6", "organisation_type": "enterprise", "social_enterprise": "mark",
            "region_code": "MK01", "informed_date": "2024-03-05", "channel": "training",
            "activity_id": "A-001", "status": "funded", "application_date": "2024-05-02",
            "applied_amount_eur": "200000", "role_in_application": "partner",
            "decision_date": "2024-10-15", "granted_amount_eur": "150000.50",
            "status_checked_date": "2024-10-20", "withdrawn": "",
        },
        {
            "project_code": "S30355", "opportunity_project_code": "S30355",
            "opportunity_id": "ELY-YT-2024", "business_id": "2428337-5",
            "organisation_type": "association", "social_enterprise": "", "region_code": "MK06",
            "informed_date": "2024-04-10", "channel": "advisory", "activity_id": "",
            "status": "not_applied", "application_date": "", "applied_amount_eur": "",
            "role_in_application": "", "decision_date": "", "granted_amount_eur": "",
            "status_checked_date": "2024-06-01", "withdrawn": "",
        },
    ],
    "project_figures": [
        {
            "project_code": "S30355", "year": "2024", "figure_code": "skills_investment_eur",
            "value": "12500.50", "note": "Kouluttajien palkkiot", "withdrawn": "",
        },
        {
            "project_code": "S30355", "year": "2024", "figure_code": "newsletter_recipients",
            "value": "340", "note": "", "withdrawn": "",
        },
        {
            "project_code": "S30355", "year": "2024", "figure_code": "policy_statements",
            "value": "2", "note": "", "withdrawn": "no",
        },
    ],
}

# Load order: rows refer to projects (feedback to activities, referrals to entities,
# activities and opportunities).
LOAD_ORDER = (
    "projects", "participants", "entities", "activities", "feedback", "targets",
    "funding_opportunities", "funding_referrals", "project_figures",
)


def _finnish_value(kind: str, column: str, value: str) -> str:
    if value == "":
        return value
    col = CONTRACT[kind].column(column)
    if col.type == "date":
        d = dt.date.fromisoformat(value)
        return f"{d.day}.{d.month}.{d.year}"
    if col.type == "decimal":
        return value.replace(".", ",")
    if col.type in ("yes_no", "yes_no_declined"):
        return {"yes": "Kyllä", "no": "ei", "declined": "ei halua vastata"}[value]
    if col.type == "code":
        reverse = {v: k for k, v in col.code_aliases.items() if not k.isdigit()}
        return reverse.get(value, value)
    return value


def to_csv(kind: str, rows: list[dict[str, str]], dialect: str = "canonical") -> bytes:
    """Rows (canonical strings) as a file: `canonical` (UTF-8, `,`, English headers) or
    `finnish` (cp1252, `;`, Finnish headers in mixed case, Finnish values)."""
    names = list(rows[0])
    buf = io.StringIO()
    if dialect == "canonical":
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(names)
        for r in rows:
            w.writerow([r[n] for n in names])
        return buf.getvalue().encode("utf-8")
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    aliases = [CONTRACT[kind].column(n).alias_fi for n in names]
    w.writerow([a.upper() if i % 3 == 0 else a.replace("_", " ").capitalize() if i % 3 == 1 else a
                for i, a in enumerate(aliases)])
    for r in rows:
        w.writerow([_finnish_value(kind, n, r[n]) for n in names])
    return buf.getvalue().encode("cp1252")


def sample_file(kind: str, dialect: str = "canonical") -> bytes:
    return to_csv(kind, SAMPLE_ROWS[kind], dialect)


def write_large_participants(path: Path, n_rows: int, seed: int = 1, project_code: str = "S30355") -> None:
    """A valid canonical participants file of n_rows for benchmarks (streams to disk)."""
    rng = random.Random(seed)
    names = list(SAMPLE_ROWS["participants"][0])
    statuses = ("unemployed", "inactive", "employed")
    genders = ("woman", "man", "non_binary")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(names) + "\n")
        base = dt.date(2023, 1, 1)
        for i in range(n_rows):
            status = statuses[i % 3]
            entry = base + dt.timedelta(days=i % 700)
            has_exit = i % 2 == 0
            exit_d = entry + dt.timedelta(days=30 + i % 200) if has_exit else None
            yn = lambda: "yes" if rng.random() < 0.3 else "no"  # noqa: E731
            row = [
                project_code, f"P{i:07d}", entry.isoformat(),
                exit_d.isoformat() if exit_d else "", genders[i % 3], str(16 + i % 60), status,
                str(i % 36) if status == "unemployed" else "", str(i % 9), yn(), yn(), yn(), yn(),
                yn(), yn(), yn(), f"MK{(1, 2, 4, 6, 11, 17)[i % 6]:02d}",
                *((yn(), yn(), yn(), yn()) if has_exit else ("", "", "", "")),
                "", "", "", "",
            ]
            handle.write(",".join(row) + "\n")


# ---- XLSX, as Excel saves it: numbers as numbers, dates as serial numbers with a date format --
_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Taul1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'
    ),
}


def _col_ref(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def to_xlsx(kind: str, rows: list[dict[str, str]]) -> bytes:
    """Rows (canonical strings) as a one-sheet workbook with Finnish headers, integers and
    decimals as numbers and dates as Excel date serials (what Excel itself writes)."""
    names = list(rows[0])
    cols = [CONTRACT[kind].column(n) for n in names]
    xml_rows = []
    header = "".join(
        f'<c r="{_col_ref(i)}1" t="inlineStr"><is><t>{escape(c.alias_fi)}</t></is></c>' for i, c in enumerate(cols)
    )
    xml_rows.append(f'<row r="1">{header}</row>')
    for r_i, row in enumerate(rows, start=2):
        cells = []
        for i, c in enumerate(cols):
            value, ref = row[c.name], f"{_col_ref(i)}{r_i}"
            if value == "":
                continue
            if c.type == "date":
                serial = (dt.date.fromisoformat(value) - dt.date(1899, 12, 30)).days
                cells.append(f'<c r="{ref}" s="1"><v>{serial}</v></c>')
            elif c.type in ("integer", "decimal"):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(_finnish_value(kind, c.name, value))}</t></is></c>')
        xml_rows.append(f'<row r="{r_i}">{"".join(cells)}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(xml_rows) + "</sheetData></worksheet>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, text in _XLSX_PARTS.items():
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return buf.getvalue()


def with_sheet_xml(xlsx: bytes, change) -> bytes:
    """The workbook with its worksheets' XML changed by `change` (a hostile or damaged sheet)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            data = z.read(info.filename)
            w.writestr(info.filename, change(data.decode()).encode() if "worksheets/" in info.filename else data)
    return out.getvalue()

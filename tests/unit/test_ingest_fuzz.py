"""Fuzzing the reader and validator: whatever comes in, ingest never crashes and always answers
0, 1 or 2 with a consistent report."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from indicators.contract import CONTRACT
from pipelines.ingest import ingest_bytes
from tests.support.samples import SAMPLE_ROWS, sample_file, to_csv
from pipelines.settings import Settings

FUZZ = hsettings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


STORED = ("projects", "entities", "activities", "funding_opportunities")  # in load order


@pytest.fixture(scope="module")
def home():
    """One home with the kinds other kinds refer to (projects; activities for feedback;
    entities and funding opportunities for funding referrals), for the dry runs below (they
    write nothing)."""
    d = Path(tempfile.mkdtemp(prefix="ingest-fuzz-"))
    s = Settings(home=d / "home")
    for kind in STORED:
        assert ingest_bytes(s, sample_file(kind), f"{kind}.csv").exit_code == 0
    yield s
    shutil.rmtree(d, ignore_errors=True)


def check(report) -> None:
    assert report.exit_code in (0, 1, 2)
    if report.exit_code == 2:
        assert report.refused and report.problems.height >= 1
        return
    total = report.inserted + report.updated + report.unchanged + report.withdrawn + report.rejected
    assert total == report.rows_read
    assert (report.problems["row_number"].drop_nulls() >= 1).all()
    report.format_text()
    report.to_dict()


@given(st.binary(max_size=400))
@FUZZ
def test_random_bytes(home, data):
    check(ingest_bytes(home, data, "x.csv", dry_run=True))


CELLS = st.one_of(
    st.sampled_from([
        "", " ", "S30355", "S30356", "P001", "woman", "Nainen", "mies", "x", "2024-02-01", "1.2.2024",
        "31.2.2024", "2099-01-01", "0", "1", "-1", "3,5", "1e9", "yes", "kyllä", "ei", "declined",
        "ei halua vastata", "MK01", "MK03", "uusimaa", "0116297-6", "0116297-5", "A-001", "training",
        "unemployed", "tyoton", "employed", "=1+1", '"', '""', ";", ",", "\t", "\n", "\r\n",
        "ä", "€", "\u0308", "\ufeff", "99999999999999999999", "NaN", "null",
    ]),
    st.text(max_size=12),
)


@st.composite
def csv_files(draw):
    kind = draw(st.sampled_from(list(CONTRACT)))
    columns = list(CONTRACT[kind].column_names)
    chosen = draw(st.lists(st.sampled_from(columns), min_size=1, max_size=len(columns), unique=True))
    header_case = draw(st.sampled_from(["canonical", "alias", "upper"]))
    names = []
    for c in chosen:
        alias = CONTRACT[kind].column(c).alias_fi
        names.append({"canonical": c, "alias": alias, "upper": alias.upper().replace("_", " ")}[header_case])
    if draw(st.booleans()):
        names.append(draw(st.sampled_from(["extra", "", "muu sarake"])))
    rows = draw(st.lists(st.lists(CELLS, min_size=len(names), max_size=len(names) + 1), max_size=6))
    sep = draw(st.sampled_from([",", ";", "\t"]))
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    w.writerow(names)
    w.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    data = buf.getvalue().encode(encoding, errors="replace")
    return kind, data, draw(st.booleans())


@given(csv_files())
@FUZZ
def test_random_csv_shapes(home, sample):
    kind, data, give_kind = sample
    check(ingest_bytes(home, data, "x.csv", kind=kind if give_kind else None, dry_run=True))


@given(st.sampled_from(list(SAMPLE_ROWS)), st.randoms(use_true_random=False), st.booleans())
@hsettings(max_examples=40, deadline=None)
def test_header_permutations_change_nothing(home, kind, rnd, finnish):
    rows = SAMPLE_ROWS[kind]
    names = list(rows[0])
    rnd.shuffle(names)
    shuffled = [{n: r[n] for n in names} for r in rows]
    report = ingest_bytes(home, to_csv(kind, shuffled, "finnish" if finnish else "canonical"), "x.csv", dry_run=True)
    assert report.exit_code == 0 and report.kind == kind
    # Same counts as the canonical file: the kinds of STORED are already in the ledger.
    expected = len(rows)
    assert (report.inserted, report.unchanged) == ((0, expected) if kind in STORED else (expected, 0))

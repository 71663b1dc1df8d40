"""Cell parsing: both code paths (distinct values mapped back, and direct) agree."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from indicators.contract import CONTRACT
from pipelines.ingest.parse import parse_frame

VALUES = [
    None, "yes", "Kyllä", "KYLLA", "k", "E", "ja", "nej", "1", "0", "true", "False", "declined",
    "Ei halua vastata", "vill inte svara", "maybe", "2024-02-29", "29.2.2024", "01.03.2024",
    "2024-2-1", "30.2.2024", "12", "12,0", "1 000", "-3", "3,5", "3.5", ".5", "1e3", "x",
    "woman", "Nainen", "MIES", "muu", "Uusimaa", "mk01", "1", "MK03", "tyoton", "Työtön",
    "työvoiman ulkopuolella",
]


@pytest.mark.parametrize("kind", ["participants", "projects", "activities", "targets"])
def test_mapped_and_direct_parsing_agree(kind):
    k = CONTRACT[kind]
    columns = [c.name for c in k.columns]
    one_each = pl.DataFrame(
        {"_row": list(range(len(VALUES))), **{c: VALUES for c in columns}},
        schema={"_row": pl.Int64, **{c: pl.String for c in columns}},
    )
    # Direct: every value distinct in a frame of one row. Mapped: many repeats of few values.
    direct = pl.concat([parse_frame(one_each.slice(i, 1), k)[0] for i in range(one_each.height)])
    repeated = pl.concat([one_each] * 8)
    mapped, failures = parse_frame(repeated, k)
    assert mapped.head(len(VALUES)).equals(direct)
    direct_failures = pl.concat(
        [parse_frame(one_each.slice(i, 1), k)[1].with_columns(index=pl.lit(i, pl.Int64)) for i in range(len(VALUES))]
    ).sort("index", "column")
    assert failures.filter(pl.col("index") < len(VALUES)).sort("index", "column").equals(direct_failures)


def test_values_parse_as_the_spec_says():
    k = CONTRACT["participants"]
    raw = pl.DataFrame(
        {
            "_row": [2, 3, 4],
            "entry_date": ["31.3.2025", "2025-03-31", "3/31/2025"],
            "age_at_entry": ["34", "1 000", "3,5"],
            "disability": ["ei halua vastata", "Kyllä", "declined "],
            "homeless": ["k", "nej", "declined"],
            "gender": ["Nainen", "non-binary", "muu"],
            "region_code": ["Etelä-Karjala", "mk21", "20"],
        }
    )
    typed, failures = parse_frame(raw, k)
    assert typed["entry_date"].to_list() == [dt.date(2025, 3, 31), dt.date(2025, 3, 31), None]
    assert typed["age_at_entry"].to_list() == [34, 1000, None]
    assert typed["disability"].to_list() == ["declined", "yes", None]  # the reader trims cells
    assert typed["homeless"].to_list() == [True, False, None]
    assert typed["gender"].to_list() == ["woman", "non_binary", "non_binary"]
    assert typed["region_code"].to_list() == ["MK09", "MK21", "20"]  # 20: left for pandera's .code
    assert typed["withdrawn"].to_list() == [False, False, False]  # default for an absent column
    assert sorted(failures.rows()) == [(2, "age_at_entry", "format"), (2, "disability", "format"),
                                       (2, "entry_date", "format"), (2, "homeless", "format")]

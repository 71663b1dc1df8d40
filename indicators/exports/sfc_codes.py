"""The codes SFC2021 identifies a row of Tables 6 and 10 by: the fund, the specific objective's
code and the category of region, derived from what the projects file already says.

- Fund: every indicator of this pipeline is an ESF+ common indicator (EECO/EECR), so the fund
  is ESF+.
- Specific objective: the contract's `specific_objective` is numbered as the programme numbers
  it (monitoring-data.md 3.1, e.g. 4.1). The ESF+ specific objectives are those of policy
  objective 4 (Regulation (EU) 2021/1057 Article 4(1), points (a) to (m)), which SFC2021 codes
  ESO4.1 to ESO4.13; an objective numbered 4.1 to 4.13 has the code ESO + its number. Any other
  number is no ESF+ objective code and is left empty rather than guessed.
- Category of region: SFC2021's words for the contract's codes (Regulation (EU) 2021/1060
  Article 108(2)).
"""

from __future__ import annotations

import re

import polars as pl

FUND = "ESF+"
ESF_OBJECTIVE = re.compile(r"^4\.(?:[1-9]|1[0-3])$")
REGION_CATEGORIES = {
    "more_developed": "More developed",
    "transition": "Transition",
    "less_developed": "Less developed",
}
# the columns sfc_codes adds to an SFC table
CODE_COLUMNS = ("fund", "specific_objective_code", "category_of_region_sfc")


def objective_code(specific_objective: str | None) -> str | None:
    """ESO4.1 for 4.1; None for a number that is not an ESF+ specific objective."""
    text = (specific_objective or "").strip()
    return f"ESO{text}" if ESF_OBJECTIVE.match(text) else None


def region_category(code: str | None) -> str | None:
    return REGION_CATEGORIES.get((code or "").strip())


def with_sfc_codes(frame: pl.DataFrame) -> pl.DataFrame:
    """The SFC table with the fund, the objective's code and the category of region in SFC's
    words beside the contract's own columns."""
    objectives = frame["specific_objective"].to_list()
    categories = frame["category_of_region"].to_list()
    return frame.with_columns(
        pl.lit(FUND, dtype=pl.String).alias("fund"),
        pl.Series("specific_objective_code", [objective_code(o) for o in objectives], dtype=pl.String),
        pl.Series("category_of_region_sfc", [region_category(c) for c in categories], dtype=pl.String),
    )

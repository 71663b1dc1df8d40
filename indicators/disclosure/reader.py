"""The reader's knowledge of a cut-off's public tables as one linear system.

A variable is a suppressed cell: (index of the table, cell key);
every other cell is a constant, its published value. The rows, each lower <= sum(a * x) <= upper:
- a count identity: total - sum(members) = 0;
- a mean identity: n_total * total - sum(n_i * member_i) within the rounding of the shown means
  (half a shown unit per response on either side);
- an inequality: sum(parts) - whole <= 0.
Besides the rows, every suppressed cell has the lower bound the reader rightly knows
(cells.Cell.lower_bound).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from indicators.disclosure.cells import MEAN, MEAN_STEP, Cell, CellKey
from indicators.disclosure.relations import Inequality, Relation

VarKey = tuple[int, CellKey]  # (index of the table, cell)
INF = float("inf")


@dataclass(frozen=True)
class Table:
    """One cut-off's public numbers and what the reader knows holds between them."""

    cutoff: date
    cells: Mapping[CellKey, Cell]
    relations: tuple[Relation, ...]
    inequalities: tuple[Inequality, ...]


@dataclass(frozen=True)
class Row:
    """lower <= sum(coefficient * cell) <= upper."""

    terms: tuple[tuple[VarKey, float], ...]
    lower: float
    upper: float


def table_rows(index: int, table: Table) -> list[Row]:
    rows: list[Row] = []
    cells = table.cells
    for rel in table.relations:
        if rel.kind == MEAN:
            weights = [(rel.total, float(cells[rel.total].n))] + [(m, -float(cells[m].n)) for m in rel.members]
            slack = MEAN_STEP / 2 * sum(abs(w) for _, w in weights)
            rows.append(Row(tuple(((index, c), w) for c, w in weights), -slack, slack))
        else:
            terms = [((index, rel.total), 1.0)] + [((index, m), -1.0) for m in rel.members]
            rows.append(Row(tuple(terms), 0.0, 0.0))
    for ineq in table.inequalities:
        terms = [((index, p), 1.0) for p in ineq.parts] + [((index, ineq.whole), -1.0)]
        rows.append(Row(tuple(terms), -INF, 0.0))
    return rows

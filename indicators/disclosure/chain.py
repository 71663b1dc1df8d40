"""Protecting the public cut-offs one after another (docs/architecture.md, "Disclosure control
across cut-offs").

A reader holds the public tables of every cut-off published so far. Cut-off i is protected on
top of cut-offs 0..i-1, whose suppression is already fixed (they are out): primary suppression,
the quick relation pass, then the audit over the reader's linear system of cut-offs 0..i, adding
suppression only at cut-off i, until no suppressed cell of any of these cut-offs is pinned. So
the suppression of a cut-off depends only on the cut-offs up to it: exporting it alone, or after
any others, gives the same tables.

Where a pinned cell needs company, the cell given up is a published cell of cut-off i in a row
binding its bound (the smallest non-zero one first); when no such row holds one, the nearest
one through the rows. Suppression only grows, so this ends (with every cell of cut-off i
suppressed, the others are as safe as when cut-off i - 1 was published).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from indicators.disclosure.audit import pinned_cells
from indicators.disclosure.cells import Cell, CellKey
from indicators.disclosure.reader import Row, Table, VarKey, monotone_rows, table_rows
from indicators.disclosure.suppression import preference, primary_suppression, secondary_suppression


@dataclass(frozen=True)
class Published:
    """What a reader holds after cut-offs 0..n-1: their tables, suppression and the rows."""

    tables: tuple[Table, ...]
    suppressed: tuple[frozenset[CellKey], ...]
    rows: tuple[Row, ...]
    rows_of: Mapping[VarKey, tuple[int, ...]]

    def cell(self, var: VarKey) -> Cell:
        return self.tables[var[0]].cells[var[1]]

    @property
    def variables(self) -> set[VarKey]:
        return {(i, c) for i, cells in enumerate(self.suppressed) for c in cells}


NOTHING = Published((), (), (), {})


def protect_next(previous: Published, table: Table, k: int) -> Published:
    """Cut-off `table` protected on top of everything `previous` published."""
    if k < 1:
        raise ValueError(f"the disclosure threshold must be at least 1, not {k}")
    index = len(previous.tables)
    new_rows = table_rows(index, table)
    if index:
        new_rows += monotone_rows(index, previous.tables[-1], table)
    rows = (*previous.rows, *new_rows)
    rows_of: dict[VarKey, list[int]] = {v: list(r) for v, r in previous.rows_of.items()}
    for r, row in enumerate(new_rows, start=len(previous.rows)):
        for var, _ in row.terms:
            rows_of.setdefault(var, []).append(r)
    state = Published((*previous.tables, table), (*previous.suppressed, frozenset()), rows,
                      {v: tuple(r) for v, r in rows_of.items()})
    earlier = previous.variables
    hidden = primary_suppression(table.cells, k)
    seeds = {v for v in earlier if v[0] == index - 1}
    audited: set[CellKey] = set()
    while True:
        hidden = secondary_suppression(table.cells, list(table.relations), list(table.inequalities), hidden, k)
        seeds |= {(index, c) for c in hidden - audited}
        audited = set(hidden)
        variables = earlier | {(index, c) for c in hidden}
        pinned, later = pinned_cells(seeds, variables, rows, state.rows_of, state.cell)
        if not pinned:
            break
        hidden |= _company(pinned, state, index, hidden)
        seeds = set(pinned) | later
    return Published(state.tables, (*previous.suppressed, frozenset(hidden)), rows, state.rows_of)


def _company(pinned: dict[VarKey, set[int]], state: Published, index: int, hidden: set[CellKey]) -> set[CellKey]:
    """One published cell of cut-off `index` to suppress for each pinned cell (none where
    one chosen for another would do)."""
    cells = state.tables[index].cells
    extras: set[CellKey] = set()
    for var in sorted(pinned):
        options = _published_in(pinned[var], state, index, hidden) or _nearest(var, state, index, hidden)
        if options & extras:  # company chosen for another pinned cell is company for this one
            continue
        extras.add(min(options, key=lambda c: preference(cells, c)))
    return extras


def _published_in(row_ids, state: Published, index: int, hidden: set[CellKey]) -> set[CellKey]:
    return {
        cell for r in row_ids for (i, cell), _ in state.rows[r].terms
        if i == index and cell not in hidden
    }


def _nearest(start: VarKey, state: Published, index: int, hidden: set[CellKey]) -> set[CellKey]:
    """The published cells of cut-off `index` nearest to `start` through the rows."""
    seen, frontier = {start}, [start]
    while frontier:
        row_ids = {r for var in frontier for r in state.rows_of.get(var, ())}
        options = _published_in(row_ids, state, index, hidden)
        if options:
            return options
        frontier = sorted({v for r in row_ids for v, _ in state.rows[r].terms} - seen)
        seen.update(frontier)
    raise RuntimeError(f"disclosure: no published cell left to protect {start}")

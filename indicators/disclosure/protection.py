"""Protecting one cut-off's public tables (docs/architecture.md, "Disclosure control").

A reader holds the cut-off's public tables and knows every relation that holds by construction
within them (reader.py). Primary suppression, the quick relation pass, then the audit over the
reader's linear system, adding suppression until no suppressed cell is pinned.

Where a pinned cell needs company, the cell given up is a published cell in a row binding its
bound (the smallest non-zero one first); when no such row holds one, the nearest one through
the rows. Suppression only grows, so this ends.

Not yet: a reader who also holds the other cut-offs' public tables and uses that cumulative
values never fall between them. Protecting the cut-offs together, one on top of the other, was
measured at minutes per cut-off on the demo (issue #14 stays open for it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from indicators.disclosure.audit import pinned_cells
from indicators.disclosure.cells import Cell, CellKey
from indicators.disclosure.reader import Row, Table, VarKey, table_rows
from indicators.disclosure.suppression import preference, primary_suppression, secondary_suppression


@dataclass(frozen=True)
class Published:
    """What a reader holds: the cut-off's table (index 0 of the variables), its suppression and
    the rows of the reader's system."""

    tables: tuple[Table, ...]
    suppressed: tuple[frozenset[CellKey], ...]
    rows: tuple[Row, ...]
    rows_of: Mapping[VarKey, tuple[int, ...]]

    def cell(self, var: VarKey) -> Cell:
        return self.tables[var[0]].cells[var[1]]


def protect(table: Table, k: int) -> Published:
    """The cut-off's public suppression: no suppressed cell pinned by what the reader knows."""
    if k < 1:
        raise ValueError(f"the disclosure threshold must be at least 1, not {k}")
    rows = tuple(table_rows(0, table))
    rows_of: dict[VarKey, list[int]] = {}
    for r, row in enumerate(rows):
        for var, _ in row.terms:
            rows_of.setdefault(var, []).append(r)
    state = Published((table,), (frozenset(),), rows, {v: tuple(r) for v, r in rows_of.items()})
    hidden = primary_suppression(table.cells, k)
    seeds: set[VarKey] = set()
    audited: set[CellKey] = set()
    while True:
        hidden = secondary_suppression(table.cells, list(table.relations), list(table.inequalities), hidden, k)
        seeds |= {(0, c) for c in hidden - audited}
        audited = set(hidden)
        variables = {(0, c) for c in hidden}
        pinned, later = pinned_cells(seeds, variables, rows, state.rows_of, state.cell)
        if not pinned:
            break
        hidden |= _company(pinned, state, 0, hidden)
        seeds = set(pinned) | later
    return Published(state.tables, (frozenset(hidden),), rows, state.rows_of)


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

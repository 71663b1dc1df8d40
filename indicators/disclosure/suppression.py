"""Primary suppression and the quick secondary pass, relation by relation, within one cut-off.

1. Primary: counts 1 <= n < k (sensitive ones: 0 <= n < k) and means of fewer than k responses.
2. Secondary, to a fixpoint (a work list): a relation with exactly one suppressed cell gets a
   second one, the smallest other non-zero member (the total only when no member will do); a
   relation whose total is shown must have its suppressed members add up to at least k, or
   the reader would know their sum is small, and to more than the least they can be (two
   suppressed counts adding up to 2 are both 1); and a suppressed sensitive cell whose parent
   (an inequality with it as the only part) shows 0 takes the parent with it, or the 0 would
   show through (this is how a zero gets suppressed: its reader's lower bound stays 0).

This pass is only the cheap first answer: the audit (audit.py) bounds every suppressed cell
with everything the reader knows and asks for more where a cell is still pinned.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Mapping

from indicators.disclosure.cells import COUNT, MEAN, Cell, CellKey
from indicators.disclosure.relations import Inequality, Relation


def primary_suppression(cells: Mapping[CellKey, Cell], k: int) -> set[CellKey]:
    suppressed: set[CellKey] = set()
    for key, cell in cells.items():
        if cell.kind == COUNT:
            if (1 <= cell.n < k) or (cell.sensitive and cell.n < k):
                suppressed.add(key)
        elif cell.kind == MEAN:
            if cell.value is not None and cell.n < k:
                suppressed.add(key)
    return suppressed


def preference(cells: Mapping[CellKey, Cell], key: CellKey) -> tuple:
    """Which cell to give up first: a non-zero one, then the smallest, then by key."""
    n = cells[key].n
    return (n == 0, n, key)


def _single_fix(rel: Relation, cells, unavailable) -> CellKey | None:
    members = sorted((m for m in rel.members if m not in unavailable), key=lambda m: preference(cells, m))
    non_zero = [m for m in members if cells[m].n > 0]
    if non_zero:
        return non_zero[0]
    if rel.total not in unavailable:
        return rel.total
    return members[0] if members else None


def _sum_fix(rel: Relation, cells, unavailable) -> CellKey | None:
    members = sorted(
        (m for m in rel.members if m not in unavailable and cells[m].n > 0),
        key=lambda m: preference(cells, m),
    )
    if members:
        return members[0]
    return None if rel.total in unavailable else rel.total


def _violation(rel: Relation, cells, suppressed, k: int) -> CellKey | None:
    """The cell to suppress next for this relation, or None when it is safe by itself."""
    hidden = [c for c in rel.cells if c in suppressed]
    if not hidden:
        return None
    if len(hidden) == 1:
        return _single_fix(rel, cells, suppressed)
    if rel.kind == COUNT and rel.total not in suppressed:
        hidden_sum = sum(cells[c].n for c in hidden)
        if hidden_sum < k or hidden_sum <= sum(cells[c].lower_bound for c in hidden):
            return _sum_fix(rel, cells, suppressed)
    return None


def zero_parents(cells: Mapping[CellKey, Cell], inequalities: list[Inequality], suppressed: set[CellKey]) -> set[CellKey]:
    """The shown zero parents of suppressed sensitive cells."""
    return {
        ineq.whole for ineq in inequalities
        if len(ineq.parts) == 1 and ineq.parts[0] in suppressed and cells[ineq.parts[0]].sensitive
        and ineq.whole not in suppressed and cells[ineq.whole].n == 0
    }


def secondary_suppression(
    cells: Mapping[CellKey, Cell], relations: list[Relation], inequalities: list[Inequality],
    suppressed: set[CellKey], k: int,
) -> set[CellKey]:
    """Grow `suppressed` until every relation and every sensitive cell's parent is safe by itself."""
    while True:
        grown = _by_relations(cells, relations, suppressed, k)
        parents = zero_parents(cells, inequalities, grown)
        if not parents:
            return grown
        suppressed = grown | parents


def _by_relations(
    cells: Mapping[CellKey, Cell], relations: list[Relation], suppressed: set[CellKey], k: int
) -> set[CellKey]:
    suppressed = set(suppressed)
    by_cell: dict[CellKey, list[int]] = defaultdict(list)
    for i, rel in enumerate(relations):
        for c in rel.cells:
            by_cell[c].append(i)
    queue = deque(range(len(relations)))
    queued = set(queue)
    while queue:
        i = queue.popleft()
        queued.discard(i)
        extra = _violation(relations[i], cells, suppressed, k)
        if extra is None or extra in suppressed:
            continue
        suppressed.add(extra)
        for j in [i, *by_cell[extra]]:
            if j not in queued:
                queued.add(j)
                queue.append(j)
    return suppressed

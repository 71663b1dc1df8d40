"""Disclosure control for the public export (docs/indicators.md, "Disclosure control").

The official export is exact; the public one hides every cell that could identify a person.
Pure functions on plain dicts: a *cell* is one published number, keyed by
(scope_type, scope_code, indicator_code, gender); a *relation* is an identity the reader knows,
total = sum(members). `protect(cells, relations, k)` returns the set of cells to suppress.

What is protected (kind of a cell):
- `count` (indicators counting persons or attendances): primary suppression of 1 <= n < k;
  0 is shown. For sensitive indicators (catalogue `sensitive`: EECO12, EECO15, SE04, SE05)
  every n < k is suppressed, 0 included, at every level: a published 0 would tell about every
  participant of the scope that they have no disability / are not of a minority.
- `mean` (SE12, SE13): suppressed when fewer than k responses are behind it.
- `open` (organisations, events, hours): not about persons, published as they are. Which
  organisations a public programme supports is public information anyway.

The relations (built by `build_relations`, each kept only where it holds exactly in the data,
since only a true identity lets anyone subtract):
- gender: total = woman + man + non_binary, per scope and indicator;
- hierarchy: programme = sum of specific objectives = ... = sum of projects, through the
  SFC rows (priority x objective x category of region) where an indicator has them;
- other partitions of the programme (regions, when the region scope exists): programme =
  sum of regions, and region = sum of the projects whose region it is, where these hold;
- the indicator identity EECO01 = EECO02 + EECO04 + EECO05 (consistency rule 1);
- for means, the same hierarchy weighted by the number of responses (whoever knows the
  response counts could otherwise solve a suppressed project mean from its objective's).

The algorithm:
1. Primary suppression as above.
2. Secondary suppression to a fixpoint, relation by relation (a work list): a relation with
   exactly one suppressed cell gets a second one, the smallest other non-zero member (the
   total only when no member will do); and, because a reader knows a suppressed count is at
   least 1 (zeros are shown), a relation whose total is shown must have its suppressed
   members add up to at least k and to more than their lower bounds, or they could be
   pinned down (two suppressed cells adding to 2 are both 1).
3. Audit: exact linear algebra. A suppressed cell can be recovered from the published ones
   through the relations exactly when its unit vector lies in the row space of the relations
   restricted to the suppressed cells. The row-reduced echelon form (computed modulo the
   prime 2^61 - 1, exact integers, no floating point) shows these cells; for each one found
   another cell is suppressed and steps 2-3 repeat. Suppression only grows, so it ends.

The reader sees one mark for every suppressed cell, primary or secondary: a mark that said
"fewer than 5" would be false for secondary cells and would give an upper bound that helps
to solve the primary ones.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

CellKey = tuple[str, str, str, str]  # scope_type, scope_code, indicator_code, gender
ScopeKey = tuple[str, str]  # scope_type, scope_code

COUNT, MEAN, OPEN = "count", "mean", "open"
GENDER_PARTS = ("woman", "man", "non_binary")
# Indicator identities a reader knows from the regulation (docs/indicators.md consistency rule 1).
IDENTITIES: tuple[tuple[str, tuple[str, ...]], ...] = (("EECO01", ("EECO02", "EECO04", "EECO05")),)

_PRIME = (1 << 61) - 1


@dataclass(frozen=True)
class Cell:
    """One published number: its exact value, the records behind it and how it is protected."""

    value: float | None
    n: int  # a count's value; a mean's number of responses
    kind: str  # COUNT, MEAN or OPEN
    sensitive: bool = False

    @property
    def lower_bound(self) -> int:
        """What a reader knows about a suppressed count: zeros are shown unless sensitive."""
        return 0 if self.sensitive else 1


@dataclass(frozen=True)
class Relation:
    """total = sum(members), for counts; for means n_total * total = sum(n_i * member_i)."""

    total: CellKey
    members: tuple[CellKey, ...]
    kind: str = COUNT

    @property
    def cells(self) -> tuple[CellKey, ...]:
        return (self.total, *self.members)

    def coefficients(self, cells: Mapping[CellKey, Cell]) -> dict[CellKey, int]:
        if self.kind == MEAN:
            coeffs = {self.total: cells[self.total].n}
            for m in self.members:
                coeffs[m] = coeffs.get(m, 0) - cells[m].n
        else:
            coeffs = {self.total: 1}
            for m in self.members:
                coeffs[m] = coeffs.get(m, 0) - 1
        return coeffs


# ---- relations ------------------------------------------------------------------------------
def _holds(cells: Mapping[CellKey, Cell], total: CellKey, members: list[CellKey]) -> bool:
    return cells[total].n == sum(cells[m].n for m in members)


def build_relations(
    cells: Mapping[CellKey, Cell],
    groupings: Iterable[tuple[ScopeKey, Iterable[ScopeKey]]],
    identities: Iterable[tuple[str, tuple[str, ...]]] = IDENTITIES,
) -> list[Relation]:
    """Every identity a reader could use, among the protected cells, where it holds exactly.

    `groupings`: (total scope, member scopes) pairs, e.g. (programme, [each objective]),
    (objective, [its SFC rows]), (SFC row, [its projects]), (programme, [each region]).
    """
    by_scope: dict[ScopeKey, dict[tuple[str, str], CellKey]] = defaultdict(dict)
    for key, cell in cells.items():
        if cell.kind != OPEN:
            by_scope[(key[0], key[1])][(key[2], key[3])] = key
    relations: list[Relation] = []
    seen: set[tuple] = set()

    def add(total: CellKey, members: list[CellKey], kind: str) -> None:
        if not members:
            return
        if kind == MEAN:
            members = [m for m in members if cells[m].n > 0]
            if cells[total].n == 0 or not members:
                return
        if not _holds(cells, total, members):
            return
        signature = (total, tuple(sorted(members)))
        if signature not in seen:
            seen.add(signature)
            relations.append(Relation(total, tuple(sorted(members)), kind))

    for scope in sorted(by_scope):
        scope_cells = by_scope[scope]
        # gender: total = woman + man + non_binary (counts only)
        for (code, gender), key in sorted(scope_cells.items()):
            if gender != "total" or cells[key].kind != COUNT:
                continue
            parts = [scope_cells.get((code, g)) for g in GENDER_PARTS]
            if all(parts):
                add(key, parts, COUNT)
        # indicator identities, per gender
        for total_code, part_codes in identities:
            for (code, gender), key in sorted(scope_cells.items()):
                if code != total_code or cells[key].kind != COUNT:
                    continue
                parts = [scope_cells.get((p, gender)) for p in part_codes]
                if all(parts) and all(cells[p].kind == COUNT for p in parts):
                    add(key, parts, COUNT)

    for total_scope, member_scopes in groupings:
        member_scopes = sorted(set(member_scopes))
        total_cells = by_scope.get(total_scope, {})
        for (code, gender), key in sorted(total_cells.items()):
            members = [by_scope.get(s, {}).get((code, gender)) for s in member_scopes]
            if not all(members):  # a member scope without this indicator: not this grouping
                continue
            add(key, members, cells[key].kind)
    return relations


# ---- suppression ----------------------------------------------------------------------------
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


def _preference(cells: Mapping[CellKey, Cell], key: CellKey) -> tuple:
    """Which cell to give up first: a non-zero one, then the smallest, then by key."""
    n = cells[key].n
    return (n == 0, n, key)


def _single_fix(rel: Relation, cells, unavailable) -> CellKey | None:
    members = sorted(
        (m for m in rel.members if m not in unavailable), key=lambda m: _preference(cells, m)
    )
    non_zero = [m for m in members if cells[m].n > 0]
    if non_zero:
        return non_zero[0]
    if rel.total not in unavailable:
        return rel.total
    return members[0] if members else None


def _sum_fix(rel: Relation, cells, unavailable) -> CellKey | None:
    members = sorted(
        (m for m in rel.members if m not in unavailable and cells[m].n > 0),
        key=lambda m: _preference(cells, m),
    )
    if members:
        return members[0]
    return None if rel.total in unavailable else rel.total


def _violation(rel: Relation, cells, suppressed, k: int) -> CellKey | None:
    """The cell to suppress next for this relation, or None when it is safe."""
    hidden = [c for c in rel.cells if c in suppressed]
    if not hidden:
        return None
    if len(hidden) == 1:
        return _single_fix(rel, cells, suppressed)
    if rel.kind == COUNT and rel.total not in suppressed:
        hidden_sum = sum(cells[c].n for c in hidden)
        floor = sum(cells[c].lower_bound for c in hidden)
        if hidden_sum < k or hidden_sum <= floor:
            return _sum_fix(rel, cells, suppressed)
    return None


def secondary_suppression(
    cells: Mapping[CellKey, Cell], relations: list[Relation], suppressed: set[CellKey], k: int
) -> set[CellKey]:
    """Grow `suppressed` until every relation is safe by itself (see module docstring)."""
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


def recoverable_cells(
    cells: Mapping[CellKey, Cell], relations: list[Relation], suppressed: set[CellKey]
) -> set[CellKey]:
    """Suppressed cells the relations determine from the published cells (exact, see above)."""
    rows = []
    for rel in relations:
        row = {
            c: v % _PRIME
            for c, v in rel.coefficients(cells).items()
            if c in suppressed and v % _PRIME
        }
        if row:
            rows.append(row)
    # independent blocks (e.g. one indicator each) are reduced apart: far less work
    parent: dict[CellKey, CellKey] = {}

    def find(c: CellKey) -> CellKey:
        while parent.setdefault(c, c) != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for row in rows:
        first, *rest = row
        for c in rest:
            parent[find(c)] = find(first)
    blocks: dict[CellKey, list[dict[CellKey, int]]] = defaultdict(list)
    for row in rows:
        blocks[find(next(iter(row)))].append(row)
    found: set[CellKey] = set()
    for block in blocks.values():
        found |= _determined(block)
    return found


def _determined(rows: list[dict[CellKey, int]]) -> set[CellKey]:
    """Row-reduce (mod a large prime); a pivot whose row holds nothing else is determined."""
    pivots: dict[CellKey, dict[CellKey, int]] = {}
    for row in rows:
        row = dict(row)
        # reduce by the pivot rows found so far (they hold no other pivot column: RREF)
        for c in [c for c in row if c in pivots]:
            factor = row.get(c)
            if not factor:
                continue
            for c2, v2 in pivots[c].items():
                value = (row.get(c2, 0) - factor * v2) % _PRIME
                if value:
                    row[c2] = value
                else:
                    row.pop(c2, None)
        if not row:
            continue
        pivot = min(row)
        inverse = pow(row[pivot], _PRIME - 2, _PRIME)
        row = {c: v * inverse % _PRIME for c, v in row.items()}
        for other in pivots.values():
            factor = other.get(pivot)
            if factor:
                for c2, v2 in row.items():
                    value = (other.get(c2, 0) - factor * v2) % _PRIME
                    if value:
                        other[c2] = value
                    else:
                        other.pop(c2, None)
        pivots[pivot] = row
    return {c for c, row in pivots.items() if len(row) == 1}


def protect(
    cells: Mapping[CellKey, Cell], relations: list[Relation], k: int
) -> set[CellKey]:
    """The cells to suppress in the public export: primary, secondary, audited."""
    if k < 1:
        raise ValueError(f"the disclosure threshold must be at least 1, not {k}")
    by_cell: dict[CellKey, list[Relation]] = defaultdict(list)
    for rel in relations:
        for c in rel.cells:
            by_cell[c].append(rel)
    suppressed = primary_suppression(cells, k)
    while True:
        suppressed = secondary_suppression(cells, relations, suppressed, k)
        found = recoverable_cells(cells, relations, suppressed)
        # One more suppressed cell next to each recoverable one, all in one round: each round
        # is an audit of the whole table (demo network, one cut-off: 18 rounds, 2.5 s -> 1.4 s).
        extras: set[CellKey] = set()
        for cell in sorted(found):
            extra = _nearest_published(cell, cells, by_cell, suppressed | extras)
            if extra is not None:
                extras.add(extra)
        if not extras:  # nothing recoverable, or every related cell is hidden already
            return suppressed
        suppressed |= extras


def _nearest_published(
    start: CellKey,
    cells: Mapping[CellKey, Cell],
    by_cell: Mapping[CellKey, list[Relation]],
    suppressed: set[CellKey],
) -> CellKey | None:
    """A published cell to suppress next to a recoverable one: from the nearest relation (in
    steps through shared cells) that still has one, the smallest non-zero."""
    seen_cells = {start}
    frontier = [start]
    while frontier:
        relations = [rel for cell in frontier for rel in by_cell.get(cell, [])]
        options = sorted(
            {c for rel in relations for c in rel.cells if c not in suppressed},
            key=lambda c: _preference(cells, c),
        )
        if options:
            return options[0]
        frontier = sorted({c for rel in relations for c in rel.cells} - seen_cells)
        seen_cells.update(frontier)
    return None

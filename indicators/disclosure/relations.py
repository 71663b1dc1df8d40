"""What a reader knows holds between the cells of one cut-off.

Identities (`Relation`, total = sum(members)), each kept only where it holds exactly in the data
(only a true identity lets anyone subtract):
- gender: total = woman + man + non_binary, per scope and indicator;
- hierarchy: programme = sum of specific objectives = ... = sum of projects, through the SFC
  rows (priority x objective x category of region), and other partitions of the programme
  (regions: programme = sum of regions, region = sum of its projects where that holds);
- the indicator identity EECO01 = EECO02 + EECO04 + EECO05 (consistency rule 1);
- for means, the same hierarchy weighted by the number of responses (whoever knows the response
  counts could otherwise solve a suppressed project mean from its objective's).

Inequalities (`Inequality`, sum(parts) <= whole), per scope and gender, also kept only where they
hold: a result within its reference output and SE05 within SE04 (the catalogue's
`reference_indicator`), and the consistency rules 2-3 (EECO03 <= EECO02; EECO06 + EECO07 + EECO08,
EECO09 + EECO10 + EECO11 and each of EECO12-EECO17 <= EECO01); gender parts within a total
where they do not add up to it (SE11: attendees of unknown gender).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from indicators.disclosure.cells import COUNT, GENDER_PARTS, MEAN, OPEN, Cell, CellKey, ScopeKey

# Indicator identities a reader knows from the regulation (docs/indicators.md consistency rule 1).
IDENTITIES: tuple[tuple[str, tuple[str, ...]], ...] = (("EECO01", ("EECO02", "EECO04", "EECO05")),)
# Consistency rules 2-3 (docs/indicators.md): (whole, parts whose sum it bounds). The results'
# reference outputs come from the catalogue's reference_indicator column.
WITHIN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("EECO02", ("EECO03",)),
    ("EECO01", ("EECO06", "EECO07", "EECO08")),
    ("EECO01", ("EECO09", "EECO10", "EECO11")),
    *(("EECO01", (f"EECO{i:02d}",)) for i in range(12, 18)),
)


@dataclass(frozen=True)
class Relation:
    """total = sum(members), for counts; for means n_total * total = sum(n_i * member_i)."""

    total: CellKey
    members: tuple[CellKey, ...]
    kind: str = COUNT

    @property
    def cells(self) -> tuple[CellKey, ...]:
        return (self.total, *self.members)


@dataclass(frozen=True)
class Inequality:
    """sum(parts) <= whole, for counts."""

    whole: CellKey
    parts: tuple[CellKey, ...]

    @property
    def cells(self) -> tuple[CellKey, ...]:
        return (self.whole, *self.parts)


def _protected_by_scope(cells: Mapping[CellKey, Cell]) -> dict[ScopeKey, dict[tuple[str, str], CellKey]]:
    by_scope: dict[ScopeKey, dict[tuple[str, str], CellKey]] = defaultdict(dict)
    for key, cell in cells.items():
        if cell.kind != OPEN:
            by_scope[(key[0], key[1])][(key[2], key[3])] = key
    return by_scope


def build_relations(
    cells: Mapping[CellKey, Cell],
    groupings: Iterable[tuple[ScopeKey, Iterable[ScopeKey]]],
    identities: Iterable[tuple[str, tuple[str, ...]]] = IDENTITIES,
) -> list[Relation]:
    """Every identity a reader could use, among the protected cells, where it holds exactly.

    `groupings`: (total scope, member scopes) pairs, e.g. (programme, [each objective]),
    (objective, [its SFC rows]), (SFC row, [its projects]), (programme, [each region]).
    """
    by_scope = _protected_by_scope(cells)
    relations: list[Relation] = []
    seen: set[tuple] = set()

    def add(total: CellKey, members: list[CellKey], kind: str) -> None:
        if not members:
            return
        if kind == MEAN:
            members = [m for m in members if cells[m].n > 0]
            if cells[total].n == 0 or not members:
                return
        if cells[total].n != sum(cells[m].n for m in members):
            return
        signature = (total, tuple(sorted(members)))
        if signature not in seen:
            seen.add(signature)
            relations.append(Relation(total, tuple(sorted(members)), kind))

    for scope in sorted(by_scope):
        scope_cells = by_scope[scope]
        for (code, gender), key in sorted(scope_cells.items()):
            if gender != "total" or cells[key].kind != COUNT:
                continue
            parts = [scope_cells.get((code, g)) for g in GENDER_PARTS]
            if all(parts):
                add(key, parts, COUNT)
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


def build_inequalities(
    cells: Mapping[CellKey, Cell],
    reference: Mapping[str, str],
    relations: Iterable[Relation],
    within: Iterable[tuple[str, tuple[str, ...]]] = WITHIN,
) -> list[Inequality]:
    """Every inequality a reader knows among the protected counts, where it holds.

    `reference`: indicator -> the indicator it never exceeds (the catalogue's
    reference_indicator); `relations`: the identities already known (a gender total that is
    the sum of its parts needs no inequality besides).
    """
    by_scope = _protected_by_scope(cells)
    groups = [*within, *((parent, (child,)) for child, parent in sorted(reference.items()))]
    known = {r.total for r in relations if r.members and r.members[0][:3] == r.total[:3]}
    out: list[Inequality] = []

    def add(whole: CellKey | None, parts: list[CellKey | None]) -> None:
        if whole is None or not all(parts) or cells[whole].kind != COUNT:
            return
        if any(cells[p].kind != COUNT for p in parts):
            return
        if sum(cells[p].n for p in parts) <= cells[whole].n:
            out.append(Inequality(whole, tuple(parts)))

    for scope in sorted(by_scope):
        scope_cells = by_scope[scope]
        genders = sorted({g for _, g in scope_cells})
        for whole_code, part_codes in groups:
            for gender in genders:
                add(scope_cells.get((whole_code, gender)), [scope_cells.get((p, gender)) for p in part_codes])
        for (code, gender), key in sorted(scope_cells.items()):
            if gender == "total" and key not in known:
                parts = [scope_cells.get((code, g)) for g in GENDER_PARTS]
                if all(parts):
                    add(key, parts)
    return out

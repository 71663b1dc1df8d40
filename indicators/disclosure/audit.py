"""Bounding suppressed cells with linear programming (scipy's HiGHS).

A suppressed cell with true value t is *protected* when the reader's linear system (reader.py)
admits a value at least one step away from t (a person for a count, 0.01 for a mean): its
interval [min, max] then holds two values a reader cannot choose between. It is *pinned*
otherwise; an integer-minded reader who rounds the bounds inward finds t itself. The true values
are always a solution, so every linear program here is feasible.

Two LPs per cell would be too slow for thousands of cells, so, for the connected components of the
constraint graph (suppressed cells linked by rows) that the caller asks about:
1. a few LPs over all of them at once, each pushing every unproven cell a step up or down
   (a seeded random choice where it may fall): every cell a solution moves a step away is
   protected (the solution is a witness);
2. for the cells no such round moved, interval propagation on their component (propagation.py):
   a cell its outer bounds pin is pinned, and the rows that tightened them are where more
   suppression helps; the other unproven cells of that component wait for the next round;
3. in a component where propagation pins nothing, one LP per unproven cell and direction: the
   cell is pinned when neither direction reaches a step away, and the rows that bind its
   optimum (non-zero duals) are where more suppression helps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array, hstack, vstack

from indicators.disclosure.cells import Cell
from indicators.disclosure.propagation import propagate
from indicators.disclosure.reader import Row, VarKey

TOLERANCE = 1e-6
ROUNDS = 6
NEAR = 3  # steps through the rows around the cells asked about
SEED = 20270101


def components(
    seeds: set[VarKey], suppressed: set[VarKey], rows: Sequence[Row], rows_of: Mapping[VarKey, Sequence[int]]
) -> list[tuple[list[VarKey], list[int]]]:
    """The components of the constraint graph holding the seeds: (variables, rows), sorted."""
    seen: set[VarKey] = set()
    out = []
    for seed in sorted(seeds):
        if seed in seen:
            continue
        seen.add(seed)
        variables, row_ids, stack = [seed], set(), [seed]
        while stack:
            var = stack.pop()
            for r in rows_of.get(var, ()):
                if r in row_ids:
                    continue
                row_ids.add(r)
                for other, _ in rows[r].terms:
                    if other in suppressed and other not in seen:
                        seen.add(other)
                        variables.append(other)
                        stack.append(other)
        out.append((sorted(variables), sorted(row_ids)))
    return out


class _Program:
    """The reader's system restricted to some variables, in linprog's form."""

    def __init__(self, variables: list[VarKey], row_ids: list[int], rows: Sequence[Row],
                 cell_of: Callable[[VarKey], Cell]):
        self.variables = variables
        self.index = {v: i for i, v in enumerate(variables)}
        cells = [cell_of(v) for v in variables]
        self.truth = np.array([c.truth for c in cells])
        self.step = np.array([c.step for c in cells])
        self.lower = np.array([c.lower_bound for c in cells])
        eq, ub = ([], [], []), ([], [], [])
        eq_b, ub_b = [], []
        self.eq_rows, self.ub_rows = [], []
        for r in row_ids:
            row = rows[r]
            constant = 0.0
            terms = []
            for var, coefficient in row.terms:
                if var in self.index:
                    terms.append((self.index[var], coefficient))
                else:
                    constant += coefficient * cell_of(var).truth
            lower, upper = row.lower - constant, row.upper - constant
            if lower == upper:
                self._add(eq, eq_b, self.eq_rows, r, terms, 1.0, upper)
                continue
            if np.isfinite(upper):
                self._add(ub, ub_b, self.ub_rows, r, terms, 1.0, upper)
            if np.isfinite(lower):
                self._add(ub, ub_b, self.ub_rows, r, terms, -1.0, -lower)
        n = len(variables)
        self.a_eq = csr_array((eq[2], (eq[0], eq[1])), shape=(len(eq_b), n)) if eq_b else None
        self.b_eq = np.array(eq_b) if eq_b else None
        self.a_ub = csr_array((ub[2], (ub[0], ub[1])), shape=(len(ub_b), n)) if ub_b else None
        self.b_ub = np.array(ub_b) if ub_b else None

    @staticmethod
    def _add(matrix, rhs, origin, row_id, terms, sign, bound) -> None:
        position = len(rhs)
        for column, coefficient in terms:
            matrix[0].append(position)
            matrix[1].append(column)
            matrix[2].append(sign * coefficient)
        rhs.append(bound)
        origin.append(row_id)

    def solve(self, objective: np.ndarray, bounds: list[tuple[float | None, float | None]]):
        result = linprog(objective, A_ub=self.a_ub, b_ub=self.b_ub, A_eq=self.a_eq, b_eq=self.b_eq,
                         bounds=bounds, method="highs")
        if result.status not in (0, 3):  # optimal or unbounded; the truth is always feasible
            raise RuntimeError(f"disclosure audit: linear program failed: {result.message}")
        return result

    def solve_pushed(self, columns: np.ndarray, signs: np.ndarray, weights: np.ndarray):
        """max sum(w * y) with y <= step and y <= sign * (x - truth) for the given columns
        (y appended after x)."""
        n, m = len(self.variables), len(columns)
        rows = np.arange(m)
        # y_j - sign_j * x_c <= -sign_j * truth_c
        link = csr_array((np.concatenate([-signs, np.ones(m)]),
                          (np.concatenate([rows, rows]), np.concatenate([columns, n + rows]))), shape=(m, n + m))
        widen = lambda a: None if a is None else hstack([a, csr_array((a.shape[0], m))]).tocsr()
        a_ub = vstack([widen(self.a_ub), link]) if self.a_ub is not None else link
        b_ub = np.concatenate([self.b_ub if self.b_ub is not None else [], -signs * self.truth[columns]])
        objective = np.concatenate([np.zeros(n), -weights])
        bounds = self.free_bounds() + [(None, s) for s in self.step[columns].tolist()]
        result = linprog(objective, A_ub=a_ub, b_ub=b_ub, A_eq=widen(self.a_eq), b_eq=self.b_eq,
                         bounds=bounds, method="highs")
        if result.status != 0:
            raise RuntimeError(f"disclosure audit: linear program failed: {result.message}")
        return result

    def free_bounds(self) -> list[tuple[float | None, float | None]]:
        return [(None if not np.isfinite(lo) else lo, None) for lo in self.lower]

    def moved(self, x: np.ndarray) -> np.ndarray:
        """Which variables sit at least a step away from their true value in solution x."""
        return np.abs(x - self.truth) >= self.step - TOLERANCE

    def binding_rows(self, result) -> set[int]:
        rows = set()
        if self.eq_rows:
            rows |= {self.eq_rows[i] for i in np.flatnonzero(np.abs(result.eqlin.marginals) > TOLERANCE)}
        if self.ub_rows:
            rows |= {self.ub_rows[i] for i in np.flatnonzero(np.abs(result.ineqlin.marginals) > TOLERANCE)}
        return rows


def _witness_rounds(program: _Program, unproven: np.ndarray) -> np.ndarray:
    """Seeded random pushes; returns the variables still without a witness.

    Each round maximises sum(w_v * y_v) over the unproven cells v, with y_v <= step_v and
    y_v <= s_v * (x_v - t_v) for a sign s_v (+1 for a cell that cannot fall, random otherwise):
    cells gain by moving a step their own way and no more, so a solution moves as many as it
    can, each paid for by others moving their way too."""
    rng = np.random.default_rng(SEED)
    can_fall = program.truth - program.step >= program.lower - TOLERANCE
    for _ in range(ROUNDS):
        todo = np.flatnonzero(unproven)
        if not len(todo):
            break
        signs = np.where(can_fall[todo] & (rng.random(len(todo)) < 0.5), -1.0, 1.0)
        result = program.solve_pushed(todo, signs, rng.uniform(0.5, 1.5, len(todo)))
        proven = unproven & program.moved(result.x[: len(unproven)])
        if not proven.any():
            break
        unproven &= ~proven
    return unproven


def _pinned_in(program: _Program, unproven: np.ndarray) -> dict[VarKey, set[int]]:
    pinned: dict[VarKey, set[int]] = {}
    free = program.free_bounds()
    for i in np.flatnonzero(unproven):
        binding: set[int] = set()
        directions = [-1.0] + ([1.0] if program.truth[i] - program.step[i] >= program.lower[i] - TOLERANCE else [])
        protected = False
        for direction in directions:  # -1: maximise the cell, +1: minimise it
            objective = np.zeros(len(program.variables))
            objective[i] = direction
            result = program.solve(objective, free)
            if result.status == 3 or program.moved(result.x)[i]:
                protected = True
                break
            binding |= program.binding_rows(result)
        if not protected:
            pinned[program.variables[i]] = binding
    return pinned


def pinned_cells(
    seeds: set[VarKey],
    suppressed: set[VarKey],
    rows: Sequence[Row],
    rows_of: Mapping[VarKey, Sequence[int]],
    cell_of: Callable[[VarKey], Cell],
) -> tuple[dict[VarKey, set[int]], set[VarKey]]:
    """The pinned cells in the components of the seeds, with the rows binding them, and the
    cells left for later: those without a witness in a component where propagation already
    found pinned cells (the suppression they get may free these too; ask again then)."""
    parts = components(seeds, suppressed, rows, rows_of)
    if not parts:
        return {}, set()
    every = {v for part_vars, _ in parts for v in part_vars}
    checked = every if len(every) <= NEAR * 40 else {v for v in every if v in seeds}
    left = _without_witness(checked, every, rows, rows_of, cell_of)
    pinned: dict[VarKey, set[int]] = {}
    later: set[VarKey] = set()
    for part_vars, part_rows in parts:
        todo = [v for v in part_vars if v in left]
        if not todo:
            continue
        low, high, reason = propagate(part_vars, part_rows, rows, cell_of)
        found = {v: reason[v] for v in todo if _pinned_between(cell_of(v), low[v], high[v])}
        if found:
            pinned |= found
            later |= set(todo) - found.keys()
            continue
        program = _Program(part_vars, part_rows, rows, cell_of)
        pinned |= _pinned_in(program, np.array([v in left for v in part_vars]))
    return pinned, later


def _without_witness(
    checked: set[VarKey], suppressed: set[VarKey], rows: Sequence[Row],
    rows_of: Mapping[VarKey, Sequence[int]], cell_of: Callable[[VarKey], Cell],
) -> set[VarKey]:
    """The cells of `checked` for which the witness rounds find no witness: first in their
    neighbourhood (NEAR steps through the rows) with every cell beyond it held at its true
    value, which only shrinks the reader's set of solutions, so a witness found there is one
    in the whole system; then, for the cells left, in their whole components."""
    near, frontier = set(checked), set(checked)
    for _ in range(NEAR):
        frontier = {o for v in frontier for r in rows_of.get(v, ()) for o, _ in rows[r].terms
                    if o in suppressed and o not in near}
        near |= frontier
    left = _witness_in(sorted(near), checked, suppressed, near, rows, rows_of, cell_of)
    if not left or near == suppressed:
        return left
    parts = components(left, suppressed, rows, rows_of)
    variables = sorted(v for part_vars, _ in parts for v in part_vars)
    return _witness_in(variables, left, suppressed, set(variables), rows, rows_of, cell_of)


def _witness_in(variables, checked, suppressed, free, rows, rows_of, cell_of) -> set[VarKey]:
    row_ids = sorted({r for v in variables for r in rows_of.get(v, ())})
    program = _Program(variables, row_ids, rows, cell_of)
    unproven = _witness_rounds(program, np.array([v in checked for v in variables]))
    return {variables[i] for i in np.flatnonzero(unproven)}


def _pinned_between(cell: Cell, low: float, high: float) -> bool:
    return high < cell.truth + cell.step - TOLERANCE and low > cell.truth - cell.step + TOLERANCE

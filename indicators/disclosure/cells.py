"""A published number and what a reader knows about it when it is suppressed.

A *cell* is one number of a public table at one cut-off, keyed by
(scope_type, scope_code, indicator_code, gender). Its kind says how it is protected:
- `count` (indicators counting persons or attendances): primary suppression of 1 <= n < k, 0 is
  shown; for sensitive indicators (catalogue `sensitive`: EECO12, EECO15, SE04, SE05) every
  n < k, 0 included, at every level;
- `mean` (SE12, SE13): suppressed when fewer than k responses are behind it;
- `open` (organisations, events, hours): not about persons, published as they are.

The reader sees one mark for every suppressed cell, primary or secondary (a mark saying "fewer
than k" would be false for secondary cells and would bound the primary ones). What the reader
can rightly say of a suppressed cell is its `lower_bound`: a count is never negative, and since
zeros are shown, a suppressed count is at least 1, unless it is sensitive (whose zeros are
hidden) or one of the few zeros hidden to protect a sensitive zero beneath it (whose bound the
reader cannot know to be 1: it stays 0). A mean has no bound the audit relies on.
"""

from __future__ import annotations

from dataclasses import dataclass

CellKey = tuple[str, str, str, str]  # scope_type, scope_code, indicator_code, gender
ScopeKey = tuple[str, str]  # scope_type, scope_code

COUNT, MEAN, OPEN = "count", "mean", "open"
GENDER_PARTS = ("woman", "man", "non_binary")
# How far a suppressed value must be able to move, in the reader's knowledge, not to be pinned:
# one person for a count, one shown unit (two decimals) for a mean.
COUNT_STEP, MEAN_STEP = 1.0, 0.01


@dataclass(frozen=True)
class Cell:
    """One published number: its exact value, the records behind it and how it is protected."""

    value: float | None
    n: int  # a count's value; a mean's number of responses
    kind: str  # COUNT, MEAN or OPEN
    sensitive: bool = False

    @property
    def truth(self) -> float:
        """The exact value as the reader's linear system holds it."""
        return float(self.n) if self.kind == COUNT else float(self.value or 0.0)

    @property
    def lower_bound(self) -> float:
        """What a reader rightly knows from below about this cell when it is suppressed."""
        if self.kind != COUNT:
            return float("-inf")
        return 0.0 if self.sensitive else float(min(1, self.n))

    @property
    def step(self) -> float:
        return COUNT_STEP if self.kind == COUNT else MEAN_STEP

"""Disclosure control for the public outputs (docs/indicators.md, "Disclosure control";
docs/architecture.md, "Disclosure control").

- `cells`: what is protected (a published number, its kind) and what a reader knows about it;
- `relations`: the identities (sums) and inequalities a reader knows within one cut-off;
- `suppression`: primary suppression and the quick relation-by-relation secondary pass;
- `reader`: the reader's linear system over a cut-off's public tables;
- `audit`: bounding the suppressed cells of that system with linear programming (HiGHS);
- `protection`: a cut-off's suppression, grown until the audit finds no cell pinned.
"""

"""Disclosure control for the public outputs (docs/indicators.md, "Disclosure control";
docs/architecture.md, "Disclosure control across cut-offs").

- `cells`: what is protected (a published number, its kind) and what a reader knows about it;
- `relations`: the identities (sums) and inequalities a reader knows within one cut-off;
- `suppression`: primary suppression and the quick relation-by-relation secondary pass;
- `reader`: the reader's linear system over every published cut-off;
- `audit`: bounding the suppressed cells of that system with linear programming (HiGHS);
- `chain`: protecting the cut-offs one after another, each on top of the ones before.
"""

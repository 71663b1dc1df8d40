-- seed-work.md 2.4 consistency rule 11: SE24 <= SE23 (the euros granted to social enterprises are part of all euros granted), per cut-off,
-- scope and gender. Returns the violating cells.
{{ config(tags=['consistency'], severity='error') }}

{{ indicator_not_above('SE24', 'SE23') }}

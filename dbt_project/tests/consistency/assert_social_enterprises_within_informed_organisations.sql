-- seed-work.md 2.4 consistency rule 9: SE19 <= SE18 (the social enterprises informed are among the organisations informed), per cut-off,
-- scope and gender. Returns the violating cells.
{{ config(tags=['consistency'], severity='error') }}

{{ indicator_not_above('SE19', 'SE18') }}

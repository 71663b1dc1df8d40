-- seed-work.md 2.4 consistency rule 10: SE21 <= SE20 (the applications granted are among those submitted), per cut-off,
-- scope and gender. Returns the violating cells.
{{ config(tags=['consistency'], severity='error') }}

{{ indicator_not_above('SE21', 'SE20') }}

-- seed-work.md 2.4 consistency rule 8: SE17 <= SE16 (the opportunities contributed to the Gateway are among those gathered), per cut-off,
-- scope and gender. Returns the violating cells.
{{ config(tags=['consistency'], severity='error') }}

{{ indicator_not_above('SE17', 'SE16') }}

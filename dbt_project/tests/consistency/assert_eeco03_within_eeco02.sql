-- indicators.md consistency rule 2: EECO03 <= EECO02 (the long-term unemployed are a subset
-- of the unemployed), per cut-off, scope and gender. Returns the violating cells.
{{ config(tags=['consistency'], severity='error') }}

{{ indicator_not_above('EECO03', 'EECO02') }}

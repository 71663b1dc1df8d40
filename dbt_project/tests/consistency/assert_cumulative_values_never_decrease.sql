-- indicators.md consistency rule 7 (a warning): cumulative values never decrease from one
-- cut-off to the next unless a correction upload explains it. The comparison with the values
-- as reported and the explanation by uploads are in reported_value_decreases; this lists
-- the decreases nothing explains.
{{ config(tags=['consistency'], severity='warn') }}

select * from {{ ref('reported_value_decreases') }}
where not is_explained

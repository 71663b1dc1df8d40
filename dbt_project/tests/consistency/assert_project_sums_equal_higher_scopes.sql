-- indicators.md consistency rule 6: the projects of a specific objective sum to the
-- objective's value, and the objectives to the programme's. Means (SE12, SE13) are not sums
-- and are left out. Per cut-off, indicator and gender.
{{ config(tags=['consistency'], severity='error', meta={'dagster': {'ref': {'name': 'indicator_values'}}}) }}

{{ project_sum_mismatches() }}

-- seed-work.md 2.4 consistency rule 13: the projects' values of SE16-SE21, SE23 and SE24 sum to
-- the specific objective's, and the objectives' to the programme's, per cut-off and gender.
-- SE22 is a rate recomputed from its parts at every scope (a mean of the decided
-- applications, macros/rules/indicator_rules.sql), never summed, so it is not compared.
{{ config(tags=['consistency'], severity='error', meta={'dagster': {'ref': {'name': 'indicator_values'}}}) }}

{{ project_sum_mismatches(['SE16', 'SE17', 'SE18', 'SE19', 'SE20', 'SE21', 'SE23', 'SE24']) }}

-- The indicator rules the models compute, one row each (macros/rules/indicator_rules.sql):
-- the scaffold of indicator_values and the consistency tests read the list from here.

with

rules as (
{{ indicator_rule_rows() }}
)

select * from rules

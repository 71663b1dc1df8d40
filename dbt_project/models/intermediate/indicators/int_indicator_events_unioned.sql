-- One row per record x indicator it counts in (x gender part for indicators whose parts come
-- from their own columns, SE11), with the date from which it counts and the measure it adds.
-- Generated from the indicator rules (macros/rules/indicator_rules.sql).

-- A table, not a view: increments, the cut-off series and the tests all read it, and the
-- union of every rule is the expensive step.
{{ config(materialized='table') }}

{%- set relation_for_subject = {
    'participants': ref('int_participants_classified'),
    'entities': ref('int_entities_classified'),
    'activities': ref('int_activities_classified'),
    'feedback': ref('int_feedback_classified'),
} %}

with

events as (
{% for select_sql in indicator_event_selects(relation_for_subject) %}
    {{ select_sql }}
    {{ "union all" if not loop.last }}
{% endfor %}
)

select * from events

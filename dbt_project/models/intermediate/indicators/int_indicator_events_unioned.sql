-- One row per record x indicator it counts in (x gender part for indicators whose parts come
-- from their own columns, SE11), with the date from which it counts and the measure it adds.
-- Generated from the indicator rules (macros/rules/indicator_rules.sql).

-- A view: int_indicator_daily_increments aggregates it as the union produces it (as a table
-- it was 8.2M rows at 1M participants, the slowest step of a build).

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

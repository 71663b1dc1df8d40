-- One row per record x indicator it counts in (x gender part for indicators whose parts come
-- from their own columns, SE11), with the date from which it counts and the measure it adds.
-- Generated from the indicator rules (macros/rules/indicator_rules.sql).

-- A view: int_indicator_daily_increments aggregates it as the union produces it (as a table
-- it was 8.2M rows at 1M participants, the slowest step of a build).

{%- set cte_for_subject = {
    'participants': 'participants_classified',
    'entities': 'entities_classified',
    'activities': 'activities_classified',
    'feedback': 'feedback_classified',
    'funding_opportunities': 'funding_opportunities_classified',
    'funding_organisations': 'funding_organisations_classified',
    'funding_referrals': 'funding_referrals_classified',
} %}

with

-- each classified model once (materialized where the engine can): every rule of a subject
-- selects from the same relation
{% for subject, cte in cte_for_subject.items() %}
{{ cte }} as {{ materialized_cte() }} (

    select * from {{ ref('int_' ~ subject ~ '_classified') }}

),
{% endfor %}

events as (
{% for select_sql in indicator_event_selects(cte_for_subject) %}
    {{ select_sql }}
    {{ "union all" if not loop.last }}
{% endfor %}
)

select * from events

-- Consistency rule 7: cumulative values never decrease from one cut-off to the next unless a
-- correction upload explains it. One row per decrease found (the design is in
-- reported_value_decreases.yml); tests/consistency/assert_cumulative_values_never_decrease.sql
-- warns about the unexplained ones.

-- A view: the check always runs on reported_values and indicator_values as they are.
{{ config(materialized='view') }}

{%- set key = ['scope_type', 'scope_code', 'indicator_code', 'gender'] %}

with

-- means (SE12, SE13) are not cumulative and may go down; nor are the EU Pact for Skills'
-- yearly PS01-PS06 (pact_indicator_values), which are no rule of int_indicator_rules and so
-- are never compared (seed-work.md 3.3 b: exempt from rule 7)
rules as (

    select * from {{ ref('int_indicator_rules') }}
    where aggregation <> 'mean'

),

uploads as (

    select * from {{ ref('stg_monitoring__uploads') }}

),

approved as (

    select approved_values.*
    from {{ ref('stg_periods__approved_values') }} as approved_values
    inner join rules
        on approved_values.indicator_code = rules.indicator_code

),

-- what an approval was made from: every upload received by then
approvals as (

    select
        approvals.approved_at,
        coalesce(max(uploads.upload_id), 0) as recorded_after_upload_id
    from (select distinct approved_at from approved) as approvals
    left join uploads
        on uploads.received_at <= approvals.approved_at
    group by approvals.approved_at

),

transmitted as (

    select reported_values.*
    from {{ ref('reported_values') }} as reported_values
    inner join rules
        on reported_values.indicator_code = rules.indicator_code

),

-- the values as reported: as approved in the reporting periods where they were, else as
-- recorded at transmission (reported_values)
reported as (

    select
        approved.cutoff_date,
        {%- for column in key %}
        approved.{{ column }},
        {%- endfor %}
        approved.value,
        'approved' as value_source,
        cast(approvals.recorded_after_upload_id as {{ dbt.type_bigint() }}) as recorded_after_upload_id,
        cast('{{ var("long_term_unemployment_rule", "eu") }}' as {{ dbt.type_string() }}) as long_term_unemployment_rule
    from approved
    inner join approvals
        on approvals.approved_at = approved.approved_at

    union all

    select
        transmitted.cutoff_date,
        {%- for column in key %}
        transmitted.{{ column }},
        {%- endfor %}
        transmitted.value,
        'reported' as value_source,
        transmitted.recorded_after_upload_id,
        transmitted.long_term_unemployment_rule
    from transmitted
    left join approved
        on {% for column in key %}approved.{{ column }} = transmitted.{{ column }}{{ "\n        and " if not loop.last }}{% endfor %}
        and approved.cutoff_date = transmitted.cutoff_date
    where approved.cutoff_date is null

),

current_values as (

    select indicator_values.*
    from {{ ref('indicator_values') }} as indicator_values
    inner join rules
        on indicator_values.indicator_code = rules.indicator_code

),

cutoffs as (

    select * from {{ ref('reporting_cutoffs') }}

),

corrections as (

    select * from {{ ref('int_record_corrections') }}

),

-- a reported (or approved) value against the next cut-off's: as reported too, when it has
-- been, else as this build computes it
after_reported as (

    select
        {%- for column in key %}
        previous.{{ column }},
        {%- endfor %}
        previous.value_source as previous_value_source,
        previous.cutoff_date as previous_cutoff_date,
        previous.value as previous_value,
        previous.recorded_after_upload_id as previous_recorded_after_upload_id,
        previous.long_term_unemployment_rule as previous_long_term_unemployment_rule,
        cutoffs.cutoff_date,
        coalesce(next_reported.value_source, 'current') as value_source,
        case when next_reported.cutoff_date is null then next_current.value else next_reported.value end as value,
        next_reported.recorded_after_upload_id,
        coalesce(
            next_reported.long_term_unemployment_rule,
            cast('{{ var("long_term_unemployment_rule", "eu") }}' as {{ dbt.type_string() }})
        ) as long_term_unemployment_rule
    from reported as previous
    inner join cutoffs
        on cutoffs.previous_cutoff_date = previous.cutoff_date
    left join reported as next_reported
        on {% for column in key %}next_reported.{{ column }} = previous.{{ column }}{{ "\n        and " if not loop.last }}{% endfor %}
        and next_reported.cutoff_date = cutoffs.cutoff_date
    left join current_values as next_current
        on {% for column in key %}next_current.{{ column }} = previous.{{ column }}{{ "\n        and " if not loop.last }}{% endfor %}
        and next_current.cutoff_date = cutoffs.cutoff_date

),

-- and within this build, one cut-off against the next (a safety net: counts and sums of
-- non-negative measures cannot go down, so a row here means a rule or a measure is wrong)
within_build as (

    select
        {%- for column in key %}
        previous.{{ column }},
        {%- endfor %}
        'current' as previous_value_source,
        previous.cutoff_date as previous_cutoff_date,
        previous.value as previous_value,
        cast(null as {{ dbt.type_bigint() }}) as previous_recorded_after_upload_id,
        cast('{{ var("long_term_unemployment_rule", "eu") }}' as {{ dbt.type_string() }}) as previous_long_term_unemployment_rule,
        cutoffs.cutoff_date,
        'current' as value_source,
        next_current.value,
        cast(null as {{ dbt.type_bigint() }}) as recorded_after_upload_id,
        cast('{{ var("long_term_unemployment_rule", "eu") }}' as {{ dbt.type_string() }}) as long_term_unemployment_rule
    from current_values as previous
    inner join cutoffs
        on cutoffs.previous_cutoff_date = previous.cutoff_date
    inner join current_values as next_current
        on {% for column in key %}next_current.{{ column }} = previous.{{ column }}{{ "\n        and " if not loop.last }}{% endfor %}
        and next_current.cutoff_date = cutoffs.cutoff_date

),

decreases as (

    select * from after_reported
    -- a scope that is gone (a withdrawn project) has no next value: its loss shows above it
    where value < previous_value - 0.000001

    union all

    select * from within_build
    where value < previous_value - 0.000001

),

-- a correction upload received after the previous value was recorded (and, when the next
-- value is a reported one too, by the time that was recorded) explains the decrease when it
-- touched the indicator's kind of record (or a project record) in the scope: for a project
-- its own records, for a specific objective those of its projects (any project record: a
-- project may have moved), for the programme and a region any
explanations as (

    select
        {%- for column in key %}
        decreases.{{ column }},
        {%- endfor %}
        decreases.previous_cutoff_date,
        decreases.previous_value_source,
        min(corrections.upload_id) as explained_by_upload_id
    from decreases
    inner join {{ ref('int_indicator_rules') }} as indicator_rules
        on decreases.indicator_code = indicator_rules.indicator_code
    inner join corrections
        on (corrections.kind = indicator_rules.subject or corrections.kind = 'projects')
        and corrections.upload_id > decreases.previous_recorded_after_upload_id
        and (decreases.recorded_after_upload_id is null or corrections.upload_id <= decreases.recorded_after_upload_id)
        and (
            decreases.scope_type in ('programme', 'region')
            or (decreases.scope_type = 'project' and corrections.project_code = decreases.scope_code)
            or (
                decreases.scope_type = 'specific_objective'
                and (corrections.specific_objective = decreases.scope_code or corrections.kind = 'projects')
            )
        )
    where decreases.previous_value_source <> 'current'
    group by {{ range(1, key | length + 3) | join(', ') }}

),

final as (

    select

        ----------  ids
        {%- for column in key %}
        decreases.{{ column }},
        {%- endfor %}

        ---------- the two values
        decreases.previous_cutoff_date,
        decreases.previous_value_source,
        decreases.previous_value,
        decreases.cutoff_date,
        decreases.value_source,
        decreases.value,
        decreases.previous_value - decreases.value as decrease,

        ---------- why
        explanations.explained_by_upload_id,
        explanations.explained_by_upload_id is not null as is_explained,
        decreases.previous_long_term_unemployment_rule <> decreases.long_term_unemployment_rule
            as long_term_unemployment_rule_changed

    from decreases
    left join explanations
        on {% for column in key %}explanations.{{ column }} = decreases.{{ column }}{{ "\n        and " if not loop.last }}{% endfor %}
        and explanations.previous_cutoff_date = decreases.previous_cutoff_date
        and explanations.previous_value_source = decreases.previous_value_source

)

select * from final

-- Per project x region x indicator x gender x date: how many records start counting in the
-- indicator that day (n) and what they add (value_sum; value_sum_squares for the spread of a
-- mean). Every reader of the events (indicator_increments, the cut-off series, the scopes,
-- eval_competence_change) reads this one aggregate instead.

-- A table over a view: the events are one row per record x indicator (8.2M rows at 1M
-- participants); aggregating them as the union produces them is one pass, where writing them
-- out as a table was the slowest step of a build (README, Performance).
{{ config(materialized='table') }}

with

events as (

    select * from {{ ref('int_indicator_events_unioned') }}

),

final as (

    select
        project_code,
        region_code,
        indicator_code,
        gender,
        rolls_up_to_total,
        event_date,
        cast(count(*) as {{ dbt.type_bigint() }}) as n,
        cast(sum(measure) as {{ type_double() }}) as value_sum,
        cast(sum(measure * measure) as {{ type_double() }}) as value_sum_squares
    from events
    group by project_code, region_code, indicator_code, gender, rolls_up_to_total, event_date

)

select * from final

-- The seed half_year_dates must reach the as-of date and start before the earliest counted
-- record, or reporting_cutoffs would silently miss cut-offs. Extend the seed when this fails.
{{ config(severity='error', meta={'dagster': {'ref': {'name': 'int_indicator_daily_increments'}}}) }}

with

half_years as (

    select
        min(period_start_date) as first_period_start_date,
        max(cutoff_date) as last_cutoff_date
    from {{ ref('half_year_dates') }}

),

events as (

    select min(event_date) as first_event_date
    from {{ ref('int_indicator_daily_increments') }}

),

checked as (

    select
        half_years.first_period_start_date,
        half_years.last_cutoff_date,
        events.first_event_date,
        {{ as_of_date() }} as as_of_date
    from half_years
    cross join events

)

select * from checked
where last_cutoff_date < as_of_date
    or first_event_date < first_period_start_date

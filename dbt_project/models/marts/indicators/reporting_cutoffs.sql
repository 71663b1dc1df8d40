-- The half-year cut-offs (30 June, 31 December) the long table is computed at: from the first
-- one on or after the earliest counted event through the first one on or after the as-of date
-- (var as_of_date, empty = today), so the latest cut-off holds everything up to today.

with

half_years as (

    select * from {{ ref('half_year_dates') }}

),

events as (

    select * from {{ ref('int_indicator_daily_increments') }}

),

bounds as (

    select
        -- an empty warehouse starts at the as-of date, so the series has one cut-off
        coalesce(min(event_date), {{ as_of_date() }}) as first_date,
        {{ as_of_date() }} as as_of_date
    from events

),

first_and_last as (

    select
        min(case when half_years.cutoff_date >= bounds.first_date then half_years.cutoff_date end) as first_cutoff_date,
        min(case when half_years.cutoff_date >= bounds.as_of_date then half_years.cutoff_date end) as last_cutoff_date
    from half_years
    cross join bounds

),

cutoffs as (

    select
        half_years.half_year,
        half_years.period_start_date,
        half_years.cutoff_date
    from half_years
    cross join first_and_last
    -- with an as-of date before all data the series is the as-of cut-off alone
    where half_years.cutoff_date >= case
            when first_and_last.first_cutoff_date <= first_and_last.last_cutoff_date
                then first_and_last.first_cutoff_date
            else first_and_last.last_cutoff_date
        end
        and half_years.cutoff_date <= first_and_last.last_cutoff_date

),

final as (

    select
        cutoff_date,
        half_year,
        period_start_date,
        -- the previous cut-off: events after it and up to cutoff_date are this period's
        lag(cutoff_date) over (order by cutoff_date) as previous_cutoff_date,
        cutoff_date = max(cutoff_date) over () as is_latest
    from cutoffs

)

select * from final

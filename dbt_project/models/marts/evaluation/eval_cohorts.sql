-- Cohorts by entry half-year: how many entered, left and were followed up, and the results
-- EECR01-06 with their rates, at the latest reporting cut-off (rules in eval_cohorts.yml).

with

participants as (

    select * from {{ ref('int_participants_grouped') }}

),

half_years as (

    select * from {{ ref('half_year_dates') }}

),

latest as (

    select cutoff_date from {{ ref('reporting_cutoffs') }}
    where is_latest

),

cohort_members as (

    select
        half_years.half_year as entry_half_year,
        half_years.period_start_date as cohort_start_date,
        half_years.cutoff_date as cohort_end_date,
        latest.cutoff_date,
        participants.*
    from participants
    inner join half_years
        on participants.entry_date >= half_years.period_start_date
        and participants.entry_date <= half_years.cutoff_date
    cross join latest
    where participants.entry_date <= latest.cutoff_date

),

cohorts as (

    select
        entry_half_year,
        cohort_start_date,
        cohort_end_date,
        cutoff_date,
        count(*) as participants,
        sum(case when exit_date <= cutoff_date then 1 else 0 end) as leavers,
        sum(case when followup_date <= cutoff_date then 1 else 0 end) as followed_up
    from cohort_members
    group by 1, 2, 3, 4

),

results as (

    {%- for result in outcome_denominators() %}
    select
        entry_half_year,
        '{{ result.code }}' as indicator_code,
        '{{ result.denominator }}' as denominator,
        sum(case
            when {{ result.date_column }} <= cutoff_date and {{ result.condition }}
                and counts_in_{{ result.code | lower }} then 1
            else 0
        end) as numerator,
        sum(case when {{ result.date_column }} <= cutoff_date and {{ result.condition }} then 1 else 0 end) as n
    from cohort_members
    group by 1, 2, 3
    {{ "union all" if not loop.last }}
    {%- endfor %}

),

final as (

    select

        ----------  ids
        cohorts.entry_half_year,
        results.indicator_code,

        ---------- the cohort
        cohorts.cohort_start_date,
        cohorts.cohort_end_date,
        cohorts.cutoff_date,
        cast(cohorts.participants as {{ dbt.type_bigint() }}) as participants,
        cast(cohorts.leavers as {{ dbt.type_bigint() }}) as leavers,
        cast(cohorts.followed_up as {{ dbt.type_bigint() }}) as followed_up,

        ---------- the result
        results.denominator,
        cast(results.numerator as {{ dbt.type_bigint() }}) as numerator,
        cast(results.n as {{ dbt.type_bigint() }}) as n,
        case when results.n > 0 then {{ round_half_up('cast(results.numerator as ' ~ type_double() ~ ') / results.n') }} end as rate,
        {{ round_half_up(wilson_bound('results.numerator', 'results.n', 'low')) }} as wilson_low,
        {{ round_half_up(wilson_bound('results.numerator', 'results.n', 'high')) }} as wilson_high,
        {{ round_half_up('cast(results.numerator as ' ~ type_double() ~ ') / cohorts.participants') }} as share_of_participants

    from cohorts
    inner join results
        on cohorts.entry_half_year = results.entry_half_year

)

select * from final

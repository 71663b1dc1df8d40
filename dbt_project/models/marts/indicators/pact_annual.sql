-- The EU Pact for Skills' yearly report (seed-work.md 3.3 e): one row per project x calendar
-- year, its columns in the order of the Pact's annual survey, so that a member can copy them
-- into the Commission's form. Attendances are labelled as attendances, never as persons.
-- Each principle's progress is on_track, behind or no_pledge from the year's pledges
-- (pact_pledges) on the indicators of the principle: on track when every pledged value has
-- reached its pledge, pro rata of the days of the year gone by (as of var as_of_date) while
-- the year is in progress.

{%- set principles = {
    1: ['PS01', 'PS02', 'PS04', 'PS05'],
    2: ['PS03'],
    3: ['SE14'],
    4: ['PS06', 'SE04'],
} %}

with

measured as (

    select * from {{ ref('int_pact_project_years_measured') }}

),

pledges as (

    select * from {{ ref('pact_pledges') }}

),

indicator_values as (

    select * from {{ ref('indicator_values') }}
    where scope_type = 'project'

),

principle_indicators as (
{%- for principle, codes in principles.items() %}
    {%- for code in codes %}
    select {{ principle }} as principle, '{{ code }}' as indicator_code
    {{- "\n    union all" if not (loop.last and principle == 4) }}
    {%- endfor %}
{%- endfor %}

),

-- how much of each year has gone by on the as-of date (1 once it is over)
years as (

    select
        project_code,
        year,
        cutoff_date,
        cast({{ dbt.concat(["cast(year as " ~ dbt.type_string() ~ ")", "'-01-01'"]) }} as date) as year_start_date
    from measured

),

elapsed as (

    select
        project_code,
        year,
        cutoff_date,
        case
            when {{ as_of_date() }} >= cutoff_date then cast(1 as {{ type_double() }})
            when {{ as_of_date() }} < year_start_date then cast(0 as {{ type_double() }})
            else cast({{ days_between('year_start_date', as_of_date()) }} + 1 as {{ type_double() }})
                / cast({{ days_between('year_start_date', 'cutoff_date') }} + 1 as {{ type_double() }})
        end as share_of_year

    from years

),

pledge_checks as (

    select
        pledges.project_code,
        pledges.year,
        principle_indicators.principle,
        coalesce(indicator_values.value >= pledges.target_value * elapsed.share_of_year - 0.000001, false) as is_on_track
    from pledges
    inner join principle_indicators
        on pledges.indicator_code = principle_indicators.indicator_code
    inner join elapsed
        on pledges.project_code = elapsed.project_code
        and pledges.year = elapsed.year
    left join indicator_values
        on indicator_values.scope_code = pledges.project_code
        and indicator_values.indicator_code = pledges.indicator_code
        and indicator_values.gender = pledges.gender
        and indicator_values.cutoff_date = elapsed.cutoff_date

),

progress as (

    select
        project_code,
        year,
        {%- for principle in principles %}
        case
            when sum(case when principle = {{ principle }} then 1 else 0 end) = 0 then 'no_pledge'
            when sum(case when principle = {{ principle }} and not is_on_track then 1 else 0 end) = 0 then 'on_track'
            else 'behind'
        end as principle_{{ principle }}_progress{{ "," if not loop.last }}
        {%- endfor %}
    from pledge_checks
    group by project_code, year

),

final as (

    select
        measured.year,
        measured.project_code,
        measured.upskilling_attendances as people_upskilled_attendances,
        measured.distinct_persons_upskilled as people_upskilled_distinct,
        measured.people_reached,
        measured.stakeholders_identified,
        measured.stakeholders_counted,
        measured.training_programmes_new_or_updated,
        measured.investment_eur,
        measured.regions_reached,
        measured.share_outside_uusimaa,
        measured.share_online_or_hybrid,
        {%- for principle in principles %}
        cast(coalesce(progress.principle_{{ principle }}_progress, 'no_pledge') as {{ dbt.type_string() }}) as principle_{{ principle }}_progress{{ "," if not loop.last }}
        {%- endfor %}
    from measured
    left join progress
        on progress.project_code = measured.project_code
        and progress.year = measured.year

)

select * from final

-- Per scope x indicator x gender x date: what the records starting to count on that date add.
-- The value at any cut-off C is an aggregate over the rows with event_date <= C (formula in
-- indicator_increments.yml).

with

events as (

    select * from {{ ref('int_indicator_daily_increments') }}

),

rules as (

    select * from {{ ref('int_indicator_rules') }}

),

projects as (

    select
        scope_code as project_code,
        specific_objective
    from {{ ref('dim_scopes') }}
    where scope_type = 'project'

),

-- participants count under their own gender and once more under 'total'; the other rules
-- bring their 'total' rows (and SE11 its gender parts) as they are
events_with_totals as (

    select project_code, region_code, indicator_code, gender, event_date, n, value_sum
    from events

    union all

    select project_code, region_code, indicator_code, 'total' as gender, event_date, n, value_sum
    from events
    where rolls_up_to_total

),

-- every scope is a sum over the records of the projects that are scopes (withdrawn ones are
-- not), in one aggregation: per project, per specific objective, per region (regions cut
-- across the projects: each record counts in its own region, else its project's, so the
-- regions too add up to the programme) and for the programme
grouped as (

    select
        events_with_totals.project_code,
        projects.specific_objective,
        events_with_totals.region_code,
        events_with_totals.indicator_code,
        events_with_totals.gender,
        events_with_totals.event_date,
        grouping(events_with_totals.project_code) as without_project,
        grouping(projects.specific_objective) as without_objective,
        grouping(events_with_totals.region_code) as without_region,
        sum(events_with_totals.n) as n,
        sum(events_with_totals.value_sum) as value_sum
    from events_with_totals
    inner join projects
        on events_with_totals.project_code = projects.project_code
    group by grouping sets (
        (events_with_totals.project_code, events_with_totals.indicator_code, events_with_totals.gender, events_with_totals.event_date),
        (projects.specific_objective, events_with_totals.indicator_code, events_with_totals.gender, events_with_totals.event_date),
        (events_with_totals.region_code, events_with_totals.indicator_code, events_with_totals.gender, events_with_totals.event_date),
        (events_with_totals.indicator_code, events_with_totals.gender, events_with_totals.event_date)
    )

),

scoped as (

    select
        case
            when without_project = 0 then 'project'
            when without_objective = 0 then 'specific_objective'
            when without_region = 0 then 'region'
            else 'programme'
        end as scope_type,
        case
            when without_project = 0 then project_code
            when without_objective = 0 then specific_objective
            when without_region = 0 then region_code
            else '-'
        end as scope_code,
        indicator_code,
        gender,
        event_date,
        n,
        value_sum
    from grouped
    -- never empty in practice (a project has a region), but a region scope needs a code
    where not (without_region = 0 and region_code is null)

),

final as (

    select
        scoped.scope_type,
        scoped.scope_code,
        scoped.indicator_code,
        scoped.gender,
        scoped.event_date,
        cast(scoped.n as {{ dbt.type_bigint() }}) as n,
        cast(scoped.value_sum as {{ type_double() }}) as value_sum,
        rules.aggregation
    from scoped
    inner join rules
        on scoped.indicator_code = rules.indicator_code

)

select * from final

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

-- the finest grain every scope is a sum of: project x region (a project's records may lie
-- in several regions)
project_region_increments as (

    select
        events_with_totals.project_code,
        projects.specific_objective,
        events_with_totals.region_code,
        events_with_totals.indicator_code,
        events_with_totals.gender,
        events_with_totals.event_date,
        sum(events_with_totals.n) as n,
        sum(events_with_totals.value_sum) as value_sum
    from events_with_totals
    inner join projects
        on events_with_totals.project_code = projects.project_code
    group by 1, 2, 3, 4, 5, 6

),

scoped as (

    select
        'project' as scope_type,
        project_code as scope_code,
        indicator_code,
        gender,
        event_date,
        sum(n) as n,
        sum(value_sum) as value_sum
    from project_region_increments
    group by 1, 2, 3, 4, 5

    union all

    -- higher levels are sums of the projects (entities too: once per project key)
    select
        'specific_objective' as scope_type,
        specific_objective as scope_code,
        indicator_code,
        gender,
        event_date,
        sum(n) as n,
        sum(value_sum) as value_sum
    from project_region_increments
    group by 1, 2, 3, 4, 5

    union all

    select
        'programme' as scope_type,
        '-' as scope_code,
        indicator_code,
        gender,
        event_date,
        sum(n) as n,
        sum(value_sum) as value_sum
    from project_region_increments
    group by 1, 2, 3, 4, 5

    union all

    -- regions cut across the projects: each record counts in its own region (else its
    -- project's), so the regions too add up to the programme
    select
        'region' as scope_type,
        region_code as scope_code,
        indicator_code,
        gender,
        event_date,
        sum(n) as n,
        sum(value_sum) as value_sum
    from project_region_increments
    -- never empty in practice (a project has a region), but a region scope needs a code
    where region_code is not null
    group by 1, 2, 3, 4, 5

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

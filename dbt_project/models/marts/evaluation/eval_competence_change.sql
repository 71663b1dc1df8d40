-- SE13's mean change in self-assessed competence (after - before) per scope at each reporting
-- cut-off, with n, the standard deviation and a Student t 95 % interval of the mean (rules in
-- eval_competence_change.yml).

with

-- the responses SE13 counts (with both scores), as its indicator rule selects them, summed per
-- project x region x day
changes as (

    select project_code, region_code, event_date, n, value_sum, value_sum_squares
    from {{ ref('int_indicator_daily_increments') }}
    where indicator_code = 'SE13'

),

scopes as (

    select * from {{ ref('dim_scopes') }}

),

projects as (

    select scope_code as project_code, specific_objective
    from scopes
    where scope_type = 'project'

),

cutoffs as (

    select * from {{ ref('reporting_cutoffs') }}

),

t_values as (

    select * from {{ ref('student_t_critical_values') }}

),

scoped as (

    select 'project' as scope_type, changes.project_code as scope_code, changes.event_date, changes.n, changes.value_sum, changes.value_sum_squares
    from changes
    inner join projects on changes.project_code = projects.project_code

    union all

    select 'specific_objective' as scope_type, projects.specific_objective as scope_code, changes.event_date, changes.n, changes.value_sum, changes.value_sum_squares
    from changes
    inner join projects on changes.project_code = projects.project_code

    union all

    select 'programme' as scope_type, '-' as scope_code, changes.event_date, changes.n, changes.value_sum, changes.value_sum_squares
    from changes
    inner join projects on changes.project_code = projects.project_code

    union all

    select 'region' as scope_type, changes.region_code as scope_code, changes.event_date, changes.n, changes.value_sum, changes.value_sum_squares
    from changes
    inner join projects on changes.project_code = projects.project_code

),

period_sums as (

    select
        scoped.scope_type,
        scoped.scope_code,
        cutoffs.cutoff_date,
        sum(scoped.n) as n,
        sum(scoped.value_sum) as sum_change,
        sum(scoped.value_sum_squares) as sum_squares
    from scoped
    inner join cutoffs
        on scoped.event_date <= cutoffs.cutoff_date
        and scoped.event_date > coalesce(cutoffs.previous_cutoff_date, cast('1900-01-01' as date))
    group by 1, 2, 3

),

cumulative as (

    select
        cutoffs.cutoff_date,
        scopes.scope_type,
        scopes.scope_code,
        {%- for column in ['n', 'sum_change', 'sum_squares'] %}
        sum(coalesce(period_sums.{{ column }}, 0)) over (
            partition by scopes.scope_type, scopes.scope_code
            order by cutoffs.cutoff_date
            rows between unbounded preceding and current row
        ) as {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from cutoffs
    cross join scopes
    left join period_sums
        on cutoffs.cutoff_date = period_sums.cutoff_date
        and scopes.scope_type = period_sums.scope_type
        and scopes.scope_code = period_sums.scope_code

),

moments as (

    select
        cutoff_date,
        scope_type,
        scope_code,
        n,
        case when n > 0 then cast(sum_change as {{ type_double() }}) / n end as mean_change,
        -- the sample variance from the sums: (sum x^2 - (sum x)^2 / n) / (n - 1), never below 0
        case
            when n < 2 then null
            when sum_squares - sum_change * sum_change / cast(n as {{ type_double() }}) < 0 then cast(0 as {{ type_double() }})
            else (sum_squares - sum_change * sum_change / cast(n as {{ type_double() }})) / (n - 1)
        end as variance
    from cumulative

),

intervals as (

    select
        moments.*,
        sqrt(variance) as sd,
        sqrt(variance) / sqrt(cast(n as {{ type_double() }})) as standard_error,
        {{ t_975('moments.n - 1', 't_values.t_975') }} as t_critical
    from moments
    left join t_values
        on moments.n - 1 = t_values.degrees_of_freedom

),

final as (

    select

        ----------  ids
        cutoff_date,
        scope_type,
        scope_code,

        ---------- the mean change and its 95 % interval
        cast(n as {{ dbt.type_bigint() }}) as n,
        {{ round_half_up('mean_change') }} as mean_change,
        {{ round_half_up('sd') }} as sd,
        {{ round_half_up('standard_error') }} as standard_error,
        {{ round_half_up('t_critical') }} as t_critical,
        {{ round_half_up('mean_change - t_critical * standard_error') }} as ci_low,
        {{ round_half_up('mean_change + t_critical * standard_error') }} as ci_high

    from intervals

)

select * from final

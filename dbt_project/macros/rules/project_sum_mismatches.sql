{#
    The specific-objective and programme cells that are not the sum of the cells below them
    (projects of the objective, objectives of the programme), per cut-off, indicator and
    gender, for the additive indicators (means such as SE12, SE13 and SE22 are recomputed from
    their parts at every scope, never summed), or only for `indicator_codes`. The select of
    consistency rules 6 (indicators.md) and 13 (seed-work.md 2.4).
#}
{% macro project_sum_mismatches(indicator_codes=none) %}

with

indicator_values as (

    select * from {{ ref('indicator_values') }}

),

rules as (

    select * from {{ ref('int_indicator_rules') }}
    where aggregation <> 'mean'
    {%- if indicator_codes %}
        and indicator_code in ('{{ indicator_codes | join("', '") }}')
    {%- endif %}

),

projects as (

    select scope_code as project_code, specific_objective
    from {{ ref('dim_scopes') }}
    where scope_type = 'project'

),

additive as (

    select indicator_values.*
    from indicator_values
    inner join rules
        on indicator_values.indicator_code = rules.indicator_code

),

project_sums as (

    select
        additive.cutoff_date,
        'specific_objective' as scope_type,
        projects.specific_objective as scope_code,
        additive.indicator_code,
        additive.gender,
        sum(additive.value) as summed_value
    from additive
    inner join projects
        on additive.scope_code = projects.project_code
    where additive.scope_type = 'project'
    group by 1, 2, 3, 4, 5

),

objective_sums as (

    select
        cutoff_date,
        'programme' as scope_type,
        '-' as scope_code,
        indicator_code,
        gender,
        sum(value) as summed_value
    from additive
    where scope_type = 'specific_objective'
    group by 1, 2, 3, 4, 5

),

sums as (

    select * from project_sums
    union all
    select * from objective_sums

),

compared as (

    select
        additive.cutoff_date,
        additive.scope_type,
        additive.scope_code,
        additive.indicator_code,
        additive.gender,
        additive.value,
        coalesce(sums.summed_value, 0) as summed_value
    from additive
    left join sums
        on additive.cutoff_date = sums.cutoff_date
        and additive.scope_type = sums.scope_type
        and additive.scope_code = sums.scope_code
        and additive.indicator_code = sums.indicator_code
        and additive.gender = sums.gender
    where additive.scope_type in ('specific_objective', 'programme')

)

select * from compared
-- sums of decimals (SE08 hours) may differ in the last bits
where abs(value - summed_value) > 0.000001

{% endmacro %}

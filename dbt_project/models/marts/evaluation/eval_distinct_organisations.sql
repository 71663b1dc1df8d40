-- Distinct organisations across projects beside the per-project sums the indicators report
-- (EECO18, EECO19, SE01-SE03, and all organisations supported), per programme, specific
-- objective and region at each reporting cut-off.

{%- set groups = [
    ('all', 'true'),
    ('EECO18', 'counts_in_eeco18'),
    ('EECO19', 'counts_in_eeco19'),
    ('SE01', 'counts_in_se01'),
    ('SE02', 'counts_in_se02'),
    ('SE03', 'counts_in_se03'),
] %}

with

entities as (

    select * from {{ ref('int_entities_classified') }}

),

scopes as (

    select * from {{ ref('dim_scopes') }}
    where scope_type in ('programme', 'specific_objective', 'region')

),

projects as (

    select scope_code as project_code, specific_objective
    from {{ ref('dim_scopes') }}
    where scope_type = 'project'

),

cutoffs as (

    select * from {{ ref('reporting_cutoffs') }}

),

organisation_groups as (

    {%- for code, condition in groups %}
    select
        '{{ code }}' as organisation_group,
        entities.project_code,
        projects.specific_objective,
        entities.scope_region_code as region_code,
        entities.business_id,
        entities.support_start_date
    from entities
    inner join projects
        on entities.project_code = projects.project_code
    where {{ condition }}
    {{ "union all" if not loop.last }}
    {%- endfor %}

),

scoped as (

    select 'programme' as scope_type, '-' as scope_code, organisation_groups.*
    from organisation_groups

    union all

    select 'specific_objective' as scope_type, specific_objective as scope_code, organisation_groups.*
    from organisation_groups

    union all

    select 'region' as scope_type, region_code as scope_code, organisation_groups.*
    from organisation_groups

),

-- per organisation in a scope and group, its projects in the order their support started:
-- the organisation counts once from its first project's date, in several projects from its
-- second's, and every project counts in the sums from its own date
ranked as (

    select
        scope_type,
        scope_code,
        organisation_group,
        support_start_date,
        row_number() over (
            partition by scope_type, scope_code, organisation_group, business_id
            order by support_start_date
        ) as project_rank
    from scoped

),

-- each date belongs to the half-year period ending at the first cut-off on or after it
period_counts as (

    select
        cutoffs.cutoff_date,
        ranked.scope_type,
        ranked.scope_code,
        ranked.organisation_group,
        count(*) as project_sum,
        sum(case when ranked.project_rank = 1 then 1 else 0 end) as distinct_organisations,
        sum(case when ranked.project_rank = 2 then 1 else 0 end) as in_several_projects
    from ranked
    inner join cutoffs
        on ranked.support_start_date <= cutoffs.cutoff_date
        and ranked.support_start_date > coalesce(cutoffs.previous_cutoff_date, cast('1900-01-01' as date))
    group by 1, 2, 3, 4

),

-- cumulative to each cut-off (organisation counts add up: each is counted in one period)
counted as (

    select
        cutoffs.cutoff_date,
        groups_seen.scope_type,
        groups_seen.scope_code,
        groups_seen.organisation_group,
        {%- for column in ['project_sum', 'distinct_organisations', 'in_several_projects'] %}
        sum(coalesce(period_counts.{{ column }}, 0)) over (
            partition by groups_seen.scope_type, groups_seen.scope_code, groups_seen.organisation_group
            order by cutoffs.cutoff_date
            rows between unbounded preceding and current row
        ) as {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from cutoffs
    cross join (select distinct scope_type, scope_code, organisation_group from period_counts) as groups_seen
    left join period_counts
        on cutoffs.cutoff_date = period_counts.cutoff_date
        and groups_seen.scope_type = period_counts.scope_type
        and groups_seen.scope_code = period_counts.scope_code
        and groups_seen.organisation_group = period_counts.organisation_group

),

group_codes as (

    {%- for code, condition in groups %}
    select '{{ code }}' as organisation_group
    {{ "union all" if not loop.last }}
    {%- endfor %}

),

final as (

    select
        cutoffs.cutoff_date,
        scopes.scope_type,
        scopes.scope_code,
        group_codes.organisation_group,
        cast(coalesce(counted.project_sum, 0) as {{ dbt.type_bigint() }}) as project_sum,
        cast(coalesce(counted.distinct_organisations, 0) as {{ dbt.type_bigint() }}) as distinct_organisations,
        cast(coalesce(counted.in_several_projects, 0) as {{ dbt.type_bigint() }}) as in_several_projects
    from cutoffs
    cross join scopes
    cross join group_codes
    left join counted
        on cutoffs.cutoff_date = counted.cutoff_date
        and scopes.scope_type = counted.scope_type
        and scopes.scope_code = counted.scope_code
        and group_codes.organisation_group = counted.organisation_group

)

select * from final

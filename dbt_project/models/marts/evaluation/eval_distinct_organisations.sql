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

-- per organisation: in how many projects of the scope it counts by the cut-off
per_organisation as (

    select
        cutoffs.cutoff_date,
        scoped.scope_type,
        scoped.scope_code,
        scoped.organisation_group,
        scoped.business_id,
        count(*) as projects
    from scoped
    inner join cutoffs
        on scoped.support_start_date <= cutoffs.cutoff_date
    group by 1, 2, 3, 4, 5

),

counted as (

    select
        cutoff_date,
        scope_type,
        scope_code,
        organisation_group,
        sum(projects) as project_sum,
        count(*) as distinct_organisations,
        sum(case when projects > 1 then 1 else 0 end) as in_several_projects
    from per_organisation
    group by 1, 2, 3, 4

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

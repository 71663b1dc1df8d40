-- The scopes indicators are reported for: the programme, each specific objective and each
-- project (not withdrawn, with its dates and budget), and each region (maakunta) where a
-- project is or a record counts.

with

projects as (

    select * from {{ ref('stg_monitoring__projects') }}
    where not is_withdrawn

),

events as (

    select * from {{ ref('int_indicator_daily_increments') }}

),

regions as (

    select * from {{ ref('regions') }}

),

programme as (

    select
        'programme' as scope_type,
        '-' as scope_code,
        'Programme' as scope_name,
        cast(null as {{ dbt.type_string() }}) as priority,
        cast(null as {{ dbt.type_string() }}) as specific_objective,
        cast(null as {{ dbt.type_string() }}) as category_of_region,
        cast(null as {{ dbt.type_string() }}) as region_code,
        cast(null as {{ dbt.type_string() }}) as lead_organisation,
        cast(null as date) as start_date,
        cast(null as date) as end_date,
        cast(null as {{ type_double() }}) as budget_eur

),

specific_objectives as (

    select
        'specific_objective' as scope_type,
        specific_objective as scope_code,
        {{ dbt.concat(["'Specific objective '", "specific_objective"]) }} as scope_name,
        -- the national numbering ties an objective to one priority and category of region;
        -- should projects disagree the attribute is left empty (and a test warns)
        case when count(distinct priority) = 1 then max(priority) end as priority,
        specific_objective,
        case when count(distinct category_of_region) = 1 then max(category_of_region) end as category_of_region,
        cast(null as {{ dbt.type_string() }}) as region_code,
        cast(null as {{ dbt.type_string() }}) as lead_organisation,
        cast(null as date) as start_date,
        cast(null as date) as end_date,
        cast(null as {{ type_double() }}) as budget_eur
    from projects
    group by specific_objective

),

project_scopes as (

    select
        'project' as scope_type,
        project_code as scope_code,
        project_name as scope_name,
        priority,
        specific_objective,
        category_of_region,
        region_code,
        lead_organisation,
        start_date,
        end_date,
        budget_eur
    from projects

),

-- the regions of the projects and of every counted record (a participant, organisation or
-- activity elsewhere than its project)
region_codes as (

    select region_code from projects
    union
    select region_code from events

),

region_scopes as (

    select
        'region' as scope_type,
        region_codes.region_code as scope_code,
        coalesce(regions.name_fi, region_codes.region_code) as scope_name,
        cast(null as {{ dbt.type_string() }}) as priority,
        cast(null as {{ dbt.type_string() }}) as specific_objective,
        cast(null as {{ dbt.type_string() }}) as category_of_region,
        region_codes.region_code,
        cast(null as {{ dbt.type_string() }}) as lead_organisation,
        cast(null as date) as start_date,
        cast(null as date) as end_date,
        cast(null as {{ type_double() }}) as budget_eur
    from region_codes
    left join regions
        on region_codes.region_code = regions.region_code
    where region_codes.region_code is not null

),

unioned as (

    select * from programme
    union all
    select * from specific_objectives
    union all
    select * from project_scopes
    union all
    select * from region_scopes

)

select * from unioned

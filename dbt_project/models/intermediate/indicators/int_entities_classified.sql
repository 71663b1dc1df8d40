-- One row per counted organisation per project (not withdrawn, in a known, non-withdrawn
-- project) with a `counts_in_<code>` flag per entity indicator rule
-- (macros/rules/indicator_rules.sql).

with

entities as (

    select * from {{ ref('stg_monitoring__entities') }}
    where not is_withdrawn

),

projects as (

    select * from {{ ref('stg_monitoring__projects') }}
    where not is_withdrawn

),

counted as (

    select

        ----------  ids
        entities.project_code,
        entities.business_id,
        entities.business_id as record_id,

        ---------- the organisation
        entities.organisation_type,
        entities.size_class,
        entities.social_enterprise,
        entities.newly_founded,
        entities.cooperative,
        entities.support_type,
        entities.region_code,
        projects.region_code as project_region_code,
        -- the region scope the organisation counts in: its own region, else the project's
        coalesce(entities.region_code, projects.region_code) as scope_region_code,
        entities.employees,
        entities.employees_partial_work_ability,

        ---------- dates
        entities.support_start_date

    -- inner join: organisations of unknown or withdrawn projects count nowhere
    from entities
    inner join projects
        on entities.project_code = projects.project_code

),

classified as (

    select

        counted.*,

        ---------- one flag per indicator rule
        {{ indicator_flag_columns('entities') | indent(4) }}

    from counted

)

select * from classified

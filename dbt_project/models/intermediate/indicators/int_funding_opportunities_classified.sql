-- One row per counted funding opportunity (not withdrawn, in a known, non-withdrawn project)
-- with a `counts_in_<code>` flag per opportunity indicator rule (SE16, SE17;
-- macros/rules/indicator_rules.sql). Opportunities count under their own project_code.

with

opportunities as (

    select * from {{ ref('stg_monitoring__funding_opportunities') }}
    where not is_withdrawn

),

projects as (

    select * from {{ ref('stg_monitoring__projects') }}
    where not is_withdrawn

),

counted as (

    select

        ----------  ids
        opportunities.project_code,
        opportunities.opportunity_id,
        opportunities.opportunity_id as record_id,

        ---------- the opportunity
        opportunities.programme,
        opportunities.instrument,
        opportunities.contributed_to_gateway,
        -- the region scope: a regional call's region, else the project's
        coalesce(opportunities.region_code, projects.region_code) as scope_region_code,

        ---------- dates
        opportunities.recorded_date

    from opportunities
    inner join projects
        on opportunities.project_code = projects.project_code

),

classified as (

    select

        counted.*,

        ---------- one flag per indicator rule
        {{ indicator_flag_columns('funding_opportunities') | indent(4) }}

    from counted

)

select * from classified

-- Every target should match values: its scope is in dim_scopes (not e.g. a withdrawn project)
-- and its gender is in the indicator's breakdown (dim_indicator_genders). A target that
-- matches nothing is kept in dim_targets but has no row in indicator_achievement.
{{ config(severity='warn', meta={'dagster': {'ref': {'name': 'dim_targets'}}}) }}

with

targets as (

    select * from {{ ref('dim_targets') }}

),

scopes as (

    select * from {{ ref('dim_scopes') }}

),

indicator_genders as (

    select * from {{ ref('dim_indicator_genders') }}

),

checked as (

    select
        targets.scope_type,
        targets.scope_code,
        targets.indicator_code,
        targets.gender,
        targets.target_date,
        scopes.scope_code is not null as scope_exists,
        indicator_genders.indicator_code is not null as gender_in_breakdown
    from targets
    left join scopes
        on targets.scope_type = scopes.scope_type
        and targets.scope_code = scopes.scope_code
    left join indicator_genders
        on targets.indicator_code = indicator_genders.indicator_code
        and targets.gender = indicator_genders.gender

)

select * from checked
where not scope_exists
    or not gender_in_breakdown

-- indicators.md consistency rule 4: each result indicator <= its reference output (the
-- catalogue's reference_indicator: EECR01-05 <= EECO01, EECR06 <= EECO05, SE05 <= SE04);
-- SE03 <= SE02 and SE03 <= SE01. Per cut-off, scope and gender.
{{ config(tags=['consistency'], severity='error', meta={'dagster': {'ref': {'name': 'indicator_values'}}}) }}

with

indicator_values as (

    select * from {{ ref('indicator_values') }}

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

bounds as (

    select indicator_code, reference_indicator as bounding_indicator
    from catalogue
    where reference_indicator is not null

    union all select 'SE03', 'SE02'
    union all select 'SE03', 'SE01'

),

compared as (

    select
        bounded.cutoff_date,
        bounded.scope_type,
        bounded.scope_code,
        bounded.gender,
        bounded.indicator_code,
        bounded.value,
        bounds.bounding_indicator,
        bounding.value as bounding_value
    from indicator_values as bounded
    inner join bounds
        on bounded.indicator_code = bounds.indicator_code
    inner join indicator_values as bounding
        on bounding.indicator_code = bounds.bounding_indicator
        and bounding.cutoff_date = bounded.cutoff_date
        and bounding.scope_type = bounded.scope_type
        and bounding.scope_code = bounded.scope_code
        and bounding.gender = bounded.gender

)

select * from compared
where value > bounding_value

-- indicators.md consistency rule 5: total = woman + man + non_binary for every participant
-- indicator (EECO01-17, EECR01-06, SE04, SE05); for SE11 (attendees) the parts sum to at most
-- the total, since attendees of unknown gender count in the total only.
-- Per cut-off, scope and indicator. Returns the violating cells.
{{ config(tags=['consistency'], severity='error', meta={'dagster': {'ref': {'name': 'indicator_values'}}}) }}

with

indicator_values as (

    select * from {{ ref('indicator_values') }}

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

pivoted as (

    select
        indicator_values.cutoff_date,
        indicator_values.scope_type,
        indicator_values.scope_code,
        indicator_values.indicator_code,
        catalogue.subject,
        coalesce(sum(case when indicator_values.gender = 'woman' then indicator_values.value end), 0) as woman,
        coalesce(sum(case when indicator_values.gender = 'man' then indicator_values.value end), 0) as man,
        coalesce(sum(case when indicator_values.gender = 'non_binary' then indicator_values.value end), 0) as non_binary,
        coalesce(sum(case when indicator_values.gender = 'total' then indicator_values.value end), 0) as total
    from indicator_values
    inner join catalogue
        on indicator_values.indicator_code = catalogue.indicator_code
    where catalogue.subject = 'participants'
        or indicator_values.indicator_code in ('SE11', 'PS01')
    group by 1, 2, 3, 4, 5

)

select * from pivoted
where (subject = 'participants' and total <> woman + man + non_binary)
    or (indicator_code in ('SE11', 'PS01') and woman + man + non_binary > total)

-- indicators.md consistency rule 1: EECO01 = EECO02 + EECO04 + EECO05, per cut-off, scope
-- and gender. Returns the violating cells.
{{ config(tags=['consistency'], severity='error') }}

with

indicator_values as (

    select * from {{ ref('indicator_values') }}
    where indicator_code in ('EECO01', 'EECO02', 'EECO04', 'EECO05')

),

pivoted as (

    select
        cutoff_date,
        scope_type,
        scope_code,
        gender,
        coalesce(sum(case when indicator_code = 'EECO01' then value end), 0) as eeco01,
        coalesce(sum(case when indicator_code = 'EECO02' then value end), 0) as eeco02,
        coalesce(sum(case when indicator_code = 'EECO04' then value end), 0) as eeco04,
        coalesce(sum(case when indicator_code = 'EECO05' then value end), 0) as eeco05
    from indicator_values
    group by 1, 2, 3, 4

)

select * from pivoted
where eeco01 <> eeco02 + eeco04 + eeco05

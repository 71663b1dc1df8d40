-- indicators.md consistency rule 2: EECO03 <= EECO02 (the long-term unemployed are a subset
-- of the unemployed), per cut-off, scope and gender. Returns the violating cells.
{{ config(tags=['consistency'], severity='error') }}

with

indicator_values as (

    select * from {{ ref('indicator_values') }}
    where indicator_code in ('EECO02', 'EECO03')

),

pivoted as (

    select
        cutoff_date,
        scope_type,
        scope_code,
        gender,
        coalesce(sum(case when indicator_code = 'EECO02' then value end), 0) as eeco02,
        coalesce(sum(case when indicator_code = 'EECO03' then value end), 0) as eeco03
    from indicator_values
    group by 1, 2, 3, 4

)

select * from pivoted
where eeco03 > eeco02

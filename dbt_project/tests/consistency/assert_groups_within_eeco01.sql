-- indicators.md consistency rule 3: EECO06 + EECO07 + EECO08 <= EECO01; EECO09 + EECO10 +
-- EECO11 <= EECO01; each of EECO12-EECO17 <= EECO01. Per cut-off, scope and gender.
{{ config(tags=['consistency'], severity='error') }}

with

indicator_values as (

    select * from {{ ref('indicator_values') }}
    where indicator_code in (
        'EECO01', 'EECO06', 'EECO07', 'EECO08', 'EECO09', 'EECO10', 'EECO11',
        'EECO12', 'EECO13', 'EECO14', 'EECO15', 'EECO16', 'EECO17'
    )

),

pivoted as (

    select
        cutoff_date,
        scope_type,
        scope_code,
        gender,
        {%- for code in ['EECO01', 'EECO06', 'EECO07', 'EECO08', 'EECO09', 'EECO10', 'EECO11', 'EECO12', 'EECO13', 'EECO14', 'EECO15', 'EECO16', 'EECO17'] %}
        coalesce(sum(case when indicator_code = '{{ code }}' then value end), 0) as {{ code | lower }}{{ "," if not loop.last }}
        {%- endfor %}
    from indicator_values
    group by 1, 2, 3, 4

)

select * from pivoted
where eeco06 + eeco07 + eeco08 > eeco01
    or eeco09 + eeco10 + eeco11 > eeco01
    {%- for code in ['eeco12', 'eeco13', 'eeco14', 'eeco15', 'eeco16', 'eeco17'] %}
    or {{ code }} > eeco01
    {%- endfor %}

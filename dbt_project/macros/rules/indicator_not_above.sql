{#
    The cells where indicator `sub` exceeds indicator `parent` (a subset's count or sum above its
    whole), per cut-off, scope and gender: the select of a consistency rule "sub <= parent"
    (indicators.md rule 2, seed-work.md 2.4 rules 8-11). A missing value counts as 0.
#}
{% macro indicator_not_above(sub, parent) %}

with

indicator_values as (

    select * from {{ ref('indicator_values') }}
    where indicator_code in ('{{ parent }}', '{{ sub }}')

),

pivoted as (

    select
        cutoff_date,
        scope_type,
        scope_code,
        gender,
        coalesce(sum(case when indicator_code = '{{ parent }}' then value end), 0) as parent_value,
        coalesce(sum(case when indicator_code = '{{ sub }}' then value end), 0) as sub_value
    from indicator_values
    group by 1, 2, 3, 4

)

select * from pivoted
-- sums of euros (SE23, SE24) may differ in the last bits
where sub_value > parent_value + 0.000001

{% endmacro %}

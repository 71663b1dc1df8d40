-- PS01-PS06 in the long table's shape (seed-work.md 3.3 b and 6): per project and calendar
-- year Y, at cutoff_date = 31 December Y, project scope only; gender parts for PS01 as for
-- SE11, the total for the others. Not cumulative. indicator_values adds these rows to the
-- cumulative ones.

with

measured as (

    select * from {{ ref('int_pact_project_years_measured') }}

),

{%- set rows = [
    ('PS01', 'total', 'upskilling_attendances'),
    ('PS01', 'woman', 'upskilling_attendances_women'),
    ('PS01', 'man', 'upskilling_attendances_men'),
    ('PS01', 'non_binary', 'upskilling_attendances_non_binary'),
    ('PS02', 'total', 'people_reached'),
    ('PS03', 'total', 'stakeholders_identified + stakeholders_counted'),
    ('PS04', 'total', 'training_programmes_new_or_updated'),
    ('PS05', 'total', 'investment_eur'),
    ('PS06', 'total', 'regions_reached'),
] %}

unpivoted as (
{% for code, gender, measure in rows %}
    select
        cutoff_date,
        'project' as scope_type,
        project_code as scope_code,
        '{{ code }}' as indicator_code,
        '{{ gender }}' as gender,
        cast({{ measure }} as {{ type_double() }}) as value
    from measured
    {{ "union all" if not loop.last }}
{% endfor %}
)

select * from unpivoted

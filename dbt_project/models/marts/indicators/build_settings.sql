-- The settings this build computed the marts with, one row each, so that the published copy
-- (and every export made from it) says which rules were used.

{%- set settings = [
    ('long_term_unemployment_rule', var('long_term_unemployment_rule', 'eu') | string,
        "EECO03: 'eu' (more than 6 months below 25, more than 12 from 25 on) or 'national' (12 months or more at any age)"),
    ('forecast_trend_half_years', var('forecast_trend_half_years', 4) | string,
        "indicator_achievement: the forecast's trend looks back at most this many half-years"),
    ('target_at_risk_pct', var('target_at_risk_pct', 80) | string,
        "indicator_achievement: 'at risk' when the forecast reaches this % of the target, else 'off track'"),
] %}

with

settings as (

    {%- for name, value, description in settings %}
    select
        '{{ name }}' as setting_name,
        '{{ value }}' as setting_value,
        '{{ description | replace("'", "''") }}' as description
    union all
    {%- endfor %}
    select
        'as_of_date' as setting_name,
        cast({{ as_of_date() }} as {{ dbt.type_string() }}) as setting_value,
        'The date the cut-off series runs to (var as_of_date; empty = the build date)' as description

)

select * from settings

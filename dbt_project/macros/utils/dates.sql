{#
    Portable date helpers over dbt's cross-database macros (dbt.dateadd, dbt.datediff), cast
    back to date: some engines return a timestamp from date arithmetic.
#}
{% macro add_days(days, date_expression) -%}
    cast({{ dbt.dateadd('day', days, date_expression) }} as date)
{%- endmacro %}


{# Whole days from `first_date` to `second_date` (negative when second_date is earlier). #}
{% macro days_between(first_date, second_date) -%}
    {{ dbt.datediff(first_date, second_date, 'day') }}
{%- endmacro %}

{#
    A 64-bit float. dbt.type_float() renders `float`, which DuckDB (and Trino's `real`
    family) reads as a 32-bit REAL: too coarse for counts and two-decimal means.
#}
{% macro type_double() %}
    {{ return(adapter.dispatch('type_double')()) }}
{% endmacro %}

{% macro default__type_double() -%}
    double
{%- endmacro %}

{% macro postgres__type_double() -%}
    double precision
{%- endmacro %}

{% macro redshift__type_double() -%}
    double precision
{%- endmacro %}

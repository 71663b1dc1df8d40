{#
    `name as {{ materialized_cte() }} (...)`: computed once however often the query reads it,
    where the engine has the keyword (DuckDB, Postgres); elsewhere nothing, a plain CTE that the
    engine may inline. DuckDB otherwise expands a CTE (and the views behind it) once per
    reference and plans each copy: for the ~40 branches of int_indicator_events_unioned that
    planning alone took 0.6 s, whatever the amount of data.
#}
{% macro materialized_cte() -%}
    {{ return(adapter.dispatch('materialized_cte')()) }}
{%- endmacro %}

{% macro default__materialized_cte() -%}
{%- endmacro %}

{% macro duckdb__materialized_cte() -%}
    materialized
{%- endmacro %}

{% macro postgres__materialized_cte() -%}
    materialized
{%- endmacro %}

{# Use the configured schema name as it is (staging, intermediate, marts, reference), not
   prefixed with the target schema, so every adapter sees the same layout. #}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}

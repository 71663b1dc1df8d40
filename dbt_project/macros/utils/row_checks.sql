{# The SQL of one check of the row_checks test (tests/generic/row_checks.sql). #}

{% macro row_check_fails(check) -%}
    {%- if check.not_null is defined -%}
        {%- set failing = check.not_null ~ " is null" -%}
    {%- elif check.accepted_values is defined -%}
        {%- set quoted = [] -%}
        {%- for value in check["values"] -%}
            {%- do quoted.append("'" ~ value ~ "'" if value is string else value | string) -%}
        {%- endfor -%}
        {%- set failing = check.accepted_values ~ " is not null and " ~ check.accepted_values
            ~ " not in (" ~ quoted | join(", ") ~ ")" -%}
    {%- elif check.expression is defined -%}
        {%- set failing = "not coalesce(" ~ check.expression ~ ", false)" -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error("row_checks: unknown check " ~ check) }}
    {%- endif -%}
    {%- if check.where is defined -%}
        ({{ check.where }}) and ({{ failing }})
    {%- else -%}
        {{ failing }}
    {%- endif -%}
{%- endmacro %}


{% macro row_check_label(check) -%}
    {%- if check.name is defined -%} {{ check.name }}
    {%- elif check.not_null is defined -%} not_null({{ check.not_null }})
    {%- elif check.accepted_values is defined -%} accepted_values({{ check.accepted_values }})
    {%- elif check.expression is defined -%} expression({{ check.expression | replace("'", "''") }})
    {%- elif check.relationship is defined -%} relationship({{ check.relationship }} in {{ check.to.identifier }}.{{ check.field }})
    {%- else -%} unique({{ check.unique | join(', ') }})
    {%- endif -%}
    {%- if check.where is defined %} where {{ check.where | replace("'", "''") }}{% endif -%}
{%- endmacro %}

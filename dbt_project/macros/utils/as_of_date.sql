{#
    The date the cut-off series runs to: var as_of_date (YYYY-MM-DD), or today when empty.
#}
{% macro as_of_date() -%}
    {%- set as_of = var('as_of_date', '') | string | trim -%}
    {%- if as_of in ('', 'None') -%}
        current_date
    {%- elif modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', as_of) -%}
        cast('{{ as_of }}' as date)
    {%- else -%}
        {{ exceptions.raise_compiler_error("var as_of_date must be empty or YYYY-MM-DD, not '" ~ as_of ~ "'") }}
    {%- endif -%}
{%- endmacro %}

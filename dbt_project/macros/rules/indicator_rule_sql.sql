{#
    SQL generated from indicator_rules(): the flag columns of the classified models, the
    event rows of int_indicator_events_unioned and the relation listing the rules.
#}

{# `counts_in_<code>` booleans: the rule's condition, and its counting date present. #}
{% macro indicator_flag_columns(subject) %}
    {%- for rule in indicator_rules_for(subject) %}
        coalesce(
            ({{ rule.condition }})
            and {{ rule.counting_date }} is not null
            {%- if rule.aggregation in ('sum', 'mean') %}
            and ({{ rule.measure }}) is not null
            {%- endif %},
            false
        ) as {{ indicator_flag_column(rule.code) }}{{ "," if not loop.last }}
    {%- endfor %}
{% endmacro %}


{% macro indicator_flag_column(code) -%}
    counts_in_{{ code | lower }}
{%- endmacro %}


{#
    One select per rule (and per gender part), to be joined with `union all`: the records that
    count in the rule, with the date they start counting, the measure they add and the region
    scope they count in (the classified models' scope_region_code).
#}
{% macro indicator_event_selects(relation_for_subject) %}
    {%- set selects = [] -%}
    {%- for rule in indicator_rules() -%}
        {%- set relation = relation_for_subject[rule.subject] -%}
        {%- set measure = rule.measure if rule.aggregation in ('sum', 'mean') else '1' -%}
        {%- if rule.subject == 'participants' -%}
            {%- set gender_rows = [('gender', measure, 'true')] -%}
        {%- else -%}
            {%- set gender_rows = [("'total'", measure, 'false')] -%}
            {%- for part_gender, part_column in (rule.gender_parts or []) -%}
                {%- do gender_rows.append(("'" ~ part_gender ~ "'", part_column, 'false')) -%}
            {%- endfor -%}
        {%- endif -%}
        {%- for gender_sql, measure_sql, rolls_up in gender_rows -%}
            {%- set select_sql -%}
    select
        '{{ rule.subject }}' as subject,
        project_code,
        scope_region_code as region_code,
        record_id,
        '{{ rule.code }}' as indicator_code,
        {{ gender_sql }} as gender,
        {{ rolls_up }} as rolls_up_to_total,
        {{ rule.counting_date }} as event_date,
        cast(({{ measure_sql }}) as {{ type_double() }}) as measure
    from {{ relation }}
    where {{ indicator_flag_column(rule.code) }}
            {%- if measure_sql != measure %}
        and {{ measure_sql }} is not null
            {%- endif %}
            {%- endset -%}
            {%- do selects.append(select_sql) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(selects) }}
{% endmacro %}


{# The rules as rows: what the scaffold of indicator_values and the tests read. #}
{% macro indicator_rule_rows() %}
    {%- for rule in indicator_rules() %}
    select
        '{{ rule.code }}' as indicator_code,
        '{{ rule.subject }}' as subject,
        '{{ rule.aggregation }}' as aggregation,
        '{{ rule.counting_date }}' as counting_date_column,
        {{ 'true' if rule.gender_parts else 'false' }} as has_gender_parts
    {{ "union all" if not loop.last }}
    {%- endfor %}
{% endmacro %}

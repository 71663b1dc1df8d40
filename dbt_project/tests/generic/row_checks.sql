{#
    A model's row-level checks in one test node and one scan of the model: not null, accepted
    values, row expressions, and unique column combinations. A dbt test node costs about
    35 ms of dbt's own work (and a Dagster check event) however small its query, so the
    ~120 column tests these replace cost seconds on every build; here they are one node per
    model. Each failing check is one result row: which check, how many rows fail it.

    checks: a list of
      - {not_null: column}
      - {accepted_values: column, values: [...]}      (nulls pass, as in dbt's accepted_values)
      - {expression: "sql that must be true"}          (false or null fails)
      - {unique: [column, ...]}                        (the combination is unique)
      - {relationship: column, to: "ref('model')", field: column}
                                                       (every non-null value is in to.field)
    Any check may narrow its rows with `where: "sql"` and name itself with `name: ...`.
#}
{% test row_checks(model, checks) %}

{%- set row_checks = [] -%}
{%- set unique_checks = [] -%}
{%- set relationship_checks = [] -%}
{%- for check in checks -%}
    {%- if check.unique is defined -%}
        {%- do unique_checks.append(check) -%}
    {%- elif check.relationship is defined -%}
        {%- do relationship_checks.append(check) -%}
    {%- else -%}
        {%- do row_checks.append(check) -%}
    {%- endif -%}
{%- endfor %}

with

{% if row_checks %}
row_counts as (

    select
    {%- for check in row_checks %}
        sum(case when {{ row_check_fails(check) }} then 1 else 0 end) as failing_{{ loop.index }}
        {{- "," if not loop.last }}
    {%- endfor %}
    from {{ model }}

),
{% endif %}

{% for check in unique_checks %}
duplicates_{{ loop.index }} as (

    select count(*) as failing_rows
    from (
        select {{ check.unique | join(', ') }}
        from {{ model }}
        {% if check.where is defined %}where {{ check.where }}{% endif %}
        group by {{ check.unique | join(', ') }}
        having count(*) > 1
    ) as duplicated

),
{% endfor %}

{% for check in relationship_checks %}
orphans_{{ loop.index }} as (

    select count(*) as failing_rows
    from {{ model }} as child
    where child.{{ check.relationship }} is not null
        {% if check.where is defined %}and ({{ check.where }}){% endif %}
        and not exists (
            select 1
            from {{ check.to }} as parent
            where parent.{{ check.field }} = child.{{ check.relationship }}
        )

),
{% endfor %}

failures as (

    {% for check in row_checks -%}
    select '{{ row_check_label(check) }}' as failed_check, failing_{{ loop.index }} as failing_rows
    from row_counts
    union all
    {% endfor -%}
    {%- for check in unique_checks -%}
    select '{{ row_check_label(check) }}' as failed_check, failing_rows
    from duplicates_{{ loop.index }}
    union all
    {% endfor -%}
    {%- for check in relationship_checks -%}
    select '{{ row_check_label(check) }}' as failed_check, failing_rows
    from orphans_{{ loop.index }}
    union all
    {% endfor -%}
    select 'none' as failed_check, 0 as failing_rows

)

select * from failures
where failing_rows > 0

{% endtest %}

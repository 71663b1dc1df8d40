{#
    Every row satisfies `expression` (as dbt_utils.expression_is_true); rows where it is
    false or null fail. Narrow the rows with the test's `config: where:`.
#}
{% test expression_is_true(model, expression, column_name=none) %}

select *
from {{ model }}
where not coalesce({{ expression }}, false)

{% endtest %}

{#
    A quantile in portable SQL (no percentile_cont / quantile_cont, whose syntax differs between
    engines): Hyndman & Fan's type 7, the default of R and numpy, over values already numbered
    1..n in ascending order within the group (row_number() over (... order by value)).
    Use inside an aggregate query grouped by the partition the rows were numbered in:
        h = (n - 1) p + 1,  q = x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)])
    as a sum of the two rows' weighted values.
    Checked against numpy.quantile: [1, 2, 3, 4] -> q25 1.75, median 2.5, q75 3.25.
#}
{% macro interpolated_quantile(value, row_number, n, p) -%}
    {%- set h = '((cast(' ~ n ~ ' as ' ~ type_double() ~ ') - 1) * ' ~ p ~ ' + 1)' -%}
    sum(
        case
            when {{ row_number }} = floor({{ h }})
                then cast({{ value }} as {{ type_double() }}) * (1 - ({{ h }} - floor({{ h }})))
            when {{ row_number }} = floor({{ h }}) + 1
                then cast({{ value }} as {{ type_double() }}) * ({{ h }} - floor({{ h }}))
            else cast(0 as {{ type_double() }})
        end
    )
{%- endmacro %}

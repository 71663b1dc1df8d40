{#
    Confidence intervals in portable SQL (sqrt, floor and case only), for the evaluation marts.
#}

{# The two-sided 95 % normal quantile z(0.975). #}
{% macro z_975() -%}
    cast(1.959964 as {{ type_double() }})
{%- endmacro %}


{#
    One bound ('low' or 'high') of the Wilson score 95 % interval for `successes` out of `n`:
        (x + z^2/2) / (n + z^2)  -/+  z / (n + z^2) * sqrt(x (n - x) / n + z^2 / 4)
    clamped to [0, 1] (at x = 0 or x = n the formula gives 0 or 1 up to rounding);
    null when n = 0. Checked against Newcombe (1998), Stat Med 17:857, table I:
    81/263 -> 0.2553-0.3662, 15/148 -> 0.0624-0.1605, 0/20 -> 0-0.1611, 1/29 -> 0.0061-0.1718.
#}
{% macro wilson_bound(successes, n, bound) -%}
    {%- if bound not in ('low', 'high') -%}
        {{ exceptions.raise_compiler_error("wilson_bound: bound must be 'low' or 'high', not '" ~ bound ~ "'") }}
    {%- endif -%}
    {%- set x = 'cast(' ~ successes ~ ' as ' ~ type_double() ~ ')' -%}
    {%- set m = 'cast(' ~ n ~ ' as ' ~ type_double() ~ ')' -%}
    {%- set z = z_975() -%}
    {%- set centre = '((' ~ x ~ ' + ' ~ z ~ ' * ' ~ z ~ ' / 2) / (' ~ m ~ ' + ' ~ z ~ ' * ' ~ z ~ '))' -%}
    {%- set half_width = '(' ~ z ~ ' / (' ~ m ~ ' + ' ~ z ~ ' * ' ~ z ~ ') * sqrt(' ~ x ~ ' * (' ~ m ~ ' - ' ~ x ~ ') / ' ~ m ~ ' + ' ~ z ~ ' * ' ~ z ~ ' / 4))' -%}
    case
        when {{ n }} is null or {{ n }} = 0 then null
        {%- if bound == 'low' %}
        when {{ centre }} - {{ half_width }} < 0 then cast(0 as {{ type_double() }})
        else {{ centre }} - {{ half_width }}
        {%- else %}
        when {{ centre }} + {{ half_width }} > 1 then cast(1 as {{ type_double() }})
        else {{ centre }} + {{ half_width }}
        {%- endif %}
    end
{%- endmacro %}


{#
    The Student t quantile t(0.975, df) for a 95 % interval: from the seed
    student_t_critical_values (`table_value`, df 1..100, the caller's left join) and, beyond
    the table, the Cornish-Fisher expansion around z (error below 2e-8 from df 101 on).
#}
{% macro t_975(degrees_of_freedom, table_value) -%}
    {%- set z = z_975() -%}
    {%- set df = 'cast(' ~ degrees_of_freedom ~ ' as ' ~ type_double() ~ ')' -%}
    case
        when {{ degrees_of_freedom }} is null or {{ degrees_of_freedom }} < 1 then null
        when {{ degrees_of_freedom }} <= 100 then {{ table_value }}
        else {{ z }}
            + ({{ z }} * {{ z }} * {{ z }} + {{ z }}) / (4 * {{ df }})
            + (5 * {{ z }} * {{ z }} * {{ z }} * {{ z }} * {{ z }} + 16 * {{ z }} * {{ z }} * {{ z }} + 3 * {{ z }})
                / (96 * {{ df }} * {{ df }})
            + (3 * {{ z }} * {{ z }} * {{ z }} * {{ z }} * {{ z }} * {{ z }} * {{ z }}
                + 19 * {{ z }} * {{ z }} * {{ z }} * {{ z }} * {{ z }} + 17 * {{ z }} * {{ z }} * {{ z }} - 15 * {{ z }})
                / (384 * {{ df }} * {{ df }} * {{ df }})
    end
{%- endmacro %}


{#
    `expression` rounded half up to `decimals` places (floor(x * 10^d + 0.5) / 10^d): the
    evaluation marts keep 6 decimals, far below anything shown, so that results compare
    exactly in tests and across engines (round(double, int) is not portable).
#}
{% macro round_half_up(expression, decimals=6) -%}
    {%- set scale = 10 ** decimals -%}
    floor(cast({{ expression }} as {{ type_double() }}) * {{ scale }} + 0.5) / cast({{ scale }} as {{ type_double() }})
{%- endmacro %}

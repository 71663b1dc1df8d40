{#
    numerator / denominator rounded half away from zero to `decimals` places, computed so
    that a ratio of integers ending in exactly 5 (e.g. 469 / 200 = 2.345) rounds up in every
    engine: round() on a double sees 2.34499999... and some engines round half to even.
    floor((2 * 10^d * |n| + q) / (2 * q)) / 10^d is exact for integer sums and counts
    (the quotient lies at least 1/(2q) away from the next integer, far above double precision).
    Null when the denominator is 0 or null.
#}
{% macro round_ratio_half_away_from_zero(numerator, denominator, decimals=2) -%}
    {%- set scale = 10 ** decimals -%}
    case
        when {{ denominator }} is null or {{ denominator }} = 0 then null
        else
            (case when {{ numerator }} < 0 then -1 else 1 end)
            * floor(
                (cast({{ 2 * scale }} as {{ type_double() }}) * abs({{ numerator }}) + {{ denominator }})
                / (cast(2 as {{ type_double() }}) * {{ denominator }})
            )
            / cast({{ scale }} as {{ type_double() }})
    end
{%- endmacro %}

-- Outcome rates among leavers (and followed-up persons) at each reporting cut-off, by group,
-- with the n behind each rate and its Wilson 95 % interval (rules in eval_outcome_rates.yml).

{%- set group_dimensions = [
    ('all', "'all'"),
    ('gender', 'gender'),
    ('age_band', 'age_band'),
    ('labour_market_status', 'labour_market_status'),
    ('partial_work_ability', 'partial_work_ability'),
    ('project', 'project_code'),
    ('region', 'region_code'),
] %}

with

participants as (

    select * from {{ ref('int_participants_grouped') }}

),

cutoffs as (

    select * from {{ ref('reporting_cutoffs') }}

),

results as (

    {%- for result in outcome_denominators() %}
    select '{{ result.code }}' as indicator_code, '{{ result.denominator }}' as denominator
    {{ "union all" if not loop.last }}
    {%- endfor %}

),

-- one row per participant x result whose denominator they are in, from the date they enter
-- it, with every group column beside it
outcomes as (

    {%- for result in outcome_denominators() %}
    select
        {%- for dimension, expression in group_dimensions %}
        cast({{ expression }} as {{ dbt.type_string() }}) as group_{{ dimension }},
        {%- endfor %}
        '{{ result.code }}' as indicator_code,
        {{ result.date_column }} as denominator_date,
        coalesce(counts_in_{{ result.code | lower }}, false) as is_counted
    from participants
    where {{ result.date_column }} is not null
        and {{ result.condition }}
    {{ "union all" if not loop.last }}
    {%- endfor %}

),

-- each date belongs to the half-year period ending at the first cut-off on or after it;
-- counted per combination of groups first (a few thousand rows however many participants),
-- then per group dimension from those counts
combination_counts as (

    select
        {%- for dimension, expression in group_dimensions %}
        outcomes.group_{{ dimension }},
        {%- endfor %}
        outcomes.indicator_code,
        cutoffs.cutoff_date,
        count(*) as n,
        sum(case when outcomes.is_counted then 1 else 0 end) as numerator
    from outcomes
    inner join cutoffs
        on outcomes.denominator_date <= cutoffs.cutoff_date
        and outcomes.denominator_date > coalesce(cutoffs.previous_cutoff_date, cast('1900-01-01' as date))
    group by
        {%- for dimension, expression in group_dimensions %}
        outcomes.group_{{ dimension }},
        {%- endfor %}
        outcomes.indicator_code,
        cutoffs.cutoff_date

),

period_counts as (

    {%- for dimension, expression in group_dimensions %}
    select
        '{{ dimension }}' as group_dimension,
        group_{{ dimension }} as group_value,
        indicator_code,
        cutoff_date,
        sum(n) as n,
        sum(numerator) as numerator
    from combination_counts
    group by group_{{ dimension }}, indicator_code, cutoff_date
    {{ "union all" if not loop.last }}
    {%- endfor %}

),

-- the groups of every counted participant, each dimension's values
group_values as (

    {%- for dimension, expression in group_dimensions %}
    select distinct
        '{{ dimension }}' as group_dimension,
        cast({{ expression }} as {{ dbt.type_string() }}) as group_value
    from participants
    {{ "union all" if not loop.last }}
    {%- endfor %}

),

-- every group of a counted participant at every cut-off, zeros included
scaffold as (

    select
        cutoffs.cutoff_date,
        group_values.group_dimension,
        group_values.group_value,
        results.indicator_code,
        results.denominator
    from cutoffs
    cross join group_values
    cross join results

),

cumulative as (

    select
        scaffold.*,
        sum(coalesce(period_counts.numerator, 0)) over (
            partition by scaffold.group_dimension, scaffold.group_value, scaffold.indicator_code
            order by scaffold.cutoff_date
            rows between unbounded preceding and current row
        ) as numerator,
        sum(coalesce(period_counts.n, 0)) over (
            partition by scaffold.group_dimension, scaffold.group_value, scaffold.indicator_code
            order by scaffold.cutoff_date
            rows between unbounded preceding and current row
        ) as n
    from scaffold
    left join period_counts
        on scaffold.cutoff_date = period_counts.cutoff_date
        and scaffold.group_dimension = period_counts.group_dimension
        and scaffold.group_value = period_counts.group_value
        and scaffold.indicator_code = period_counts.indicator_code

),

final as (

    select

        ----------  ids
        cutoff_date,
        group_dimension,
        group_value,
        indicator_code,
        denominator,

        ---------- the rate and its 95 % interval
        cast(numerator as {{ dbt.type_bigint() }}) as numerator,
        cast(n as {{ dbt.type_bigint() }}) as n,
        case when n > 0 then {{ round_half_up('cast(numerator as ' ~ type_double() ~ ') / n') }} end as rate,
        {{ round_half_up(wilson_bound('numerator', 'n', 'low')) }} as wilson_low,
        {{ round_half_up(wilson_bound('numerator', 'n', 'high')) }} as wilson_high

    from cumulative

)

select * from final

-- Progress against targets: per reporting cut-off x scope x indicator x gender with a target,
-- the value, the target applicable at the cut-off, achievement %, a forecast of the value at
-- the target date from the trend of the cut-off series, and a status. The rules are written
-- down in indicator_achievement.yml.

{%- set trend_half_years = var('forecast_trend_half_years', 4) | int %}
{%- set at_risk_share = (var('target_at_risk_pct', 80) | float) / 100 %}
{%- if trend_half_years < 1 %}
    {{ exceptions.raise_compiler_error("var forecast_trend_half_years must be 1 or more") }}
{%- endif %}
{%- set key = ['scope_type', 'scope_code', 'indicator_code', 'gender'] %}

with

cutoffs as (

    select
        cutoff_date,
        period_start_date,
        row_number() over (order by cutoff_date) as cutoff_number
    from {{ ref('reporting_cutoffs') }}

),

-- the cut-offs, and before them point 0: the end of the half-year before the first cut-off,
-- when every cumulative value was still 0
cutoff_points as (

    select cutoff_number, cutoff_date
    from cutoffs

    union all

    select 0 as cutoff_number, {{ add_days(-1, 'period_start_date') }} as cutoff_date
    from cutoffs
    where cutoff_number = 1

),

targets as (

    select * from {{ ref('dim_targets') }}

),

target_keys as (

    select distinct {{ key | join(', ') }}
    from targets

),

-- the cut-off series of every scope x indicator x gender that has a target
series as (

    select
        indicator_values.cutoff_date,
        cutoffs.cutoff_number,
        {%- for column in key %}
        indicator_values.{{ column }},
        {%- endfor %}
        indicator_values.value
    from {{ ref('indicator_values') }} as indicator_values
    inner join target_keys
        on {% for column in key %}indicator_values.{{ column }} = target_keys.{{ column }}{{ "\n        and " if not loop.last }}{% endfor %}
    inner join cutoffs
        on indicator_values.cutoff_date = cutoffs.cutoff_date

),

first_counted as (

    select
        series.*,
        min(case when value <> 0 then cutoff_number end) over (
            partition by {{ key | join(', ') }}
        ) as first_nonzero_cutoff_number
    from series

),

-- the trend's base point: {{ trend_half_years }} half-years back, or, when later, the last point at
-- which the value was still 0 (a project that started late is not diluted by its empty past)
trend_bases as (

    select
        first_counted.*,
        case
            when first_nonzero_cutoff_number is null or cutoff_number < first_nonzero_cutoff_number then null
            when cutoff_number - {{ trend_half_years }} > first_nonzero_cutoff_number - 1
                then cutoff_number - {{ trend_half_years }}
            else first_nonzero_cutoff_number - 1
        end as base_cutoff_number
    from first_counted

),

with_base as (

    select
        trend_bases.*,
        base_points.cutoff_date as base_date,
        case
            when trend_bases.base_cutoff_number is null then null
            else coalesce(base_values.value, 0)
        end as base_value
    from trend_bases
    left join cutoff_points as base_points
        on trend_bases.base_cutoff_number = base_points.cutoff_number
    left join series as base_values
        on {% for column in key %}trend_bases.{{ column }} = base_values.{{ column }}{{ "\n        and " if not loop.last }}{% endfor %}
        and trend_bases.base_cutoff_number = base_values.cutoff_number

),

-- the target applicable at the cut-off: the earliest target_date on or after it, else the latest
with_target as (

    select
        with_base.*,
        targets.target_date,
        targets.target_value,
        targets.aggregation,
        -- the trend's current point: the cut-off, or the as-of date while the cut-off is ahead
        case
            when with_base.cutoff_date > {{ as_of_date() }} then {{ as_of_date() }}
            else with_base.cutoff_date
        end as observed_date
    from with_base
    inner join targets
        on {% for column in key %}with_base.{{ column }} = targets.{{ column }}{{ "\n        and " if not loop.last }}{% endfor %}
        and (targets.previous_target_date is null or with_base.cutoff_date > targets.previous_target_date)
        and (with_base.cutoff_date <= targets.target_date or targets.is_latest_target)

),

forecasts as (

    select
        with_target.*,
        case
            when value is null then null
            -- a mean does not accumulate: its forecast is its current value
            when aggregation = 'mean' then value
            -- nothing counted yet: no trend
            when base_cutoff_number is null then value
            -- the target date has come: the value is what it reached
            when target_date <= observed_date then value
            when {{ days_between('base_date', 'observed_date') }} <= 0 then value
            else value
                + (value - base_value)
                * {{ days_between('observed_date', 'target_date') }}
                / cast({{ days_between('base_date', 'observed_date') }} as {{ type_double() }})
        end as forecast_value
    from with_target

),

final as (

    select

        ----------  ids
        cutoff_date,
        scope_type,
        scope_code,
        indicator_code,
        gender,

        ---------- value and target
        value,
        target_date,
        target_value,
        case when target_value > 0 then {{ round_half_up('100 * value / target_value') }} end as achievement_pct,
        value >= target_value as is_target_reached,

        ---------- forecast
        {{ round_half_up('forecast_value') }} as forecast_value,
        case when target_value > 0 then {{ round_half_up('100 * forecast_value / target_value') }} end as forecast_pct,
        base_date as trend_base_date,
        base_value as trend_base_value,

        ---------- status
        case
            when value is null then null
            when value >= target_value then 'on track'
            -- a forecast within rounding of the bound counts as reaching it
            when forecast_value >= target_value - 0.000001 then 'on track'
            when forecast_value >= {{ at_risk_share }} * target_value - 0.000001 then 'at risk'
            else 'off track'
        end as status

    from forecasts

)

select * from final

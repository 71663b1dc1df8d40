-- The long table: one row per reporting cut-off x scope x indicator x gender, zeros included.
-- Values are cumulative from the start of the programme to the cut-off; the EU Pact for
-- Skills' PS01-PS06 (pact_indicator_values) are per calendar year, at project scope and at the
-- cut-offs of 31 December only.

with

cutoffs as (

    select * from {{ ref('reporting_cutoffs') }}

),

scopes as (

    select * from {{ ref('dim_scopes') }}

),

indicator_genders as (

    select * from {{ ref('dim_indicator_genders') }}

),

increments as (

    select * from {{ ref('indicator_increments') }}

),

pact as (

    select * from {{ ref('pact_indicator_values') }}

),

scaffold as (

    select
        cutoffs.cutoff_date,
        scopes.scope_type,
        scopes.scope_code,
        indicator_genders.indicator_code,
        indicator_genders.gender,
        indicator_genders.aggregation
    from cutoffs
    cross join scopes
    cross join indicator_genders

),

-- each increment belongs to the half-year period that ends at the first cut-off on or after
-- its date; increments after the latest cut-off belong to none
period_increments as (

    select
        increments.scope_type,
        increments.scope_code,
        increments.indicator_code,
        increments.gender,
        cutoffs.cutoff_date,
        sum(increments.n) as n,
        sum(increments.value_sum) as value_sum
    from increments
    inner join cutoffs
        on increments.event_date <= cutoffs.cutoff_date
        and increments.event_date > coalesce(cutoffs.previous_cutoff_date, cast('1900-01-01' as date))
    group by 1, 2, 3, 4, 5

),

cumulative as (

    select
        scaffold.cutoff_date,
        scaffold.scope_type,
        scaffold.scope_code,
        scaffold.indicator_code,
        scaffold.gender,
        scaffold.aggregation,
        sum(coalesce(period_increments.n, 0)) over (
            partition by scaffold.scope_type, scaffold.scope_code, scaffold.indicator_code, scaffold.gender
            order by scaffold.cutoff_date
            rows between unbounded preceding and current row
        ) as cumulative_n,
        sum(coalesce(period_increments.value_sum, 0)) over (
            partition by scaffold.scope_type, scaffold.scope_code, scaffold.indicator_code, scaffold.gender
            order by scaffold.cutoff_date
            rows between unbounded preceding and current row
        ) as cumulative_value_sum
    from scaffold
    left join period_increments
        on scaffold.cutoff_date = period_increments.cutoff_date
        and scaffold.scope_type = period_increments.scope_type
        and scaffold.scope_code = period_increments.scope_code
        and scaffold.indicator_code = period_increments.indicator_code
        and scaffold.gender = period_increments.gender

),

final as (

    select
        cutoff_date,
        scope_type,
        scope_code,
        indicator_code,
        gender,
        cast(
            case aggregation
                when 'count' then cumulative_n
                when 'sum' then cumulative_value_sum
                -- a mean over no rows is absent, not zero
                when 'mean' then
                    case indicator_code
                    {%- for rule in indicator_rules() if rule.aggregation == 'mean' and rule.decimals is defined %}
                        when '{{ rule.code }}' then {{ round_ratio_half_away_from_zero('cumulative_value_sum', 'cumulative_n', rule.decimals) }}
                    {%- endfor %}
                        else {{ round_ratio_half_away_from_zero('cumulative_value_sum', 'cumulative_n', 2) }}
                    end
            end
            as {{ type_double() }}
        ) as value
    from cumulative

    union all

    select
        cutoff_date,
        scope_type,
        scope_code,
        indicator_code,
        gender,
        value
    from pact

)

select * from final

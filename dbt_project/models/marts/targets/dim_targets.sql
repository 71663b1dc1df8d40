-- The current, non-withdrawn targets (monitoring-data.md 3.6), with the span of cut-offs each
-- one applies to: a target applies from the day after the previous target_date of the same
-- scope x indicator x gender through its own target_date, and the latest one also after it.

with

targets as (

    select * from {{ ref('stg_monitoring__targets') }}
    where not is_withdrawn

),

rules as (

    select * from {{ ref('int_indicator_rules') }}

),

sequenced as (

    select
        scope_type,
        scope_code,
        indicator_code,
        gender,
        target_date,
        target_value,
        lag(target_date) over (
            partition by scope_type, scope_code, indicator_code, gender
            order by target_date
        ) as previous_target_date,
        max(target_date) over (
            partition by scope_type, scope_code, indicator_code, gender
        ) as latest_target_date,
        upload_id
    from targets

),

final as (

    select

        ----------  ids
        sequenced.scope_type,
        sequenced.scope_code,
        sequenced.indicator_code,
        sequenced.gender,
        sequenced.target_date,

        ---------- the target
        sequenced.target_value,
        rules.aggregation,

        ---------- the cut-offs it applies to
        sequenced.previous_target_date,
        sequenced.target_date = sequenced.latest_target_date as is_latest_target,

        ---------- provenance
        sequenced.upload_id

    from sequenced
    -- a code no rule computes has no values to compare with (the ingest refuses such rows)
    inner join rules
        on sequenced.indicator_code = rules.indicator_code

)

select * from final

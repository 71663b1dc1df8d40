-- One row per counted participant with the groups the evaluation compares (gender, age band,
-- labour-market status and partial work ability at entry, project, region) and the result
-- flags of the indicator rules (macros/rules/indicator_rules.sql), so a rate's numerator is
-- exactly what the result indicator counts.

with

participants as (

    select * from {{ ref('int_participants_classified') }}

),

grouped as (

    select

        ----------  ids
        project_code,
        participant_id,

        ---------- where the participant counts
        specific_objective,
        scope_region_code as region_code,

        ---------- groups at entry
        gender,
        case
            when age_at_entry < 18 then '<18'
            when age_at_entry <= 29 then '18-29'
            when age_at_entry <= 54 then '30-54'
            when age_at_entry >= 55 then '55+'
            else 'unknown'
        end as age_band,
        labour_market_status,
        -- yes | no | declined, and empty = unknown
        coalesce(partial_work_ability, 'unknown') as partial_work_ability,
        labour_market_status = 'employed' as is_employed_at_entry,

        ---------- dates
        entry_date,
        exit_date,
        followup_date,

        ---------- results (the indicator rules' flags)
        counts_in_eecr01,
        counts_in_eecr02,
        counts_in_eecr03,
        counts_in_eecr04,
        counts_in_eecr05,
        counts_in_eecr06

    from participants

)

select * from grouped

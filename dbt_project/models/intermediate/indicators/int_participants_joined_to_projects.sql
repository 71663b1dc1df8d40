-- Participants who can count: not withdrawn, in a project that is known and not withdrawn,
-- with the project's place in the programme.

with

participants as (

    select * from {{ ref('stg_monitoring__participants') }}
    where not is_withdrawn

),

projects as (

    select * from {{ ref('stg_monitoring__projects') }}
    where not is_withdrawn

),

joined as (

    select

        ----------  ids
        participants.project_code,
        participants.participant_id,
        participants.participant_id as record_id,

        ---------- the project's place in the programme
        projects.specific_objective,
        projects.priority,
        projects.category_of_region,
        projects.region_code as project_region_code,
        -- the region scope the participant counts in: their own region, else the project's
        coalesce(participants.region_code, projects.region_code) as scope_region_code,

        ---------- characteristics at entry
        participants.gender,
        participants.age_at_entry,
        participants.labour_market_status,
        participants.unemployment_months,
        participants.education_isced,
        participants.disability,
        participants.third_country_national,
        participants.foreign_background,
        participants.minority,
        participants.homeless,
        participants.rural_area,
        participants.partial_work_ability,
        participants.region_code,

        ---------- situation upon leaving
        participants.exit_job_searching,
        participants.exit_in_education,
        participants.exit_qualification,
        participants.exit_employed,

        ---------- situation six months after leaving
        participants.followup_employed,
        participants.followup_improved,

        ---------- dates
        participants.entry_date,
        participants.exit_date,
        participants.followup_date

    -- inner join: participants of unknown or withdrawn projects count nowhere
    from participants
    inner join projects
        on participants.project_code = projects.project_code

)

select * from joined

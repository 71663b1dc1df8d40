-- One row per counted activity (not withdrawn, in a known, non-withdrawn project) with a
-- `counts_in_<code>` flag per activity indicator rule (macros/rules/indicator_rules.sql).

with

activities as (

    select * from {{ ref('stg_monitoring__activities') }}
    where not is_withdrawn

),

projects as (

    select * from {{ ref('stg_monitoring__projects') }}
    where not is_withdrawn

),

-- each activity type's Pact category (seed-work.md 3.3 a): uploads fill an empty cell in with
-- it, versions uploaded before contract 1.1 get it here
pact_defaults as (

    select * from {{ ref('activity_pact_categories') }}

),

counted as (

    select

        ----------  ids
        activities.project_code,
        activities.activity_id,
        activities.activity_id as record_id,

        ---------- the activity
        activities.activity_type,
        activities.target_group,
        activities.delivery_mode,
        activities.region_code,
        projects.region_code as project_region_code,
        -- the region scope the activity counts in: its own region (empty for many online
        -- events), else the project's
        coalesce(activities.region_code, projects.region_code) as scope_region_code,
        activities.duration_hours,

        ---------- the EU Pact for Skills (seed-work.md 3.3 a)
        coalesce(activities.pact_category, pact_defaults.pact_category) as pact_category,
        coalesce(activities.new_training_programme, false) as is_new_training_programme,
        activities.competence_area,
        activities.organisations_represented,

        ---------- attendees
        activities.attendees_total,
        activities.attendees_women,
        activities.attendees_men,
        activities.attendees_non_binary,

        ---------- dates
        activities.start_date

    -- inner join: activities of unknown or withdrawn projects count nowhere
    from activities
    inner join projects
        on activities.project_code = projects.project_code
    left join pact_defaults
        on activities.activity_type = pact_defaults.activity_type

),

classified as (

    select

        counted.*,

        ---------- one flag per indicator rule
        {{ indicator_flag_columns('activities') | indent(4) }}

    from counted

)

select * from classified

-- One row per counted feedback response with a `counts_in_<code>` flag per feedback indicator
-- rule (macros/rules/indicator_rules.sql). A response counts only when neither it, its
-- activity nor its project is withdrawn (docs/indicators.md: feedback on a withdrawn activity does
-- not count).

with

feedback as (

    select * from {{ ref('stg_monitoring__feedback') }}
    where not is_withdrawn

),

activities as (

    select * from {{ ref('stg_monitoring__activities') }}
    where not is_withdrawn

),

projects as (

    select * from {{ ref('stg_monitoring__projects') }}
    where not is_withdrawn

),

counted as (

    select

        ----------  ids
        feedback.project_code,
        feedback.activity_id,
        feedback.respondent_id,
        {{ dbt.concat(['feedback.activity_id', "'/'", 'feedback.respondent_id']) }} as record_id,

        ---------- the activity answered about
        activities.activity_type,
        -- the region scope the response counts in: its activity's region, else the project's
        coalesce(activities.region_code, projects.region_code) as scope_region_code,

        ---------- scores
        feedback.satisfaction,
        feedback.competence_before,
        feedback.competence_after,

        ---------- dates
        feedback.response_date

    from feedback
    inner join activities
        on feedback.project_code = activities.project_code
        and feedback.activity_id = activities.activity_id
    inner join projects
        on feedback.project_code = projects.project_code

),

classified as (

    select

        counted.*,

        ---------- one flag per indicator rule
        {{ indicator_flag_columns('feedback') | indent(4) }}

    from counted

)

select * from classified

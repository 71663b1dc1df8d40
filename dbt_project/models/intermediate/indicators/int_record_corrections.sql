-- The correction uploads (uploads that updated or withdrew records) and the projects whose
-- records they touched: a record whose current version came from such an upload was changed
-- or withdrawn by it. Consistency rule 7 accepts a decrease of a reported value when such an
-- upload came after the value was recorded.

with

uploads as (

    select * from {{ ref('stg_monitoring__uploads') }}
    where rows_updated > 0 or rows_withdrawn > 0

),

projects as (

    select * from {{ ref('stg_monitoring__projects') }}

),

-- every record's current version (withdrawn ones included) and the upload it came from
record_versions as (

    select 'projects' as kind, project_code, upload_id from projects
    union all
    select 'participants' as kind, project_code, upload_id from {{ ref('stg_monitoring__participants') }}
    union all
    select 'entities' as kind, project_code, upload_id from {{ ref('stg_monitoring__entities') }}
    union all
    select 'activities' as kind, project_code, upload_id from {{ ref('stg_monitoring__activities') }}
    union all
    select 'feedback' as kind, project_code, upload_id from {{ ref('stg_monitoring__feedback') }}

),

corrections as (

    select distinct
        record_versions.kind,
        record_versions.project_code,
        projects.specific_objective,
        uploads.upload_id,
        uploads.received_at
    from record_versions
    inner join uploads
        on record_versions.upload_id = uploads.upload_id
    left join projects
        on record_versions.project_code = projects.project_code

)

select * from corrections

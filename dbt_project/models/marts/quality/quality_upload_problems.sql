-- The import reports' problems, summarised per upload: counts per upload x project x
-- severity x rule, which of them are still open, and the rows they concern as counts only
-- (no values, no record ids). When a problem is open is told in quality_upload_problems.yml.

with

problems as (

    select
        upload_id,
        row_number,
        rule_id,
        severity
    from {{ source('ledger', 'upload_problems') }}

),

uploads as (

    select
        upload_id,
        kind
    from {{ ref('stg_monitoring__uploads') }}

),

records as (

    select
        project_code,
        upload_id,
        source_row
    from {{ ref('int_records_in_force') }}

),

-- the latest upload of each kind (refused files without a kind form one group)
latest_of_kind as (

    select max(upload_id) as upload_id
    from uploads
    group by kind

),

uploads_in_force as (

    select upload_id from records
    union
    select upload_id from latest_of_kind

),

traced as (

    select
        problems.upload_id,
        uploads.kind,
        records.project_code,
        problems.severity,
        problems.rule_id,
        problems.row_number,
        case
            -- on a row that is the current version of a record in force
            when records.upload_id is not null then 1
            -- on a row whose record a later upload superseded or withdrew (or that was not stored)
            when problems.severity = 'warning' and problems.row_number is not null then 0
            -- an error (its row was rejected) or a file-level problem: while its upload is in force
            when uploads_in_force.upload_id is not null then 1
            else 0
        end as is_open
    from problems
    left join uploads
        on problems.upload_id = uploads.upload_id
    left join records
        on problems.upload_id = records.upload_id
        and problems.row_number = records.source_row
    left join uploads_in_force
        on problems.upload_id = uploads_in_force.upload_id

),

summarised as (

    select
        upload_id,
        kind,
        project_code,
        severity,
        rule_id,
        count(*) as problems,
        count(distinct row_number) as problem_rows,
        cast(sum(is_open) as {{ dbt.type_bigint() }}) as open_problems,
        count(distinct case when is_open = 1 then row_number end) as open_rows
    from traced
    group by upload_id, kind, project_code, severity, rule_id

)

select * from summarised

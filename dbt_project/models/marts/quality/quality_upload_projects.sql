-- Which projects each upload belongs to, derived from the records it stored (the ledger's
-- uploads have no project column, and one file may hold several projects' rows): one row per
-- upload x kind x project, with how many of those records are still in force and whether it is
-- the project's latest upload of the kind.

with

contributed as (

    select
        upload_id,
        kind,
        project_code,
        records
    from {{ source('ledger', 'upload_projects') }}

),

in_force as (

    select
        upload_id,
        kind,
        project_code,
        count(*) as current_records
    from {{ ref('int_records_in_force') }}
    where project_code is not null
    group by upload_id, kind, project_code

),

ranked as (

    select
        contributed.upload_id,
        contributed.kind,
        contributed.project_code,
        contributed.records,
        coalesce(in_force.current_records, 0) as current_records,
        row_number() over (
            partition by contributed.kind, contributed.project_code
            order by contributed.upload_id desc
        ) as recency
    from contributed
    left join in_force
        on contributed.upload_id = in_force.upload_id
        and contributed.kind = in_force.kind
        and contributed.project_code = in_force.project_code

),

final as (

    select
        upload_id,
        kind,
        project_code,
        records,
        current_records,
        case when recency = 1 then true else false end as is_latest
    from ranked

)

select * from final

-- How complete the optional fields are: per project x kind x optional column of the contract,
-- the records in force (current versions, not withdrawn) and the share of them that have the
-- column filled. The counts come from the raw-table load (source ledger.optional_fields_filled),
-- where the contract names the columns; here only the projects the indicators count remain.

with

filled as (

    select
        kind,
        project_code,
        column_name,
        records,
        filled
    from {{ source('ledger', 'optional_fields_filled') }}

),

projects as (

    select project_code
    from {{ ref('stg_monitoring__projects') }}
    where not is_withdrawn

),

final as (

    select
        filled.project_code,
        filled.kind,
        filled.column_name,
        filled.records,
        filled.filled,
        cast(filled.filled as {{ type_double() }}) / nullif(filled.records, 0) as filled_share
    from filled
    inner join projects
        on filled.project_code = projects.project_code

)

select * from final

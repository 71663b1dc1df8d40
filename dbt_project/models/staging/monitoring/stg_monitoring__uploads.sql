with

source as (

    select * from {{ source('monitoring', 'uploads') }}

),

renamed as (

    select

        ----------  ids
        upload_id,
        sha256,

        ---------- the file
        file_name,
        kind,
        outcome,

        ---------- what it did (rows)
        cast(coalesce(rows_read, 0) as {{ dbt.type_bigint() }}) as rows_read,
        cast(coalesce(inserted, 0) as {{ dbt.type_bigint() }}) as rows_inserted,
        cast(coalesce(updated, 0) as {{ dbt.type_bigint() }}) as rows_updated,
        cast(coalesce(unchanged, 0) as {{ dbt.type_bigint() }}) as rows_unchanged,
        cast(coalesce(rejected, 0) as {{ dbt.type_bigint() }}) as rows_rejected,
        cast(coalesce(withdrawn, 0) as {{ dbt.type_bigint() }}) as rows_withdrawn,

        ---------- dates
        received_at

    from source

)

select * from renamed

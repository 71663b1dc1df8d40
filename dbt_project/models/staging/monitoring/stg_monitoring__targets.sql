with

source as (

    select * from {{ source('monitoring', 'targets') }}

),

renamed as (

    select

        ----------  ids
        scope_type,
        scope_code,
        indicator_code,
        -- the contract's default for an empty cell
        coalesce(gender, 'total') as gender,

        ---------- the target
        cast(target_date as date) as target_date,
        cast(target_value as {{ type_double() }}) as target_value,

        ---------- flags
        coalesce(withdrawn, false) as is_withdrawn,

        ---------- provenance
        upload_id,
        source_row

    from source

)

select * from renamed

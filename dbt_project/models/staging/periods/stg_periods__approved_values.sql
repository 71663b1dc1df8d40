with

source as (

    select * from {{ source('periods', 'approved_values') }}

),

renamed as (

    select

        ----------  ids
        cutoff_date,
        scope_type,
        scope_code,
        indicator_code,
        gender,

        ---------- the value
        value,

        ---------- dates
        approved_at

    from source

)

select * from renamed

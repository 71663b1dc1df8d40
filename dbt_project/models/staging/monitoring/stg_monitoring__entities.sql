with

source as (

    select * from {{ source('monitoring', 'entities') }}

),

renamed as (

    select

        ----------  ids
        project_code,
        business_id,

        ---------- text
        organisation_name,

        ---------- codes
        organisation_type,
        size_class,
        -- the contract: an empty social_enterprise means no
        coalesce(social_enterprise, 'no') as social_enterprise,
        support_type,
        region_code,

        ---------- numerics
        cast(support_hours as {{ type_double() }}) as support_hours,
        cast(employees as {{ dbt.type_bigint() }}) as employees,
        cast(employees_partial_work_ability as {{ dbt.type_bigint() }}) as employees_partial_work_ability,

        ---------- yes/no
        cooperative,
        newly_founded,

        ---------- dates
        cast(support_start_date as date) as support_start_date,

        ---------- flags
        coalesce(withdrawn, false) as is_withdrawn,

        ---------- provenance
        upload_id,
        source_row

    from source

)

select * from renamed

with

source as (

    select * from {{ source('monitoring', 'projects') }}

),

renamed as (

    select

        ----------  ids
        project_code,
        lead_business_id,

        ---------- text
        project_name,
        lead_organisation,

        ---------- codes
        specific_objective,
        priority,
        -- the contract's default for an empty cell
        coalesce(category_of_region, 'more_developed') as category_of_region,
        region_code,

        ---------- numerics
        cast(budget_eur as {{ type_double() }}) as budget_eur,

        ---------- dates
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,

        ---------- flags
        coalesce(withdrawn, false) as is_withdrawn,

        ---------- provenance
        upload_id,
        source_row

    from source

)

select * from renamed

with

source as (

    select * from {{ source('monitoring', 'funding_referrals') }}

),

renamed as (

    select

        ----------  ids
        project_code,
        -- the contract: an empty opportunity_project_code is the referring project's register
        coalesce(opportunity_project_code, project_code) as opportunity_project_code,
        opportunity_id,
        business_id,
        activity_id,

        ---------- codes (as given on the row; entities win, in the intermediate model)
        organisation_type,
        social_enterprise,
        region_code,
        channel,
        status,
        role_in_application,

        ---------- numerics
        cast(applied_amount_eur as {{ type_double() }}) as applied_amount_eur,
        cast(granted_amount_eur as {{ type_double() }}) as granted_amount_eur,

        ---------- dates
        cast(informed_date as date) as informed_date,
        cast(application_date as date) as application_date,
        cast(decision_date as date) as decision_date,
        cast(status_checked_date as date) as status_checked_date,

        ---------- flags
        coalesce(withdrawn, false) as is_withdrawn,

        ---------- provenance
        upload_id,
        source_row

    from source

)

select * from renamed

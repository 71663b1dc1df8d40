with

source as (

    select * from {{ source('monitoring', 'funding_opportunities') }}

),

renamed as (

    select

        ----------  ids
        project_code,
        opportunity_id,

        ---------- text
        title,
        call_identifier,
        url,

        ---------- codes
        programme,
        management,
        instrument,
        deadline_model,
        geographic_scope,
        region_code,
        theme,

        ---------- numerics
        cast(budget_eur as {{ type_double() }}) as budget_eur,
        cast(grant_min_eur as {{ type_double() }}) as grant_min_eur,
        cast(grant_max_eur as {{ type_double() }}) as grant_max_eur,
        cast(max_funding_rate_pct as {{ type_double() }}) as max_funding_rate_pct,

        ---------- yes/no (empty = unknown)
        on_gateway,
        contributed_to_gateway,
        consortium_required,
        eligible_enterprise,
        eligible_association,
        eligible_foundation,
        eligible_public_administration,
        eligible_education,

        ---------- dates
        cast(opening_date as date) as opening_date,
        cast(deadline_date as date) as deadline_date,
        cast(recorded_date as date) as recorded_date,

        ---------- flags
        coalesce(withdrawn, false) as is_withdrawn,

        ---------- provenance
        upload_id,
        source_row

    from source

)

select * from renamed

with

source as (

    select * from {{ source('monitoring', 'participants') }}

),

renamed as (

    select

        ----------  ids
        project_code,
        participant_id,

        ---------- characteristics at entry
        gender,
        cast(age_at_entry as {{ dbt.type_bigint() }}) as age_at_entry,
        labour_market_status,
        cast(unemployment_months as {{ dbt.type_bigint() }}) as unemployment_months,
        cast(education_isced as {{ dbt.type_bigint() }}) as education_isced,
        -- yes | no | declined
        disability,
        third_country_national,
        foreign_background,
        -- yes | no | declined
        minority,
        homeless,
        rural_area,
        -- yes | no | declined
        partial_work_ability,
        region_code,

        ---------- situation upon leaving
        exit_job_searching,
        exit_in_education,
        exit_qualification,
        exit_employed,

        ---------- situation six months after leaving
        followup_employed,
        followup_improved,

        ---------- dates
        cast(entry_date as date) as entry_date,
        cast(exit_date as date) as exit_date,
        cast(followup_date as date) as followup_date,

        ---------- flags
        coalesce(withdrawn, false) as is_withdrawn,

        ---------- provenance
        upload_id,
        source_row

    from source

)

select * from renamed

with

source as (

    select * from {{ source('monitoring', 'activities') }}

),

renamed as (

    select

        ----------  ids
        project_code,
        activity_id,

        ---------- text
        title,

        ---------- codes
        activity_type,
        delivery_mode,
        target_group,
        region_code,
        -- contract 1.1 (seed-work.md 3.3 a): empty only in versions uploaded before it, which
        -- int_activities_classified gives their type's default
        pact_category,
        competence_area,

        ---------- numerics
        cast(duration_hours as {{ type_double() }}) as duration_hours,
        cast(attendees_total as {{ dbt.type_bigint() }}) as attendees_total,
        cast(attendees_women as {{ dbt.type_bigint() }}) as attendees_women,
        cast(attendees_men as {{ dbt.type_bigint() }}) as attendees_men,
        cast(attendees_non_binary as {{ dbt.type_bigint() }}) as attendees_non_binary,
        cast(organisations_represented as {{ dbt.type_bigint() }}) as organisations_represented,

        ---------- dates
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,

        ---------- flags
        coalesce(withdrawn, false) as is_withdrawn,
        new_training_programme,

        ---------- provenance
        upload_id,
        source_row

    from source

)

select * from renamed

with

source as (

    select * from {{ source('monitoring', 'feedback') }}

),

renamed as (

    select

        ----------  ids
        project_code,
        activity_id,
        respondent_id,

        ---------- scores (1-5)
        cast(satisfaction as {{ dbt.type_bigint() }}) as satisfaction,
        cast(competence_before as {{ dbt.type_bigint() }}) as competence_before,
        cast(competence_after as {{ dbt.type_bigint() }}) as competence_after,

        ---------- dates
        cast(response_date as date) as response_date,

        ---------- flags
        coalesce(withdrawn, false) as is_withdrawn,

        ---------- provenance
        upload_id,
        source_row

    from source

)

select * from renamed

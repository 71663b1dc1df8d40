with

source as (

    select * from {{ source('monitoring', 'project_figures') }}

),

renamed as (

    select

        ----------  ids
        project_code,
        cast(year as {{ dbt.type_bigint() }}) as year,
        figure_code,

        ---------- the figure
        cast(value as {{ type_double() }}) as value,
        note,

        ---------- flags
        coalesce(withdrawn, false) as is_withdrawn,

        ---------- provenance
        upload_id,
        source_row

    from source

)

select * from renamed

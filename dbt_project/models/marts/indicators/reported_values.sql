-- The values as reported: each reporting cut-off's values as they stood at the first build
-- after its transmission date (cut-off + 31 days: 31 July, 31 January), kept from build to
-- build. Incremental, append only: a value once recorded never changes (a full refresh
-- starts the record over). Consistency rule 7 compares the next cut-off with these.

{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}

with

cutoffs as (

    select
        cutoff_date,
        {{ add_days(31, 'cutoff_date') }} as transmission_date
    from {{ ref('reporting_cutoffs') }}

),

transmitted as (

    select * from cutoffs
    where transmission_date < {{ as_of_date() }}

),

indicator_values as (

    select * from {{ ref('indicator_values') }}

),

uploads as (

    select coalesce(max(upload_id), 0) as last_upload_id
    from {{ ref('stg_monitoring__uploads') }}

),

to_record as (

    select
        indicator_values.cutoff_date,
        indicator_values.scope_type,
        indicator_values.scope_code,
        indicator_values.indicator_code,
        indicator_values.gender,
        indicator_values.value,
        transmitted.transmission_date
    from indicator_values
    inner join transmitted
        on indicator_values.cutoff_date = transmitted.cutoff_date
    {%- if is_incremental() %}
    -- recorded once: later builds leave a recorded value as it is
    where not exists (
        select 1
        from {{ this }} as recorded
        where recorded.cutoff_date = indicator_values.cutoff_date
            and recorded.scope_type = indicator_values.scope_type
            and recorded.scope_code = indicator_values.scope_code
            and recorded.indicator_code = indicator_values.indicator_code
            and recorded.gender = indicator_values.gender
    )
    {%- endif %}

),

final as (

    select
        to_record.*,
        -- what the value was computed from: every upload up to this one
        cast(uploads.last_upload_id as {{ dbt.type_bigint() }}) as recorded_after_upload_id,
        -- no clock time: the same uploads and as-of date give the same table
        {{ as_of_date() }} as recorded_as_of_date,
        cast('{{ var("long_term_unemployment_rule", "eu") }}' as {{ dbt.type_string() }}) as long_term_unemployment_rule
    from to_record
    cross join uploads

)

select * from final

-- EU Pact for Skills commitments (seed-work.md 3.3 c): a pledge is a project's target on a PS
-- code (or on SE14 and SE04, which the yearly report quotes for principles 3 and 4) with its
-- target_date in the calendar year it is for, normally 31 December. One row per project x
-- year x indicator x gender: the latest target_date of the year when there are several.
-- dim_targets keeps the cumulative indicators' targets; a pledge is for one year only.

with

targets as (

    select * from {{ ref('stg_monitoring__targets') }}
    where not is_withdrawn
        and scope_type = 'project'

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

pledged as (

    select
        targets.scope_code as project_code,
        extract(year from targets.target_date) as year,
        targets.indicator_code,
        targets.gender,
        targets.target_date,
        targets.target_value,
        row_number() over (
            partition by targets.scope_code, extract(year from targets.target_date), targets.indicator_code, targets.gender
            order by targets.target_date desc
        ) as latest_first
    from targets
    inner join catalogue
        on targets.indicator_code = catalogue.indicator_code
    where catalogue.subject = 'pact'
        or targets.indicator_code in ('SE04', 'SE14')

),

final as (

    select
        project_code,
        cast(year as {{ dbt.type_bigint() }}) as year,
        indicator_code,
        gender,
        target_date,
        target_value
    from pledged
    where latest_first = 1

)

select * from final

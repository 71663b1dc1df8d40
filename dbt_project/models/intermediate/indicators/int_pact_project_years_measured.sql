-- The EU Pact for Skills measures (seed-work.md 3.3 b), one row per project x calendar year:
-- everything PS01-PS06 and the pact_annual export are made of. Not cumulative: a year counts
-- what started in it (start_date, support_start_date in [1 January, 31 December]; a training
-- over New Year counts in its start year) and the figures reported for it.
-- Years: those whose 31 December is a reporting cut-off, for every project that runs in the
-- year or has something counted in it.

with

cutoffs as (

    select * from {{ ref('reporting_cutoffs') }}

),

projects as (

    select * from {{ ref('dim_scopes') }}
    where scope_type = 'project'

),

activities as (

    select
        *,
        extract(year from start_date) as year
    from {{ ref('int_activities_classified') }}

),

entities as (

    select
        *,
        extract(year from support_start_date) as year
    from {{ ref('int_entities_classified') }}

),

figures as (

    select figures.*
    from {{ ref('stg_monitoring__project_figures') }} as figures
    -- figures of withdrawn or unknown projects count nowhere
    inner join projects
        on figures.project_code = projects.scope_code
    where not figures.is_withdrawn

),

year_ends as (

    select
        cutoff_date,
        extract(year from cutoff_date) as year
    from cutoffs
    where extract(month from cutoff_date) = 12

),

-- PS01, PS02's attendances, PS03's counted part, PS04 and PS06
activity_years as (

    select
        project_code,
        year,
        sum(case when pact_category = 'upskilling' then attendees_total else 0 end) as upskilling_attendances,
        sum(case when pact_category = 'upskilling' then coalesce(attendees_women, 0) else 0 end) as upskilling_attendances_women,
        sum(case when pact_category = 'upskilling' then coalesce(attendees_men, 0) else 0 end) as upskilling_attendances_men,
        sum(case when pact_category = 'upskilling' then coalesce(attendees_non_binary, 0) else 0 end) as upskilling_attendances_non_binary,
        sum(case when pact_category = 'upskilling' and scope_region_code <> 'MK01' then attendees_total else 0 end) as upskilling_attendances_outside_uusimaa,
        sum(case when pact_category = 'upskilling' and delivery_mode in ('online', 'hybrid') then attendees_total else 0 end) as upskilling_attendances_online_or_hybrid,
        count(distinct case when pact_category = 'upskilling' and attendees_total >= 1 then scope_region_code end) as regions_reached,
        sum(case when pact_category = 'outreach' then attendees_total else 0 end) as outreach_attendances,
        sum(case when pact_category = 'partnership' then coalesce(organisations_represented, 0) else 0 end) as stakeholders_counted,
        sum(case when is_new_training_programme then 1 else 0 end) as training_programmes_new_or_updated
    from activities
    group by project_code, year

),

-- PS03's identified part: organisations in networking support from that year, once each
-- (an organisation is one record per project)
entity_years as (

    select
        project_code,
        year,
        count(distinct business_id) as stakeholders_identified
    from entities
    where support_type = 'networking'
    group by project_code, year

),

figure_years as (

    select
        project_code,
        year,
        sum(case when figure_code in ('newsletter_recipients', 'event_reach_other') then value else 0 end) as figure_reach,
        max(case when figure_code = 'skills_investment_eur' then value end) as investment_eur,
        max(case when figure_code = 'distinct_persons_upskilled' then value end) as distinct_persons_upskilled
    from figures
    group by project_code, year

),

counted_years as (

    select project_code, year from activity_years
    union
    select project_code, year from entity_years
    union
    select project_code, year from figure_years

),

project_years as (

    select
        projects.scope_code as project_code,
        year_ends.year,
        year_ends.cutoff_date
    from projects
    cross join year_ends
    left join counted_years
        on counted_years.project_code = projects.scope_code
        and counted_years.year = year_ends.year
    where counted_years.year is not null
        or (
            extract(year from projects.start_date) <= year_ends.year
            and extract(year from projects.end_date) >= year_ends.year
        )

),

final as (

    select

        ----------  ids
        project_years.project_code,
        cast(project_years.year as {{ dbt.type_bigint() }}) as year,
        project_years.cutoff_date,

        ---------- upskilling (PS01, PS06)
        cast(coalesce(activity_years.upskilling_attendances, 0) as {{ dbt.type_bigint() }}) as upskilling_attendances,
        cast(coalesce(activity_years.upskilling_attendances_women, 0) as {{ dbt.type_bigint() }}) as upskilling_attendances_women,
        cast(coalesce(activity_years.upskilling_attendances_men, 0) as {{ dbt.type_bigint() }}) as upskilling_attendances_men,
        cast(coalesce(activity_years.upskilling_attendances_non_binary, 0) as {{ dbt.type_bigint() }}) as upskilling_attendances_non_binary,
        cast(figure_years.distinct_persons_upskilled as {{ type_double() }}) as distinct_persons_upskilled,
        cast(coalesce(activity_years.regions_reached, 0) as {{ dbt.type_bigint() }}) as regions_reached,
        {{ round_ratio_half_away_from_zero('activity_years.upskilling_attendances_outside_uusimaa', 'activity_years.upskilling_attendances', 4) }} as share_outside_uusimaa,
        {{ round_ratio_half_away_from_zero('activity_years.upskilling_attendances_online_or_hybrid', 'activity_years.upskilling_attendances', 4) }} as share_online_or_hybrid,

        ---------- reach (PS02): a missing figure adds 0
        cast(coalesce(activity_years.outreach_attendances, 0) as {{ dbt.type_bigint() }}) as outreach_attendances,
        cast(coalesce(figure_years.figure_reach, 0) as {{ type_double() }}) as figure_reach,
        cast(coalesce(activity_years.outreach_attendances, 0) + coalesce(figure_years.figure_reach, 0) as {{ type_double() }}) as people_reached,

        ---------- partnerships (PS03): identified + counted
        cast(coalesce(entity_years.stakeholders_identified, 0) as {{ dbt.type_bigint() }}) as stakeholders_identified,
        cast(coalesce(activity_years.stakeholders_counted, 0) as {{ dbt.type_bigint() }}) as stakeholders_counted,

        ---------- programmes (PS04) and money (PS05: empty without the figure)
        cast(coalesce(activity_years.training_programmes_new_or_updated, 0) as {{ dbt.type_bigint() }}) as training_programmes_new_or_updated,
        cast(figure_years.investment_eur as {{ type_double() }}) as investment_eur

    from project_years
    left join activity_years
        on activity_years.project_code = project_years.project_code
        and activity_years.year = project_years.year
    left join entity_years
        on entity_years.project_code = project_years.project_code
        and entity_years.year = project_years.year
    left join figure_years
        on figure_years.project_code = project_years.project_code
        and figure_years.year = project_years.year

)

select * from final

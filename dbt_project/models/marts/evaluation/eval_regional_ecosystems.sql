-- Regional ecosystems: the distinct organisations engaged per region x organisation_type (and
-- 'all' types) at each reporting cut-off, how many of them are social enterprises and how many
-- were newly founded with a project's support.

with

entities as (

    select * from {{ ref('int_entities_classified') }}

),

regions as (

    select * from {{ ref('regions') }}

),

cutoffs as (

    select * from {{ ref('reporting_cutoffs') }}

),

engaged as (

    select
        cutoffs.cutoff_date,
        entities.scope_region_code as region_code,
        entities.organisation_type,
        entities.business_id,
        case when entities.social_enterprise in ('mark', 'wise', 'self_declared') then 1 else 0 end as is_social_enterprise,
        case when entities.newly_founded then 1 else 0 end as is_newly_founded
    from entities
    inner join cutoffs
        on entities.support_start_date <= cutoffs.cutoff_date

),

-- one row per organisation, once per type it was supported as and once under 'all'; a
-- social enterprise (or newly founded) in any of its projects counts as one
per_organisation as (

    select cutoff_date, region_code, organisation_type, business_id,
        max(is_social_enterprise) as is_social_enterprise,
        max(is_newly_founded) as is_newly_founded
    from engaged
    group by 1, 2, 3, 4

    union all

    select cutoff_date, region_code, 'all' as organisation_type, business_id,
        max(is_social_enterprise) as is_social_enterprise,
        max(is_newly_founded) as is_newly_founded
    from engaged
    group by cutoff_date, region_code, business_id

),

counted as (

    select
        cutoff_date,
        region_code,
        organisation_type,
        count(*) as organisations,
        sum(is_social_enterprise) as social_enterprises,
        sum(is_newly_founded) as newly_founded
    from per_organisation
    group by 1, 2, 3

),

-- every region x type seen at any cut-off, at every cut-off (zeros before it appears)
scaffold as (

    select cutoffs.cutoff_date, region_types.region_code, region_types.organisation_type
    from cutoffs
    cross join (select distinct region_code, organisation_type from per_organisation) as region_types

),

final as (

    select
        scaffold.cutoff_date,
        scaffold.region_code,
        regions.name_fi as region_name,
        scaffold.organisation_type,
        cast(coalesce(counted.organisations, 0) as {{ dbt.type_bigint() }}) as organisations,
        cast(coalesce(counted.social_enterprises, 0) as {{ dbt.type_bigint() }}) as social_enterprises,
        cast(coalesce(counted.newly_founded, 0) as {{ dbt.type_bigint() }}) as newly_founded
    from scaffold
    left join counted
        on scaffold.cutoff_date = counted.cutoff_date
        and scaffold.region_code = counted.region_code
        and scaffold.organisation_type = counted.organisation_type
    left join regions
        on scaffold.region_code = regions.region_code

)

select * from final

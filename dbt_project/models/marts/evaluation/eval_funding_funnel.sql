-- The funding funnel (seed-work.md 2.4, evaluation view): organisations and applications from
-- informed through applied and decided to funded, the two conversion rates with Wilson
-- intervals, the time from informed to application and the euros granted, at each reporting
-- cut-off, per breakdown (rules in eval_funding_funnel.yml).

{%- set group_dimensions = [
    ('all', "'all'"),
    ('project', 'project_code'),
    ('region', 'scope_region_code'),
    ('organisation_type', 'organisation_type'),
    ('social_enterprise', 'social_enterprise'),
    ('programme', 'programme'),
    ('instrument', 'instrument'),
    ('channel', 'channel'),
] %}

with

referrals as (

    select * from {{ ref('int_funding_referrals_classified') }}

),

cutoffs as (

    select cutoff_date from {{ ref('reporting_cutoffs') }}

),

-- one row per referral and breakdown, with the group it falls in
grouped as (

    {%- for dimension, expression in group_dimensions %}
    select
        '{{ dimension }}' as group_dimension,
        coalesce(cast({{ expression }} as {{ dbt.type_string() }}), 'unknown') as group_value,
        business_id,
        informed_date,
        application_date,
        decision_date,
        granted_amount_eur,
        -- the indicator rules' own flags (SE20, SE21, SE22's decided ones, SE23), dated below
        coalesce(counts_in_se20, false) as is_application,
        coalesce(counts_in_se21, false) as is_funded,
        coalesce(counts_in_se22, false) as is_decided,
        coalesce(counts_in_se23, false) as is_granted
    from referrals
    {{ "union all" if not loop.last }}
    {%- endfor %}

),

-- every referral at each cut-off on or after its informed_date, its status projected to the
-- cut-off by its dates (an application from application_date, a decision from decision_date)
at_cutoff as (

    select
        cutoffs.cutoff_date,
        grouped.group_dimension,
        grouped.group_value,
        grouped.business_id,
        grouped.is_application and grouped.application_date <= cutoffs.cutoff_date as is_applied,
        grouped.is_decided and grouped.decision_date <= cutoffs.cutoff_date as is_decided,
        grouped.is_funded and grouped.decision_date <= cutoffs.cutoff_date as is_funded,
        case
            when grouped.is_granted and grouped.decision_date <= cutoffs.cutoff_date
                then grouped.granted_amount_eur
        end as granted_eur,
        case
            when grouped.is_application and grouped.application_date <= cutoffs.cutoff_date
                then {{ days_between('grouped.informed_date', 'grouped.application_date') }}
        end as days_to_application
    from grouped
    inner join cutoffs
        on grouped.informed_date <= cutoffs.cutoff_date

),

-- organisations: distinct business_id within the group (across projects), at the furthest
-- stage any of its referrals in the group has reached
organisations as (

    select
        cutoff_date,
        group_dimension,
        group_value,
        business_id,
        max(case when is_applied then 1 else 0 end) as has_applied,
        max(case when is_decided then 1 else 0 end) as has_decision,
        max(case when is_funded then 1 else 0 end) as has_funding,
        max(case when granted_eur is not null then 1 else 0 end) as has_grant
    from at_cutoff
    group by cutoff_date, group_dimension, group_value, business_id

),

organisation_counts as (

    select
        cutoff_date,
        group_dimension,
        group_value,
        count(*) as organisations_informed,
        sum(has_applied) as organisations_applied,
        sum(has_decision) as organisations_decided,
        sum(has_funding) as organisations_funded,
        sum(has_grant) as granted_organisations
    from organisations
    group by cutoff_date, group_dimension, group_value

),

application_counts as (

    select
        cutoff_date,
        group_dimension,
        group_value,
        count(*) as referrals,
        sum(case when is_applied then 1 else 0 end) as applications,
        sum(case when is_decided then 1 else 0 end) as applications_decided,
        sum(case when is_funded then 1 else 0 end) as applications_funded,
        sum(granted_eur) as granted_eur
    from at_cutoff
    group by cutoff_date, group_dimension, group_value

),

-- days from informed to application, numbered in ascending order per group for the quantiles
ranked_days as (

    select
        cutoff_date,
        group_dimension,
        group_value,
        days_to_application,
        row_number() over (
            partition by cutoff_date, group_dimension, group_value
            order by days_to_application
        ) as day_rank,
        count(*) over (partition by cutoff_date, group_dimension, group_value) as n_days
    from at_cutoff
    where days_to_application is not null

),

days as (

    select
        cutoff_date,
        group_dimension,
        group_value,
        n_days,
        {{ interpolated_quantile('days_to_application', 'day_rank', 'n_days', '0.25') }} as days_q1,
        {{ interpolated_quantile('days_to_application', 'day_rank', 'n_days', '0.5') }} as days_median,
        {{ interpolated_quantile('days_to_application', 'day_rank', 'n_days', '0.75') }} as days_q3
    from ranked_days
    group by cutoff_date, group_dimension, group_value, n_days

),

-- every group of a counted referral at every cut-off, zeros before its first referral
group_values as (

    select distinct group_dimension, group_value from grouped

),

scaffold as (

    select cutoffs.cutoff_date, group_values.group_dimension, group_values.group_value
    from cutoffs
    cross join group_values

),

joined as (

    select
        scaffold.cutoff_date,
        scaffold.group_dimension,
        scaffold.group_value,
        coalesce(organisation_counts.organisations_informed, 0) as organisations_informed,
        coalesce(organisation_counts.organisations_applied, 0) as organisations_applied,
        coalesce(organisation_counts.organisations_decided, 0) as organisations_decided,
        coalesce(organisation_counts.organisations_funded, 0) as organisations_funded,
        coalesce(application_counts.referrals, 0) as referrals,
        coalesce(application_counts.applications, 0) as applications,
        coalesce(application_counts.applications_decided, 0) as applications_decided,
        coalesce(application_counts.applications_funded, 0) as applications_funded,
        coalesce(days.n_days, 0) as n_days,
        days.days_q1,
        days.days_median,
        days.days_q3,
        coalesce(application_counts.granted_eur, 0) as granted_eur,
        coalesce(organisation_counts.granted_organisations, 0) as granted_organisations
    from scaffold
    left join organisation_counts
        on scaffold.cutoff_date = organisation_counts.cutoff_date
        and scaffold.group_dimension = organisation_counts.group_dimension
        and scaffold.group_value = organisation_counts.group_value
    left join application_counts
        on scaffold.cutoff_date = application_counts.cutoff_date
        and scaffold.group_dimension = application_counts.group_dimension
        and scaffold.group_value = application_counts.group_value
    left join days
        on scaffold.cutoff_date = days.cutoff_date
        and scaffold.group_dimension = days.group_dimension
        and scaffold.group_value = days.group_value

),

final as (

    select

        ----------  ids
        cutoff_date,
        group_dimension,
        group_value,

        ---------- the funnel as organisations (distinct business_id in the group)
        cast(organisations_informed as {{ dbt.type_bigint() }}) as organisations_informed,
        cast(organisations_applied as {{ dbt.type_bigint() }}) as organisations_applied,
        cast(organisations_decided as {{ dbt.type_bigint() }}) as organisations_decided,
        cast(organisations_funded as {{ dbt.type_bigint() }}) as organisations_funded,

        ---------- the funnel as referrals (organisation x opportunity) and applications
        cast(referrals as {{ dbt.type_bigint() }}) as referrals,
        cast(applications as {{ dbt.type_bigint() }}) as applications,
        cast(applications_decided as {{ dbt.type_bigint() }}) as applications_decided,
        cast(applications_funded as {{ dbt.type_bigint() }}) as applications_funded,

        ---------- applied / informed (organisations) and its 95 % interval
        case when organisations_informed > 0
            then {{ round_half_up('cast(organisations_applied as ' ~ type_double() ~ ') / organisations_informed') }}
        end as applied_rate,
        {{ round_half_up(wilson_bound('organisations_applied', 'organisations_informed', 'low')) }} as applied_wilson_low,
        {{ round_half_up(wilson_bound('organisations_applied', 'organisations_informed', 'high')) }} as applied_wilson_high,

        ---------- funded / decided (applications, as SE22) and its 95 % interval
        case when applications_decided > 0
            then {{ round_half_up('cast(applications_funded as ' ~ type_double() ~ ') / applications_decided') }}
        end as success_rate,
        {{ round_half_up(wilson_bound('applications_funded', 'applications_decided', 'low')) }} as success_wilson_low,
        {{ round_half_up(wilson_bound('applications_funded', 'applications_decided', 'high')) }} as success_wilson_high,

        ---------- days from informed to application
        cast(n_days as {{ dbt.type_bigint() }}) as days_to_application_n,
        {{ round_half_up('days_q1') }} as days_to_application_q1,
        {{ round_half_up('days_median') }} as days_to_application_median,
        {{ round_half_up('days_q3') }} as days_to_application_q3,

        ---------- euros granted (SE23's rows) and the organisations behind them
        {{ round_half_up('granted_eur', 2) }} as granted_eur,
        cast(granted_organisations as {{ dbt.type_bigint() }}) as granted_organisations

    from joined

)

select * from final

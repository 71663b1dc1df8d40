-- One row per counted referral (its current version: not withdrawn, of a known, non-withdrawn
-- project, naming an opportunity that is in force) with the organisation's characteristics as
-- the referring project's entities have them (entities win over the referral's own columns,
-- seed-work.md 2.2.3), the prior-application flag (FUN-02) and a `counts_in_<code>` flag per
-- referral indicator rule (SE20-SE24; macros/rules/indicator_rules.sql). The status is
-- projected to each cut-off by the rules' counting dates: application_date for the
-- application, decision_date for the decision.

with

referrals as (

    select * from {{ ref('stg_monitoring__funding_referrals') }}
    where not is_withdrawn

),

projects as (

    select * from {{ ref('stg_monitoring__projects') }}
    where not is_withdrawn

),

opportunities as (

    select * from {{ ref('stg_monitoring__funding_opportunities') }}
    where not is_withdrawn

),

entities as (

    select * from {{ ref('stg_monitoring__entities') }}
    where not is_withdrawn

),

joined as (

    select

        ----------  ids
        referrals.project_code,
        referrals.opportunity_project_code,
        referrals.opportunity_id,
        referrals.business_id,
        {{ dbt.concat(["referrals.opportunity_project_code", "'/'", "referrals.opportunity_id", "'/'", "referrals.business_id"]) }} as record_id,

        ---------- the organisation (entities win)
        coalesce(entities.organisation_type, referrals.organisation_type) as organisation_type,
        -- empty = no, as in SE01 (stg_monitoring__entities already reads its empty as no)
        coalesce(entities.social_enterprise, referrals.social_enterprise, 'no') as social_enterprise,
        coalesce(entities.region_code, referrals.region_code) as region_code,
        coalesce(entities.region_code, referrals.region_code, projects.region_code) as scope_region_code,

        ---------- the referral
        referrals.channel,
        referrals.status,
        referrals.applied_amount_eur,
        referrals.granted_amount_eur,

        ---------- the opportunity
        opportunities.programme,
        opportunities.instrument,

        ---------- dates
        referrals.informed_date,
        referrals.application_date,
        referrals.decision_date,
        referrals.status_checked_date

    from referrals
    inner join projects
        on referrals.project_code = projects.project_code
    inner join opportunities
        on referrals.opportunity_project_code = opportunities.project_code
        and referrals.opportunity_id = opportunities.opportunity_id
    left join entities
        on referrals.project_code = entities.project_code
        and referrals.business_id = entities.business_id

),

flagged as (

    select

        joined.*,

        ---------- flags
        coalesce(social_enterprise in ('mark', 'wise', 'self_declared'), false) as is_social_enterprise,
        -- FUN-02: applied before being informed: informed, but not in SE20-SE24
        coalesce(application_date < informed_date, false) as is_prior_application

    from joined

),

classified as (

    select

        flagged.*,

        ---------- one flag per indicator rule
        {{ indicator_flag_columns('funding_referrals') | indent(4) }}

    from flagged

)

select * from classified

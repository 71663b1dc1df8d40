-- Each counted referral's current status (seed-work.md 2.3.2), with the organisation's name as
-- the referring project's entities have it and the opportunity's title: what the Funding page's
-- follow-up list (FUN-06) is made from. It names organisations, so the viewer's shape gives a
-- project manager only its own projects' rows (pipelines/publish/shapes.py).

with

referrals as (

    select * from {{ ref('int_funding_referrals_classified') }}

),

entities as (

    select project_code, business_id, organisation_name
    from {{ ref('stg_monitoring__entities') }}
    where not is_withdrawn

),

opportunities as (

    select project_code, opportunity_id, title
    from {{ ref('stg_monitoring__funding_opportunities') }}

),

final as (

    select

        ----------  ids
        referrals.project_code,
        referrals.opportunity_project_code,
        referrals.opportunity_id,
        referrals.business_id,

        ---------- names
        entities.organisation_name,
        opportunities.title as opportunity_title,

        ---------- the referral
        referrals.channel,
        referrals.status,
        referrals.is_prior_application,

        ---------- dates
        referrals.informed_date,
        referrals.application_date,
        referrals.decision_date,
        referrals.status_checked_date

    from referrals
    left join entities
        on referrals.project_code = entities.project_code
        and referrals.business_id = entities.business_id
    inner join opportunities
        on referrals.opportunity_project_code = opportunities.project_code
        and referrals.opportunity_id = opportunities.opportunity_id

)

select * from final

-- The register of funding opportunities (seed-work.md 2.3.1, 2.5): one row per opportunity in
-- force (the ones SE16 counts: not withdrawn, of a known project in force), with every column
-- of the upload, for the Funding page's working list. Deadlines are compared with today where
-- they are shown, not here, so the badges stay right between builds.

with

counted as (

    select project_code, opportunity_id from {{ ref('int_funding_opportunities_classified') }}

),

opportunities as (

    select * from {{ ref('stg_monitoring__funding_opportunities') }}

),

final as (

    select

        ----------  ids
        opportunities.project_code,
        opportunities.opportunity_id,

        ---------- text
        opportunities.title,
        opportunities.call_identifier,
        opportunities.url,

        ---------- codes
        opportunities.programme,
        opportunities.management,
        opportunities.instrument,
        opportunities.deadline_model,
        opportunities.geographic_scope,
        opportunities.region_code,
        opportunities.theme,

        ---------- amounts
        opportunities.budget_eur,
        opportunities.grant_min_eur,
        opportunities.grant_max_eur,
        opportunities.max_funding_rate_pct,

        ---------- yes/no (empty = unknown)
        opportunities.on_gateway,
        opportunities.contributed_to_gateway,
        opportunities.consortium_required,
        opportunities.eligible_enterprise,
        opportunities.eligible_association,
        opportunities.eligible_foundation,
        opportunities.eligible_public_administration,
        opportunities.eligible_education,

        ---------- dates
        opportunities.opening_date,
        opportunities.deadline_date,
        opportunities.recorded_date

    from opportunities
    inner join counted
        on opportunities.project_code = counted.project_code
        and opportunities.opportunity_id = counted.opportunity_id

)

select * from final

-- One row per organisation a project informed of a funding opportunity (project_code +
-- business_id, over its counted referrals), counting from its first informed_date, with a
-- `counts_in_<code>` flag per organisation indicator rule (SE18, SE19;
-- macros/rules/indicator_rules.sql). Distinct per project: an organisation informed by two
-- projects counts in both (seed-work.md section 6).

with

referrals as (

    select * from {{ ref('int_funding_referrals_classified') }}

),

organisations as (

    select

        ----------  ids
        project_code,
        business_id,
        business_id as record_id,

        ---------- the organisation: entities' values are the same on every referral; the
        ---------- referrals' own may differ, and any that marks a social enterprise counts
        max(case when is_social_enterprise then 1 else 0 end) = 1 as is_social_enterprise,
        min(scope_region_code) as scope_region_code,

        ---------- dates
        min(informed_date) as first_informed_date

    from referrals
    group by project_code, business_id

),

classified as (

    select

        organisations.*,

        ---------- one flag per indicator rule
        {{ indicator_flag_columns('funding_organisations') | indent(4) }}

    from organisations

)

select * from classified

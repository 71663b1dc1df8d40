-- seed-work.md 2.4 consistency rule 12: every organisation with an application in SE20 is in
-- SE18 by the application's date (and so at every cut-off that counts the application):
-- the referrals counting in SE20 whose organisation the same project had not informed by then.
{{ config(tags=['consistency'], severity='error', meta={'dagster': {'ref': {'name': 'int_funding_organisations_classified'}}}) }}

with

applications as (

    select * from {{ ref('int_funding_referrals_classified') }}
    where counts_in_se20

),

informed as (

    select * from {{ ref('int_funding_organisations_classified') }}
    where counts_in_se18

)

select
    applications.project_code,
    applications.record_id,
    applications.application_date,
    informed.first_informed_date
from applications
left join informed
    on applications.project_code = informed.project_code
    and applications.business_id = informed.business_id
where informed.business_id is null
    or informed.first_informed_date > applications.application_date

-- The indicators the models compute (the rules of macros/rules/indicator_rules.sql), one row per
-- gender of their catalogue breakdown: 'gender' gives woman, man, non_binary and total, 'total'
-- the total only. The scaffold of indicator_values and of any export at another cut-off.

with

rules as (

    select * from {{ ref('int_indicator_rules') }}

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

breakdown_genders as (

    select 'gender' as breakdown, 'woman' as gender, 1 as gender_order
    union all select 'gender', 'man', 2
    union all select 'gender', 'non_binary', 3
    union all select 'gender', 'total', 4
    union all select 'total', 'total', 4

),

indicator_genders as (

    select

        ----------  ids
        rules.indicator_code,
        breakdown_genders.gender,

        ---------- how values are computed
        rules.aggregation,
        rules.subject,
        rules.counting_date_column,

        ---------- from the catalogue
        catalogue.indicator_group,
        catalogue.unit,
        catalogue.breakdown,
        catalogue.decimals,
        catalogue.sensitive,
        catalogue.reference_indicator,
        breakdown_genders.gender_order

    from rules
    inner join catalogue
        on rules.indicator_code = catalogue.indicator_code
    inner join breakdown_genders
        on catalogue.breakdown = breakdown_genders.breakdown

)

select * from indicator_genders

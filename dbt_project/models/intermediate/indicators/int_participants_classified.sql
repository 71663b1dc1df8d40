-- One row per counted participant with a `counts_in_<code>` flag per participant indicator
-- rule (macros/rules/indicator_rules.sql). Whether the participant already counts at a
-- cut-off is decided later, from the rule's counting date.

with

participants as (

    select * from {{ ref('int_participants_joined_to_projects') }}

),

classified as (

    select

        participants.*,

        ---------- one flag per indicator rule
        {{ indicator_flag_columns('participants') | indent(4) }}

    from participants

)

select * from classified

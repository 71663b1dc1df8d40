{#
    The indicator rules of indicators.md, in ONE place. Every model that classifies records,
    unpivots them into indicator events or lists the computed indicators is generated from
    this list, so a rule cannot differ between the flag, the event and the scaffold.

    Each rule:
      code            indicator code, as in seeds/indicator_catalogue.csv
      subject         participants | entities | activities | feedback | funding_opportunities |
                      funding_organisations | funding_referrals: the int_<subject>_classified
                      model the rule reads
      condition       SQL over that model's columns; null counts as false
      counting_date   the column whose date starts the record counting (event_date); a record
                      with that date empty never counts
      aggregation     count: value = number of records
                      sum:   value = sum of `measure`
                      mean:  value = sum of `measure` / number of records (rows without a
                             measure do not qualify)
      measure         SQL for sum and mean rules (count rules measure 1)
      decimals        (mean rules only) the places a mean is rounded to, half away from zero;
                      2 unless given
      gender_parts    (sum rules only) [(gender, column), ...]: the gender rows come from these
                      columns and the total from `measure`; without it a participant rule
                      is broken down by the person's gender and the total is their sum, and
                      any other rule has a total only
#}

{% macro indicator_rules() %}
    {{ return(
        participant_indicator_rules()
        + entity_indicator_rules()
        + activity_indicator_rules()
        + feedback_indicator_rules()
        + funding_indicator_rules()
    ) }}
{% endmacro %}


{% macro indicator_rules_for(subject) %}
    {{ return(indicator_rules() | selectattr('subject', 'equalto', subject) | list) }}
{% endmacro %}


{% macro participant_indicator_rules() %}

    {%- set rule_setting = var('long_term_unemployment_rule', 'eu') -%}
    {%- if rule_setting == 'eu' -%}
        {#- The EU rule: more than 6 months below 25, more than 12 months from 25 on. -#}
        {%- set long_term = "labour_market_status = 'unemployed' and ((age_at_entry < 25 and unemployment_months > 6) or (age_at_entry >= 25 and unemployment_months > 12))" -%}
    {%- elif rule_setting == 'national' -%}
        {%- set long_term = "labour_market_status = 'unemployed' and unemployment_months >= 12" -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error("var long_term_unemployment_rule must be 'eu' or 'national', not '" ~ rule_setting ~ "'") }}
    {%- endif -%}

    {%- set at_entry = {'subject': 'participants', 'counting_date': 'entry_date', 'aggregation': 'count'} -%}
    {%- set upon_leaving = {'subject': 'participants', 'counting_date': 'exit_date', 'aggregation': 'count'} -%}
    {%- set six_months_after = {'subject': 'participants', 'counting_date': 'followup_date', 'aggregation': 'count'} -%}

    {%- set rules = [
        dict(at_entry, code='EECO01', condition="true"),
        dict(at_entry, code='EECO02', condition="labour_market_status = 'unemployed'"),
        dict(at_entry, code='EECO03', condition=long_term),
        dict(at_entry, code='EECO04', condition="labour_market_status = 'inactive'"),
        dict(at_entry, code='EECO05', condition="labour_market_status = 'employed'"),
        dict(at_entry, code='EECO06', condition="age_at_entry < 18"),
        dict(at_entry, code='EECO07', condition="age_at_entry >= 18 and age_at_entry <= 29"),
        dict(at_entry, code='EECO08', condition="age_at_entry >= 55"),
        dict(at_entry, code='EECO09', condition="education_isced >= 0 and education_isced <= 2"),
        dict(at_entry, code='EECO10', condition="education_isced >= 3 and education_isced <= 4"),
        dict(at_entry, code='EECO11', condition="education_isced >= 5 and education_isced <= 8"),
        dict(at_entry, code='EECO12', condition="disability = 'yes'"),
        dict(at_entry, code='EECO13', condition="third_country_national = true"),
        dict(at_entry, code='EECO14', condition="foreign_background = true"),
        dict(at_entry, code='EECO15', condition="minority = 'yes'"),
        dict(at_entry, code='EECO16', condition="homeless = true"),
        dict(at_entry, code='EECO17', condition="rural_area = true"),
        dict(upon_leaving, code='EECR01', condition="exit_job_searching = true"),
        dict(upon_leaving, code='EECR02', condition="exit_in_education = true"),
        dict(upon_leaving, code='EECR03', condition="exit_qualification = true"),
        dict(upon_leaving, code='EECR04', condition="exit_employed = true"),
        dict(six_months_after, code='EECR05', condition="followup_employed = true"),
        dict(six_months_after, code='EECR06', condition="labour_market_status = 'employed' and followup_improved = true"),
        dict(at_entry, code='SE04', condition="partial_work_ability = 'yes'"),
        dict(upon_leaving, code='SE05', condition="partial_work_ability = 'yes' and exit_employed = true"),
    ] -%}

    {{ return(rules) }}

{% endmacro %}


{# Organisations count once per project key, from support_start_date. #}
{% macro entity_indicator_rules() %}

    {%- set supported = {'subject': 'entities', 'counting_date': 'support_start_date', 'aggregation': 'count'} -%}

    {%- set rules = [
        dict(supported, code='EECO18', condition="organisation_type = 'public_administration'"),
        dict(supported, code='EECO19', condition="organisation_type = 'enterprise' and size_class in ('micro', 'small', 'medium')"),
        dict(supported, code='SE01', condition="social_enterprise in ('mark', 'wise', 'self_declared')"),
        dict(supported, code='SE02', condition="newly_founded = true"),
        dict(supported, code='SE03', condition="newly_founded = true and social_enterprise <> 'no'"),
        dict(supported, code='SE06', condition="true", aggregation='sum', measure='employees_partial_work_ability'),
    ] -%}

    {{ return(rules) }}

{% endmacro %}


{# Activities count once per project key, from start_date. #}
{% macro activity_indicator_rules() %}

    {%- set held = {'subject': 'activities', 'counting_date': 'start_date', 'aggregation': 'count'} -%}

    {%- set rules = [
        dict(held, code='SE07', condition="activity_type = 'training'"),
        dict(held, code='SE08', condition="activity_type = 'training'", aggregation='sum', measure='duration_hours'),
        dict(held, code='SE09',
            condition="activity_type in ('training', 'webinar', 'peer_learning') and target_group in ('business_services', 'employment_services')",
            aggregation='sum', measure='attendees_total'),
        dict(held, code='SE10', condition="activity_type = 'network_event'"),
        dict(held, code='SE11', condition="true", aggregation='sum', measure='attendees_total',
            gender_parts=[('woman', 'attendees_women'), ('man', 'attendees_men'), ('non_binary', 'attendees_non_binary')]),
    ] -%}

    {{ return(rules) }}

{% endmacro %}


{# Feedback counts from response_date, only on counted (non-withdrawn) activities. #}
{% macro feedback_indicator_rules() %}

    {%- set answered = {'subject': 'feedback', 'counting_date': 'response_date', 'aggregation': 'mean'} -%}

    {%- set rules = [
        dict(answered, code='SE12', condition="satisfaction is not null", measure='satisfaction'),
        dict(answered, code='SE13', condition="competence_before is not null and competence_after is not null",
            measure='competence_after - competence_before'),
    ] -%}

    {{ return(rules) }}

{% endmacro %}


{#
    Funding opportunities and referrals (seed-work.md 2.4). SE16-SE17 count opportunities under
    their own project from recorded_date; SE18-SE19 organisations per referring project from
    their first informed_date; SE20-SE24 the current version of each referral, its status
    projected to the cut-off by its dates: an application counts from application_date, a
    decision (funded, rejected) from decision_date. Prior applications (FUN-02) count as
    informed only. SE22 is the share of decided applications that were funded, in percent: a
    mean of 100 / 0 over the decided ones, so that every scope recomputes it from its parts.
#}
{% macro funding_indicator_rules() %}

    {%- set recorded = {'subject': 'funding_opportunities', 'counting_date': 'recorded_date', 'aggregation': 'count'} -%}
    {%- set informed = {'subject': 'funding_organisations', 'counting_date': 'first_informed_date', 'aggregation': 'count'} -%}
    {%- set applied = {'subject': 'funding_referrals', 'counting_date': 'application_date', 'aggregation': 'count'} -%}
    {%- set decided = {'subject': 'funding_referrals', 'counting_date': 'decision_date', 'aggregation': 'count'} -%}
    {%- set application = "not is_prior_application and application_date is not null" -%}
    {%- set funded = application ~ " and status = 'funded'" -%}

    {%- set rules = [
        dict(recorded, code='SE16', condition="true"),
        dict(recorded, code='SE17', condition="contributed_to_gateway = true"),
        dict(informed, code='SE18', condition="true"),
        dict(informed, code='SE19', condition="is_social_enterprise"),
        dict(applied, code='SE20', condition="not is_prior_application and status in ('submitted', 'funded', 'rejected')"),
        dict(decided, code='SE21', condition=funded),
        dict(decided, code='SE22', condition=application ~ " and status in ('funded', 'rejected')",
            aggregation='mean', measure="case when status = 'funded' then 100 else 0 end", decimals=1),
        dict(decided, code='SE23', condition=funded, aggregation='sum', measure='granted_amount_eur'),
        dict(decided, code='SE24', condition=funded ~ " and is_social_enterprise", aggregation='sum',
            measure='granted_amount_eur'),
    ] -%}

    {{ return(rules) }}

{% endmacro %}

-- Where every record in force comes from: the upload and source row of the current version of
-- each record that is not withdrawn, for every kind. Ephemeral (inlined into the quality
-- marts), so it costs the build no node of its own.

{{ config(materialized='ephemeral') }}

{%- set kinds = [
    ('projects', 'project_code'),
    ('participants', 'project_code'),
    ('entities', 'project_code'),
    ('activities', 'project_code'),
    ('feedback', 'project_code'),
    ('targets', "case when scope_type = 'project' then scope_code end"),
    ('funding_opportunities', 'project_code'),
    ('funding_referrals', 'project_code'),
] %}

with

{% for kind, project in kinds %}
{{ kind }} as (

    select
        '{{ kind }}' as kind,
        {{ project }} as project_code,
        upload_id,
        source_row
    from {{ ref('stg_monitoring__' ~ kind) }}
    where not is_withdrawn

),

{% endfor %}
unioned as (

{% for kind, _ in kinds %}
    select * from {{ kind }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}

)

select * from unioned

{#
    The outcome rates of the evaluation views (docs/indicators.md, "Evaluation views"): each result
    indicator over the participants it can count, at a cut-off C:

      EECR01-04  upon leaving        ÷ leavers (exit_date <= C)
      EECR05     six months after    ÷ followed-up persons (followup_date <= C)
      EECR06     six months after    ÷ followed-up persons employed at entry (its reference
                                       output is EECO05: only they can count)

    code, denominator (its name), date_column (the date from which a participant is in the
    denominator, the same column the result counts from) and condition (SQL over
    int_participants_grouped, who else must hold). The numerator is the rule's own flag
    counts_in_<code>, so a rate's numerator is always the indicator's value.
#}
{% macro outcome_denominators() %}
    {{ return([
        {'code': 'EECR01', 'denominator': 'leavers', 'date_column': 'exit_date', 'condition': 'true'},
        {'code': 'EECR02', 'denominator': 'leavers', 'date_column': 'exit_date', 'condition': 'true'},
        {'code': 'EECR03', 'denominator': 'leavers', 'date_column': 'exit_date', 'condition': 'true'},
        {'code': 'EECR04', 'denominator': 'leavers', 'date_column': 'exit_date', 'condition': 'true'},
        {'code': 'EECR05', 'denominator': 'followed_up', 'date_column': 'followup_date', 'condition': 'true'},
        {'code': 'EECR06', 'denominator': 'followed_up_employed_at_entry', 'date_column': 'followup_date', 'condition': 'is_employed_at_entry'},
    ]) }}
{% endmacro %}

"""The half-year reporting schedule: on 1 January and 1 July, the day after each cut-off, the
whole graph runs: the build, then the official and public exports of the half-year just closed."""

from dagster import ScheduleDefinition

from pipelines.orchestration.jobs import half_year_job

HALF_YEAR_CRON = "0 3 1 1,7 *"  # 03:00 on 1 January and 1 July
TIMEZONE = "Europe/Helsinki"

half_year_schedule = ScheduleDefinition(
    name="half_year_reporting_schedule",
    job=half_year_job,
    cron_schedule=HALF_YEAR_CRON,
    execution_timezone=TIMEZONE,
    description="On 1 January and 1 July: build, then export the cut-off that just closed.",
)

"""The Celery app: configuration from Django settings (CELERY_* names) and the one beat table."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pmo_portal.settings")

app = Celery("pmo_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Every installed app's tasks module, pmo_portal's own included.
app.autodiscover_tasks()

# The one beat table of the portal: every periodic job is declared here, with why it runs.
app.conf.beat_schedule = {
    # Drops expired sessions nightly so the session table does not grow without bound.
    "clear-expired-sessions": {
        "task": "pmo_portal.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=15),
    },
    # Drops expired and otherwise dead API tokens nightly; they already authenticate nobody.
    "purge-dead-api-tokens": {
        "task": "governance.tasks.purge_dead_api_tokens",
        "schedule": crontab(hour=3, minute=25),
    },
    # Records each active project's remaining work once a day, the points of the burndown chart.
    "record-burndowns": {
        "task": "projects.tasks.record_burndowns",
        "schedule": crontab(hour=23, minute=30),
    },
    # Drains stale rollup marks every minute: the marks an edit left while the broker was down, or
    # whose queued drain was lost, reach the dashboards within a minute of the broker's return.
    "drain-rollups": {
        "task": "reports.tasks.drain_rollups",
        "schedule": 60.0,
    },
    # Recomputes every project from its source rows nightly (dates move even when nobody edits) and
    # upserts the week's snapshots, so each week keeps its last state for the trends.
    "rebuild-rollups": {
        "task": "reports.tasks.rebuild_rollups",
        "schedule": crontab(hour=0, minute=20),
    },
    # Reminds owners of open risks past their review date and open actions past due, once a day in
    # the morning; a second run the same day records nothing new (one reminder per owner, item, day).
    "send-risk-reminders": {
        "task": "risks.tasks.send_risk_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
}

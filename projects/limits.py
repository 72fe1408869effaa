"""Bounds on what users and files may put into a plan, shared by the forms, the API and the importers."""

# The longest duration and the largest lag or lead accepted from users and files, in working days
# (about 380 years): far beyond any real plan, so a few extra digits typed by mistake are refused.
MAX_DURATION_DAYS = 100_000
MAX_LAG_DAYS = 100_000
# The longest task name, in characters (the Task model's max_length).
MAX_TASK_NAME_LENGTH = 200
# The largest lag or lead of a link in a project without both a start and a finish date, in working
# days: three years of five-day weeks. With both dates, the working days between them is the limit
# (projects.services.dependencies.dependency_lag_limit).
MAX_LAG_DAYS_WITHOUT_FINISH = 3 * 52 * 5

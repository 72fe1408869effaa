"""The columns of the tabular plan format (CSV and XLSX share it; see projects.plan_io) and their limits."""

from decimal import Decimal

WBS = "WBS"
NAME = "Name"
MILESTONE = "Milestone"
DURATION = "Duration (days)"
START = "Start"
FINISH = "Finish"
PERCENT_COMPLETE = "% Complete"
PLANNED_COST = "Planned cost"
ASSIGNEE = "Assignee"
PREDECESSORS = "Predecessors"
CONSTRAINT = "Constraint"
CONSTRAINT_DATE = "Constraint date"
ACTUAL_START = "Actual start"
ACTUAL_FINISH = "Actual finish"
NOTES = "Notes"

COLUMNS = (
    WBS,
    NAME,
    MILESTONE,
    DURATION,
    START,
    FINISH,
    PERCENT_COMPLETE,
    PLANNED_COST,
    ASSIGNEE,
    PREDECESSORS,
    CONSTRAINT,
    CONSTRAINT_DATE,
    ACTUAL_START,
    ACTUAL_FINISH,
    NOTES,
)
REQUIRED_COLUMNS = (WBS, NAME)
# Other spellings accepted in a header, compared after lower-casing and collapsing spaces.
_ALIASES = {
    "duration": DURATION,
    "duration (working days)": DURATION,
    "percent complete": PERCENT_COMPLETE,
    "% complete": PERCENT_COMPLETE,
    "complete": PERCENT_COMPLETE,
    "cost": PLANNED_COST,
    "assignee (username)": ASSIGNEE,
    "task name": NAME,
    "wbs code": WBS,
}
_CANONICAL = {column.lower(): column for column in COLUMNS} | _ALIASES


def canonical_column(title: str) -> str | None:
    """The column a header cell names (spaces collapsed, any case, or an alias); None if none."""
    return _CANONICAL.get(" ".join(title.split()).lower())


# Text starting with one of these is a formula to a spreadsheet: export guards it, import unguards it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_COST = Decimal("1e12")

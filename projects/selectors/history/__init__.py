"""A project's change history: its own fields, its plan's and workflow's events, its comments."""

from projects.selectors.history.events import link_name
from projects.selectors.history.fields import Fact, FieldChange, HistoryEntry, project_field_history
from projects.selectors.history.merged import ProjectHistory, project_change_history

__all__ = [
    "Fact",
    "FieldChange",
    "HistoryEntry",
    "ProjectHistory",
    "link_name",
    "project_change_history",
    "project_field_history",
]

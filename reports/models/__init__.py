"""Models of the reports app: each project's rolled-up figures, slipped milestones and weekly snapshots."""

from reports.models.milestones import SlippedMilestone
from reports.models.rollups import ProjectRollup
from reports.models.snapshots import WeeklySnapshot

__all__ = ["ProjectRollup", "SlippedMilestone", "WeeklySnapshot"]

"""Models of the reports app: the rolled-up figures of each project and their weekly snapshots."""

from reports.models.rollups import ProjectRollup
from reports.models.snapshots import WeeklySnapshot

__all__ = ["ProjectRollup", "WeeklySnapshot"]

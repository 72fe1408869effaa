"""Models of the projects app, one module per entity family, re-exported here for Django and callers."""

from projects.models.baselines import Baseline, BaselineTask
from projects.models.calendars import (
    ALL_WEEKDAYS_MASK,
    MONDAY_TO_FRIDAY_MASK,
    CalendarHoliday,
    OfficialHolidays,
    ProjectCalendar,
)
from projects.models.changes import (
    ApprovalDecision,
    ApprovalRole,
    ChangeApproval,
    ChangeRequest,
    ChangeRequestState,
)
from projects.models.costs import CostEntry
from projects.models.evaluations import EvaluationState, ObjectivesMet, PostProjectEvaluation
from projects.models.gates import (
    PASSING_STATES,
    ChecklistAnswer,
    Deliverable,
    DeliverableState,
    FollowUp,
    GateDecision,
    GateReview,
    GateReviewState,
    Waiver,
)
from projects.models.history import PlanEvent, PlanEventKind
from projects.models.knowledge import Lesson, LessonCategory, LessonTag, ProjectComment
from projects.models.plans import Dependency, DependencyType, ScheduleConstraint, Task
from projects.models.portfolios import Portfolio, Program, code_validator
from projects.models.projects import MembershipRole, Phase, Priority, Project, ProjectMembership, Status
from projects.models.reporting import (
    RAG_DIMENSIONS,
    RAG_FIELDS,
    SCALE_FIELDS,
    BurndownPoint,
    Rag,
    RollupMark,
    StatusReport,
    StatusReportState,
)

__all__ = [
    "ALL_WEEKDAYS_MASK",
    "MONDAY_TO_FRIDAY_MASK",
    "ApprovalDecision",
    "ApprovalRole",
    "ChangeApproval",
    "ChangeRequest",
    "ChangeRequestState",
    "Baseline",
    "BaselineTask",
    "BurndownPoint",
    "CalendarHoliday",
    "CostEntry",
    "Dependency",
    "DependencyType",
    "EvaluationState",
    "ObjectivesMet",
    "PostProjectEvaluation",
    "MembershipRole",
    "OfficialHolidays",
    "Phase",
    "PlanEvent",
    "PlanEventKind",
    "Portfolio",
    "Priority",
    "Program",
    "Project",
    "ProjectCalendar",
    "ProjectMembership",
    "RollupMark",
    "RAG_DIMENSIONS",
    "RAG_FIELDS",
    "SCALE_FIELDS",
    "Rag",
    "StatusReport",
    "StatusReportState",
    "ScheduleConstraint",
    "Status",
    "Task",
    "code_validator",
    "Lesson",
    "LessonCategory",
    "LessonTag",
    "ProjectComment",
    "PASSING_STATES",
    "ChecklistAnswer",
    "Deliverable",
    "DeliverableState",
    "FollowUp",
    "GateDecision",
    "GateReview",
    "GateReviewState",
    "Waiver",
]

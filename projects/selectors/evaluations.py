"""Reads of the post-project evaluation: the figures it is prefilled with, who may write it, the lessons."""

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Min, Q, QuerySet, Sum

from governance import policy
from projects.models import (
    Baseline,
    BaselineTask,
    ChangeRequest,
    ChangeRequestState,
    CostEntry,
    Lesson,
    PostProjectEvaluation,
    Project,
    Status,
    Task,
)
from projects.selectors.projects import Viewer, project_pmo_type


@dataclass(frozen=True)
class EvaluationFigures:
    """What a post-project evaluation is prefilled with; None where the source has nothing to give."""

    baseline_name: str
    baseline_start: date | None
    baseline_finish: date | None
    actual_start: date | None
    actual_finish: date | None
    tasks_without_actual_finish: int
    currency: str
    budget: Decimal | None
    actual_cost: Decimal | None
    approved_changes: int
    approved_changes_cost: Decimal | None
    approved_changes_days: int

    def as_fields(self) -> dict:
        return asdict(self)


FIGURE_FIELDS = tuple(EvaluationFigures.__dataclass_fields__)


def evaluation_figures(project: Project) -> EvaluationFigures:
    """The project's figures from its source rows, in five queries: the latest baseline's span (earliest
    start to latest finish of its rows), the tasks' actual dates, the cost booked and the approved
    change requests (count, cost and schedule impact)."""
    baseline = Baseline.objects.filter(project=project).order_by("-created_at", "-pk").first()
    span = (
        BaselineTask.objects.filter(baseline=baseline).aggregate(start=Min("start"), finish=Max("finish"))
        if baseline
        else {"start": None, "finish": None}
    )
    actual = Task.objects.filter(project=project, is_summary=False).aggregate(
        start=Min("actual_start"),
        finish=Max("actual_finish"),
        unfinished=Count("pk", filter=Q(actual_finish__isnull=True)),
    )
    cost = CostEntry.objects.filter(task__project=project).aggregate(total=Sum("amount"))["total"]
    changes = ChangeRequest.objects.filter(project=project, state=ChangeRequestState.APPROVED).aggregate(
        count=Count("pk"), cost=Sum("cost_impact"), days=Sum("schedule_impact_days")
    )
    return EvaluationFigures(
        baseline_name=baseline.name if baseline else "",
        baseline_start=span["start"],
        baseline_finish=span["finish"],
        actual_start=actual["start"],
        actual_finish=actual["finish"],
        tasks_without_actual_finish=actual["unfinished"],
        currency=project.currency,
        budget=project.budget,
        actual_cost=cost,
        approved_changes=changes["count"],
        approved_changes_cost=changes["cost"],
        approved_changes_days=changes["days"] or 0,
    )


def evaluation_of(project: Project) -> PostProjectEvaluation | None:
    """The project's stored evaluation (draft or submitted), or None before anyone saved one."""
    return (
        PostProjectEvaluation.objects.select_related("created_by", "submitted_by")
        .filter(project=project)
        .first()
    )


def evaluation_prefilled(project: Project) -> PostProjectEvaluation:
    """The stored evaluation, its figures as stored once submitted and refreshed from the source rows
    while a draft; an unsaved draft with the figures when none is stored."""
    evaluation = evaluation_of(project) or PostProjectEvaluation(project=project)
    if not evaluation.is_submitted:
        for name, value in evaluation_figures(project).as_fields().items():
            setattr(evaluation, name, value)
    return evaluation


def project_has_evaluation(project: Project) -> bool:
    """Only a closed project has a post-project evaluation."""
    return project.status == Status.CLOSED


def user_may_write_evaluation(*, user: Viewer, project: Project) -> bool:
    """The project's PM and PMO staff write the evaluation (it is the PMO's review of how the project
    went, under every PMO type), as do admins and whoever else may edit the project."""
    if not user.is_authenticated:
        return False
    if user.is_pmo_staff:
        return True
    return policy.may_edit_project(
        user, project_manager_id=project.project_manager_id, pmo_type=project_pmo_type(project)
    )


def evaluation_lessons(project: Project) -> QuerySet[Lesson]:
    """The project's lessons learned, newest first, with their tags: what the evaluation links to."""
    return (
        Lesson.objects.filter(project=project)
        .select_related("author")
        .prefetch_related("tags")
        .order_by("-created_at", "-id")
    )

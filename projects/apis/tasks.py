"""REST endpoints of tasks: the list, one task, and the outline moves (indent, outdent, move).

A task's ETag is its version; PATCH and DELETE need If-Match (428 without it) and answer 412 with the
current task under `extra.task` when someone else changed it first.

The outline moves change the plan's structure, so they are checked against the plan's ETag instead
(`"plan-<version>"`, in the plan payload as `plan_etag`): If-Match is required (428 without it), a
different one answers 412 with the current ETag under `extra.plan_etag` and in the ETag header, and a
success answers with the plan's new ETag in the ETag header. The dependency endpoints do the same.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import (
    LIST_ERRORS,
    OBJECT_READ_ERRORS,
    OBJECT_WRITE_ERRORS,
    ErrorSerializer,
    StandardPagination,
)
from pmo_portal.api_views import validated_input
from projects.filters import TaskFilter
from projects.models import Project, Task
from projects.selectors.baselines import chosen_baseline
from projects.selectors.calendars import plan_work_calendar
from projects.selectors.plans import plan_project, task_detail, task_list
from projects.serializers.tasks import (
    TaskCreateInputSerializer,
    TaskMoveInputSerializer,
    TaskOutputSerializer,
    TaskUpdateInputSerializer,
)
from projects.services.editing import StaleEditError, StalePlanError, plan_etag
from projects.services.structure import task_indent, task_move, task_outdent
from projects.services.tasks import task_create, task_delete, task_update

VERSION_ERRORS = {
    412: OpenApiResponse(
        ErrorSerializer,
        description="Stale If-Match (the current task is under extra.task), or a weak ETag (W/...).",
    ),
    428: OpenApiResponse(ErrorSerializer, description="If-Match header missing."),
}
IF_MATCH = OpenApiParameter(
    "If-Match", location=OpenApiParameter.HEADER, required=True, description="The task's ETag (its version)."
)
PLAN_VERSION_ERRORS = {
    412: OpenApiResponse(
        ErrorSerializer,
        description=(
            "Stale If-Match (the plan's current ETag is under extra.plan_etag), or a weak ETag (W/...)."
        ),
    ),
    428: OpenApiResponse(ErrorSerializer, description="If-Match header missing."),
}
IF_MATCH_PLAN = OpenApiParameter(
    "If-Match",
    location=OpenApiParameter.HEADER,
    required=True,
    description='The plan\'s ETag ("plan-<version>", plan_etag in the plan payload).',
)


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = _(
        "Send an If-Match header with the task's ETag, so no one else's change is overwritten."
    )
    default_code = "precondition_required"


class PlanPreconditionRequired(PreconditionRequired):
    default_detail = _(
        "Send an If-Match header with the plan's ETag (plan_etag), so no one else's change is overwritten."
    )


class WeakETagRefused(exceptions.APIException):
    """If-Match compares strongly (RFC 9110, 13.1.1): a weak tag never matches, so say why."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "If-Match needs the ETag exactly as it was sent, without W/: a weak ETag cannot guard a change."
    )
    default_code = "weak_etag"


def _if_match_version(request, *, prefix: str, missing: type[PreconditionRequired]) -> int:
    """The version in If-Match after `prefix` (`missing`, a 428, without the header); -1 if none is.

    A weak tag (W/"...") is refused with 412: If-Match uses the strong comparison.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise missing()
    if any(tag.strip().startswith("W/") for tag in header.split(",")):
        raise WeakETagRefused()
    value = header.strip('"')
    if not value.startswith(prefix):
        return -1
    try:
        return int(value.removeprefix(prefix))
    except ValueError:
        return -1


def if_match_version(request) -> int:
    """The task version named by If-Match (required); a value that is not a version never matches (-> 412)."""
    return _if_match_version(request, prefix="", missing=PreconditionRequired)


def if_match_plan_version(request) -> int:
    """The plan version named by If-Match (required); a value that is no plan ETag never matches (-> 412)."""
    return _if_match_version(request, prefix="plan-", missing=PlanPreconditionRequired)


def plan_etag_header(version: int) -> dict[str, str]:
    """The ETag header of a plan at a version."""
    return {"ETag": plan_etag(version)}


def stale_plan_response(error: StalePlanError) -> Response:
    """412 in the error shape, with the plan's current ETag under extra.plan_etag and in the header."""
    etag = plan_etag(error.project.plan_version)
    return Response(
        {"message": str(error), "extra": {"plan_etag": etag}},
        status=status.HTTP_412_PRECONDITION_FAILED,
        headers={"ETag": etag},
    )


def task_response(task: Task, *, status_code: int = status.HTTP_200_OK, user=None) -> Response:
    """The task with its ETag; after a write (`user` given) read back as GET shows it (actual cost too)."""
    if user is not None:
        task = task_detail(user=user, task_id=task.pk)
    return Response(
        TaskOutputSerializer(task).data, status=status_code, headers={"ETag": f'"{task.version}"'}
    )


def stale_response(error: StaleEditError) -> Response:
    """412 in the error shape, with the current task under extra.task."""
    return Response(
        {"message": str(error), "extra": {"task": TaskOutputSerializer(error.task).data}},
        status=status.HTTP_412_PRECONDITION_FAILED,
        headers={"ETag": f'"{error.task.version}"'},
    )


@extend_schema(tags=["plans"])
class TaskListApi(GenericAPIView):
    filterset_class = TaskFilter
    pagination_class = StandardPagination
    ordering_fields = ("outline_order", "planned_start", "planned_finish", "name", "total_float_days")
    queryset = Task.objects.none()  # for the schema; requests list through the selector
    serializer_class = TaskCreateInputSerializer  # the browsable API's create form, and OPTIONS

    def get_serializer_context(self):
        # The create form lists the plan's tasks (parent): those of the project, if the user sees it.
        context = super().get_serializer_context()
        try:
            context["project"] = plan_project(user=self.request.user, project_id=self.kwargs["project_id"])
        except Project.DoesNotExist:
            context["project"] = None
        return context

    @extend_schema(
        parameters=[OpenApiParameter("baseline", int, description="Show baseline figures and variance.")],
        responses={200: TaskOutputSerializer(many=True), **LIST_ERRORS},
    )
    def get(self, request, project_id: int):
        """The plan in outline order; filters: parent (id or none), assignee, critical, milestone, q."""
        project = plan_project(user=request.user, project_id=project_id)
        baseline = None
        context = {}
        if request.query_params.get("baseline"):
            baseline = chosen_baseline(project=project, raw_id=request.query_params["baseline"])
            if baseline is None:
                raise exceptions.ValidationError({"baseline": [_("Unknown baseline of this project.")]})
            context["calendar"] = plan_work_calendar(project)
        tasks = task_list(project=project, baseline=baseline)
        page = self.paginate_queryset(self.filter_queryset(tasks))
        return self.get_paginated_response(TaskOutputSerializer(page, many=True, context=context).data)

    @extend_schema(
        request=TaskCreateInputSerializer, responses={201: TaskOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request, project_id: int):
        """Add a task (plan editors); the plan is rescheduled at once."""
        project = plan_project(user=request.user, project_id=project_id)
        arguments = validated_input(TaskCreateInputSerializer, request, project=project)
        task = task_create(actor=request.user, project=project, **arguments)
        return task_response(task, status_code=status.HTTP_201_CREATED, user=request.user)


@extend_schema(tags=["plans"])
class TaskDetailApi(APIView):
    @extend_schema(responses={200: TaskOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, pk: int):
        """One task; its ETag header is its version, to send back in If-Match."""
        return task_response(task_detail(user=request.user, task_id=pk))

    @extend_schema(
        parameters=[IF_MATCH],
        request=TaskUpdateInputSerializer,
        responses={200: TaskOutputSerializer, **OBJECT_WRITE_ERRORS, **VERSION_ERRORS},
    )
    def patch(self, request, pk: int):
        """Change the fields sent (editors: any; the assignee: progress only); needs If-Match.

        `start` and `finish` are typed dates: a start holds the task to start no earlier than it, a
        finish sets the duration in working days up to it.
        """
        task = task_detail(user=request.user, task_id=pk)
        version = if_match_version(request)
        changes = validated_input(TaskUpdateInputSerializer, request, partial=True, project=task.project)
        try:
            task = task_update(actor=request.user, task=task, expected_version=version, changes=changes)
        except StaleEditError as error:
            return stale_response(error)
        return task_response(task, user=request.user)

    @extend_schema(parameters=[IF_MATCH], responses={204: None, **OBJECT_READ_ERRORS, **VERSION_ERRORS})
    def delete(self, request, pk: int):
        """Delete the task with its subtasks and links; needs If-Match."""
        task = task_detail(user=request.user, task_id=pk)
        version = if_match_version(request)
        try:
            task_delete(actor=request.user, task=task, expected_version=version)
        except StaleEditError as error:
            return stale_response(error)
        return Response(status=status.HTTP_204_NO_CONTENT)


class _TaskStructureApi(APIView):
    """An outline move of one task at the plan version named by If-Match (required)."""

    def move(self, request, task: Task, plan_version: int) -> Task:
        raise NotImplementedError

    def post(self, request, pk: int):
        task = task_detail(user=request.user, task_id=pk)
        plan_version = if_match_plan_version(request)
        try:
            task = self.move(request, task, plan_version)
        except StalePlanError as error:
            return stale_plan_response(error)
        response = task_response(task, user=request.user)
        response["ETag"] = plan_etag(task.project.plan_version)  # the plan's, not the task's
        return response


STRUCTURE_RESPONSES = {200: TaskOutputSerializer, **OBJECT_WRITE_ERRORS, **PLAN_VERSION_ERRORS}


@extend_schema(tags=["plans"], parameters=[IF_MATCH_PLAN], request=None)
class TaskIndentApi(_TaskStructureApi):
    def move(self, request, task, plan_version):
        return task_indent(actor=request.user, task=task, expected_plan_version=plan_version)

    @extend_schema(responses=STRUCTURE_RESPONSES)
    def post(self, request, pk: int):
        """Make the task a subtask of the task above it; needs If-Match with the plan's ETag."""
        return super().post(request, pk)


@extend_schema(tags=["plans"], parameters=[IF_MATCH_PLAN], request=None)
class TaskOutdentApi(_TaskStructureApi):
    def move(self, request, task, plan_version):
        return task_outdent(actor=request.user, task=task, expected_plan_version=plan_version)

    @extend_schema(responses=STRUCTURE_RESPONSES)
    def post(self, request, pk: int):
        """Move the task up one outline level, keeping its place: the tasks below it become its subtasks.

        Needs If-Match with the plan's ETag.
        """
        return super().post(request, pk)


@extend_schema(tags=["plans"], parameters=[IF_MATCH_PLAN])
class TaskMoveApi(_TaskStructureApi):
    def move(self, request, task, plan_version):
        arguments = validated_input(TaskMoveInputSerializer, request, project=task.project)
        return task_move(actor=request.user, task=task, expected_plan_version=plan_version, **arguments)

    @extend_schema(request=TaskMoveInputSerializer, responses=STRUCTURE_RESPONSES)
    def post(self, request, pk: int):
        """Move the task (and its subtasks) under another parent (null: top level) at a position.

        Needs If-Match with the plan's ETag.
        """
        return super().post(request, pk)

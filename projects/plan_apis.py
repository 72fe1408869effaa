"""REST endpoints of plans: tasks, the outline, dependencies, baselines, cost entries, calendar, schedule.

Adapters only, like projects.apis: parse, call one service or selector, serialize. A task's ETag is
its version; PATCH and DELETE need If-Match (428 without it) and answer 412 with the current task
under `extra.task` when someone else changed it first.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import ErrorSerializer, StandardPagination, error_responses
from projects import plan_selectors, plan_services
from projects.plan_filters import TaskFilter
from projects.plan_models import Baseline, Dependency, Task
from projects.plan_serializers import (
    BaselineInputSerializer,
    BaselineOutputSerializer,
    BaselineTaskOutputSerializer,
    CalendarSerializer,
    CostEntryInputSerializer,
    CostEntryOutputSerializer,
    DependencyInputSerializer,
    DependencyOutputSerializer,
    ScheduleSummarySerializer,
    TaskCreateInputSerializer,
    TaskMoveInputSerializer,
    TaskOutputSerializer,
    TaskUpdateInputSerializer,
)

READ_ERRORS = error_responses(401, 403, 404)
WRITE_ERRORS = error_responses(400, 401, 403, 404)
VERSION_ERRORS = {
    412: OpenApiResponse(
        ErrorSerializer, description="Stale If-Match; the current task is under extra.task."
    ),
    428: OpenApiResponse(ErrorSerializer, description="If-Match header missing."),
}
IF_MATCH = OpenApiParameter(
    "If-Match", location=OpenApiParameter.HEADER, required=True, description="The task's ETag (its version)."
)
IF_MATCH_OPTIONAL = OpenApiParameter(
    "If-Match", location=OpenApiParameter.HEADER, required=False, description="The task's ETag (its version)."
)


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = _(
        "Send an If-Match header with the task's ETag, so no one else's change is overwritten."
    )
    default_code = "precondition_required"


def _if_match(request, *, required: bool) -> int | None:
    """The version named by If-Match; a value that is not a version can never match (-> 412)."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        if required:
            raise PreconditionRequired()
        return None
    value = header.removeprefix("W/").strip().strip('"')
    try:
        return int(value)
    except ValueError:
        return -1


def _task_response(task, *, status_code: int = status.HTTP_200_OK, user=None) -> Response:
    if user is not None:  # after a write: read it back as GET shows it (actual cost included)
        task = plan_selectors.task_detail(user=user, task_id=task.pk)
    return Response(
        TaskOutputSerializer(task).data, status=status_code, headers={"ETag": f'"{task.version}"'}
    )


def _stale_response(error: plan_services.StaleEditError) -> Response:
    return Response(
        {"message": str(error), "extra": {"task": TaskOutputSerializer(error.task).data}},
        status=status.HTTP_412_PRECONDITION_FAILED,
        headers={"ETag": f'"{error.task.version}"'},
    )


def _input(serializer_class, request, *, project=None, partial: bool = False) -> dict:
    serializer = serializer_class(data=request.data, partial=partial, context={"project": project})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _paginated(view, request, queryset, serializer_class, context=None) -> Response:
    paginator = StandardPagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True, context=context or {}).data)


@extend_schema(tags=["plans"])
class TaskListApi(GenericAPIView):
    filterset_class = TaskFilter
    pagination_class = StandardPagination
    ordering_fields = ("outline_order", "planned_start", "planned_finish", "name", "total_float_days")
    queryset = Task.objects.none()  # for the schema; requests list through the selector

    @extend_schema(
        parameters=[OpenApiParameter("baseline", int, description="Show baseline figures and variance.")],
        responses={200: TaskOutputSerializer(many=True), **error_responses(400, 401, 403, 404)},
    )
    def get(self, request, project_id: int):
        """The plan in outline order; filters: parent (id or none), assignee, critical, milestone, q."""
        project = plan_selectors.plan_project(user=request.user, project_id=project_id)
        baseline = None
        context = {}
        if request.query_params.get("baseline"):
            try:
                baseline = plan_selectors.baseline_list(project=project).get(
                    pk=int(request.query_params["baseline"])
                )
            except (ValueError, Baseline.DoesNotExist) as error:
                raise exceptions.ValidationError(
                    {"baseline": [_("Unknown baseline of this project.")]}
                ) from error
            context["calendar"] = plan_selectors.plan_work_calendar(project)
        tasks = plan_selectors.task_list(project=project, baseline=baseline)
        page = self.paginate_queryset(self.filter_queryset(tasks))
        return self.get_paginated_response(TaskOutputSerializer(page, many=True, context=context).data)

    @extend_schema(request=TaskCreateInputSerializer, responses={201: TaskOutputSerializer, **WRITE_ERRORS})
    def post(self, request, project_id: int):
        """Add a task (plan editors); the plan is rescheduled at once."""
        project = plan_selectors.plan_project(user=request.user, project_id=project_id)
        data = _input(TaskCreateInputSerializer, request, project=project)
        task = plan_services.task_create(actor=request.user, project=project, **data)
        return _task_response(task, status_code=status.HTTP_201_CREATED, user=request.user)


@extend_schema(tags=["plans"])
class TaskDetailApi(APIView):
    @extend_schema(responses={200: TaskOutputSerializer, **READ_ERRORS})
    def get(self, request, pk: int):
        """One task; its ETag header is its version, to send back in If-Match."""
        return _task_response(plan_selectors.task_detail(user=request.user, task_id=pk))

    @extend_schema(
        parameters=[IF_MATCH],
        request=TaskUpdateInputSerializer,
        responses={200: TaskOutputSerializer, **WRITE_ERRORS, **VERSION_ERRORS},
    )
    def patch(self, request, pk: int):
        """Change the fields sent (editors: any; the assignee: progress only); needs If-Match."""
        task = plan_selectors.task_detail(user=request.user, task_id=pk)
        version = _if_match(request, required=True)
        data = _input(TaskUpdateInputSerializer, request, project=task.project, partial=True)
        try:
            task = plan_services.task_update(
                actor=request.user, task=task, expected_version=version, data=data
            )
        except plan_services.StaleEditError as error:
            return _stale_response(error)
        return _task_response(task, user=request.user)

    @extend_schema(parameters=[IF_MATCH], responses={204: None, **READ_ERRORS, **VERSION_ERRORS})
    def delete(self, request, pk: int):
        """Delete the task with its subtasks and links; needs If-Match."""
        task = plan_selectors.task_detail(user=request.user, task_id=pk)
        version = _if_match(request, required=True)
        try:
            plan_services.task_delete(actor=request.user, task=task, expected_version=version)
        except plan_services.StaleEditError as error:
            return _stale_response(error)
        return Response(status=status.HTTP_204_NO_CONTENT)


class _TaskStructureApi(APIView):
    service = None

    def call(self, request, task, version):
        return type(self).service(actor=request.user, task=task, expected_version=version)

    def post(self, request, pk: int):
        task = plan_selectors.task_detail(user=request.user, task_id=pk)
        version = _if_match(request, required=False)
        try:
            task = self.call(request, task, version)
        except plan_services.StaleEditError as error:
            return _stale_response(error)
        return _task_response(task, user=request.user)


@extend_schema(tags=["plans"], parameters=[IF_MATCH_OPTIONAL], request=None)
class TaskIndentApi(_TaskStructureApi):
    service = plan_services.task_indent

    @extend_schema(responses={200: TaskOutputSerializer, **WRITE_ERRORS, 412: VERSION_ERRORS[412]})
    def post(self, request, pk: int):
        """Make the task a subtask of the task above it."""
        return super().post(request, pk)


@extend_schema(tags=["plans"], parameters=[IF_MATCH_OPTIONAL], request=None)
class TaskOutdentApi(_TaskStructureApi):
    service = plan_services.task_outdent

    @extend_schema(responses={200: TaskOutputSerializer, **WRITE_ERRORS, 412: VERSION_ERRORS[412]})
    def post(self, request, pk: int):
        """Move the task up one outline level, right after its former parent."""
        return super().post(request, pk)


@extend_schema(tags=["plans"], parameters=[IF_MATCH_OPTIONAL])
class TaskMoveApi(_TaskStructureApi):
    def call(self, request, task, version):
        data = _input(TaskMoveInputSerializer, request, project=task.project)
        return plan_services.task_move(actor=request.user, task=task, expected_version=version, **data)

    @extend_schema(
        request=TaskMoveInputSerializer,
        responses={200: TaskOutputSerializer, **WRITE_ERRORS, 412: VERSION_ERRORS[412]},
    )
    def post(self, request, pk: int):
        """Move the task (and its subtasks) under another parent (null: top level) at a position."""
        return super().post(request, pk)


@extend_schema(tags=["plans"])
class DependencyListApi(APIView):
    @extend_schema(responses={200: DependencyOutputSerializer(many=True), **READ_ERRORS})
    def get(self, request, project_id: int):
        """The project's dependencies."""
        project = plan_selectors.plan_project(user=request.user, project_id=project_id)
        return _paginated(
            self, request, plan_selectors.dependency_list(project=project), DependencyOutputSerializer
        )

    @extend_schema(
        request=DependencyInputSerializer, responses={201: DependencyOutputSerializer, **WRITE_ERRORS}
    )
    def post(self, request, project_id: int):
        """Link two tasks; a link that would close a cycle is refused with the tasks on the loop."""
        project = plan_selectors.plan_project(user=request.user, project_id=project_id)
        dependency = plan_services.dependency_add(
            actor=request.user, **_input(DependencyInputSerializer, request, project=project)
        )
        return Response(DependencyOutputSerializer(dependency).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["plans"])
class DependencyDetailApi(APIView):
    @extend_schema(responses={204: None, **READ_ERRORS})
    def delete(self, request, pk: int):
        """Remove a link."""
        dependency = Dependency.objects.select_related("project").get(pk=pk)
        plan_selectors.plan_project(user=request.user, project_id=dependency.project_id)
        plan_services.dependency_remove(actor=request.user, dependency=dependency)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["plans"])
class BaselineListApi(APIView):
    @extend_schema(responses={200: BaselineOutputSerializer(many=True), **READ_ERRORS})
    def get(self, request, project_id: int):
        """The project's baselines, newest first."""
        project = plan_selectors.plan_project(user=request.user, project_id=project_id)
        return _paginated(
            self, request, plan_selectors.baseline_list(project=project), BaselineOutputSerializer
        )

    @extend_schema(request=BaselineInputSerializer, responses={201: BaselineOutputSerializer, **WRITE_ERRORS})
    def post(self, request, project_id: int):
        """Save the current plan as a named baseline."""
        project = plan_selectors.plan_project(user=request.user, project_id=project_id)
        baseline = plan_services.baseline_save(
            actor=request.user, project=project, **_input(BaselineInputSerializer, request)
        )
        return Response(BaselineOutputSerializer(baseline).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["plans"])
class BaselineDetailApi(APIView):
    @extend_schema(responses={200: BaselineTaskOutputSerializer(many=True), **READ_ERRORS})
    def get(self, request, pk: int):
        """A baseline's frozen tasks with their variance against the current plan."""
        baseline = Baseline.objects.select_related("created_by").get(pk=pk)
        project = plan_selectors.plan_project(user=request.user, project_id=baseline.project_id)
        context = {"calendar": plan_selectors.plan_work_calendar(project)}
        response = _paginated(
            self,
            request,
            plan_selectors.baseline_task_list(baseline=baseline),
            BaselineTaskOutputSerializer,
            context,
        )
        response.data["baseline"] = BaselineOutputSerializer(baseline).data
        return response


@extend_schema(tags=["plans"])
class CostEntryListApi(APIView):
    @extend_schema(responses={200: CostEntryOutputSerializer(many=True), **READ_ERRORS})
    def get(self, request, pk: int):
        """Actual costs booked on the task."""
        task = plan_selectors.task_detail(user=request.user, task_id=pk)
        return _paginated(self, request, plan_selectors.cost_entry_list(task=task), CostEntryOutputSerializer)

    @extend_schema(
        request=CostEntryInputSerializer, responses={201: CostEntryOutputSerializer, **WRITE_ERRORS}
    )
    def post(self, request, pk: int):
        """Book an actual cost on the task, in the project's currency."""
        task = plan_selectors.task_detail(user=request.user, task_id=pk)
        entry = plan_services.cost_entry_add(
            actor=request.user, task=task, **_input(CostEntryInputSerializer, request)
        )
        return Response(CostEntryOutputSerializer(entry).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["plans"])
class CalendarApi(APIView):
    @extend_schema(responses={200: CalendarSerializer, **READ_ERRORS})
    def get(self, request, project_id: int):
        """Working weekdays (0 = Monday) and holidays on which durations and lags count."""
        project = plan_selectors.plan_project(user=request.user, project_id=project_id)
        return Response(CalendarSerializer.present(plan_selectors.plan_calendar_row(project)))

    @extend_schema(request=CalendarSerializer, responses={200: CalendarSerializer, **WRITE_ERRORS})
    def put(self, request, project_id: int):
        """Replace the working week and the holidays; the plan is rescheduled on them."""
        project = plan_selectors.plan_project(user=request.user, project_id=project_id)
        data = _input(CalendarSerializer, request)
        plan_services.calendar_update(
            actor=request.user,
            project=project,
            working_weekdays=data["working_weekdays"],
            holidays=[(holiday["date"], holiday["name"]) for holiday in data["holidays"]],
        )
        return Response(CalendarSerializer.present(plan_selectors.plan_calendar_row(project)))


@extend_schema(tags=["plans"])
class PlanScheduleApi(APIView):
    @extend_schema(responses={200: ScheduleSummarySerializer, **READ_ERRORS})
    def get(self, request, project_id: int):
        """Project duration in working days, start and finish, and the critical task ids in date order."""
        project = plan_selectors.plan_project(user=request.user, project_id=project_id)
        return Response(ScheduleSummarySerializer(plan_selectors.plan_schedule_summary(project=project)).data)

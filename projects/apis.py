"""REST endpoints of portfolios, programs, projects, memberships and the scheduling engine.

Adapters only: parse the input with an input serializer, call one service or selector,
serialize the result. Lists come from the selectors, so nobody lists rows they may not see;
a hidden object answers 404 like an unknown one; a visible object the user may not change
answers 403 (the services decide). Errors take the one shape of pmo_portal.api.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import StandardPagination, error_responses
from projects import scheduling, selectors, services
from projects.filters import MembershipFilter, ProjectFilter
from projects.history import project_change_history
from projects.serializers import (
    HistoryEntryOutputSerializer,
    MembershipCreateInputSerializer,
    MembershipOutputSerializer,
    MembershipUpdateInputSerializer,
    NetworkDocSerializer,
    PortfolioInputSerializer,
    PortfolioOutputSerializer,
    ProgramInputSerializer,
    ProgramOutputSerializer,
    ProjectInputSerializer,
    ProjectOutputSerializer,
    ScheduleDocSerializer,
)

READ_ERRORS = error_responses(401, 403, 404)
WRITE_ERRORS = error_responses(400, 401, 403, 404)


def _input(serializer_class, request, *, partial: bool = False) -> dict:
    """The validated input of a request, or a 400 naming the fields at fault."""
    serializer = serializer_class(data=request.data, partial=partial, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class ListApi(GenericAPIView):
    """A paginated, filterable list over a selector's queryset; subclasses name the selector."""

    pagination_class = StandardPagination

    def list_response(self, output_serializer, context=None) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        data = output_serializer(page, many=True, context=context(page) if context else {}).data
        return self.get_paginated_response(data)


# Portfolios -----------------------------------------------------------------------------------


@extend_schema(tags=["portfolios"])
class PortfolioListApi(ListApi):
    serializer_class = PortfolioInputSerializer  # the browsable API's create form
    ordering_fields = ("code", "name")

    def get_queryset(self):
        return selectors.portfolio_list(user=self.request.user)

    @extend_schema(responses={200: PortfolioOutputSerializer(many=True), **READ_ERRORS})
    def get(self, request):
        """Portfolios holding a project the user may see (all of them for PMO staff and admins)."""
        return self.list_response(PortfolioOutputSerializer)

    @extend_schema(
        request=PortfolioInputSerializer, responses={201: PortfolioOutputSerializer, **WRITE_ERRORS}
    )
    def post(self, request):
        """Create a portfolio (admins and PMO staff)."""
        portfolio = services.portfolio_create(actor=request.user, **_input(PortfolioInputSerializer, request))
        return Response(PortfolioOutputSerializer(portfolio).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["portfolios"])
class PortfolioDetailApi(APIView):
    @extend_schema(responses={200: PortfolioOutputSerializer, **READ_ERRORS})
    def get(self, request, pk: int):
        """One visible portfolio."""
        portfolio = selectors.portfolio_list(user=request.user).get(pk=pk)
        return Response(PortfolioOutputSerializer(portfolio).data)

    @extend_schema(
        request=PortfolioInputSerializer(partial=True),
        responses={200: PortfolioOutputSerializer, **WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        """Change a portfolio (admins and PMO staff; only admins change its PMO type)."""
        portfolio = selectors.portfolio_list(user=request.user).get(pk=pk)
        data = _input(PortfolioInputSerializer, request, partial=True)
        portfolio = services.portfolio_update(actor=request.user, portfolio=portfolio, data=data)
        return Response(PortfolioOutputSerializer(portfolio).data)


# Programs -------------------------------------------------------------------------------------


@extend_schema(tags=["programs"])
class ProgramListApi(ListApi):
    serializer_class = ProgramInputSerializer  # the browsable API's create form
    filterset_fields = ("portfolio",)
    ordering_fields = ("code", "name")

    def get_queryset(self):
        return selectors.program_list(user=self.request.user)

    @extend_schema(responses={200: ProgramOutputSerializer(many=True), **READ_ERRORS})
    def get(self, request):
        """Programs holding a project the user may see; `portfolio` narrows to one portfolio."""
        return self.list_response(ProgramOutputSerializer)

    @extend_schema(request=ProgramInputSerializer, responses={201: ProgramOutputSerializer, **WRITE_ERRORS})
    def post(self, request):
        """Create a program in a portfolio (admins and PMO staff)."""
        program = services.program_create(actor=request.user, **_input(ProgramInputSerializer, request))
        return Response(ProgramOutputSerializer(program).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["programs"])
class ProgramDetailApi(APIView):
    @extend_schema(responses={200: ProgramOutputSerializer, **READ_ERRORS})
    def get(self, request, pk: int):
        """One visible program."""
        program = selectors.program_list(user=request.user).get(pk=pk)
        return Response(ProgramOutputSerializer(program).data)


# Projects -------------------------------------------------------------------------------------


def _project_data(user, project) -> dict:
    editable = selectors.project_editable_ids(user=user, projects=[project])
    return ProjectOutputSerializer(project, context={"editable_ids": editable}).data


@extend_schema(tags=["projects"])
class ProjectListApi(ListApi):
    serializer_class = ProjectInputSerializer  # the browsable API's create form
    filterset_class = ProjectFilter
    ordering_fields = ("code", "name", "finish_date", "budget", "status", "phase")

    def get_queryset(self):
        return selectors.project_list(user=self.request.user)

    @extend_schema(responses={200: ProjectOutputSerializer(many=True), **error_responses(400, 401, 403, 404)})
    def get(self, request):
        """Projects the user may see, filtered and sorted; `can_edit` says which they may change."""
        return self.list_response(
            ProjectOutputSerializer,
            # One policy pass over the page decides `can_edit` for every row: no query per row.
            context=lambda page: {
                "editable_ids": selectors.project_editable_ids(user=request.user, projects=page)
            },
        )

    @extend_schema(request=ProjectInputSerializer, responses={201: ProjectOutputSerializer, **WRITE_ERRORS})
    def post(self, request):
        """Create a project; the creator manages it unless they may name another PM."""
        project = services.project_create(actor=request.user, **_input(ProjectInputSerializer, request))
        return Response(_project_data(request.user, project), status=status.HTTP_201_CREATED)


@extend_schema(tags=["projects"])
class ProjectDetailApi(APIView):
    @extend_schema(responses={200: ProjectOutputSerializer, **READ_ERRORS})
    def get(self, request, pk: int):
        """One visible project."""
        project = selectors.project_detail(user=request.user, project_id=pk)
        return Response(_project_data(request.user, project))

    @extend_schema(
        request=ProjectInputSerializer(partial=True),
        responses={200: ProjectOutputSerializer, **WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        """Change the fields sent; nothing is saved when any of them is wrong."""
        project = selectors.project_detail(user=request.user, project_id=pk)
        data = _input(ProjectInputSerializer, request, partial=True)
        project = services.project_update(actor=request.user, project=project, data=data)
        return Response(_project_data(request.user, project))

    @extend_schema(responses={204: None, **READ_ERRORS})
    def delete(self, request, pk: int):
        """Delete a project (admins only; others close or cancel it)."""
        project = selectors.project_detail(user=request.user, project_id=pk)
        services.project_delete(actor=request.user, project=project)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["projects"])
class ProjectHistoryApi(GenericAPIView):
    pagination_class = StandardPagination
    filter_backends = ()

    @extend_schema(responses={200: HistoryEntryOutputSerializer(many=True), **READ_ERRORS})
    def get(self, request, pk: int):
        """The project's change history, newest first: who changed which field, old -> new."""
        project = selectors.project_detail(user=request.user, project_id=pk)
        page = self.paginate_queryset(project_change_history(project))
        return self.get_paginated_response(HistoryEntryOutputSerializer(page, many=True).data)


# Memberships ----------------------------------------------------------------------------------


@extend_schema(tags=["memberships"])
class MembershipListApi(ListApi):
    serializer_class = MembershipCreateInputSerializer  # the browsable API's create form
    filterset_class = MembershipFilter
    ordering_fields = ("created_at", "role")

    def get_queryset(self):
        return selectors.membership_list(user=self.request.user)

    @extend_schema(responses={200: MembershipOutputSerializer(many=True), **error_responses(400, 401, 403)})
    def get(self, request):
        """Members of the projects the user may see; filter by `project`, `user`, `role`."""
        return self.list_response(MembershipOutputSerializer)

    @extend_schema(
        request=MembershipCreateInputSerializer, responses={201: MembershipOutputSerializer, **WRITE_ERRORS}
    )
    def post(self, request):
        """Put a person on a project the user may edit."""
        membership = services.membership_add(
            actor=request.user, **_input(MembershipCreateInputSerializer, request)
        )
        return Response(MembershipOutputSerializer(membership).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["memberships"])
class MembershipDetailApi(APIView):
    @extend_schema(responses={200: MembershipOutputSerializer, **READ_ERRORS})
    def get(self, request, pk: int):
        """One membership of a visible project."""
        membership = selectors.membership_list(user=request.user).get(pk=pk)
        return Response(MembershipOutputSerializer(membership).data)

    @extend_schema(
        request=MembershipUpdateInputSerializer, responses={200: MembershipOutputSerializer, **WRITE_ERRORS}
    )
    def patch(self, request, pk: int):
        """Change a member's role."""
        membership = selectors.membership_list(user=request.user).get(pk=pk)
        role = _input(MembershipUpdateInputSerializer, request)["role"]
        membership = services.membership_update(actor=request.user, membership=membership, role=role)
        return Response(MembershipOutputSerializer(membership).data)

    @extend_schema(responses={204: None, **READ_ERRORS})
    def delete(self, request, pk: int):
        """Take a person off the project."""
        membership = selectors.membership_list(user=request.user).get(pk=pk)
        services.membership_remove(actor=request.user, membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Scheduling -----------------------------------------------------------------------------------


@extend_schema(tags=["scheduling"])
class ScheduleApi(APIView):
    @extend_schema(
        request=NetworkDocSerializer,
        responses={200: ScheduleDocSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        """Schedule a network by the critical path method; touches no stored data.

        Periods are unitless whole numbers from 0. A bad network (cycle, unknown id, negative
        duration, wrong type) answers 400 with the engine's one-line reason as the message.
        """
        try:
            activities = scheduling.parse_network(request.data)
            schedule = scheduling.compute_schedule(activities)
        except scheduling.SchedulingError as error:
            raise exceptions.ValidationError([str(error)]) from error
        return Response(scheduling.schedule_to_dict(schedule))

"""REST endpoints of the risk register: the list and raising, the PMO's queue, one risk and its edits,
its workflow moves, sign-off, occurring into an issue, its response actions, a project's figures."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from governance.selectors import risk_standards
from pmo_portal.api import LIST_ERRORS, OBJECT_READ_ERRORS, OBJECT_WRITE_ERRORS
from pmo_portal.api_views import ListApi, validated_input
from projects.selectors.projects import project_detail
from risks.filters import RiskFilter
from risks.models import Risk, RiskAction
from risks.selectors.risks import (
    issue_detail,
    pmo_risk_queue,
    risk_action_detail,
    risk_action_list,
    risk_detail,
    risk_figures,
    risk_list,
)
from risks.serializers.risks import (
    IssueOutputSerializer,
    RiskActionInputSerializer,
    RiskActionOutputSerializer,
    RiskCreateInputSerializer,
    RiskFieldsInputSerializer,
    RiskFiguresOutputSerializer,
    RiskOccurInputSerializer,
    RiskOutputSerializer,
    RiskTransitionInputSerializer,
)
from risks.services import (
    action_complete,
    action_create,
    action_update,
    risk_create,
    risk_occur,
    risk_sign_off_response,
    risk_transition,
    risk_update,
)


def _risk_answer(request, risk_id: int, status_code: int = status.HTTP_200_OK) -> Response:
    standards = risk_standards()
    risk = risk_list(user=request.user, standards=standards).get(pk=risk_id)
    return Response(RiskOutputSerializer(risk, context={"standards": standards}).data, status=status_code)


class _RiskListBase(ListApi):
    filterset_class = RiskFilter
    ordering_fields = ("score", "review_date", "created_at", "title", "status")

    def standards_context(self, page):
        return {"standards": self.standards}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.standards = risk_standards()


@extend_schema(tags=["risks"])
class RiskListApi(_RiskListBase):
    serializer_class = RiskCreateInputSerializer  # the browsable API's create form

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema reads the model only
            return Risk.objects.none()
        return risk_list(user=self.request.user, standards=self.standards)

    @extend_schema(responses={200: RiskOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """The risks of the projects the user may see, worst score first; filter by `project`,
        `portfolio`, `category`, `level`, `status`, `kind`, `owner`, `escalated`, `overdue`."""
        return self.list_response(RiskOutputSerializer, context=self.standards_context)

    @extend_schema(
        request=RiskCreateInputSerializer, responses={201: RiskOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request):
        """Raise a risk on a project (its PM and team; PMO staff under a directive PMO); it starts
        identified and escalates at once when its score reaches the PMO's threshold."""
        data = validated_input(RiskCreateInputSerializer, request)
        risk = risk_create(actor=request.user, **data)
        return _risk_answer(request, risk.pk, status.HTTP_201_CREATED)


@extend_schema(tags=["risks"])
class RiskQueueApi(_RiskListBase):
    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Risk.objects.none()
        return pmo_risk_queue(user=self.request.user)

    @extend_schema(responses={200: RiskOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """The PMO's risk queue: the open escalated risks the user may see, worst first, then the
        longest escalated."""
        return self.list_response(RiskOutputSerializer, context=self.standards_context)


@extend_schema(tags=["risks"])
class RiskDetailApi(APIView):
    @extend_schema(responses={200: RiskOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, pk: int):
        """One risk, with its level and expected monetary value under the PMO's standards."""
        return _risk_answer(request, pk)

    @extend_schema(
        request=RiskFieldsInputSerializer(partial=True),
        responses={200: RiskOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        """Change the fields sent of an open risk; nothing is saved when any is wrong. The status moves
        through the transition endpoint."""
        risk = risk_detail(user=request.user, risk_id=pk)
        changes = validated_input(RiskFieldsInputSerializer, request, partial=True)
        risk_update(actor=request.user, risk=risk, changes=changes)
        return _risk_answer(request, pk)


@extend_schema(tags=["risks"])
class RiskTransitionApi(APIView):
    @extend_schema(
        request=RiskTransitionInputSerializer, responses={200: RiskOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request, pk: int):
        """Move the risk on: identified -> assessed -> response planned -> monitoring -> closed, or
        closed from any open status. Under a controlling PMO an escalated risk's response counts as
        planned only once signed off. Occurring has its own endpoint."""
        risk = risk_detail(user=request.user, risk_id=pk)
        data = validated_input(RiskTransitionInputSerializer, request)
        risk_transition(actor=request.user, risk=risk, to_status=data["status"])
        return _risk_answer(request, pk)


@extend_schema(tags=["risks"])
class RiskSignOffApi(APIView):
    @extend_schema(request=None, responses={200: RiskOutputSerializer, **OBJECT_WRITE_ERRORS})
    def post(self, request, pk: int):
        """PMO staff sign off the response plan of an open escalated risk."""
        risk = risk_detail(user=request.user, risk_id=pk)
        risk_sign_off_response(actor=request.user, risk=risk)
        return _risk_answer(request, pk)


@extend_schema(tags=["risks"])
class RiskOccurApi(APIView):
    @extend_schema(
        request=RiskOccurInputSerializer, responses={201: IssueOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request, pk: int):
        """The risk happened: it becomes occurred and opens its issue (answered) in one step."""
        risk = risk_detail(user=request.user, risk_id=pk)
        data = validated_input(RiskOccurInputSerializer, request)
        issue = risk_occur(actor=request.user, risk=risk, **data)
        issue = issue_detail(user=request.user, issue_id=issue.pk)
        return Response(IssueOutputSerializer(issue).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["risks"])
class RiskActionListApi(ListApi):
    serializer_class = RiskActionInputSerializer  # the browsable API's create form

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return RiskAction.objects.none()
        return risk_action_list(user=self.request.user, risk_id=self.kwargs["pk"])

    @extend_schema(responses={200: RiskActionOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request, pk: int):
        """The risk's response actions, soonest due first."""
        risk_detail(user=request.user, risk_id=pk)
        return self.list_response(RiskActionOutputSerializer)

    @extend_schema(
        request=RiskActionInputSerializer, responses={201: RiskActionOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request, pk: int):
        """Add a response action to an open risk: what, whose (someone on the project), due when."""
        risk = risk_detail(user=request.user, risk_id=pk)
        action = action_create(
            actor=request.user, risk=risk, **validated_input(RiskActionInputSerializer, request)
        )
        return Response(RiskActionOutputSerializer(action).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["risks"])
class RiskActionDetailApi(APIView):
    @extend_schema(responses={200: RiskActionOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, pk: int):
        """One response action."""
        return Response(RiskActionOutputSerializer(risk_action_detail(user=request.user, action_id=pk)).data)

    @extend_schema(
        request=RiskActionInputSerializer(partial=True),
        responses={200: RiskActionOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        """Change the description, owner or due date of an action of an open risk."""
        action = risk_action_detail(user=request.user, action_id=pk)
        changes = validated_input(RiskActionInputSerializer, request, partial=True)
        action = action_update(actor=request.user, action=action, changes=changes)
        return Response(RiskActionOutputSerializer(action).data)


@extend_schema(tags=["risks"])
class RiskActionCompleteApi(APIView):
    @extend_schema(request=None, responses={200: RiskActionOutputSerializer, **OBJECT_WRITE_ERRORS})
    def post(self, request, pk: int):
        """Mark the action done now (an action already done keeps its time)."""
        action = risk_action_detail(user=request.user, action_id=pk)
        action = action_complete(actor=request.user, action=action)
        return Response(RiskActionOutputSerializer(action).data)


@extend_schema(tags=["risks"])
class ProjectRiskFiguresApi(APIView):
    @extend_schema(responses={200: RiskFiguresOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, project_id: int):
        """The project's contingency reserve (expected monetary value of its open threats) and its open
        risks by level."""
        project = project_detail(user=request.user, project_id=project_id)
        figures = risk_figures(project_ids=[project.pk])[project.pk]
        return Response(RiskFiguresOutputSerializer(figures).data)

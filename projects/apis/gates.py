"""REST endpoints of a project's governance: deliverables, gate reviews and decisions, phase moves,
waivers and follow-up items. A move or decision the PMO type does not allow now answers 409."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import LIST_ERRORS, OBJECT_WRITE_ERRORS, ErrorSerializer, StandardPagination
from pmo_portal.api_views import paginated_response, validated_input
from projects.selectors.gates import (
    deliverable_detail,
    follow_up_detail,
    gate_review_detail,
    gate_review_list,
    phase_after,
    project_deliverables,
    project_gates,
    project_waiver_list,
)
from projects.selectors.projects import project_detail
from projects.serializers.gates import (
    DeliverableInputSerializer,
    DeliverableOutputSerializer,
    DeliverableRecordSerializer,
    DeliverableReviewInputSerializer,
    FollowUpInputSerializer,
    FollowUpOutputSerializer,
    GateDecisionInputSerializer,
    GateReviewOutputSerializer,
    GateReviewRequestInputSerializer,
    PhaseMoveInputSerializer,
    PhaseOutputSerializer,
    WaiverInputSerializer,
    WaiverOutputSerializer,
)
from projects.services import deliverables as deliverable_services
from projects.services import gates as gate_services

CONFLICT = {
    409: OpenApiResponse(
        ErrorSerializer, description="Refused by the PMO type or the review's state; the message says why."
    )
}
WRITE_ERRORS = {**OBJECT_WRITE_ERRORS, **CONFLICT}


def conflict(error: gate_services.GateRefused) -> Response:
    return Response({"message": error.message, "extra": {}}, status=status.HTTP_409_CONFLICT)


@extend_schema(tags=["governance"])
class DeliverableListApi(APIView):
    pagination_class = StandardPagination
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(responses={200: DeliverableOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request, project_id: int):
        """The project's required deliverables, one per kind, with their state (missing ... waived)."""
        project = project_detail(user=request.user, project_id=project_id)
        return paginated_response(self, request, project_deliverables(project), DeliverableOutputSerializer)

    @extend_schema(
        request={
            "multipart/form-data": DeliverableInputSerializer,
            "application/json": DeliverableInputSerializer,
        },
        responses={201: DeliverableRecordSerializer, **OBJECT_WRITE_ERRORS},
    )
    def post(self, request, project_id: int):
        """Save a draft of a required deliverable: a file (multipart, 20 MB at most) or an https link."""
        project = project_detail(user=request.user, project_id=project_id)
        data = validated_input(DeliverableInputSerializer, request)
        deliverable = deliverable_services.deliverable_save(actor=request.user, project=project, **data)
        return Response(DeliverableRecordSerializer(deliverable).data, status=status.HTTP_201_CREATED)


class _DeliverableActionApi(APIView):
    action = ""

    def post(self, request, pk: int):
        deliverable = deliverable_detail(user=request.user, deliverable_id=pk)
        if self.action == "submit":
            deliverable = deliverable_services.deliverable_submit(actor=request.user, deliverable=deliverable)
        else:
            comment = validated_input(DeliverableReviewInputSerializer, request).get("comment", "")
            service = (
                deliverable_services.deliverable_accept
                if self.action == "accept"
                else deliverable_services.deliverable_return
            )
            deliverable = service(actor=request.user, deliverable=deliverable, comment=comment)
        return Response(DeliverableRecordSerializer(deliverable).data)


@extend_schema(tags=["governance"])
class DeliverableSubmitApi(_DeliverableActionApi):
    action = "submit"

    @extend_schema(request=None, responses={200: DeliverableRecordSerializer, **OBJECT_WRITE_ERRORS})
    def post(self, request, pk: int):
        """Hand a draft in for review (the PM)."""
        return super().post(request, pk)


@extend_schema(tags=["governance"])
class DeliverableAcceptApi(_DeliverableActionApi):
    action = "accept"

    @extend_schema(
        request=DeliverableReviewInputSerializer,
        responses={200: DeliverableRecordSerializer, **OBJECT_WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        """Accept a submitted deliverable (PMO staff; under a supportive PMO the PM too)."""
        return super().post(request, pk)


@extend_schema(tags=["governance"])
class DeliverableReturnApi(_DeliverableActionApi):
    action = "return"

    @extend_schema(
        request=DeliverableReviewInputSerializer,
        responses={200: DeliverableRecordSerializer, **OBJECT_WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        """Send a submitted deliverable back to draft with a comment saying what is missing."""
        return super().post(request, pk)


@extend_schema(tags=["governance"])
class GateReviewListApi(APIView):
    pagination_class = StandardPagination

    @extend_schema(responses={200: GateReviewOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request, project_id: int):
        """The project's gate reviews, newest first, with their decisions and follow-up items."""
        project = project_detail(user=request.user, project_id=project_id)
        return paginated_response(self, request, gate_review_list(project), GateReviewOutputSerializer)

    @extend_schema(
        request=GateReviewRequestInputSerializer, responses={201: GateReviewOutputSerializer, **WRITE_ERRORS}
    )
    def post(self, request, project_id: int):
        """Request the review of the gate closing the project's current phase (the PM)."""
        project = project_detail(user=request.user, project_id=project_id)
        data = validated_input(GateReviewRequestInputSerializer, request)
        try:
            review = gate_services.gate_review_request(actor=request.user, project=project, **data)
        except gate_services.GateRefused as error:
            return conflict(error)
        review = gate_review_detail(user=request.user, review_id=review.pk)
        return Response(GateReviewOutputSerializer(review).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["governance"])
class GateDecisionApi(APIView):
    @extend_schema(
        request=GateDecisionInputSerializer, responses={200: GateReviewOutputSerializer, **WRITE_ERRORS}
    )
    def post(self, request, pk: int):
        """Decide a pending review: approve, approve with conditions, reject or defer, with a comment."""
        review = gate_review_detail(user=request.user, review_id=pk)
        data = validated_input(GateDecisionInputSerializer, request)
        try:
            gate_services.gate_review_decide(actor=request.user, review=review, **data)
        except gate_services.GateRefused as error:
            return conflict(error)
        return Response(GateReviewOutputSerializer(gate_review_detail(user=request.user, review_id=pk)).data)


@extend_schema(tags=["governance"])
class PhaseMoveApi(APIView):
    @extend_schema(request=PhaseMoveInputSerializer, responses={200: PhaseOutputSerializer, **WRITE_ERRORS})
    def post(self, request, project_id: int):
        """Move the project to its next phase; 409 with the reason where the PMO type requires a gate."""
        project = project_detail(user=request.user, project_id=project_id)
        data = validated_input(PhaseMoveInputSerializer, request)
        try:
            project = gate_services.project_phase_move(actor=request.user, project=project, **data)
        except gate_services.GateRefused as error:
            return conflict(error)
        next_phase = phase_after(project_gates(project), project.phase)
        return Response(PhaseOutputSerializer({"phase": project.phase, "next_phase": next_phase}).data)


@extend_schema(tags=["governance"])
class WaiverListApi(APIView):
    pagination_class = StandardPagination

    @extend_schema(responses={200: WaiverOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request, project_id: int):
        """The project's waivers, newest first; `in_force` is false once the expiry date has passed."""
        project = project_detail(user=request.user, project_id=project_id)
        return paginated_response(self, request, project_waiver_list(project), WaiverOutputSerializer)

    @extend_schema(
        request=WaiverInputSerializer, responses={201: WaiverOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def post(self, request, project_id: int):
        """Waive a required deliverable or a gate's checklist item for this project (PMO staff)."""
        project = project_detail(user=request.user, project_id=project_id)
        data = validated_input(WaiverInputSerializer, request)
        waiver = gate_services.waiver_grant(actor=request.user, project=project, **data)
        return Response(WaiverOutputSerializer(waiver).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["governance"])
class FollowUpDetailApi(APIView):
    @extend_schema(
        request=FollowUpInputSerializer, responses={200: FollowUpOutputSerializer, **OBJECT_WRITE_ERRORS}
    )
    def patch(self, request, pk: int):
        """Mark a follow-up item of an approval done or not done."""
        follow_up = follow_up_detail(user=request.user, follow_up_id=pk)
        data = validated_input(FollowUpInputSerializer, request)
        follow_up = gate_services.follow_up_set_done(actor=request.user, follow_up=follow_up, **data)
        return Response(FollowUpOutputSerializer(follow_up).data)

"""REST endpoints of the post-project evaluation: read it, save the draft, submit it.

Only a closed project has one: reading another project's answers 409 saying so, writing it 400.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import OBJECT_READ_ERRORS, OBJECT_WRITE_ERRORS, ErrorSerializer
from pmo_portal.api_views import validated_input
from projects.selectors import evaluations as evaluation_selectors
from projects.selectors.projects import project_detail
from projects.serializers.evaluations import EvaluationInputSerializer, EvaluationOutputSerializer
from projects.services import evaluations as evaluation_services

NOT_CLOSED = {
    409: OpenApiResponse(ErrorSerializer, description="The project is not closed: it has no evaluation yet.")
}


def _answer(request, project, status_code: int = status.HTTP_200_OK) -> Response:
    evaluation = evaluation_selectors.evaluation_prefilled(project)
    context = {
        "lessons": evaluation_selectors.evaluation_lessons(project),
        "can_edit": not evaluation.is_submitted
        and evaluation_selectors.user_may_write_evaluation(user=request.user, project=project),
    }
    return Response(EvaluationOutputSerializer(evaluation, context=context).data, status=status_code)


@extend_schema(tags=["projects"])
class EvaluationApi(APIView):
    @extend_schema(responses={200: EvaluationOutputSerializer, **OBJECT_READ_ERRORS, **NOT_CLOSED})
    def get(self, request, project_id: int):
        """The closed project's post-project evaluation, prefilled with its figures against the baseline
        (a draft's figures are today's; a submitted one's are frozen) and linked to its lessons."""
        project = project_detail(user=request.user, project_id=project_id)
        if not evaluation_selectors.project_has_evaluation(project):
            message = _("Only a closed project has a post-project evaluation; this project is %(status)s.")
            return Response(
                {"message": message % {"status": project.get_status_display()}, "extra": {}},
                status=status.HTTP_409_CONFLICT,
            )
        return _answer(request, project)

    @extend_schema(
        request=EvaluationInputSerializer,
        responses={200: EvaluationOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def patch(self, request, project_id: int):
        """Save the draft with the assessment fields sent (the project's PM, PMO staff, admins)."""
        project = project_detail(user=request.user, project_id=project_id)
        evaluation_services.evaluation_save(
            actor=request.user, project=project, **validated_input(EvaluationInputSerializer, request)
        )
        return _answer(request, project)


@extend_schema(tags=["projects"])
class EvaluationSubmitApi(APIView):
    @extend_schema(
        request=EvaluationInputSerializer,
        responses={200: EvaluationOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def post(self, request, project_id: int):
        """Save the fields sent and submit: the evaluation is frozen from then on. Needs objectives_met
        and rating (sent now or saved before)."""
        project = project_detail(user=request.user, project_id=project_id)
        evaluation_services.evaluation_submit(
            actor=request.user, project=project, **validated_input(EvaluationInputSerializer, request)
        )
        return _answer(request, project)

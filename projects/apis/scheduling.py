"""The scheduling engine over REST: a network in, its schedule out; touches no stored data."""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import error_responses
from projects import scheduling
from projects.serializers.scheduling import NetworkDocSerializer, ScheduleDocSerializer


@extend_schema(tags=["scheduling"])
class ScheduleApi(APIView):
    @extend_schema(
        request=NetworkDocSerializer,
        responses={200: ScheduleDocSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        """Schedule a network by the critical path method; touches no stored data.

        Periods are unitless numbers from 0; durations, lags and constraints may be fractional
        (three-point estimates), and whole figures come back as integers. A bad network (cycle,
        unknown id, negative duration, a value that is not a finite number or is past 1e15) answers
        400 with the engine's one-line reason, naming the activity and field, as the message.
        """
        try:
            activities = scheduling.parse_network(request.data)
            schedule = scheduling.compute_schedule(activities)
        except scheduling.SchedulingError as error:
            raise exceptions.ValidationError([str(error)]) from error
        return Response(scheduling.schedule_to_dict(schedule))

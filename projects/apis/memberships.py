"""REST endpoints of project memberships: who is on which team, in which role."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from pmo_portal.api import LIST_ERRORS, OBJECT_READ_ERRORS, OBJECT_WRITE_ERRORS
from pmo_portal.api_views import ListApi, validated_input
from projects.filters import MembershipFilter
from projects.selectors.memberships import membership_list
from projects.serializers.memberships import (
    MembershipCreateInputSerializer,
    MembershipOutputSerializer,
    MembershipUpdateInputSerializer,
)
from projects.services.memberships import membership_add, membership_remove, membership_update


@extend_schema(tags=["memberships"])
class MembershipListApi(ListApi):
    serializer_class = MembershipCreateInputSerializer  # the browsable API's create form
    filterset_class = MembershipFilter
    ordering_fields = ("created_at", "role")

    def get_queryset(self):
        return membership_list(user=self.request.user)

    @extend_schema(responses={200: MembershipOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """Members of the projects the user may see; filter by `project`, `user`, `role`."""
        return self.list_response(MembershipOutputSerializer)

    @extend_schema(
        request=MembershipCreateInputSerializer,
        responses={201: MembershipOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def post(self, request):
        """Put a person on a project the user may edit."""
        membership = membership_add(
            actor=request.user, **validated_input(MembershipCreateInputSerializer, request)
        )
        return Response(MembershipOutputSerializer(membership).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["memberships"])
class MembershipDetailApi(APIView):
    @extend_schema(responses={200: MembershipOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, pk: int):
        """One membership of a visible project."""
        membership = membership_list(user=request.user).get(pk=pk)
        return Response(MembershipOutputSerializer(membership).data)

    @extend_schema(
        request=MembershipUpdateInputSerializer,
        responses={200: MembershipOutputSerializer, **OBJECT_WRITE_ERRORS},
    )
    def patch(self, request, pk: int):
        """Change a member's role."""
        membership = membership_list(user=request.user).get(pk=pk)
        role = validated_input(MembershipUpdateInputSerializer, request)["role"]
        membership = membership_update(actor=request.user, membership=membership, role=role)
        return Response(MembershipOutputSerializer(membership).data)

    @extend_schema(responses={204: None, **OBJECT_READ_ERRORS})
    def delete(self, request, pk: int):
        """Take a person off the project."""
        membership = membership_list(user=request.user).get(pk=pk)
        membership_remove(actor=request.user, membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)

"""REST endpoints of people and the installation's PMO settings: who is signed in, who can be picked,
the PMO type."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from governance import selectors, services
from governance.currencies import CURRENCY_CHOICES
from governance.models import (
    PmoType,
    Role,
)
from pmo_portal.api import (
    LIST_ERRORS,
    StandardPagination,
    StrictInputSerializer,
    error_responses,
)

READ_ERRORS = error_responses(401, 403)

WRITE_ERRORS = error_responses(400, 401, 403)

# The flag that stands for each role; admin is Django's superuser flag.
ROLE_FLAGS = {
    Role.ADMIN: "is_superuser",
    Role.PMO_STAFF: "is_pmo_staff",
    Role.PROJECT_MANAGER: "is_project_manager",
    Role.TEAM_MEMBER: "is_team_member",
    Role.SPONSOR: "is_sponsor",
}


class UserOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))


class MeOutputSerializer(UserOutputSerializer):
    email = serializers.EmailField()
    department = serializers.CharField()


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))
    role = django_filters.ChoiceFilter(choices=Role.choices, method="filter_role", label=_("Role"))

    class Meta:
        model = get_user_model()
        fields = ["q", "role"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(username__icontains=value) | Q(first_name__icontains=value) | Q(last_name__icontains=value)
        )

    def filter_role(self, queryset, name, value):
        return queryset.filter(**{ROLE_FLAGS[value]: True})


@extend_schema(tags=["people"])
class UserListApi(GenericAPIView):
    """Active people, small enough to pick a project manager, sponsor or member from."""

    pagination_class = StandardPagination
    filterset_class = UserFilter
    ordering_fields = ("username",)

    def get_queryset(self):
        # Names and roles only, which every signed-in person may know of colleagues.
        return get_user_model().objects.filter(is_active=True).order_by("username")

    @extend_schema(responses={200: UserOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """Active people; `q` searches names, `role` keeps one role."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(UserOutputSerializer(page, many=True).data)


@extend_schema(tags=["people"])
class MeApi(APIView):
    @extend_schema(responses={200: MeOutputSerializer, **READ_ERRORS})
    def get(self, request):
        """The signed-in person and their roles."""
        return Response(MeOutputSerializer(request.user).data)


class PmoSettingsSerializer(StrictInputSerializer):
    pmo_type = serializers.ChoiceField(choices=PmoType.choices)
    default_currency = serializers.ChoiceField(choices=CURRENCY_CHOICES)


class PmoSettingsOutputSerializer(PmoSettingsSerializer):
    updated_at = serializers.DateTimeField(
        allow_null=True, help_text=_("Empty until an admin first saves them.")
    )


@extend_schema(tags=["pmo settings"])
class PmoSettingsApi(APIView):
    @extend_schema(responses={200: PmoSettingsOutputSerializer, **READ_ERRORS})
    def get(self, request):
        """The installation's PMO type and default currency."""
        return Response(PmoSettingsOutputSerializer(selectors.pmo_settings()).data)

    @extend_schema(
        request=PmoSettingsSerializer, responses={200: PmoSettingsOutputSerializer, **WRITE_ERRORS}
    )
    def put(self, request):
        """Set both settings (admins only)."""
        return self._update(request, partial=False)

    @extend_schema(
        request=PmoSettingsSerializer(partial=True),
        responses={200: PmoSettingsOutputSerializer, **WRITE_ERRORS},
    )
    def patch(self, request):
        """Set the settings sent (admins only)."""
        return self._update(request, partial=True)

    def _update(self, request, *, partial: bool) -> Response:
        current = selectors.pmo_settings()
        serializer = PmoSettingsSerializer(current, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        values = {"pmo_type": current.pmo_type, "default_currency": current.default_currency}
        values.update(serializer.validated_data)
        settings_row = services.pmo_settings_update(actor=request.user, **values)
        return Response(PmoSettingsOutputSerializer(settings_row).data)

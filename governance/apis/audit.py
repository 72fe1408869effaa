"""The audit log through the API (admins only)."""

from datetime import timedelta

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView

from governance import policy, selectors
from governance.models import (
    AuditEvent,
    AuditKind,
    AuditOutcome,
)
from pmo_portal.api import (
    LIST_ERRORS,
    StandardPagination,
)


class AuditEventOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    occurred_at = serializers.DateTimeField()
    kind = serializers.ChoiceField(choices=AuditKind.choices)
    outcome = serializers.ChoiceField(choices=AuditOutcome.choices)
    user = serializers.IntegerField(source="user_id", allow_null=True)
    username = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    object_repr = serializers.CharField()
    ip_address = serializers.IPAddressField(allow_null=True)
    user_agent = serializers.CharField()
    path = serializers.CharField()
    details = serializers.DictField()


class AuditEventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=AuditKind.choices, label=_("Event"))
    outcome = django_filters.ChoiceFilter(choices=AuditOutcome.choices, label=_("Outcome"))
    username = django_filters.CharFilter(field_name="username", lookup_expr="iexact", label=_("Username"))
    since = django_filters.DateFilter(method="filter_since", label=_("First day"))
    until = django_filters.DateFilter(method="filter_until", label=_("Last day"))

    class Meta:
        model = AuditEvent
        fields = ["kind", "outcome", "username", "since", "until"]

    def filter_since(self, queryset, name, value):
        return queryset.filter(occurred_at__gte=selectors.start_of_day(value))

    def filter_until(self, queryset, name, value):
        return queryset.filter(occurred_at__lt=selectors.start_of_day(value + timedelta(days=1)))


@extend_schema(tags=["audit"])
class AuditEventListApi(GenericAPIView):
    """The audit log, newest first (admins only); filters: kind, outcome, username, since, until (days)."""

    pagination_class = StandardPagination
    filterset_class = AuditEventFilter
    ordering_fields = ("occurred_at",)
    serializer_class = AuditEventOutputSerializer

    def get_queryset(self):
        return selectors.audit_event_list()

    @extend_schema(responses={200: AuditEventOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """One page of audit events, newest first."""
        if not policy.may_read_audit_log(request.user):
            raise PermissionDenied(_("Only an admin may read the audit log."))
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(AuditEventOutputSerializer(page, many=True).data)

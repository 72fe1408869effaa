"""REST endpoints of people and the PMO rulebook: who is signed in, who can be picked, the PMO type,
the methodologies, and the audit log (admins only).

Adapters only, like projects.apis: parse, call one service or read, serialize.
"""

from datetime import timedelta

import django_filters
from django.contrib.auth import authenticate, get_user_model, logout
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from governance import lockouts, policy, selectors, services
from governance.currencies import CURRENCY_CHOICES
from governance.lifecycle import LifecyclePhase
from governance.models import (
    ApiToken,
    AuditEvent,
    AuditKind,
    AuditOutcome,
    DeliverableKind,
    GateReviewer,
    Methodology,
    PmoType,
    ReportCadence,
    Role,
)
from pmo_portal.api import (
    LIST_ERRORS,
    OBJECT_READ_ERRORS,
    ErrorSerializer,
    StandardPagination,
    StrictInputSerializer,
    error_responses,
)
from pmo_portal.api_views import ListApi, validated_input

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


class TokenObtainInputSerializer(StrictInputSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    name = serializers.CharField(
        max_length=100, required=False, help_text=_("What the token is for, as its list shows it.")
    )


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_('Send it as the header "Authorization: Token <token>".'))
    expires_at = serializers.DateTimeField()


class SignInLockedOut(exceptions.APIException):
    """429 with Retry-After (DRF's handler writes the header from `wait`) and the lockout message."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self, remaining):
        self.wait = lockouts.wait_seconds(remaining)
        super().__init__(lockouts.lockout_message(remaining))


LOCKED_OUT_RESPONSE = OpenApiResponse(
    ErrorSerializer,
    description="Too many failed sign-ins for this account or address; Retry-After says when to try again.",
)


@extend_schema(tags=["authentication"])
class ObtainTokenApi(APIView):
    """Trade a username and password for an API token."""

    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = TokenObtainInputSerializer

    @extend_schema(
        auth=[],
        request=TokenObtainInputSerializer,
        responses={200: TokenOutputSerializer, **error_responses(400), 429: LOCKED_OUT_RESPONSE},
    )
    def post(self, request):
        """Return a new API token of the user; it expires, and dies when the password changes."""
        data = validated_input(TokenObtainInputSerializer, request)
        # The request goes along so that django-axes counts the attempt and can refuse it.
        user = authenticate(request=request, username=data["username"], password=data["password"])
        if user is None:
            if getattr(request, "axes_locked_out", False):
                raise SignInLockedOut(lockouts.lockout_remaining(request, data["username"]))
            # The same words whether the account exists or not.
            raise serializers.ValidationError(_("Unable to log in with provided credentials."))
        token, key = services.api_token_create(
            user=user, name=data.get("name") or _("Signed in through the API"), by_sign_in=True
        )
        services.audit_record(
            kind=AuditKind.SIGN_IN, outcome=AuditOutcome.SUCCESS, request=request, user=user
        )
        return Response(TokenOutputSerializer({"token": key, "expires_at": token.expires_at}).data)


class ApiTokenOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    key_prefix = serializers.CharField(help_text=_("The first characters of the key, to tell tokens apart."))
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField()


class ApiTokenCreatedSerializer(ApiTokenOutputSerializer):
    key = serializers.CharField(help_text=_("The key, shown this once: it is stored only as a hash."))


class ApiTokenCreateInputSerializer(StrictInputSerializer):
    name = serializers.CharField(max_length=100)


@extend_schema(tags=["authentication"])
class ApiTokenListApi(ListApi):
    """The signed-in person's own live API tokens."""

    serializer_class = ApiTokenOutputSerializer
    queryset = ApiToken.objects.none()  # for the schema; requests list through the selector
    ordering_fields = ("created_at", "expires_at", "last_used_at", "name")

    def get_queryset(self):
        return selectors.api_tokens_of(user=self.request.user)

    @extend_schema(responses={200: ApiTokenOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """The person's live tokens, newest first; keys are never shown again."""
        return self.list_response(ApiTokenOutputSerializer)

    @extend_schema(
        request=ApiTokenCreateInputSerializer, responses={201: ApiTokenCreatedSerializer, **WRITE_ERRORS}
    )
    def post(self, request):
        """Make a named token for the person; the answer holds its key, this once."""
        data = validated_input(ApiTokenCreateInputSerializer, request)
        token, key = services.api_token_create(user=request.user, name=data["name"])
        token.key = key
        return Response(ApiTokenCreatedSerializer(token).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["authentication"])
class ApiTokenDetailApi(APIView):
    @extend_schema(responses={204: None, **OBJECT_READ_ERRORS})
    def delete(self, request, pk: int):
        """Revoke one of the person's tokens; another person's answers 404."""
        token = get_object_or_404(selectors.api_tokens_of(user=request.user), pk=pk)
        services.api_token_revoke(actor=request.user, token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["authentication"])
class LogoutApi(APIView):
    @extend_schema(request=None, responses={204: None, **error_responses(401, 403)})
    def post(self, request):
        """Sign out: revoke the token that signed this request, or end the browser session."""
        if isinstance(request.auth, ApiToken):
            services.api_token_revoke(actor=request.user, token=request.auth)
            services.audit_record(kind=AuditKind.SIGN_OUT, outcome=AuditOutcome.SUCCESS, request=request)
        else:
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


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


class MethodologyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    is_active = serializers.BooleanField(help_text="Offered to new projects; retired ones are not.")
    current_version = serializers.IntegerField(
        source="published_number",
        allow_null=True,
        help_text="The newest published version, which new projects follow; null before the first.",
    )


class MethodologyPhaseOutputSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    lifecycle_phase = serializers.ChoiceField(choices=LifecyclePhase.choices)
    name = serializers.CharField()
    gate_name = serializers.CharField(help_text="Empty when the phase ends without a gate.")
    checklist = serializers.ListField(child=serializers.CharField())
    required_deliverables = serializers.ListField(
        child=serializers.ChoiceField(choices=DeliverableKind.choices)
    )
    reviewers = serializers.ListField(child=serializers.ChoiceField(choices=GateReviewer.choices))


class StandardRiskOutputSerializer(serializers.Serializer):
    title = serializers.CharField()
    category = serializers.CharField(default="")
    probability = serializers.IntegerField(min_value=1, max_value=5)
    impact = serializers.IntegerField(min_value=1, max_value=5)


class MethodologyVersionOutputSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    report_cadence = serializers.ChoiceField(choices=ReportCadence.choices)
    change_notes = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True, help_text="Null while the version is a draft.")
    standard_risks = StandardRiskOutputSerializer(many=True)
    phases = MethodologyPhaseOutputSerializer(many=True, source="phases.all")


class MethodologyDetailOutputSerializer(MethodologyOutputSerializer):
    versions = MethodologyVersionOutputSerializer(many=True, source="versions.all", help_text="Newest first.")


@extend_schema(tags=["methodologies"])
class MethodologyListApi(ListApi):
    serializer_class = MethodologyOutputSerializer

    def get_queryset(self):
        return selectors.methodology_list()

    @extend_schema(responses={200: MethodologyOutputSerializer(many=True), **LIST_ERRORS})
    def get(self, request):
        """Every methodology by name, with the version new projects follow (`current_version`)."""
        return self.list_response(MethodologyOutputSerializer)


@extend_schema(tags=["methodologies"])
class MethodologyDetailApi(APIView):
    @extend_schema(responses={200: MethodologyDetailOutputSerializer, **OBJECT_READ_ERRORS})
    def get(self, request, pk: int):
        """One methodology with every version, newest first, and the phases of each in order."""
        try:
            methodology = selectors.methodology_detail(methodology_id=pk)
        except Methodology.DoesNotExist as error:
            raise exceptions.NotFound(_("No such methodology.")) from error
        return Response(MethodologyDetailOutputSerializer(methodology).data)

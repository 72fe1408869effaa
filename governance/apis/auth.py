"""REST endpoints of signing in through the API: expiring tokens, listed and revoked by their owner,
and signing out."""

from django.contrib.auth import authenticate, logout
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from governance import lockouts, selectors, services
from governance.apis.people import WRITE_ERRORS
from governance.models import (
    ApiToken,
    AuditKind,
    AuditOutcome,
)
from pmo_portal.api import (
    LIST_ERRORS,
    OBJECT_READ_ERRORS,
    ErrorSerializer,
    StrictInputSerializer,
    error_responses,
)
from pmo_portal.api_views import ListApi, validated_input


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

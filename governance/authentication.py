"""How API clients prove who they are: "Authorization: Token <key>" against the portal's ApiToken."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from governance import services


class ApiTokenAuthentication(TokenAuthentication):
    """DRF's token header and its 401 with `WWW-Authenticate: Token`, over expiring, hashed tokens.

    `request.auth` is the ApiToken used, so that signing out through the API can revoke it.
    """

    def authenticate_credentials(self, key):
        token = services.api_token_authenticate(key=key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        return token.user, token

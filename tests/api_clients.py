"""API clients of the tests: signed in through a session (as the browser is), or authenticated directly."""

from rest_framework.test import APIClient

from governance.services import api_token_create


def session_client(user) -> APIClient:
    """A client signed in with a session, so every request also reads the session and the user."""
    client = APIClient()
    client.force_login(user)
    return client


def authenticated_client(user) -> APIClient:
    """A client whose requests carry the user without any authentication query."""
    client = APIClient()
    client.force_authenticate(user)
    return client


def token_client(user, *, name: str = "Tests") -> APIClient:
    """A client that signs every request with a new API token of the user, as a script would."""
    _token, key = api_token_create(user=user, name=name)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def plan_if_match(project) -> dict[str, str]:
    """The If-Match header of a structure edit (links, indent, outdent, move) at the plan's stored version."""
    project.refresh_from_db(fields=["plan_version"])
    return {"HTTP_IF_MATCH": f'"plan-{project.plan_version}"'}

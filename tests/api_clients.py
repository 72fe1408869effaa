"""API clients of the tests: signed in through a session (as the browser is), or authenticated directly."""

from rest_framework.test import APIClient


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


def plan_if_match(project) -> dict[str, str]:
    """The If-Match header of a structure edit (links, indent, outdent, move) at the plan's stored version."""
    project.refresh_from_db(fields=["plan_version"])
    return {"HTTP_IF_MATCH": f'"plan-{project.plan_version}"'}

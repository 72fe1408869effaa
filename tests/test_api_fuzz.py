"""Schemathesis over the API's own OpenAPI schema, as an admin, a PM and a team member.

Every operation of the schema gets generated requests (valid and invalid) sent to the WSGI app in this
process; each answer must not be a server error, must carry a status code and a content type the schema
documents for the operation, and a body that matches the documented schema.

Bounded for `make test`: a few examples per operation, derandomized with a fixed seed, no shrinking, no
coverage phase. `make fuzz` sets PMO_FUZZ_EXAMPLES higher and PMO_FUZZ_COVERAGE=1 (boundary values of
every parameter too).

Isolation: each test runs in pytest-django's transaction, and each request in a savepoint rolled back
after it, so every generated request meets the same world and nothing the fuzzer writes outlives its
request, let alone reaches another test.
"""

import os
from collections import Counter

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from governance.models import ExchangeRate, PmoType
from tests.access.test_route_matrix import build_world
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("PMO_FUZZ_EXAMPLES", "5"))
COVERAGE = os.environ.get("PMO_FUZZ_COVERAGE", "") == "1"
SEED = int(os.environ.get("PMO_FUZZ_SEED", "20261201"))
ROLES = ("admin", "pm_of_project", "member")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(
    SchemaGenerator().get_schema(request=None, public=True),
    config=schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "generation": {
                "max-examples": EXAMPLES,
                "no-shrink": True,
                "deterministic": True,
                # Credentials come from the role's token below, not from the generator.
                "with-security-parameters": False,
            },
            "phases": {
                "examples": {"enabled": False},
                "coverage": {"enabled": COVERAGE},
                "stateful": {"enabled": False},
            },
        }
    ),
)
schema.app = WSGIHandler()


# Requests sent, per operation and role: the run's figures, written at the end of the module.
SENT: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def report_figures(request):
    yield
    if not SENT:
        return
    operations = {operation for operation, _role in SENT}
    line = (
        f"schemathesis: {len(operations)} operations x {len(ROLES)} roles, {sum(SENT.values())} requests"
        f" ({EXAMPLES} examples per operation, coverage phase {'on' if COVERAGE else 'off'}, seed {SEED})"
    )
    # Teardown output is captured like a test's; the figures belong on the terminal.
    with request.config.pluginmanager.getplugin("capturemanager").global_and_fixture_disabled():
        reporter = request.config.pluginmanager.getplugin("terminalreporter")
        reporter.write("\n")
        reporter.write_line(line)


class KnownIds:
    """The ids of the current test's world, so generated paths reach real objects, not only 404s."""

    by_prefix: dict[str, list[int]] = {}

    @classmethod
    def for_path(cls, path: str) -> list[int]:
        for prefix, ids in cls.by_prefix.items():
            if path.startswith(prefix):
                return ids
        return []


@schema.hook("flatmap_path_parameters")
def real_ids_in_paths(context, path_parameters):
    ids = KnownIds.for_path(context.operation.path)
    if not ids or not path_parameters:
        return st.just(path_parameters)
    name = "project_id" if "project_id" in path_parameters else "id"
    if name not in path_parameters:
        return st.just(path_parameters)
    # Mostly a real object; sometimes whatever was generated (unknown ids, huge numbers, text).
    return st.one_of(
        st.sampled_from(ids).map(lambda value: {**path_parameters, name: value}),
        st.just(path_parameters),
    )


@pytest.fixture
def world():
    world = build_world(PmoType.CONTROLLING)
    tasks = [task.pk for task in world.tasks.values()]
    projects = [world.project.pk, world.other_project.pk]
    KnownIds.by_prefix = {
        "/api/projects/": projects,
        "/api/tasks/": tasks,
        "/api/dependencies/": [world.dependency.pk],
        "/api/baselines/": [world.baseline.pk],
        "/api/memberships/": [world.membership.pk],
        "/api/portfolios/": [world.project.portfolio_id],
        "/api/programs/": [world.program.pk],
        "/api/change-requests/": [world.draft_change.pk, world.submitted_change.pk],
        "/api/exchange-rates/": list(ExchangeRate.objects.values_list("pk", flat=True)),
    }
    yield world
    KnownIds.by_prefix = {}


@pytest.fixture
def in_process_requests():
    """Requests through the WSGI handler inside the test's transaction, as Django's test client does it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def credentials(role, world) -> dict[str, str]:
    """The role's API token, obtained as any client obtains one."""
    user = world.people[role]
    response = Client().post("/api/auth/token/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200, response.content
    return {"Authorization": f"Token {response.json()['token']}"}


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)
def test_the_api_answers_as_its_schema_says(case, role, credentials, in_process_requests):
    SENT[(case.operation.label, role)] += 1
    with transaction.atomic():
        case.call_and_validate(headers=credentials, checks=CHECKS)
        transaction.set_rollback(True)

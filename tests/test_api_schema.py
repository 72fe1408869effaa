"""The OpenAPI schema and the interactive docs of the API."""

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/auth/token/": {"post"},
    "/api/auth/tokens/": {"get", "post"},
    "/api/auth/tokens/{id}/": {"delete"},
    "/api/auth/logout/": {"post"},
    "/api/me/": {"get"},
    "/api/users/": {"get"},
    "/api/pmo-settings/": {"get", "put", "patch"},
    "/api/pmo/health-standards/": {"get", "patch"},
    "/api/pmo/reporting-currency/": {"get", "patch"},
    "/api/exchange-rates/": {"get", "post"},
    "/api/exchange-rates/{id}/": {"delete"},
    "/api/portfolios/": {"get", "post"},
    "/api/portfolios/{id}/": {"get", "patch"},
    "/api/programs/": {"get", "post"},
    "/api/programs/{id}/": {"get"},
    "/api/projects/": {"get", "post"},
    "/api/projects/{id}/": {"get", "patch", "delete"},
    "/api/projects/{id}/history/": {"get"},
    "/api/memberships/": {"get", "post"},
    "/api/memberships/{id}/": {"get", "patch", "delete"},
    "/api/schedule/": {"post"},
    "/api/audit-events/": {"get"},
}


@pytest.fixture
def signed_in():
    client = APIClient()
    client.force_login(UserFactory())
    return client


@pytest.fixture
def schema(signed_in) -> dict:
    response = signed_in.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_is_a_valid_openapi_document(schema):
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)


def test_the_schema_lists_every_endpoint_and_method(schema):
    for path, methods in ENDPOINTS.items():
        assert path in schema["paths"], path
        assert methods <= set(schema["paths"][path]), (path, set(schema["paths"][path]))


def test_the_schema_documents_request_bodies_and_the_error_shape(schema):
    create = schema["paths"]["/api/projects/"]["post"]
    body_ref = create["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    body = schema["components"]["schemas"][body_ref.rsplit("/", 1)[1]]
    assert {"code", "name", "portfolio", "project_manager", "budget", "currency"} <= set(body["properties"])
    assert create["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    assert set(schema["components"]["schemas"]["Error"]["properties"]) == {"message", "extra"}
    list_parameters = {p["name"] for p in schema["paths"]["/api/projects/"]["get"]["parameters"]}
    assert {"q", "portfolio", "status", "phase", "project_manager", "ordering", "page", "page_size"} <= (
        list_parameters
    )


def test_the_schema_documents_session_and_token_authentication(schema):
    assert {"cookieAuth", "tokenAuth"} <= set(schema["components"]["securitySchemes"])


def test_the_schema_documents_the_lockout_of_the_token_endpoint(schema):
    obtain = schema["paths"]["/api/auth/token/"]["post"]
    assert obtain["responses"]["429"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    assert "expires_at" in schema["components"]["schemas"]["TokenOutput"]["properties"]


def test_the_interactive_docs_render_for_a_signed_in_user(signed_in):
    response = signed_in.get("/api/docs/")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()
    # The init code, a script file of its own (the Content-Security-Policy allows no inline script).
    script = signed_in.get("/api/docs/", {"script": ""})
    assert script.status_code == 200
    assert b"/api/schema/" in script.content


def test_the_schema_generates_without_warnings(tmp_path):
    # Warnings mean an endpoint whose bodies or parameters the docs get wrong or guess.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert "/api/projects/" in (tmp_path / "schema.yml").read_text()


@pytest.mark.parametrize(
    "url",
    ["/api/projects/", "/api/portfolios/", "/api/programs/", "/api/memberships/", "/api/users/", "/api/me/"],
)
def test_the_browsable_api_renders_each_list_for_a_browser(signed_in, url):
    response = signed_in.get(url, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


PAGINATED_LISTS = [
    "/api/projects/",
    "/api/portfolios/",
    "/api/programs/",
    "/api/memberships/",
    "/api/users/",
    "/api/projects/{id}/history/",
    "/api/projects/{project_id}/tasks/",
    "/api/projects/{project_id}/baselines/",
    "/api/projects/{project_id}/dependencies/",
    "/api/tasks/{id}/cost-entries/",
    "/api/baselines/{id}/",
]


def response_schema(schema: dict, operation: dict, status: str = "200") -> dict:
    body = operation["responses"][status]["content"]["application/json"]["schema"]
    return schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]] if "$ref" in body else body


@pytest.mark.parametrize("path", PAGINATED_LISTS)
def test_every_paginated_list_is_documented_as_a_page_with_its_parameters_and_errors(schema, path):
    operation = schema["paths"][path]["get"]
    page = response_schema(schema, operation)
    assert {"count", "next", "previous", "results"} <= set(page["properties"]), path
    assert page["properties"]["results"]["type"] == "array"
    assert {"page", "page_size"} <= {parameter["name"] for parameter in operation["parameters"]}
    # A bad filter or page number answers 400; a page past the last, 404.
    assert {"400", "401", "403", "404"} <= set(operation["responses"]), path


def test_a_baselines_page_carries_the_baseline_itself(schema):
    page = response_schema(schema, schema["paths"]["/api/baselines/{id}/"]["get"])
    assert page["properties"]["baseline"]["$ref"].endswith("/BaselineOutput")


def test_every_operation_that_takes_a_body_documents_415(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if "requestBody" in operation:
                assert "415" in operation["responses"], (method, path)


def test_the_plan_import_takes_a_multipart_form_only_and_says_so(schema):
    operation = schema["paths"]["/api/projects/{project_id}/plan/import/"]["post"]
    assert list(operation["requestBody"]["content"]) == ["multipart/form-data"]
    assert "415" in operation["responses"]

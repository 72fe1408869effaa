"""Bad input to the API: a 400 in the one error shape that names the field, and nothing saved."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from rest_framework.test import APIClient

from governance.models import PmoSettings, PmoType
from projects.models import Portfolio, Program, Project, ProjectMembership
from tests.factories import ProgramFactory, UserFactory, build_access_world

pytestmark = pytest.mark.django_db

TEN_THOUSAND = "名" * 10_000
TOO_BIG_ID = 99999999999999999999999


@pytest.fixture
def world():
    return build_access_world(PmoType.SUPPORTIVE)


@pytest.fixture
def admin_client(world):
    client = APIClient()
    client.force_login(world.admin)
    return client


def row_counts() -> dict[str, int]:
    """Every table a bad request could half-write to."""
    return {
        "projects": Project.objects.count(),
        "project history": Project.history.count(),
        "memberships": ProjectMembership.objects.count(),
        "portfolios": Portfolio.objects.count(),
        "programs": Program.objects.count(),
        "users": get_user_model().objects.count(),
    }


def assert_field_error(response, field: str) -> None:
    assert response.status_code == 400, (response.status_code, response.content)
    body = response.json()
    assert set(body) == {"message", "extra"}
    assert body["message"]
    fields = body["extra"]["fields"]
    assert field in fields, fields
    assert all(isinstance(message, str) and message for message in fields[field])


def valid_project(world, **changes) -> dict:
    return {"code": "NEW-1", "name": "新项目", "portfolio": world.portfolio.pk, **changes}


# Each case: (what is wrong, the changes to a valid payload, the field that must be named).
PROJECT_CASES = [
    ("finish before start", {"start_date": "2026-05-01", "finish_date": "2026-04-30"}, "finish_date"),
    ("negative budget", {"budget": "-0.01"}, "budget"),
    ("budget not a number", {"budget": "abc"}, "budget"),
    ("budget as a list", {"budget": [1]}, "budget"),
    ("budget too many decimals", {"budget": "1.001"}, "budget"),
    ("budget too large", {"budget": "1e30"}, "budget"),
    ("budget NaN text", {"budget": "NaN"}, "budget"),
    ("unknown currency", {"currency": "XYZ"}, "currency"),
    ("lower-case currency", {"currency": "cny"}, "currency"),
    ("10,000-character name", {"name": TEN_THOUSAND}, "name"),
    ("empty name", {"name": ""}, "name"),
    ("null name", {"name": None}, "name"),
    ("name as an object", {"name": {"zh": "名"}}, "name"),
    ("NUL character in name", {"name": "a\x00b"}, "name"),
    ("10,000-character code", {"code": "C" * 10_000}, "code"),
    ("code with spaces", {"code": "A B"}, "code"),
    ("10,000-character department", {"department": TEN_THOUSAND}, "department"),
    ("project manager not an id", {"project_manager": "x"}, "project_manager"),
    ("project manager not a user", {"project_manager": 999999}, "project_manager"),
    ("project manager id too big", {"project_manager": TOO_BIG_ID}, "project_manager"),
    ("project manager true", {"project_manager": True}, "project_manager"),
    ("sponsor not a user", {"sponsor": 999999}, "sponsor"),
    ("portfolio not a portfolio", {"portfolio": 999999}, "portfolio"),
    ("portfolio id too big", {"portfolio": TOO_BIG_ID}, "portfolio"),
    ("portfolio not an id", {"portfolio": "abc"}, "portfolio"),
    ("program not a program", {"program": 999999}, "program"),
    ("start date not a date", {"start_date": "next week"}, "start_date"),
    ("start date impossible", {"start_date": "2026-02-30"}, "start_date"),
    ("finish date a number", {"finish_date": 20260101}, "finish_date"),
    ("unknown status", {"status": "done"}, "status"),
    ("unknown phase", {"phase": 3}, "phase"),
    ("unknown priority", {"priority": "urgent!"}, "priority"),
    ("misspelt field", {"finsh_date": "2026-01-01"}, "finsh_date"),
    ("read-only field", {"id": 5}, "id"),
]


@pytest.mark.parametrize(("what", "changes", "field"), PROJECT_CASES, ids=[case[0] for case in PROJECT_CASES])
def test_creating_a_project_with_bad_input_names_the_field_and_saves_nothing(
    world, admin_client, what, changes, field
):
    before = row_counts()
    response = admin_client.post("/api/projects/", valid_project(world, **changes), format="json")
    assert_field_error(response, field)
    assert row_counts() == before


def test_missing_required_fields_are_each_named(world, admin_client):
    before = row_counts()
    response = admin_client.post("/api/projects/", {}, format="json")
    assert_field_error(response, "code")
    assert {"code", "name", "portfolio"} <= set(response.json()["extra"]["fields"])
    assert row_counts() == before


@pytest.mark.parametrize(("what", "changes", "field"), PROJECT_CASES, ids=[case[0] for case in PROJECT_CASES])
def test_changing_a_project_with_bad_input_names_the_field_and_changes_nothing(
    world, admin_client, what, changes, field
):
    project = world.project_of_pm1
    # A valid change travels with the bad one: it must not be saved either.
    payload = {"description": "应当不被保存", **changes}
    if field == "finish_date":
        payload = {"start_date": "2026-05-01", "finish_date": "2026-04-30"}
    before = row_counts()
    response = admin_client.patch(f"/api/projects/{project.pk}/", payload, format="json")
    assert_field_error(response, field)
    assert row_counts() == before
    project.refresh_from_db()
    assert project.description == ""


def test_a_finish_date_before_the_stored_start_date_is_refused(world, admin_client):
    project = world.project_of_pm1
    admin_client.patch(f"/api/projects/{project.pk}/", {"start_date": "2026-03-01"}, format="json")
    response = admin_client.patch(
        f"/api/projects/{project.pk}/", {"finish_date": "2026-02-01"}, format="json"
    )
    assert_field_error(response, "finish_date")
    project.refresh_from_db()
    assert project.finish_date is None


@pytest.mark.parametrize("code_case", [str.upper, str.lower, str.swapcase])
def test_a_duplicate_project_code_is_refused_whatever_its_case(world, admin_client, code_case):
    existing = world.project_of_pm1.code
    before = row_counts()
    response = admin_client.post(
        "/api/projects/", valid_project(world, code=code_case(existing)), format="json"
    )
    assert_field_error(response, "code")
    assert row_counts() == before


def test_renaming_a_code_onto_another_projects_code_is_refused(world, admin_client):
    other_code = world.project_of_pm2.code.lower()
    response = admin_client.patch(
        f"/api/projects/{world.project_of_pm1.pk}/", {"code": other_code}, format="json"
    )
    assert_field_error(response, "code")


def test_an_inactive_project_manager_is_refused(world, admin_client):
    departed = UserFactory(is_project_manager=True, is_active=False)
    response = admin_client.post(
        "/api/projects/", valid_project(world, project_manager=departed.pk), format="json"
    )
    assert_field_error(response, "project_manager")


def test_a_project_manager_may_not_name_someone_else_as_manager(world):
    client = APIClient()
    client.force_login(world.pm1)
    before = row_counts()
    response = client.post(
        "/api/projects/", valid_project(world, project_manager=world.pm2.pk), format="json"
    )
    assert_field_error(response, "project_manager")
    assert row_counts() == before


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{bad json", "application/json"),
        ('{"code": "X",}', "application/json"),
        ('{"budget": NaN}', "application/json"),
        ("\xff\xfe", "application/json"),
        ("", "application/json"),
    ],
    ids=["unclosed", "trailing comma", "NaN literal", "not UTF-8", "empty body"],
)
def test_malformed_json_gets_400_in_the_error_shape(world, admin_client, body, content_type):
    before = row_counts()
    response = admin_client.generic(
        "POST", "/api/projects/", body.encode("latin-1"), content_type=content_type
    )
    assert response.status_code == 400
    assert set(response.json()) == {"message", "extra"}
    assert response.json()["message"]
    assert row_counts() == before


@pytest.mark.parametrize("body", ["[1, 2]", '"a string"', "42", "null"])
def test_json_that_is_not_an_object_is_refused(world, admin_client, body):
    before = row_counts()
    response = admin_client.generic("POST", "/api/projects/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["extra"]["fields"]
    assert row_counts() == before


def test_an_unsupported_content_type_gets_415_in_the_error_shape(admin_client):
    response = admin_client.generic("POST", "/api/projects/", "<x/>", content_type="application/xml")
    assert response.status_code == 415
    assert set(response.json()) == {"message", "extra"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=done", "status"),
        ("phase=nope", "phase"),
        ("portfolio=999999", "portfolio"),
        ("portfolio=abc", "portfolio"),
        (f"portfolio={TOO_BIG_ID}", "portfolio"),
        ("project_manager=abc", "project_manager"),
        ("q=%00", "q"),
    ],
)
def test_bad_list_filters_get_400_naming_the_filter(admin_client, query, field):
    assert_field_error(admin_client.get(f"/api/projects/?{query}"), field)


def test_a_page_past_the_last_gets_404_in_the_error_shape(admin_client):
    response = admin_client.get("/api/projects/?page=999")
    assert response.status_code == 404
    assert set(response.json()) == {"message", "extra"}


@pytest.mark.parametrize("page", ["abc", "0", "-3", "1.5", str(2**63)])
def test_a_page_that_is_no_page_number_gets_400_naming_page(admin_client, page):
    assert_field_error(admin_client.get("/api/projects/", {"page": page}), "page")


def test_the_last_page_is_still_reached_by_name(admin_client):
    assert admin_client.get("/api/projects/?page=last").status_code == 200


BEYOND_A_KEY = 2**63  # one past the largest id a bigint (or SQLite's INTEGER) holds


@pytest.mark.parametrize(
    ("url", "field"),
    [
        (f"/api/projects/?project_manager={BEYOND_A_KEY}", "project_manager"),
        (f"/api/projects/?project_manager=-{BEYOND_A_KEY}", "project_manager"),
        ("/api/projects/?project_manager=1.5", "project_manager"),
        (f"/api/memberships/?project={BEYOND_A_KEY}", "project"),
        (f"/api/memberships/?user={BEYOND_A_KEY}", "user"),
        ("/api/memberships/?user=0", "user"),
        (f"/api/programs/?portfolio={BEYOND_A_KEY}", "portfolio"),
    ],
)
def test_an_id_filter_beyond_any_key_gets_400_naming_the_filter(admin_client, url, field):
    response = admin_client.get(url)
    assert_field_error(response, field)
    if field != "portfolio":  # a choice of portfolio says it is none of the choices
        assert "whole number" in response.json()["extra"]["fields"][field][0]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        (f"parent={BEYOND_A_KEY}", "parent"),
        ("parent=first", "parent"),
        (f"assignee={BEYOND_A_KEY}", "assignee"),
        ("assignee=-1", "assignee"),
    ],
)
def test_a_task_filter_beyond_any_key_gets_400_naming_the_filter(world, admin_client, query, field):
    assert_field_error(admin_client.get(f"/api/projects/{world.project_of_pm1.pk}/tasks/?{query}"), field)


@pytest.mark.parametrize("query", ["parent=none", "parent=1", "assignee=1"])
def test_task_filters_within_range_still_filter(world, admin_client, query):
    response = admin_client.get(f"/api/projects/{world.project_of_pm1.pk}/tasks/?{query}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query", ["ordering=password", "ordering=project_manager__password", "page_size=abc"]
)
def test_unknown_ordering_and_page_size_fall_back_to_the_defaults(admin_client, query):
    response = admin_client.get(f"/api/projects/?{query}")
    assert response.status_code == 200
    assert response.json()["count"] == 3


@pytest.mark.parametrize(
    "url",
    [
        f"/api/projects/{TOO_BIG_ID}/",
        f"/api/memberships/{TOO_BIG_ID}/",
        f"/api/projects/{2**63}/",
        f"/api/projects/{2**63}/tasks/",
        f"/api/tasks/{2**63}/",
        f"/api/baselines/{2**63}/",
    ],
)
def test_an_id_beyond_any_row_gets_404(admin_client, url):
    assert admin_client.get(url).status_code == 404


# Memberships, portfolios, programs, settings ---------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"user": 999999}, "user"),
        ({"user": "x"}, "user"),
        ({"project": 999999}, "project"),
        ({"project": None}, "project"),
        ({"role": "boss"}, "role"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_adding_a_member_with_bad_input_names_the_field(world, admin_client, changes, field):
    newcomer = UserFactory()
    before = row_counts()
    payload = {"project": world.project_of_pm1.pk, "user": newcomer.pk, **changes}
    assert_field_error(admin_client.post("/api/memberships/", payload, format="json"), field)
    assert row_counts() == before


def test_adding_someone_twice_names_the_user(world, admin_client):
    before = row_counts()
    response = admin_client.post(
        "/api/memberships/", {"project": world.project_of_pm1.pk, "user": world.member.pk}, format="json"
    )
    assert_field_error(response, "user")
    assert row_counts() == before


def test_a_member_cannot_be_added_to_a_hidden_project_by_guessing_its_id(world):
    client = APIClient()
    client.force_login(world.pm2)
    before = row_counts()
    response = client.post(
        "/api/memberships/", {"project": world.project_of_pm1.pk, "user": world.outsider.pk}, format="json"
    )
    assert_field_error(response, "project")
    assert row_counts() == before


def test_changing_a_role_to_an_unknown_one_names_role(world, admin_client):
    membership = ProjectMembership.objects.get(user=world.member)
    response = admin_client.patch(f"/api/memberships/{membership.pk}/", {"role": "king"}, format="json")
    assert_field_error(response, "role")
    membership.refresh_from_db()
    assert membership.role == "team_member"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"code": "P 1", "name": "x"}, "code"),
        ({"code": "P1", "name": TEN_THOUSAND}, "name"),
        ({"code": "P1", "name": "x", "pmo_type_override": "anarchic"}, "pmo_type_override"),
        ({"name": "x"}, "code"),
    ],
)
def test_creating_a_portfolio_with_bad_input_names_the_field(admin_client, payload, field):
    before = row_counts()
    assert_field_error(admin_client.post("/api/portfolios/", payload, format="json"), field)
    assert row_counts() == before


def test_a_duplicate_portfolio_code_names_code(world, admin_client):
    response = admin_client.post(
        "/api/portfolios/", {"code": world.portfolio.code, "name": "x"}, format="json"
    )
    assert_field_error(response, "code")


def test_a_duplicate_program_code_names_code(world, admin_client):
    program = ProgramFactory(portfolio=world.portfolio)
    before = row_counts()
    response = admin_client.post(
        "/api/programs/",
        {"portfolio": world.portfolio.pk, "code": program.code, "name": "x"},
        format="json",
    )
    assert_field_error(response, "code")
    assert row_counts() == before


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"pmo_type": "anarchic"}, "pmo_type"),
        ({"default_currency": "XYZ"}, "default_currency"),
        ({"pmo_tpye": "directive"}, "pmo_tpye"),
    ],
)
def test_bad_pmo_settings_name_the_field_and_change_nothing(admin_client, payload, field):
    before = PmoSettings.load().pmo_type
    assert_field_error(admin_client.patch("/api/pmo-settings/", payload, format="json"), field)
    assert PmoSettings.load().pmo_type == before


def test_put_of_pmo_settings_needs_every_field(admin_client):
    assert_field_error(
        admin_client.put("/api/pmo-settings/", {"pmo_type": "directive"}, format="json"), "default_currency"
    )


# Chinese text ---------------------------------------------------------------------------------


def test_chinese_text_round_trips_through_every_text_field(world, admin_client):
    texts = {
        "name": "智慧园区建设项目（一期）",
        "description": "包含：门禁、停车、能耗管理。\n第二行😀",
        "department": "信息技术部",
        "objectives": "降低能耗 15%",
        "scope_in": "园区 A、B 栋",
        "scope_out": "园区 C 栋",
        "success_criteria": "验收通过；用户满意度 ≥ 4",
    }
    created = admin_client.post("/api/projects/", valid_project(world, **texts), format="json")
    assert created.status_code == 201, created.json()
    read_back = admin_client.get(f"/api/projects/{created.json()['id']}/").json()
    assert {key: read_back[key] for key in texts} == texts
    found = admin_client.get("/api/projects/?q=智慧园区").json()["results"]
    assert [row["id"] for row in found] == [created.json()["id"]]


def test_error_messages_come_in_chinese_for_a_chinese_client(admin_client):
    # The locale middleware leaves the request's language active in this thread; put it back after.
    with translation.override(translation.get_language()):
        response = admin_client.post("/api/projects/", {}, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert_field_error(response, "code")
    assert response.json()["extra"]["fields"]["code"] == ["该字段是必填项。"]

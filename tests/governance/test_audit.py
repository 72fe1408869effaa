"""The audit log: who did what, when, from where and how it ended, for the security events of the portal.

Sign-ins and their failures, sign-outs, lockouts, refusals (403, and 404 of hidden objects, on pages and
the API), role and PMO type changes, plan exports and imports; never a secret in it, and never changed.
"""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from governance import services, signals
from governance.models import AuditEvent, AuditKind, AuditOutcome, PmoSettings, PmoType
from governance.services import audit_record, client_address
from projects.services.portfolios import portfolio_update
from tests.factories import PASSWORD, PortfolioFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

ADDRESS = {"REMOTE_ADDR": "203.0.113.7", "HTTP_USER_AGENT": "Mozilla/5.0 (Audit test)"}
PLAN_CSV = b"WBS,Name,Duration (days)\r\n1,Design,3\r\n2,Build,5\r\n"


def events(kind: str | None = None):
    found = AuditEvent.objects.order_by("id")
    return list(found.filter(kind=kind) if kind else found)


def only_event(kind: str) -> AuditEvent:
    found = events(kind)
    assert len(found) == 1, [str(event) for event in events()]
    return found[0]


def signed_in_client(user, client_class=Client):
    client = client_class(**ADDRESS)
    client.force_login(user)
    AuditEvent.objects.all().delete()  # the sign-in itself is not what these tests are about
    return client


@pytest.fixture
def pm():
    return UserFactory(username="pm", is_project_manager=True)


@pytest.fixture
def admin_user():
    return UserFactory(username="root", is_superuser=True, is_staff=True)


# --- Signing in and out -------------------------------------------------------------------------------------


def test_a_failed_sign_in_on_the_form_records_the_name_tried_and_the_address_and_no_password(pm):
    response = Client(**ADDRESS).post(reverse("login"), {"username": "pm", "password": "wrong-guess-123"})

    assert response.status_code == 200
    event = only_event(AuditKind.SIGN_IN_FAILED)
    assert (event.outcome, event.username, event.user) == (AuditOutcome.FAILURE, "pm", None)
    assert event.ip_address == "203.0.113.7"
    assert event.user_agent == "Mozilla/5.0 (Audit test)"
    assert "wrong-guess-123" not in json.dumps(event.details) + str(event.__dict__)


def test_a_failed_sign_in_for_an_unknown_name_and_on_the_token_endpoint_are_recorded():
    Client(**ADDRESS).post(reverse("login"), {"username": "nobody", "password": "x"})
    APIClient(**ADDRESS).post(reverse("api:token"), {"username": "ghost", "password": "y"}, format="json")

    assert [event.username for event in events(AuditKind.SIGN_IN_FAILED)] == ["nobody", "ghost"]


def test_signing_in_and_out_is_recorded_with_the_user(pm):
    client = Client(**ADDRESS)
    client.post(reverse("login"), {"username": "pm", "password": PASSWORD})
    client.post(reverse("logout"))

    sign_in, sign_out = events(AuditKind.SIGN_IN)[0], events(AuditKind.SIGN_OUT)[0]
    assert (sign_in.user, sign_in.outcome, sign_in.ip_address) == (pm, AuditOutcome.SUCCESS, "203.0.113.7")
    assert sign_out.user == pm


def test_a_token_issued_for_a_password_is_a_sign_in(pm):
    response = APIClient(**ADDRESS).post(
        reverse("api:token"), {"username": "pm", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 200
    event = only_event(AuditKind.SIGN_IN)
    assert event.user == pm
    assert response.json()["token"] not in json.dumps(event.details)


def test_a_lockout_is_recorded_with_the_name_and_address():
    request = Client(**ADDRESS).get(reverse("login")).wsgi_request
    signals._locked_out("axes", request=request, username="pm", ip_address="203.0.113.7")

    event = only_event(AuditKind.LOCKOUT)
    assert (event.username, event.outcome, event.ip_address) == ("pm", AuditOutcome.DENIED, "203.0.113.7")


def test_the_forwarded_address_counts_only_when_proxies_are_trusted(settings):
    request = (
        Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9, 10.0.0.1").get("/").wsgi_request
    )

    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "198.51.100.9"


def test_details_never_keep_a_secret():
    event = audit_record(
        kind=AuditKind.SIGN_IN_FAILED,
        outcome=AuditOutcome.FAILURE,
        details={"password": "hunter2", "nested": {"api_token": "abc", "sessionid": "s"}, "count": 3},
    )

    assert event.details == {
        "password": "[removed]",
        "nested": {"api_token": "[removed]", "sessionid": "[removed]"},
        "count": 3,
    }


# --- Refusals -----------------------------------------------------------------------------------------------


def test_a_refused_page_records_who_and_from_where(pm):
    client = signed_in_client(pm)

    assert client.get(reverse("governance:settings")).status_code == 403

    event = only_event(AuditKind.ACCESS_DENIED)
    assert (event.user, event.username, event.outcome) == (pm, "pm", AuditOutcome.DENIED)
    assert (event.ip_address, event.path) == ("203.0.113.7", reverse("governance:settings"))
    assert event.details == {"status": 403, "method": "GET"}


def test_a_hidden_project_page_is_recorded_as_a_denial_but_an_unknown_address_is_not(pm):
    hidden = ProjectFactory()
    client = signed_in_client(pm)

    assert client.get(reverse("projects:detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("projects:plan", args=[hidden.pk])).status_code == 404
    assert client.get("/no-such-page/").status_code == 404

    recorded = events(AuditKind.OBJECT_HIDDEN)
    assert [(event.object_type, event.object_id) for event in recorded] == [
        ("project", str(hidden.pk)),
        ("project", str(hidden.pk)),
    ]
    assert all(event.user == pm and event.outcome == AuditOutcome.DENIED for event in recorded)
    assert events(AuditKind.ACCESS_DENIED) == []


def test_refusals_of_the_api_are_recorded_404_for_hidden_objects_and_403_for_forbidden_changes(pm):
    hidden = ProjectFactory()
    own = ProjectFactory(project_manager=pm)
    client = signed_in_client(pm, APIClient)

    assert client.get(reverse("api:project-detail", args=[hidden.pk])).status_code == 404
    assert client.delete(reverse("api:project-detail", args=[own.pk])).status_code == 403
    assert client.get("/api/nowhere/").status_code == 404

    hidden_event = only_event(AuditKind.OBJECT_HIDDEN)
    assert (hidden_event.object_type, hidden_event.object_id, hidden_event.user) == (
        "project",
        str(hidden.pk),
        pm,
    )
    denied = only_event(AuditKind.ACCESS_DENIED)
    assert denied.object_type == "project"
    assert (denied.object_id, denied.details["method"], denied.ip_address) == (
        str(own.pk),
        "DELETE",
        "203.0.113.7",
    )


# --- Role and PMO type changes ----------------------------------------------------------------------------


def test_role_changes_in_the_admin_are_recorded_with_before_and_after(admin_user):
    person = UserFactory(username="wei")
    auditors = Group.objects.create(name="Auditors")
    client = signed_in_client(admin_user)
    form = {
        "username": "wei",
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "is_active": "on",
        "is_pmo_staff": "on",
        "groups": [auditors.pk],
        "date_joined_0": "2026-01-05",
        "date_joined_1": "09:00:00",
    }

    response = client.post(reverse("admin:governance_user_change", args=[person.pk]), form)

    assert response.status_code == 302, response.content[:2000]
    event = only_event(AuditKind.ROLE_CHANGE)
    assert (event.user, event.object_type, event.object_id) == (admin_user, "user", str(person.pk))
    assert event.details == {"changes": {"is_pmo_staff": [False, True], "groups": [[], ["Auditors"]]}}


def test_changing_the_pmo_type_is_recorded_from_the_page_the_admin_and_a_portfolio(admin_user):
    PmoSettings.load()
    client = signed_in_client(admin_user)
    client.post(reverse("governance:settings"), {"pmo_type": PmoType.CONTROLLING, "default_currency": "CNY"})
    client.post(
        reverse("admin:governance_pmosettings_change", args=[PmoSettings.SINGLETON_ID]),
        {"pmo_type": PmoType.DIRECTIVE, "default_currency": "CNY"},
    )
    portfolio = PortfolioFactory(code="PF-A")
    portfolio_update(actor=admin_user, portfolio=portfolio, changes={"pmo_type_override": PmoType.SUPPORTIVE})
    portfolio_update(actor=admin_user, portfolio=portfolio, changes={"name": "Renamed"})  # the type stays

    recorded = [
        (e.object_type, e.details["from"], e.details["to"]) for e in events(AuditKind.PMO_TYPE_CHANGE)
    ]
    assert recorded == [
        ("pmosettings", "supportive", "controlling"),
        ("pmosettings", "controlling", "directive"),
        ("portfolio", "", "supportive"),
    ]
    assert all(event.user == admin_user for event in events(AuditKind.PMO_TYPE_CHANGE))


# --- Plan files ---------------------------------------------------------------------------------------------


def test_plan_exports_and_imports_are_recorded_with_their_outcome_and_counts(pm):
    project = ProjectFactory(project_manager=pm)
    client = signed_in_client(pm, APIClient)

    assert client.get(reverse("api:plan-export", args=[project.pk, "csv"])).status_code == 200
    upload = SimpleUploadedFile("plan.csv", PLAN_CSV, content_type="text/csv")
    assert client.post(reverse("api:plan-import", args=[project.pk]), {"file": upload}).status_code == 201
    bad = SimpleUploadedFile("bad.csv", b"WBS,Name,Duration (days)\r\n1,,-3\r\n", content_type="text/csv")
    page = Client(**ADDRESS)
    page.force_login(pm)
    assert (
        page.post(
            reverse("projects:plan_import", args=[project.pk]),
            {"file": bad, "replace": "on", "mode": "replace"},
        ).status_code
        == 400
    )

    export = only_event(AuditKind.PLAN_EXPORT)
    assert (export.user, export.object_id, export.details["format"]) == (pm, str(project.pk), "csv")
    imported, refused = events(AuditKind.PLAN_IMPORT)
    assert imported.outcome == AuditOutcome.SUCCESS
    assert {key: imported.details[key] for key in ("file_name", "format", "tasks", "dependencies")} == {
        "file_name": "plan.csv",
        "format": "csv",
        "tasks": 2,
        "dependencies": 0,
    }
    assert refused.outcome == AuditOutcome.FAILURE
    assert refused.details["file_name"] == "bad.csv" and refused.details["problems"] >= 1
    assert refused.ip_address == "203.0.113.7"


# --- Append-only --------------------------------------------------------------------------------------------


def test_the_admin_shows_the_log_read_only_even_to_a_superuser(admin_user):
    event = audit_record(kind=AuditKind.SIGN_IN, outcome=AuditOutcome.SUCCESS, user=admin_user)
    client = Client()
    client.force_login(admin_user)

    assert client.get(reverse("admin:governance_auditevent_changelist")).status_code == 200
    change = client.get(reverse("admin:governance_auditevent_change", args=[event.pk]))
    assert change.status_code == 200
    assert b'name="_save"' not in change.content
    assert client.get(reverse("admin:governance_auditevent_add")).status_code == 403
    assert client.get(reverse("admin:governance_auditevent_delete", args=[event.pk])).status_code == 403
    assert (
        client.post(
            reverse("admin:governance_auditevent_change", args=[event.pk]), {"kind": "sign_out"}
        ).status_code
        == 403
    )
    event.refresh_from_db()
    assert event.kind == AuditKind.SIGN_IN


def test_services_leave_no_way_to_change_or_delete_an_event():
    assert [name for name in dir(services) if name.startswith("audit_")] == ["audit_record"]

"""The health standards as a PMO standard: their rules, the service, the page, its worked example, the API."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from governance import selectors
from governance.health_standards import (
    DEFAULT_HEALTH_STANDARDS,
    DEFAULT_HEALTH_WEIGHTS,
    EXAMPLE_FIGURES,
    HealthStandards,
    standards_errors,
    worked_example,
)
from governance.models import AuditEvent, AuditKind, PmoSettings
from governance.services import health_standards_update
from reports.health import HealthInputs, health_score
from tests.factories import UserFactory

D = Decimal
URL = reverse("governance:health_standards")
API_URL = "/api/pmo/health-standards/"


def with_weights(**changes) -> HealthStandards:
    return HealthStandards(weights={**DEFAULT_HEALTH_WEIGHTS, **changes})


# --- The rules, without a database ------------------------------------------------------------------


def test_the_defaults_hold_every_rule():
    assert standards_errors(DEFAULT_HEALTH_STANDARDS) == {}


@pytest.mark.parametrize(
    ("standards", "name", "words"),
    [
        (with_weights(schedule=20), "weights", "add up to 95"),
        (with_weights(schedule=101, cost=-51), "weights", "from 0 to 100"),
        (
            HealthStandards(weights={**DEFAULT_HEALTH_WEIGHTS, "velocity": 0}),
            "weights",
            "Unknown dimension: velocity",
        ),
        (HealthStandards(weights={"schedule": 100}), "weights", "missing: cost"),
        (
            HealthStandards(weights=DEFAULT_HEALTH_WEIGHTS, spi_amber=D("0.95")),
            "spi_amber",
            "below the green",
        ),
        (HealthStandards(weights=DEFAULT_HEALTH_WEIGHTS, cpi_green=D("2.5")), "cpi_green", "at most 2"),
        (HealthStandards(weights=DEFAULT_HEALTH_WEIGHTS, cpi_amber=D("0")), "cpi_amber", "above 0"),
        (HealthStandards(weights=DEFAULT_HEALTH_WEIGHTS, band_amber=75), "band_amber", "below the green"),
        (HealthStandards(weights=DEFAULT_HEALTH_WEIGHTS, band_green=101), "band_green", "from 1 to 100"),
    ],
)
def test_a_broken_rule_is_named_by_its_standard(standards, name, words):
    errors = standards_errors(standards)
    assert list(errors) == [name]
    assert words in " ".join(errors[name])


@pytest.mark.parametrize(
    "standards",
    [
        DEFAULT_HEALTH_STANDARDS,
        with_weights(schedule=40, cost=10, compliance=5),
        with_weights(risk_exposure=0, cost=40),
    ],
)
def test_the_worked_example_is_what_the_engine_computes(standards):
    example = worked_example(standards)
    result = health_score(
        HealthInputs(
            spi=EXAMPLE_FIGURES["schedule"],
            cpi=EXAMPLE_FIGURES["cost"],
            scope_changes=EXAMPLE_FIGURES["scope_changes"],
            customer_satisfaction=EXAMPLE_FIGURES["customer_satisfaction"],
            team_morale=EXAMPLE_FIGURES["team_morale"],
            compliance_score=EXAMPLE_FIGURES["compliance"],
        ),
        standards,
    )
    assert (example.score, example.band) == (result.score, result.band)
    assert [row.effective_weight for row in example.rows] == [
        row.effective_weight for row in result.dimensions
    ]


def test_the_worked_example_under_the_defaults():
    # (62.5 x 25 + 100 x 25 + 80 x 10 + 75 x 10 + 50 x 10 + 90 x 5) / 85 = 6562.5 / 85 = 77.2 -> 77
    example = worked_example(DEFAULT_HEALTH_STANDARDS)
    assert (example.score, example.band, example.measured_weight) == (77, "green", 85)
    assert example.terms == "62.5 × 25 + 100.0 × 25 + 80.0 × 10 + 75.0 × 10 + 50.0 × 10 + 90.0 × 5"


# --- The service ------------------------------------------------------------------------------------


@pytest.fixture
def admin():
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def pmo():
    return UserFactory(username="pmo", is_pmo_staff=True)


@pytest.mark.django_db
def test_before_an_admin_saves_them_the_defaults_are_in_force():
    assert selectors.health_standards() == DEFAULT_HEALTH_STANDARDS
    assert not PmoSettings.objects.exists()


@pytest.mark.django_db
def test_an_admin_changes_some_standards_the_rest_stay_and_the_change_is_audited(admin):
    health_standards_update(
        actor=admin, weights={"schedule": 30, "cost": 20}, spi_green=D("0.9"), band_amber=40
    )

    standards = selectors.health_standards()
    assert standards.weights == {**DEFAULT_HEALTH_WEIGHTS, "schedule": 30, "cost": 20}
    assert (standards.spi_green, standards.spi_amber, standards.band_amber) == (D("0.9"), D("0.85"), 40)
    event = AuditEvent.objects.get(kind=AuditKind.PMO_STANDARDS_CHANGE)
    assert event.user == admin
    assert event.details["changes"]["weights"] == {"schedule": [25, 30], "cost": [25, 20]}
    assert event.details["changes"]["band_amber"] == ["50", "40"]


@pytest.mark.django_db
def test_pmo_staff_may_not_change_the_health_standards(pmo):
    with pytest.raises(PermissionDenied):
        health_standards_update(actor=pmo, band_green=80)
    assert not PmoSettings.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({"weights": {"schedule": 30}}, "weights"),
        ({"weights": {"pace": 0}}, "weights"),
        ({"spi_amber": D("0.96")}, "spi_amber"),
        ({"band_green": 40}, "band_amber"),
    ],
)
def test_standards_breaking_a_rule_are_refused_on_their_name_and_nothing_is_saved(admin, changes, name):
    health_standards_update(actor=admin, band_green=80)
    with pytest.raises(ValidationError) as refused:
        health_standards_update(actor=admin, **changes)
    assert name in refused.value.message_dict
    assert selectors.health_standards() == HealthStandards(weights=DEFAULT_HEALTH_WEIGHTS, band_green=80)


@pytest.mark.django_db
def test_the_database_refuses_weights_that_do_not_add_up_to_100(admin):
    from django.db import IntegrityError, transaction

    PmoSettings.load()
    with pytest.raises(IntegrityError), transaction.atomic():
        PmoSettings.objects.update(health_weight_schedule=30)


# --- The page -----------------------------------------------------------------------------------------

FORM = {
    "weight_schedule": "30",
    "weight_cost": "20",
    "weight_risk_exposure": "15",
    "weight_scope_changes": "10",
    "weight_customer_satisfaction": "10",
    "weight_team_morale": "10",
    "weight_compliance": "5",
    "spi_green": "0.95",
    "spi_amber": "0.85",
    "cpi_green": "0.95",
    "cpi_amber": "0.85",
    "band_green": "75",
    "band_amber": "50",
}


@pytest.mark.django_db
def test_an_admin_saves_the_standards_on_their_page(client, admin):
    client.force_login(admin)

    response = client.post(URL, FORM)

    assert response.status_code == 302
    assert selectors.health_standards().weight_of("schedule") == 30


@pytest.mark.django_db
def test_the_page_says_when_the_weights_do_not_add_up_and_saves_nothing(client, admin):
    client.force_login(admin)

    response = client.post(URL, {**FORM, "weight_compliance": "15"})

    assert response.status_code == 400
    assert "The weights add up to 110; they must add up to 100." in response.content.decode()
    assert not PmoSettings.objects.exists()


@pytest.mark.django_db
def test_the_page_shows_every_broken_rule_at_once_each_on_its_field(client, admin):
    client.force_login(admin)

    response = client.post(URL, {**FORM, "weight_compliance": "15", "cpi_amber": "0.97"})

    assert response.status_code == 400
    form = response.context["form"]
    assert "below the green one (0.95)" in " ".join(form.errors["cpi_amber"])
    assert form.non_field_errors() == ["The weights add up to 110; they must add up to 100."]


@pytest.mark.django_db
def test_pmo_staff_read_the_standards_and_the_example_but_may_not_change_them(client, pmo):
    client.force_login(pmo)

    page = client.get(URL)

    assert page.status_code == 200
    text = page.content.decode()
    assert "disabled" in text
    assert "only an admin may change them" in text
    assert "<strong>77</strong>" in text  # the worked example under the defaults
    assert "62.5 × 25 + 100.0 × 25" in text
    assert client.post(URL, FORM).status_code == 403


@pytest.mark.django_db
def test_the_worked_example_follows_the_saved_standards(client, admin):
    client.force_login(admin)
    # Schedule 40, cost 10: (62.5 x 40 + 100 x 10 + 80 x 10 + 75 x 10 + 50 x 10 + 90 x 5) / 85 = 70.6 -> 71
    client.post(URL, {**FORM, "weight_schedule": "40", "weight_cost": "10"})

    text = client.get(URL).content.decode()

    assert "<strong>71</strong>" in text


@pytest.mark.django_db
def test_team_members_do_not_see_the_standards_page(client):
    client.force_login(UserFactory(is_team_member=True))
    assert client.get(URL).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "text"), [("en", "Worked example"), ("zh-hans", "计算示例")])
def test_the_page_speaks_the_readers_language(client, admin, language, text):
    client.force_login(admin)
    client.cookies["django_language"] = language
    assert text in client.get(URL).content.decode()


# --- The API ------------------------------------------------------------------------------------------


def api_client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
def test_everyone_signed_in_reads_the_standards_through_the_api():
    response = api_client(UserFactory(is_team_member=True)).get(API_URL)

    assert response.status_code == 200
    assert response.json() == {
        "weights": dict(DEFAULT_HEALTH_WEIGHTS),
        "spi_green": "0.950",
        "spi_amber": "0.850",
        "cpi_green": "0.950",
        "cpi_amber": "0.850",
        "band_green": 75,
        "band_amber": 50,
    }


@pytest.mark.django_db
def test_an_admin_patches_some_weights_through_the_api(admin):
    response = api_client(admin).patch(API_URL, {"weights": {"schedule": 35, "cost": 15}}, format="json")

    assert response.status_code == 200
    assert response.json()["weights"]["schedule"] == 35
    assert selectors.health_standards().weight_of("cost") == 15


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"weights": {"schedule": 35}}, "weights"),
        ({"weights": {"speed": 5}}, "weights"),
        ({"spi_amber": "0.99"}, "spi_amber"),
        ({"band_green": 101}, "band_green"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_the_api_names_the_field_at_fault_and_saves_nothing(admin, body, field):
    response = api_client(admin).patch(API_URL, body, format="json")

    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]
    assert selectors.health_standards() == DEFAULT_HEALTH_STANDARDS


@pytest.mark.django_db
def test_pmo_staff_may_not_patch_the_standards(pmo):
    assert api_client(pmo).patch(API_URL, {"band_green": 80}, format="json").status_code == 403

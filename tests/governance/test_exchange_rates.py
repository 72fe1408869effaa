"""The reporting currency and the exchange rates: services, the page everyone reads, the API."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from governance import selectors
from governance.models import AuditEvent, AuditKind, ExchangeRate
from governance.services import exchange_rate_create, exchange_rate_delete, reporting_currency_update
from tests.factories import UserFactory
from tests.factories.money import ExchangeRateFactory

pytestmark = pytest.mark.django_db

D = Decimal
URL = reverse("governance:exchange_rates")
API_URL = "/api/exchange-rates/"
JAN, JUL = date(2026, 1, 1), date(2026, 7, 1)
# Session and user, the settings, the count and page of rates, the whole table for those in force.
PAGE_QUERIES = 6
# Token-less session, user, the count and page, the table for those in force.
API_LIST_QUERIES = 5


@pytest.fixture
def pmo():
    return UserFactory(username="pmo", is_pmo_staff=True)


@pytest.fixture
def member():
    return UserFactory(username="member", is_team_member=True)


def add(actor, *, pair=("EUR", "CNY"), rate="7.80", valid_from=JAN):
    return exchange_rate_create(
        actor=actor, from_currency=pair[0], to_currency=pair[1], rate=D(rate), valid_from=valid_from
    )


# --- Services -----------------------------------------------------------------------------------------


def test_pmo_staff_add_a_rate_and_conversions_use_it_from_its_day(pmo):
    add(pmo, rate="7.80", valid_from=JAN)
    add(pmo, rate="8.05", valid_from=JUL)

    table = selectors.rate_table()
    assert table.convert(D(100), from_currency="EUR", to_currency="CNY", on=date(2026, 6, 30)).amount == D(
        "780.00"
    )
    assert table.convert(D(100), from_currency="EUR", to_currency="CNY", on=JUL).amount == D("805.00")
    event = AuditEvent.objects.filter(kind=AuditKind.EXCHANGE_RATE_CHANGE).latest("id")
    assert event.details == {
        "action": "created",
        "from_currency": "EUR",
        "to_currency": "CNY",
        "rate": "8.05",
        "valid_from": "2026-07-01",
    }
    assert event.user == pmo


def test_deleting_a_rate_puts_the_earlier_one_in_force_again_and_is_audited(pmo):
    add(pmo, rate="7.80", valid_from=JAN)
    later = add(pmo, rate="8.05", valid_from=JUL)

    exchange_rate_delete(actor=pmo, exchange_rate=later)

    assert selectors.rate_table().convert(D(1), from_currency="EUR", to_currency="CNY", on=JUL).rate == D(
        "7.8"
    )
    assert AuditEvent.objects.filter(kind=AuditKind.EXCHANGE_RATE_CHANGE, details__action="deleted").exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"rate": "0"}, "rate"),
        ({"rate": "-1"}, "rate"),
        ({"pair": ("CNY", "CNY")}, "to_currency"),
        ({"pair": ("XXX", "CNY")}, "from_currency"),
        ({"rate": "1.123456789"}, "rate"),
    ],
)
def test_a_wrong_rate_is_refused_on_its_field(pmo, kwargs, field):
    with pytest.raises(ValidationError) as refused:
        add(pmo, **kwargs)
    assert field in refused.value.message_dict
    assert not ExchangeRate.objects.exists()


def test_one_rate_per_pair_and_day(pmo):
    add(pmo)
    with pytest.raises(ValidationError) as refused:
        add(pmo, rate="7.90")
    assert "already has a rate from 2026-01-01" in " ".join(refused.value.message_dict["valid_from"])
    add(pmo, pair=("CNY", "EUR"), rate="0.128")  # the opposite pair is another pair


def test_project_managers_and_members_keep_no_rates(member):
    pm = UserFactory(is_project_manager=True)
    for person in (pm, member):
        with pytest.raises(PermissionDenied):
            add(person)
        with pytest.raises(PermissionDenied):
            reporting_currency_update(actor=person, reporting_currency="EUR")
    rate = ExchangeRateFactory()
    with pytest.raises(PermissionDenied):
        exchange_rate_delete(actor=pm, exchange_rate=rate)


def test_pmo_staff_set_the_reporting_currency_and_it_is_audited(pmo):
    assert selectors.reporting_currency() == "CNY"

    reporting_currency_update(actor=pmo, reporting_currency="EUR")

    assert selectors.reporting_currency() == "EUR"
    event = AuditEvent.objects.get(kind=AuditKind.PMO_STANDARDS_CHANGE)
    assert event.details["changes"] == {"reporting_currency": ["CNY", "EUR"]}
    with pytest.raises(ValidationError) as refused:
        reporting_currency_update(actor=pmo, reporting_currency="EURO")
    assert "reporting_currency" in refused.value.message_dict


def test_the_rate_table_is_one_query_whatever_the_rates(django_assert_num_queries):
    ExchangeRateFactory.create_batch(30)
    with django_assert_num_queries(1):
        assert len(selectors.rate_table()) == 30


# --- The page -----------------------------------------------------------------------------------------


def test_a_member_reads_the_currency_and_the_rates_in_force_without_forms(client, member):
    ExchangeRateFactory(rate=D("7.8"), valid_from=JAN)
    ExchangeRateFactory(rate=D("8.1"), valid_from=timezone.localdate() + timedelta(days=30))
    client.force_login(member)

    page = client.get(URL)

    assert page.status_code == 200
    assert [rate.rate for rate in page.context["in_force"]] == [D("7.8")]
    text = page.content.decode()
    assert "Add a rate" not in text and "Delete" not in text
    assert "Only admins and PMO staff may change" in text
    assert client.post(URL, {"action": "currency", "reporting_currency": "EUR"}).status_code == 403


def test_pmo_staff_add_a_rate_on_the_page(client, pmo):
    client.force_login(pmo)

    response = client.post(
        URL,
        {
            "action": "rate",
            "from_currency": "USD",
            "to_currency": "CNY",
            "rate": "7.13",
            "valid_from": "2026-07-01",
        },
    )

    assert response.status_code == 302
    rate = ExchangeRate.objects.get()
    assert (rate.from_currency, rate.rate, rate.created_by) == ("USD", D("7.13"), pmo)


def test_the_page_names_the_day_already_taken(client, pmo):
    ExchangeRateFactory(from_currency="USD", valid_from=JUL)
    client.force_login(pmo)

    response = client.post(
        URL,
        {
            "action": "rate",
            "from_currency": "USD",
            "to_currency": "CNY",
            "rate": "7.13",
            "valid_from": "2026-07-01",
        },
    )

    assert response.status_code == 400
    assert "already has a rate" in " ".join(response.context["rate_form"].errors["valid_from"])
    assert ExchangeRate.objects.count() == 1


def test_the_page_refuses_a_rate_between_one_currency(client, pmo):
    client.force_login(pmo)

    response = client.post(
        URL,
        {
            "action": "rate",
            "from_currency": "CNY",
            "to_currency": "CNY",
            "rate": "1",
            "valid_from": "2026-07-01",
        },
    )

    assert response.status_code == 400
    assert response.context["rate_form"].errors["to_currency"]


def test_pmo_staff_set_the_reporting_currency_and_delete_a_rate_on_the_page(client, pmo):
    rate = ExchangeRateFactory()
    client.force_login(pmo)

    assert client.post(URL, {"action": "currency", "reporting_currency": "USD"}).status_code == 302
    assert client.post(reverse("governance:exchange_rate_delete", args=[rate.pk])).status_code == 302

    assert selectors.reporting_currency() == "USD"
    assert not ExchangeRate.objects.exists()
    assert client.post(reverse("governance:exchange_rate_delete", args=[rate.pk])).status_code == 404


def test_the_page_costs_the_same_queries_at_10_and_200_rates(client, member, django_assert_num_queries):
    client.force_login(member)
    for count in (10, 200):
        ExchangeRateFactory.create_batch(count - ExchangeRate.objects.count(), created_by=member)
        with django_assert_num_queries(PAGE_QUERIES, info=f"{count} rates"):
            response = client.get(URL)
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == count


@pytest.mark.parametrize(("language", "text"), [("en", "Rates in force today"), ("zh-hans", "今日适用汇率")])
def test_the_page_speaks_the_readers_language(client, member, language, text):
    client.force_login(member)
    client.cookies["django_language"] = language
    assert text in client.get(URL).content.decode()


# --- The API ------------------------------------------------------------------------------------------


def api_client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_lists_the_rates_and_marks_those_in_force_today(member):
    old = ExchangeRateFactory(rate=D("7.8"), valid_from=JAN)
    current = ExchangeRateFactory(rate=D("8.05"), valid_from=JUL)
    future = ExchangeRateFactory(rate=D("8.2"), valid_from=timezone.localdate() + timedelta(days=30))

    response = api_client(member).get(API_URL)

    assert response.status_code == 200
    flags = {row["id"]: row["in_force_today"] for row in response.json()["results"]}
    assert flags == {old.pk: False, current.pk: True, future.pk: False}
    first = response.json()["results"][0]
    assert first["id"] == future.pk  # newest first within the pair
    assert first["rate"] == "8.20000000"


def test_pmo_staff_add_and_delete_a_rate_through_the_api(pmo):
    client = api_client(pmo)

    created = client.post(
        API_URL,
        {"from_currency": "USD", "to_currency": "CNY", "rate": "7.13", "valid_from": "2026-07-01"},
        format="json",
    )
    assert created.status_code == 201
    assert created.json()["in_force_today"] is True
    duplicate = client.post(
        API_URL,
        {"from_currency": "USD", "to_currency": "CNY", "rate": "7.2", "valid_from": "2026-07-01"},
        format="json",
    )
    assert duplicate.status_code == 400
    assert "valid_from" in duplicate.json()["extra"]["fields"]

    assert client.delete(f"{API_URL}{created.json()['id']}/").status_code == 204
    assert client.delete(f"{API_URL}{created.json()['id']}/").status_code == 404


def test_members_read_the_rates_but_may_not_add_or_delete_them(member):
    rate = ExchangeRateFactory()
    client = api_client(member)

    assert (
        client.post(
            API_URL,
            {"from_currency": "USD", "to_currency": "CNY", "rate": "7.13", "valid_from": "2026-07-01"},
            format="json",
        ).status_code
        == 403
    )
    assert client.delete(f"{API_URL}{rate.pk}/").status_code == 403
    assert (
        client.patch("/api/pmo/reporting-currency/", {"reporting_currency": "EUR"}, format="json").status_code
        == 403
    )
    assert client.get("/api/pmo/reporting-currency/").json() == {"reporting_currency": "CNY"}


def test_pmo_staff_set_the_reporting_currency_through_the_api(pmo):
    response = api_client(pmo).patch(
        "/api/pmo/reporting-currency/", {"reporting_currency": "EUR"}, format="json"
    )

    assert response.status_code == 200
    assert response.json() == {"reporting_currency": "EUR"}
    bad = api_client(pmo).patch("/api/pmo/reporting-currency/", {"reporting_currency": "EURO"}, format="json")
    assert bad.status_code == 400
    assert "reporting_currency" in bad.json()["extra"]["fields"]


def test_the_api_filters_by_pair():
    ExchangeRateFactory(from_currency="USD")
    ExchangeRateFactory(from_currency="EUR")
    response = api_client(UserFactory()).get(API_URL, {"from_currency": "USD"})
    assert [row["from_currency"] for row in response.json()["results"]] == ["USD"]


def test_the_api_list_costs_the_same_queries_at_10_and_200_rates(django_assert_num_queries):
    client = APIClient()
    client.force_login(UserFactory())
    for count in (10, 200):
        ExchangeRateFactory.create_batch(count - ExchangeRate.objects.count())
        with django_assert_num_queries(API_LIST_QUERIES, info=f"{count} rates"):
            response = client.get(API_URL, {"page_size": 200})
        assert response.status_code == 200
        assert response.json()["count"] == count

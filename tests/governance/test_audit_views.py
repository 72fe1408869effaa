"""The audit log page and endpoint: admins read it, newest first, filtered and paged, at a fixed cost."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from governance.models import AuditEvent, AuditKind, AuditOutcome
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGE_URL = reverse("governance:audit")
API_URL = reverse("api:audit-event-list")
# Session, user, count, one page of events with their users: whatever the number of events.
PAGE_QUERIES = 4
API_QUERIES = 4


@pytest.fixture
def admin_user():
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def add_events(
    count: int, *, user=None, kind=AuditKind.SIGN_IN_FAILED, outcome=AuditOutcome.FAILURE, days_ago=0
):
    created = AuditEvent.objects.bulk_create(
        AuditEvent(
            kind=kind,
            outcome=outcome,
            user=user,
            username=user.username if user else "guess",
            ip_address="198.51.100.4",
        )
        for _ in range(count)
    )
    if days_ago:
        AuditEvent.objects.filter(pk__in=[event.pk for event in created]).update(
            occurred_at=timezone.now() - timedelta(days=days_ago)
        )
    return created


def signed_in(user, client_class=Client):
    client = client_class()
    client.force_login(user)
    return client


def test_only_admins_read_the_audit_log():
    for person in (UserFactory(is_pmo_staff=True), UserFactory(is_project_manager=True, is_staff=True)):
        assert signed_in(person).get(PAGE_URL).status_code == 403
        assert signed_in(person, APIClient).get(API_URL).status_code == 403
    assert Client().get(PAGE_URL).status_code == 302
    assert APIClient().get(API_URL).status_code == 401


def test_the_page_lists_newest_first_and_filters_by_event_user_outcome_and_days(admin_user):
    someone = UserFactory(username="wei")
    AuditEvent.objects.all().delete()
    add_events(2, days_ago=10)
    add_events(1, user=someone, kind=AuditKind.ACCESS_DENIED, outcome=AuditOutcome.DENIED)
    client = signed_in(admin_user)

    everything = client.get(PAGE_URL)
    assert everything.status_code == 200
    listed = list(everything.context["events"])
    assert [event.kind for event in listed][:2] == [
        AuditKind.SIGN_IN,
        AuditKind.ACCESS_DENIED,
    ]  # admin's own sign-in
    assert client.get(PAGE_URL, {"kind": "access_denied"}).context["page_obj"].paginator.count == 1
    assert client.get(PAGE_URL, {"username": "WEI"}).context["page_obj"].paginator.count == 1
    assert client.get(PAGE_URL, {"outcome": "failure"}).context["page_obj"].paginator.count == 2
    today = timezone.localdate()
    recent = client.get(PAGE_URL, {"since": (today - timedelta(days=1)).isoformat()})
    assert recent.context["page_obj"].paginator.count == 2  # the denial and the admin's sign-in
    old = client.get(PAGE_URL, {"until": (today - timedelta(days=5)).isoformat()})
    assert old.context["page_obj"].paginator.count == 2
    refused = client.get(
        PAGE_URL, {"since": today.isoformat(), "until": (today - timedelta(days=1)).isoformat()}
    )
    assert refused.status_code == 400


def test_the_page_reads_in_chinese(admin_user):
    add_events(1)
    client = signed_in(admin_user)

    response = client.get(PAGE_URL, HTTP_ACCEPT_LANGUAGE="zh-hans")

    html = response.content.decode()
    assert "审计日志" in html
    assert "登录失败" in html


def test_the_page_costs_the_same_queries_at_10_and_200_events(admin_user, django_assert_num_queries):
    client = signed_in(admin_user)
    client.get(PAGE_URL)
    for total in (10, 200):
        add_events(total - AuditEvent.objects.count(), user=UserFactory())
        with django_assert_num_queries(PAGE_QUERIES, info=f"{total} events"):
            response = client.get(PAGE_URL)
        assert response.status_code == 200
        assert len(response.context["events"]) == min(total, 50)
        with django_assert_num_queries(PAGE_QUERIES, info=f"{total} events, filtered"):
            response = client.get(PAGE_URL, {"kind": "sign_in_failed", "outcome": "failure", "page": 2})
        assert response.status_code == 200


def test_the_endpoint_pages_and_filters_the_log_at_a_fixed_cost(admin_user, django_assert_num_queries):
    client = signed_in(admin_user, APIClient)
    client.get(API_URL)
    for total in (10, 200):
        add_events(total - AuditEvent.objects.count(), user=UserFactory())
        with django_assert_num_queries(API_QUERIES, info=f"{total} events"):
            response = client.get(API_URL, {"kind": "sign_in_failed", "outcome": "failure"})
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == total - 1  # the admin's own sign-in is not a failure
        assert len(body["results"]) == min(total - 1, 25)
    first = body["results"][0]
    assert set(first) >= {
        "occurred_at",
        "kind",
        "outcome",
        "user",
        "username",
        "object_type",
        "object_id",
        "ip_address",
        "details",
    }
    assert client.get(API_URL, {"since": "2026-13-01"}).status_code == 400


def test_the_endpoint_writes_nothing():
    admin_user = UserFactory(is_superuser=True)
    client = signed_in(admin_user, APIClient)

    assert client.post(API_URL, {}, format="json").status_code == 405
    assert client.delete(API_URL).status_code == 405

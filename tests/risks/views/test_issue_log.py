"""The issue log page: who reads and writes it, raising, editing, resolving (saying how) and closing,
the link back to the risk an issue came from, and queries that hold at 10 and 200 issues."""

import datetime

import pytest
from django.urls import reverse

from risks.models import Issue, IssueStatus
from tests.factories import IssueFactory, RiskFactory
from tests.factories.risks import bulk_issues

pytestmark = pytest.mark.django_db

# Session, user, the project, the count, the page of issues with owners and risks, the PMO settings and
# the team fact of the edit rights, the owner choices of the filters: at 10 and at 200 issues.
ISSUE_LOG_QUERIES = 8


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_team_and_the_sponsor_read_the_log_others_get_404(client, world, project):
    IssueFactory(project=project, title="Test server down")
    url = reverse("risks:issues", args=[project.pk])
    for user in (world.pm1, world.member, world.sponsor, world.pmo):
        assert "Test server down" in signed_in(client, user).get(url).content.decode()
    assert signed_in(client, world.pm2).get(url).status_code == 404
    assert (
        signed_in(client, world.sponsor).get(reverse("risks:issue_create", args=[project.pk])).status_code
        == 403
    )


def test_the_pm_raises_edits_resolves_and_closes_an_issue(client, world, project):
    signed_in(client, world.pm1)
    response = client.post(
        reverse("risks:issue_create", args=[project.pk]),
        {"title": "Test server down", "severity": "high", "owner": str(world.member.pk), "due_date": ""},
    )
    assert response.status_code == 302
    issue = Issue.objects.get()
    edit = reverse("risks:issue_edit", args=[project.pk, issue.pk])
    data = {
        "title": "Test server down",
        "severity": "critical",
        "owner": str(world.member.pk),
        "status": "in_progress",
    }
    assert client.post(edit, data).status_code == 302
    issue.refresh_from_db()
    assert (issue.severity, issue.status) == ("critical", IssueStatus.IN_PROGRESS)
    resolve = reverse("risks:issue_resolve", args=[project.pk, issue.pk])
    response = client.post(resolve, {"resolution": "  "})
    assert response.status_code == 400
    assert "Say how the issue was resolved." in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == IssueStatus.IN_PROGRESS
    assert client.post(resolve, {"resolution": "Restarted the server."}).status_code == 302
    client.post(reverse("risks:issue_close", args=[project.pk, issue.pk]))
    issue.refresh_from_db()
    assert (issue.status, issue.resolution) == (IssueStatus.CLOSED, "Restarted the server.")


def test_an_issue_from_a_risk_links_back_to_it_and_the_filters_narrow_the_log(client, world, project):
    risk = RiskFactory(project=project, title="Server room floods", status="occurred")
    IssueFactory(
        project=project, risk=risk, title="Flooded", severity="high", due_date=datetime.date(2020, 1, 1)
    )
    IssueFactory(project=project, title="Printer jam", severity="low")
    url = reverse("risks:issues", args=[project.pk])
    signed_in(client, world.pm1)
    page = client.get(url).content.decode()
    assert reverse("risks:detail", args=[project.pk, risk.pk]) in page
    assert [issue.title for issue in client.get(url, {"severity": "low"}).context["page_obj"]] == [
        "Printer jam"
    ]
    assert [issue.title for issue in client.get(url, {"overdue": "on"}).context["page_obj"]] == ["Flooded"]


def test_the_log_takes_the_same_queries_at_10_and_200_issues(
    client, world, project, django_assert_num_queries
):
    signed_in(client, world.pm1)
    url = reverse("risks:issues", args=[project.pk])
    bulk_issues(project, 10)
    client.get(url)
    for count in (10, 200):
        bulk_issues(project, count - Issue.objects.filter(project=project).count())
        with django_assert_num_queries(ISSUE_LOG_QUERIES, info=f"{count} issues"):
            response = client.get(url)
        assert response.context["page_obj"].paginator.count == count

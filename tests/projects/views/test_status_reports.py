"""The status report pages: a project's periods and reports, writing and submitting a draft, the frozen
report, and the PMO's late and missing reports across projects; their query counts at 10 and 200 rows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import PmoType
from projects.models import StatusReport
from tests.factories import ProjectFactory, UserFactory, published_version, set_pmo_type
from tests.factories.status_reports import weekly_reports

pytestmark = pytest.mark.django_db

# Session, user, the project with its people, the PMO type (who may write), and the punctuality: the
# project's calendar and its reports. The same at 10 and at 200 reports.
LIST_PAGE_QUERIES = 6
# Session, user, the visible active and closed projects, and the punctuality: cadences, calendars,
# reports. The same at 10 and at 200 projects.
LATE_PAGE_QUERIES = 6


def this_monday():
    today = timezone.localdate()
    return today - timedelta(days=today.weekday())


@pytest.fixture
def pm():
    return UserFactory(username="page-pm", is_project_manager=True)


@pytest.fixture
def pmo():
    return UserFactory(username="page-pmo", is_pmo_staff=True)


@pytest.fixture
def project(pm):
    return ProjectFactory(
        code="SR-1", project_manager=pm, status="active", start_date=this_monday() - timedelta(weeks=3)
    )


RATED = {
    "overall_rag": "amber",
    "scope_rag": "green",
    "schedule_rag": "amber",
    "cost_rag": "green",
    "risk_rag": "red",
    "quality_rag": "green",
    "narrative": "接口联调延期一周",
    "achievements": "",
    "next_steps": "",
    "decisions_needed": "",
    "customer_satisfaction": "4",
    "team_morale": "",
}


def test_the_list_shows_every_period_due_with_its_state(client, pm, project):
    weekly_reports(project, this_monday() - timedelta(weeks=3), 1)
    weekly_reports(project, this_monday() - timedelta(weeks=2), 1, submitted_after_days=5)
    client.force_login(pm)

    response = client.get(reverse("projects:status_reports", args=[project.pk]))

    assert response.status_code == 200
    statuses = [row.status for row in response.context["page_obj"]]
    # Newest first: last week's report is due this Monday (open or missing by the weekday), then the
    # late one, then the one on time.
    assert statuses[1:] == ["late", "submitted"]
    assert statuses[0] in ("open", "missing")
    content = response.content.decode()
    assert "Submitted late" in content and "Start the report for" in content


def test_the_list_costs_the_same_queries_at_10_and_200_reports(client, pm, django_assert_num_queries):
    project = ProjectFactory(
        project_manager=pm, status="active", start_date=this_monday() - timedelta(weeks=201)
    )
    client.force_login(pm)
    url = reverse("projects:status_reports", args=[project.pk])
    client.get(url)
    for rows in (10, 200):
        weekly_reports(
            project,
            this_monday() - timedelta(weeks=201 - StatusReport.objects.count()),
            rows - StatusReport.objects.count(),
        )
        with django_assert_num_queries(LIST_PAGE_QUERIES, info=f"{rows} reports"):
            response = client.get(url)
        assert response.status_code == 200
        assert response.context["schedule"].summary.on_time == rows


def test_a_pm_writes_and_submits_a_draft_which_is_then_frozen(client, pm, project):
    client.force_login(pm)
    created = client.post(reverse("projects:status_report_create", args=[project.pk]))
    report = StatusReport.objects.get(project=project)
    assert created.url == reverse("projects:status_report_edit", args=[project.pk, report.pk])
    assert report.period_start == this_monday()

    form = client.get(created.url)
    assert "not yet measured" in form.content.decode()
    refused = client.post(created.url, RATED | {"customer_satisfaction": "9"})
    assert refused.status_code == 400
    saved = client.post(created.url, RATED)
    assert saved.status_code == 302
    confirm = client.get(reverse("projects:status_report_submit", args=[project.pk, report.pk]))
    assert "Once submitted it is frozen" in confirm.content.decode()
    submitted = client.post(reverse("projects:status_report_submit", args=[project.pk, report.pk]))
    assert submitted.url == reverse("projects:status_report", args=[project.pk, report.pk])

    page = client.get(submitted.url)
    assert "frozen" in page.content.decode() and "Edit draft" not in page.content.decode()
    edit = client.get(created.url, follow=True)
    assert "can no longer be changed" in edit.content.decode()
    client.post(created.url, RATED | {"narrative": "Rewritten"})
    assert StatusReport.objects.get(pk=report.pk).narrative == "接口联调延期一周"


def test_submitting_an_incomplete_draft_says_what_is_missing(client, pm, project):
    client.force_login(pm)
    client.post(reverse("projects:status_report_create", args=[project.pk]))
    report = StatusReport.objects.get(project=project)

    response = client.post(reverse("projects:status_report_submit", args=[project.pk, report.pk]))

    assert response.status_code == 400
    assert "Write a summary before submitting." in response.content.decode()
    assert StatusReport.objects.get(pk=report.pk).state == "draft"


def test_a_missing_past_period_can_be_written_from_the_list(client, pm, project):
    client.force_login(pm)
    first = (this_monday() - timedelta(weeks=3)).isoformat()

    client.post(reverse("projects:status_report_create", args=[project.pk]), {"period_start": first})
    bad = client.post(
        reverse("projects:status_report_create", args=[project.pk]),
        {"period_start": "not-a-day"},
        follow=True,
    )

    assert StatusReport.objects.get(project=project).period_start.isoformat() == first
    assert "not a date" in bad.content.decode()


def test_the_pmo_sees_late_and_missing_reports_and_a_pm_may_not(client, pm, pmo, project):
    weekly_reports(project, this_monday() - timedelta(weeks=2), 1, submitted_after_days=6)
    client.force_login(pmo)

    response = client.get(reverse("projects:status_reports_late"))

    statuses = [item.row.status for item in response.context["page_obj"]]
    assert statuses[0] == "missing" and "late" in statuses
    assert "Late reports" in response.content.decode()
    client.force_login(pm)
    assert client.get(reverse("projects:status_reports_late")).status_code == 403


@pytest.mark.parametrize("count", [10, 200])
def test_the_late_page_costs_the_same_queries_at_10_and_200_projects(
    count, client, pmo, django_assert_num_queries
):
    start = this_monday() - timedelta(weeks=4)
    version = published_version()
    for number in range(count):
        project = ProjectFactory(
            status="active", start_date=start, methodology_version=version if number % 2 else None
        )
        weekly_reports(project, start, 2, submitted_after_days=number % 6)
    client.force_login(pmo)

    with django_assert_num_queries(LATE_PAGE_QUERIES, info=f"{count} projects"):
        response = client.get(reverse("projects:status_reports_late"))

    assert response.status_code == 200
    assert response.context["missing_count"] >= count


def test_the_project_page_links_to_its_status_reports(client, pm, project):
    client.force_login(pm)

    response = client.get(reverse("projects:detail", args=[project.pk]))

    assert reverse("projects:status_reports", args=[project.pk]) in response.content.decode()


def test_pmo_staff_write_reports_only_under_a_directive_pmo(client, pmo, project):
    client.force_login(pmo)
    set_pmo_type(PmoType.CONTROLLING)
    assert client.post(reverse("projects:status_report_create", args=[project.pk])).status_code == 403
    set_pmo_type(PmoType.DIRECTIVE)
    assert client.post(reverse("projects:status_report_create", args=[project.pk])).status_code == 302

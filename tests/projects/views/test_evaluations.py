"""The post-project evaluation page: figures against the baseline, the assessment, the lessons learned."""

from decimal import Decimal

import pytest
from django.urls import reverse

from governance.models import PmoSettings
from projects.models import Lesson, LessonTag, PostProjectEvaluation, Status
from projects.services.evaluations import evaluation_submit
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.factories.knowledge import record_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def pm():
    return UserFactory(username="pm", is_project_manager=True)


@pytest.fixture
def closed(pm):
    return ProjectFactory(code="DONE", project_manager=pm, status=Status.CLOSED, budget=Decimal("5000.00"))


def url(project, name="projects:evaluation"):
    return reverse(name, args=[project.pk])


ASSESSMENT = {
    "objectives_met": "partly",
    "rating": "4",
    "went_well": "供应商早期参与",
    "went_badly": "测试环境晚到",
    "recommendations": "提前准备测试环境",
}


def test_the_pm_sees_the_figures_the_lessons_and_the_form(client, pm, closed):
    record_lesson(closed, title="测试环境要提前申请", tags="测试")
    client.force_login(pm)
    response = client.get(url(closed))
    assert response.status_code == 200
    html = response.content.decode()
    assert "5,000.00" in html and "no cost booked" in html
    assert "The project has no baseline" in html
    assert "测试环境要提前申请" in html
    assert f'action="{url(closed)}"' in html and url(closed, "projects:evaluation_submit") in html


def test_saving_a_draft_then_submitting_freezes_the_page(client, pm, closed):
    client.force_login(pm)
    response = client.post(url(closed), ASSESSMENT)
    assert response.status_code == 302 and response.url == url(closed)
    evaluation = PostProjectEvaluation.objects.get(project=closed)
    assert evaluation.state == "draft" and evaluation.rating == 4
    response = client.post(url(closed, "projects:evaluation_submit"), {**ASSESSMENT, "objectives_met": "yes"})
    assert response.status_code == 302
    html = client.get(url(closed)).content.decode()
    assert "the evaluation and its figures are frozen" in html
    assert '<form method="post" action="' + url(closed) not in html
    assert "供应商早期参与" in html
    response = client.post(url(closed), {**ASSESSMENT, "went_well": "Rewritten"})
    assert response.status_code == 400
    assert PostProjectEvaluation.objects.get().went_well == "供应商早期参与"


def test_submitting_without_rating_shows_what_is_missing(client, pm, closed):
    client.force_login(pm)
    response = client.post(url(closed, "projects:evaluation_submit"), {**ASSESSMENT, "rating": ""})
    assert response.status_code == 400
    assert "Fill this in before submitting the evaluation." in response.content.decode()
    assert not PostProjectEvaluation.objects.exists()


def test_a_team_member_reads_it_but_may_not_write_it(client, closed, pm):
    member = UserFactory(is_team_member=True)
    MembershipFactory(project=closed, user=member)
    evaluation_submit(actor=pm, project=closed, objectives_met="no", rating=2, went_badly="范围蔓延")
    client.force_login(member)
    html = client.get(url(closed)).content.decode()
    assert "范围蔓延" in html and "2 / 5" in html and 'name="rating"' not in html
    assert client.post(url(closed), ASSESSMENT).status_code == 403


def test_an_open_project_says_it_has_no_evaluation_yet(client, pm):
    project = ProjectFactory(project_manager=pm, status=Status.ACTIVE)
    client.force_login(pm)
    response = client.get(url(project))
    assert response.status_code == 200
    assert "Only a closed project has a post-project evaluation; this project is Active." in (
        response.content.decode()
    )
    response = client.post(url(project), ASSESSMENT)
    assert response.status_code == 400
    assert "Only a closed project" in response.content.decode()


def test_the_project_page_links_a_closed_projects_evaluation(client, pm, closed):
    client.force_login(pm)
    assert url(closed) in client.get(reverse("projects:detail", args=[closed.pk])).content.decode()
    active = ProjectFactory(project_manager=pm, status=Status.ACTIVE)
    assert url(active) not in client.get(reverse("projects:detail", args=[active.pk])).content.decode()


def test_the_page_reads_in_chinese(client, pm, closed):
    client.force_login(pm)
    client.cookies["django_language"] = "zh-hans"
    html = client.get(url(closed)).content.decode()
    assert "项目后评估" in html and "预算与实际成本对比" in html


# Session, user, the project, the PMO type's settings, the stored evaluation, the figures (latest baseline,
# tasks, costs, changes; a baseline's span adds one), the lessons and their tags: at 10 or 200 lessons.
EVALUATION_PAGE_QUERIES = 12


def test_the_page_keeps_its_query_count_at_10_and_200_lessons(client, pm, closed, django_assert_num_queries):
    PmoSettings.load()
    client.force_login(pm)

    def add(count):
        lessons = Lesson.objects.bulk_create(
            Lesson(project=closed, phase="closing", title=f"Lesson {n}", what_happened="…")
            for n in range(count)
        )
        LessonTag.objects.bulk_create(LessonTag(lesson=lesson, name="tag") for lesson in lessons)

    add(10)
    client.get(url(closed))
    for total in (10, 200):
        add(total - Lesson.objects.count())
        with django_assert_num_queries(EVALUATION_PAGE_QUERIES, info=f"{total} lessons"):
            response = client.get(url(closed))
        assert len(response.context["lessons"]) == total

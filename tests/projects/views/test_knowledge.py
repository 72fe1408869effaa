"""The lessons search page and the project page's knowledge: lessons, similar projects' lessons, comments."""

import pytest
from django.urls import reverse

from governance.models import PmoType
from projects.models import Lesson, ProjectComment
from projects.selectors.knowledge import similar_lessons
from tests.factories import MembershipFactory, PortfolioFactory, ProjectFactory, UserFactory, set_pmo_type
from tests.factories.knowledge import record_lesson
from tests.factories.methodologies import MethodologyFactory, published_version

pytestmark = pytest.mark.django_db

SENTENCE = "由于供应商延期交付，集成测试推迟了两周"
SEARCH_URL = reverse("projects:lessons")


@pytest.fixture
def pmo(client):
    user = UserFactory(is_pmo_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def project():
    return ProjectFactory(name="ERP 供应商门户")


def test_search_page_finds_a_chinese_word_and_links_the_project(client, pmo, project):
    record_lesson(project, title="集成测试推迟", what_happened=SENTENCE, tags="供应商")
    record_lesson(project, title="Training", what_happened="Too few users trained.")
    response = client.get(SEARCH_URL, {"q": "供应商"})
    assert response.status_code == 200
    assert [lesson.title for lesson in response.context["lessons"]] == ["集成测试推迟"]
    assert reverse("projects:detail", args=[project.pk]) in response.content.decode()


def test_search_page_filters_and_answers_htmx_with_the_results_only(client, pmo, project):
    record_lesson(project, title="Cost", category="cost")
    record_lesson(project, title="Risk", category="risk")
    response = client.get(SEARCH_URL, {"category": "risk"}, headers={"HX-Request": "true"})
    assert [lesson.title for lesson in response.context["lessons"]] == ["Risk"]
    assert "<html" not in response.content.decode()


def test_search_page_survives_nonsense_filters(client, pmo, project):
    record_lesson(project, title="Cost")
    response = client.get(
        SEARCH_URL, {"category": "x", "portfolio": "nope", "methodology": "-1", "page": "z"}
    )
    assert response.status_code == 200


def test_search_page_costs_the_same_queries_at_10_and_200_projects(client, pmo, django_assert_num_queries):
    portfolio = PortfolioFactory()
    for projects in (10, 200):
        for _number in range(projects - Lesson.objects.count()):
            record_lesson(ProjectFactory(portfolio=portfolio), what_happened=SENTENCE, tags="供应商")
        # Session, user, the filter's portfolios and methodologies, count, the page, its tags.
        with django_assert_num_queries(7, info=f"{projects} projects"):
            response = client.get(SEARCH_URL, {"q": "供应商"})
        assert response.context["page_obj"].paginator.count == projects


def test_pm_records_a_lesson_on_the_project_page(client, project):
    client.force_login(project.project_manager)
    url = reverse("projects:lesson_add", args=[project.pk])
    data = {
        "title": "供应商延期",
        "phase": "planning",
        "category": "procurement",
        "what_happened": SENTENCE,
        "why": "",
        "recommendation": "合同里写明违约金",
        "tags": "供应商，合同",
    }
    response = client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0].endswith(reverse("projects:detail", args=[project.pk]) + "#lessons")
    assert "合同里写明违约金" in response.content.decode()
    assert Lesson.objects.get().phase == "planning"


def test_a_lesson_with_bad_input_shows_the_error_on_the_field(client, project):
    client.force_login(project.project_manager)
    url = reverse("projects:lesson_add", args=[project.pk])
    data = {
        "title": "x",
        "phase": "planning",
        "category": "risk",
        "what_happened": "x",
        "tags": "a,b,c,d,e,f,g,h,i",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "tags" in response.context["lesson_form"].errors
    assert not Lesson.objects.exists()


def test_only_those_who_may_edit_get_the_lesson_form(client, project):
    member = MembershipFactory(project=project).user
    client.force_login(member)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert reverse("projects:lesson_add", args=[project.pk]) not in page
    assert client.post(reverse("projects:lesson_add", args=[project.pk]), {}).status_code == 403


def test_pmo_comments_and_the_comment_shows_on_the_project_page_and_its_history(client, pmo, project):
    set_pmo_type(PmoType.SUPPORTIVE)
    response = client.post(
        reverse("projects:comment_add", args=[project.pk]), {"text": "请在关口前补齐风险登记册"}, follow=True
    )
    assert "请在关口前补齐风险登记册" in response.content.decode()
    history = client.get(reverse("projects:history", args=[project.pk])).content.decode()
    assert "请在关口前补齐风险登记册" in history and pmo.display_name in history


def test_a_sponsor_sees_comments_but_may_not_comment(client, project):
    sponsor = UserFactory(is_sponsor=True)
    project.sponsor = sponsor
    project.save()
    ProjectComment.objects.create(project=project, author=project.project_manager, text="Kick-off")
    client.force_login(sponsor)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "Kick-off" in page and reverse("projects:comment_add", args=[project.pk]) not in page
    assert client.post(reverse("projects:comment_add", args=[project.pk]), {"text": "x"}).status_code == 403


def test_a_blank_comment_is_refused_on_the_field(client, pmo, project):
    response = client.post(reverse("projects:comment_add", args=[project.pk]), {"text": " "})
    assert response.status_code == 200 and "text" in response.context["comment_form"].errors
    assert not ProjectComment.objects.exists()


def test_similar_lessons_rank_methodology_then_portfolio_then_shared_tags(pmo, project):
    waterfall = published_version(MethodologyFactory(code="pmbok-waterfall-test"))
    project.methodology_version = waterfall
    project.save()
    same_methodology = ProjectFactory(methodology_version=waterfall)
    same_portfolio = ProjectFactory(portfolio=project.portfolio)
    shared_tag = ProjectFactory()
    unrelated = ProjectFactory()
    record_lesson(same_methodology, title="methodology")
    record_lesson(same_portfolio, title="portfolio")
    record_lesson(shared_tag, title="tag", tags="供应商, 培训")  # one word of the project's name
    record_lesson(unrelated, title="unrelated", tags="培训")
    record_lesson(project, title="own")
    assert [lesson.title for lesson in similar_lessons(user=pmo, project=project)] == [
        "methodology",
        "portfolio",
        "tag",
    ]


def test_the_project_page_offers_lessons_from_similar_projects(client, pmo, project):
    record_lesson(ProjectFactory(portfolio=project.portfolio), title="同组合的经验")
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "Lessons from similar projects" in page and "同组合的经验" in page
